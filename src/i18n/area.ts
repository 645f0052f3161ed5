/** An area of the catalog whose ids share a prefix (`server.busy`), written without it. */
import type { MessageText } from './message-text.js';

/** The texts with `<prefix>.` before each id, typed so that every id stays a MessageId. */
export type Prefixed<P extends string, T> = { readonly [K in keyof T & string as `${P}.${K}`]: T[K] };

export function prefixed<P extends string, T extends Record<string, MessageText>>(prefix: P, texts: T): Prefixed<P, T> {
  const out: Record<string, MessageText> = {};
  for (const [key, text] of Object.entries(texts)) out[`${prefix}.${key}`] = text;
  return out as Prefixed<P, T>;
}
