/** Builds Word-like templates for tests: split instruction runs, proofing marks, rsids. */
import { buildDocx, type DocxParts } from '../../src/authoring/package.js';
import { paragraphXml, type FieldSpec, type FieldStyle, type FormattedText, type RawXml } from '../../src/authoring/fields.js';
import { loadTemplate, type RenderOptions } from '../../src/index.js';
import { toContext } from '../../src/context/context.js';
import { openDocx, type OpenedDocx } from './inspect.js';

export * from '../../src/authoring/fields.js';
export { buildDocx, noteReferenceXml, noteRefXml } from '../../src/authoring/package.js';

/** Word's way of saving: instruction text split every 3 characters, with noise between runs. */
export const WORDLIKE: FieldStyle = { split: 3, noise: true };

export type Piece = string | FormattedText | FieldSpec | RawXml;

export function p(...content: Piece[]): string {
  return paragraphXml(content, '', WORDLIKE);
}

export function pStyled(pPr: string, ...content: Piece[]): string {
  return paragraphXml(content, pPr, WORDLIKE);
}

export function docx(body: string | string[], extra: Omit<DocxParts, 'body'> = {}): Buffer {
  return buildDocx({ body: Array.isArray(body) ? body.join('') : body, ...extra });
}

/** Renders a template with a context (plain object) and opens the letter. */
export function renderDocx(template: Uint8Array, context: unknown, options: RenderOptions = {}): OpenedDocx {
  const t = loadTemplate(template, { name: 'test.docx' });
  const r = t.render(toContext(context), options);
  return openDocx(r.docx);
}
