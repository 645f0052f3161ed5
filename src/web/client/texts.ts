/**
 * The page's words in its language: the catalog's `web.*` texts (src/i18n/messages/web.ts),
 * which the server embeds in the page as JSON in the language it chose, with their
 * placeholders filled by the catalog's own rule (src/i18n/fill.ts: "1 felt", "2 felter").
 */
import { fillText } from '../../i18n/fill.js';
import type { WebTextId } from '../../i18n/messages/web.js';

const texts = JSON.parse(document.getElementById('tekster')?.textContent ?? '{}') as Partial<Record<WebTextId, string>>;

/** The page's language (its <html lang>), which the server's answers are asked in too. */
export const lang: 'da' | 'en' = ['da', 'en'].includes(document.documentElement.lang) ? (document.documentElement.lang as 'da' | 'en') : 'da';

/** A text of the page, its placeholders filled; a text the page lacks shows its id, so the mistake is seen. */
export function say(id: WebTextId, params: Record<string, string | number> = {}): string {
  return fillText(texts[id] ?? id, params);
}
