/** An area of the catalog whose ids share a prefix (`server.busy`), written without it. */
import type { Lang } from './lang.js';
import type { MessageText } from './message-text.js';

/** The texts with `<prefix>.` before each id, typed so that every id stays a MessageId. */
export type Prefixed<P extends string, T> = { readonly [K in keyof T & string as `${P}.${K}`]: T[K] };

export function prefixed<P extends string, T extends Record<string, MessageText>>(prefix: P, texts: T): Prefixed<P, T> {
  const out: Record<string, MessageText> = {};
  for (const [key, text] of Object.entries(texts)) out[`${prefix}.${key}`] = text;
  return out as Prefixed<P, T>;
}

/** An area's texts in one language, by their ids without the prefix (`say.render`), for a module that reads the area alone. */
export function textsIn<T extends Record<string, MessageText>>(texts: T, lang: Lang): { readonly [K in keyof T]: string } {
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(texts)) out[key] = text[lang];
  return out as { readonly [K in keyof T]: string };
}
