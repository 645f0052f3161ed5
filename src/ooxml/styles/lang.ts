/**
 * The language (w:lang) a run has through the styles, as Word decides it for date names: its
 * character style's, else its paragraph style's (the default paragraph style when none), each
 * with their basedOn chain, else the document defaults. The run's own w:lang comes before all
 * of these and is the caller's.
 */
import { langOf } from '../fields.js';
import { defaultParagraphStyle, type StyleSheet } from './sheet.js';

export type StyleLanguage = (runStyle: string | undefined, paragraphStyle: string | undefined) => string | undefined;

export function styleLanguage(sheet: StyleSheet | undefined): StyleLanguage {
  const defaults = sheet?.docDefaults ? langOf(sheet.docDefaults) : undefined;
  const cache = new Map<string, string | undefined>();
  const styleLang = (id: string | undefined, depth = 0): string | undefined => {
    if (!id || !sheet || depth > 20) return undefined;
    if (cache.has(id)) return cache.get(id);
    const def = sheet.styles.get(id);
    let lang: string | undefined;
    if (def) {
      const rPr = /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(def.xml)?.[1];
      lang = (rPr ? langOf(rPr) : undefined) ?? styleLang(def.basedOn, depth + 1);
    }
    cache.set(id, lang);
    return lang;
  };
  const paragraphDefault = sheet ? defaultParagraphStyle(sheet)?.id : undefined;
  return (runStyle, paragraphStyle) => styleLang(runStyle) ?? styleLang(paragraphStyle ?? paragraphDefault) ?? defaults;
}
