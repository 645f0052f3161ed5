/**
 * Messages for people: Danish by default, English on request (`--lang en`,
 * `Accept-Language: en`). Developers' identifiers stay English; KP's own terms keep their
 * Danish names in both languages where the domain uses them (flettespørgsmål, beskedskabelon).
 */
import { messages } from './messages.js';

export type Lang = 'da' | 'en';
export type MessageId = keyof typeof messages;

export function isLang(value: unknown): value is Lang {
  return value === 'da' || value === 'en';
}

/** Picks da or en from a `--lang` value or an Accept-Language header; Danish when unsure. */
export function pickLang(value: string | undefined | null): Lang {
  if (!value) return 'da';
  const tags = value
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((t) => t.tag && !Number.isNaN(t.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    if (tag === 'da' || tag.startsWith('da-')) return 'da';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'da';
}

export interface MessageText {
  da: string;
  en: string;
}

/** Messages registered at run time (lint rules carry their own, as ESLint rules do). */
const registered = new Map<string, MessageText>();

export function registerMessages(prefix: string, texts: Record<string, MessageText>): void {
  for (const [key, text] of Object.entries(texts)) registered.set(`${prefix}.${key}`, text);
}

/**
 * A count with its noun: `{count:felt|felter}` is "1 felt", "2 felter" (one form for exactly 1 or
 * -1, the other for every other number, in Danish and English alike). The forms are the words
 * after the number and may hold several words ("{missing:felt er|felter er}"); they hold no
 * `{`, `}` or `|`. A plain `{name}` is filled as it is.
 */
const PLACEHOLDER = /\{(\w+)(?::([^{}|]*)\|([^{}|]*))?\}/g;

/** The plural placeholders of a message text: name, singular form, plural form. */
export function pluralsOf(text: string): Array<{ name: string; one: string; other: string }> {
  return [...text.matchAll(PLACEHOLDER)].filter((m) => m[2] !== undefined).map((m) => ({ name: m[1]!, one: m[2]!, other: m[3]! }));
}

/** Every message of the catalog and every registered one, by id (for checks of the texts). */
export function allMessages(): Map<string, MessageText> {
  return new Map([...Object.entries(messages as Record<string, MessageText>), ...registered]);
}

/** Fills `{name}` and `{name:one|other}` placeholders; unknown placeholders stay visible so mistakes show. */
export function formatMessage(
  id: MessageId | string,
  params: Record<string, string | number>,
  lang: Lang,
): string {
  const entry = (messages as Record<string, MessageText>)[id] ?? registered.get(id);
  if (!entry) return `${id} ${JSON.stringify(params)}`;
  const template = entry[lang];
  return template.replace(PLACEHOLDER, (whole, key: string, one: string | undefined, other: string | undefined) => {
    const value = params[key];
    if (value === undefined) return whole;
    if (one === undefined || other === undefined) return String(value);
    return `${value} ${Math.abs(Number(value)) === 1 ? one : other}`;
  });
}
