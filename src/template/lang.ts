/**
 * The language of a field, as Word decides it for date names: the run's own w:lang, else its
 * character style's, else its paragraph style's (the default paragraph style when none), each
 * with their basedOn chain, else the document defaults.
 */
import { parseStyles, defaultParagraphStyle, type StyleSheet } from '../ooxml/styles.js';
import { langOf, type FieldNode } from '../ooxml/fields.js';
import type { DocxPackage } from '../ooxml/package.js';
import { paragraphOfToken } from '../ooxml/paragraphs.js';

export type LangResolver = (f: FieldNode) => string | undefined;

export function langResolver(pkg: DocxPackage): LangResolver {
  const sheet: StyleSheet | undefined = pkg.stylesPart ? parseStyles(pkg.text(pkg.stylesPart), pkg.stylesPart) : undefined;
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
  return (f) => {
    if (f.lang) return f.lang;
    const tokens = f.story.tokens;
    const firstChar = f.instruction.search(/\S/);
    const tok = firstChar >= 0 ? tokens[f.charToken[firstChar] ?? -1] : undefined;
    const rStyle = tok && tok.t === 'item' ? /<w:rStyle w:val="([^"]+)"/.exec(tok.rPr)?.[1] : undefined;
    const para = f.story.paragraphs[paragraphOfToken(f.story, f.begin)];
    const mark = para ? tokens[para.mark] : undefined;
    const pStyle = mark && mark.t === 'mark' ? /<w:pStyle w:val="([^"]+)"/.exec(mark.pPr)?.[1] : undefined;
    return styleLang(rStyle) ?? styleLang(pStyle ?? paragraphDefault) ?? defaults;
  };
}
