/**
 * PDF syntax written as text in content streams and the structure tree: numbers rounded to
 * three decimals, RGB colours, glyph ids and UTF-16 text strings in hex.
 */
export const fmt = (n: number): string => {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

const colours = new Map<string, string>();

/** An RGB colour's operands (`0 0 0`); a letter uses a few colours on every line, so each is worked out once. */
export function rgb(hex: string): string {
  let c = colours.get(hex);
  if (c === undefined) {
    const v = parseInt(hex, 16);
    c = `${fmt(((v >> 16) & 255) / 255)} ${fmt(((v >> 8) & 255) / 255)} ${fmt((v & 255) / 255)}`;
    if (colours.size < 4096) colours.set(hex, c);
  }
  return c;
}

const HEX4: string[] = Array.from({ length: 4096 }, (_, i) => i.toString(16).toUpperCase().padStart(4, '0'));

export function hex4(n: number): string {
  return HEX4[n] ?? n.toString(16).toUpperCase().padStart(4, '0');
}

/** A PDF text string in UTF-16BE with a byte order mark, as a hex string. */
export function utf16Hex(text: string): string {
  let out = '<FEFF';
  for (let i = 0; i < text.length; i++) out += hex4(text.charCodeAt(i));
  return out + '>';
}
