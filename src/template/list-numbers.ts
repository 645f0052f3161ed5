/**
 * The list numbers of the body's paragraphs, for REF's paragraph-number switches
 * (`REF _Ref123 \w \h` → `26.3.2`). The body's paragraphs are numbered once per template in
 * document order with the shared list model (ooxml/numbering.ts), each paragraph's list read
 * from its own w:numPr or its style's (paragraph-styles.ts). A paragraph inside a field (an
 * IF's branch, a field's cached result) may or may not be in the letter, and Word numbers the
 * letter's paragraphs: a list with such a paragraph at or before the referenced one has no
 * number here (the REF keeps its cached result). Otherwise the numbers do not depend on the case.
 */
import { ListNumbering, readListLevel, type ListLabel } from '../ooxml/numbering.js';
import { paragraphOfToken } from '../ooxml/paragraphs.js';
import type { DocModel, ListNumbers } from './doc-model-types.js';

/** Numbers the body's paragraphs. */
export function listNumbers(doc: DocModel): ListNumbers {
  const body = doc.stories.find((s) => s.part === doc.pkg.mainPart && s.label === '');
  const lists = new ListNumbering(doc.pkg.numberingPart ? doc.pkg.xml(doc.pkg.numberingPart) : undefined, readListLevel);
  const spans: Array<readonly [number, number]> = doc.fields.filter((f) => f.story === body && !f.parent).map((f) => [f.begin, f.end] as const);
  // A paragraph in a region is there once per item (or not at all): like one in a field.
  for (const r of doc.regions) if (r.story === body) spans.push([r.first - 1, r.last + 1]);
  const inField = (token: number): boolean => spans.some(([b, e]) => b < token && token < e);
  /** Lists (counter keys) with a paragraph that may be left out of the letter. */
  const uncertain = new Set<string>();
  const byParagraph: Array<ListLabel | null | undefined> = [];
  for (const p of body?.paragraphs ?? []) {
    const mark = body!.tokens[p.mark];
    const list = mark?.t === 'mark' ? doc.paragraphStyles.listOf(mark.pPr) : undefined;
    const label = list ? lists.next(list.numId, list.ilvl) : undefined;
    if (label && inField(p.mark)) uncertain.add(label.list);
    byParagraph.push(!label || label.bullet ? undefined : uncertain.has(label.list) ? null : label);
  }
  return {
    at: (story, token) => (story === body ? byParagraph[paragraphOfToken(story, token)] : undefined),
  };
}

/**
 * What REF shows for a numbered paragraph (Word's switches), or undefined where kp-brev does
 * not compute it (the REF keeps its cached result):
 * - `\w` (full context): the numbers of every level down to the paragraph's (`26.3.2`);
 * - `\r` (relative context): the same without the leading levels the REF's own paragraph
 *   shares with it, when the REF stands in a numbered paragraph (kp-brev's reading: the
 *   corpus's \r results are all full numbers; taking the last numbered paragraph before the
 *   REF as its place disagrees with Word on six of them);
 * - `\n` (no context): the paragraph's own level text.
 * Trailing periods are left out. Computed only where the level text holds the number of every
 * level from the first down (`%1.%2.%3`); otherwise Word's reading is unverified here.
 */
export function paragraphNumber(label: ListLabel, mode: 'w' | 'r' | 'n', context: ListLabel | undefined): string | undefined {
  if (mode === 'n') return trim(label.text);
  const raw = label.level.text;
  for (let l = 0, at = 0; l <= label.ilvl; l++) {
    at = raw.indexOf(`%${l + 1}`, at);
    if (at < 0) return undefined;
  }
  if (mode === 'w') return trim(label.text);
  let shared = 0;
  if (context && context !== label && context.list === label.list)
    while (shared < label.ilvl && context.counts[shared] !== undefined && context.counts[shared] === label.counts[shared]) shared++;
  const from = raw.indexOf(`%${shared + 1}`);
  return trim(raw.slice(from).replace(/%([1-9])/g, (_m, d: string) => label.numbers[Number(d) - 1] ?? ''));
}

const trim = (text: string): string => text.replace(/\.+$/, '');
