/**
 * Filling a message text's placeholders; apart from the catalog (./index.ts), which uses it.
 *
 * A count with its noun: `{count:felt|felter}` is "1 felt", "2 felter" (one form for exactly 1 or
 * -1, the other for every other number, in Danish and English alike). The forms are the words
 * after the number and may hold several words ("{missing:felt er|felter er}"); they hold no
 * `{`, `}` or `|`. A plain `{name}` is filled as it is.
 */
export const PLACEHOLDER = /\{(\w+)(?::([^{}|]*)\|([^{}|]*))?\}/g;

/** Fills `{name}` and `{name:one|other}` placeholders of a text; unknown placeholders stay visible so mistakes show. */
export function fillText(template: string, params: Record<string, string | number>): string {
  return template.replace(PLACEHOLDER, (whole, key: string, one: string | undefined, other: string | undefined) => {
    const value = params[key];
    if (value === undefined) return whole;
    if (one === undefined || other === undefined) return String(value);
    return `${value} ${Math.abs(Number(value)) === 1 ? one : other}`;
  });
}
