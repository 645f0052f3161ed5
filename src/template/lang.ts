/**
 * The language of a field, as Word decides it for date names: the run's own w:lang, else what
 * the styles say for its run and paragraph (ooxml/styles/lang.ts: character style, paragraph
 * style, document defaults).
 */
import { packageStyles } from '../ooxml/styles/sheet.js';
import { styleLanguage } from '../ooxml/styles/lang.js';
import type { FieldNode } from '../ooxml/fields.js';
import type { DocxPackage } from '../ooxml/package.js';
import { paragraphOfToken } from '../ooxml/paragraphs.js';

export type LangResolver = (f: FieldNode) => string | undefined;

export function langResolver(pkg: DocxPackage): LangResolver {
  const fromStyles = styleLanguage(packageStyles(pkg));
  return (f) => {
    if (f.lang) return f.lang;
    const tokens = f.story.tokens;
    const firstChar = f.instruction.search(/\S/);
    const tok = firstChar >= 0 ? tokens[f.charToken[firstChar] ?? -1] : undefined;
    const rStyle = tok && tok.t === 'item' ? /<w:rStyle w:val="([^"]+)"/.exec(tok.rPr)?.[1] : undefined;
    const para = f.story.paragraphs[paragraphOfToken(f.story, f.begin)];
    const mark = para ? tokens[para.mark] : undefined;
    const pStyle = mark && mark.t === 'mark' ? /<w:pStyle w:val="([^"]+)"/.exec(mark.pPr)?.[1] : undefined;
    return fromStyles(rStyle, pStyle);
  };
}
