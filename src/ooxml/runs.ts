/**
 * Run markup written in one place: `<w:r>` with its properties and content, and text as
 * `<w:t xml:space="preserve">` (or `w:instrText` inside a field's instruction), escaped. The
 * renderer's writer, composition, the remapper, the authoring helpers and the rule examples
 * write their runs with these.
 */
import { escapeXml } from './xml.js';

/** The element text of a run is written in: `w:t` in the letter, `w:instrText` in a field's instruction. */
export type TextTag = 'w:t' | 'w:instrText';

/** `<w:r{attrs}>{rPr}{content}</w:r>`: `rPr` is a whole `<w:rPr>…</w:rPr>` or empty, `attrs` starts with a space. */
export function runXml(rPr: string, content: string, attrs = ''): string {
  return `<w:r${attrs}>${rPr}${content}</w:r>`;
}

/** `<w:t xml:space="preserve">text</w:t>` (or `w:instrText`), the text escaped. */
export function textXml(text: string, tag: TextTag = 'w:t'): string {
  return escapedTextXml(escapeXml(text), tag);
}

/** As textXml, for text that is XML already (escaped, as read from a part): written as it is. */
export function escapedTextXml(xml: string, tag: TextTag = 'w:t'): string {
  return `<${tag} xml:space="preserve">${xml}</${tag}>`;
}

/** A run of text: `<w:r>{rPr}<w:t xml:space="preserve">text</w:t></w:r>`. */
export function textRunXml(text: string, rPr = '', tag: TextTag = 'w:t'): string {
  return runXml(rPr, textXml(text, tag));
}

/** A run with a line break: `<w:r>{rPr}<w:br/></w:r>`. */
export function breakRunXml(rPr = ''): string {
  return runXml(rPr, '<w:br/>');
}
