/**
 * Messages for people: Danish by default, English on request (`--lang en`,
 * `Accept-Language: en`). Developers' identifiers stay English; KP's own terms keep their
 * Danish names in both languages where the domain uses them (flettespørgsmål, beskedskabelon).
 */
import { fillText, PLACEHOLDER } from './fill.js';
import type { Lang } from './lang.js';
import type { MessageText } from './message-text.js';
import { messages } from './messages.js';

export { isLang, pickLang, type Lang } from './lang.js';
export type { MessageText } from './message-text.js';
export type MessageId = keyof typeof messages;

/** Messages registered at run time (lint rules carry their own, as ESLint rules do). */
const registered = new Map<string, MessageText>();

export function registerMessages(prefix: string, texts: Record<string, MessageText>): void {
  for (const [key, text] of Object.entries(texts)) registered.set(`${prefix}.${key}`, text);
}

/** The plural placeholders of a message text: name, singular form, plural form. */
export function pluralsOf(text: string): Array<{ name: string; one: string; other: string }> {
  return [...text.matchAll(PLACEHOLDER)].filter((m) => m[2] !== undefined).map((m) => ({ name: m[1]!, one: m[2]!, other: m[3]! }));
}

/** Every message of the catalog and every registered one, by id (for checks of the texts). */
export function allMessages(): Map<string, MessageText> {
  return new Map([...Object.entries(messages as Record<string, MessageText>), ...registered]);
}

/** Fills `{name}` and `{name:one|other}` placeholders; unknown placeholders stay visible so mistakes show. */
export function formatMessage(id: MessageId | string, params: Record<string, string | number>, lang: Lang): string {
  const entry = (messages as Record<string, MessageText>)[id] ?? registered.get(id);
  if (!entry) return `${id} ${JSON.stringify(params)}`;
  return fillText(entry[lang], params);
}
