/**
 * A paragraph's text as atoms for line breaking: one per character, tab, manual break or
 * inline object, each with its look and measured width (warning about glyphs the font does
 * not draw), and the Unicode line-break opportunities between them (UAX #14, via `linebreak`).
 */
import LineBreaker from 'linebreak';
import type { Location } from '../../diagnostics.js';
import type { Inline, ParagraphBlock } from '../model/types.js';
import type { LineContext } from './line-context.js';
import type { RunLook } from './text.js';

/** Spaces and hyphens drawn with another glyph of the same kind need no word. */
const QUIET_SUBSTITUTES = new Set([0xa0, 0x202f, 0x2009, 0x200a, 0x2007, 0x2011]);

function checkGlyph(look: RunLook, cp: number, ctx: LineContext, where: Location): void {
  const drawn = look.face.drawn(cp);
  if (drawn === cp || (drawn !== undefined && QUIET_SUBSTITUTES.has(cp))) return;
  const code = cp.toString(16).toUpperCase().padStart(4, '0');
  // The font the text is drawn in: there is no fallback to another shipped font for one character.
  const font = look.face.family.replace(/([a-z])([A-Z])/g, '$1 $2');
  if (drawn === undefined) ctx.warn?.('pdf.missing-glyph', { char: String.fromCodePoint(cp), code, font }, where);
  else ctx.warn?.('pdf.glyph-substituted', { char: String.fromCodePoint(cp), code, shown: String.fromCodePoint(drawn) }, where);
}

/** Characters standing for non-text inlines in the break analysis. */
const OBJECT = '\uFFFC';

export interface Atom {
  /** Index into the paragraph's inlines. */
  inline: number;
  look: RunLook;
  ch: string;
  cp: number;
  width: number;
}

export const isSpace = (cp: number): boolean => cp === 0x20 || cp === 0x3000;

/** The paragraph's inlines (list label first), their atoms, and the text the atoms stand for. */
export function paragraphAtoms(block: ParagraphBlock, ctx: LineContext, where: Location): { inlines: Inline[]; atoms: Atom[]; text: string } {
  const looks = ctx.looks;
  const atoms: Atom[] = [];
  let text = '';
  const inlines: Inline[] = labelInlines(block).concat(block.inlines);
  inlines.forEach((inl, index) => {
    if (inl.kind === 'text') {
      const look = looks.look(inl.run, where);
      let s = inl.text;
      if (inl.run.caps || inl.run.smallCaps) s = s.toLocaleUpperCase('da');
      for (const ch of s) {
        const cp = ch.codePointAt(0)!;
        if (cp > 0x7e && cp !== 0xad) checkGlyph(look, cp, ctx, where);
        const w = cp === 0xad ? 0 : look.face.advance(cp) * look.size + inl.run.spacing;
        atoms.push({ inline: index, look, ch, cp, width: w });
        text += ch;
      }
    } else if (inl.kind === 'tab') {
      atoms.push({ inline: index, look: looks.look(inl.run, where), ch: '\t', cp: 9, width: 0 });
      text += '\t';
    } else if (inl.kind === 'break') {
      atoms.push({ inline: index, look: looks.look(inl.run, where), ch: '\n', cp: 10, width: 0 });
      text += '\n';
    } else if (inl.kind === 'image') {
      if (inl.image.anchor) return;
      atoms.push({ inline: index, look: looks.look(inl.run, where), ch: OBJECT, cp: 0xfffc, width: inl.image.width });
      text += OBJECT;
    } else if (inl.kind === 'field') {
      const look = looks.look(inl.run, where);
      for (const ch of ctx.fieldText(inl.field)) {
        const cp = ch.codePointAt(0)!;
        atoms.push({ inline: index, look, ch, cp, width: look.face.advance(cp) * look.size });
        text += ch;
      }
    }
  });
  return { inlines, atoms, text };
}

/** A list paragraph starts with its label and what follows it (a tab or a space). */
function labelInlines(block: ParagraphBlock): Inline[] {
  if (!block.list || !block.listRun || !block.list.text) return [];
  const run = block.listRun;
  const out: Inline[] = [{ kind: 'text', text: block.list.text, run, label: true }];
  if (block.list.level.suffix === 'tab') out.push({ kind: 'tab', run, label: true });
  else if (block.list.level.suffix === 'space') out.push({ kind: 'text', text: ' ', run, label: true });
  return out;
}

/**
 * Break opportunities (positions in UTF-16 units of `text`) mapped to atom indexes: entry i
 * is 1 where a line may break before atom i, 2 where it must.
 */
export function breakOpportunities(atoms: Atom[], text: string): Uint8Array {
  const breakAt = new Uint8Array(atoms.length + 1); // 1: may break before atom i; 2: must
  const unitToAtom = new Int32Array(text.length + 1);
  let u = 0;
  atoms.forEach((a, i) => {
    for (let k = 0; k < a.ch.length; k++) unitToAtom[u + k] = i;
    u += a.ch.length;
  });
  unitToAtom[text.length] = atoms.length;
  const breaker = new LineBreaker(text);
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak())
    breakAt[unitToAtom[b.position]!] = b.required ? 2 : Math.max(1, breakAt[unitToAtom[b.position]!]!);
  // A manual break always ends the line, whatever precedes it. Word and LibreOffice also
  // break after a hyphen between letters or digits ("66-|68"), which UAX #14 keeps together.
  const alnum = (a: Atom | undefined): boolean => a !== undefined && /[\p{L}\p{N}]/u.test(a.ch);
  atoms.forEach((a, i) => {
    if (a.cp === 10) breakAt[i + 1] = 2;
    else if (a.cp === 0x2d && alnum(atoms[i - 1]) && alnum(atoms[i + 1]) && !breakAt[i + 1]) breakAt[i + 1] = 1;
  });
  return breakAt;
}
