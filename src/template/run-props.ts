/**
 * Run properties of a field's result: Word's default, CHARFORMAT and MERGEFORMAT, and the
 * yellow highlight a preview placeholder wears.
 */
import type { Switch } from '../fieldcode/index.js';
import type { FieldNode } from '../ooxml/fields.js';
import { hasMergeFormat } from './values.js';

/** Run properties of a MERGEFIELD's result: the previous result's with MERGEFORMAT, else the
 * field code's first character's (Word's default and CHARFORMAT). */
export function fieldResultRPr(f: FieldNode, switches: readonly Switch[]): string {
  const tokens = f.story.tokens;
  if (hasMergeFormat(switches) || f.kind === 'simple') {
    const from = f.kind === 'simple' ? f.begin + 1 : f.separate + 1;
    if (f.kind === 'simple' || f.separate >= 0) {
      for (let i = from; i < f.end; i++) {
        const tok = tokens[i]!;
        if (tok.t === 'item' && (tok.kind === 'text' || tok.kind === 'instr')) return tok.rPr;
      }
    }
  }
  for (let k = 0; k < f.instruction.length; k++) {
    if (/\s/.test(f.instruction[k]!)) continue;
    const tok = tokens[f.charToken[k]!];
    if (tok && tok.t === 'item') return tok.rPr;
    break;
  }
  return '';
}

const HIGHLIGHT_BEFORE = [
  'w:u',
  'w:effect',
  'w:bdr',
  'w:shd',
  'w:fitText',
  'w:vertAlign',
  'w:rtl',
  'w:cs',
  'w:em',
  'w:lang',
  'w:eastAsianLayout',
  'w:specVanish',
  'w:oMath',
  'w:rPrChange',
];

/** Run properties with a yellow highlight, in schema order. */
export function withHighlight(rPr: string): string {
  const mark = '<w:highlight w:val="yellow"/>';
  if (!rPr) return `<w:rPr>${mark}</w:rPr>`;
  const body = rPr.replace(/<w:highlight\b[^>]*\/>/g, '');
  let at = body.lastIndexOf('</w:rPr>');
  for (const name of HIGHLIGHT_BEFORE) {
    const i = body.search(new RegExp(`<${name}[\\s/>]`));
    if (i >= 0 && i < at) at = i;
  }
  if (at < 0) return rPr;
  return body.slice(0, at) + mark + body.slice(at);
}
