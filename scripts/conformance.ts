/**
 * `npm run conformance`: kp-brev against Word on the conformance corpus
 * (test/fixtures/word-conformance). Prints, by field kind, how many of the fields whose result
 * Word computed from the document alone kp-brev reproduces (agree), gets wrong (differ), refuses,
 * leaves to Word (kept) or does not reach (a branch not taken), and lists every disagreement
 * and refusal. Exit code 1 when any field differs. See scripts/lib/conformance-run.ts.
 *
 *   npm run conformance [-- --dir DIR] [--list refused|kept|unreached|agree]
 */
import { join } from 'node:path';
import { compareFile, conformanceTable, inLetter, listOutcome, readCorpus, reproduced, tally, type Outcome } from './lib/conformance-run.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dir = opt('--dir') ?? join(import.meta.dirname, '..', 'test', 'fixtures', 'word-conformance');
const { files, unreadable } = readCorpus(dir);
const comparisons = files.flatMap(compareFile);
const t = tally(comparisons);
console.log(conformanceTable(comparisons));
console.log(
  `\n${files.length + unreadable.length} files${unreadable.length ? ` (${unreadable.length} unreadable)` : ''}; ${comparisons.length} fields computable from the document and not stale, ` +
    `${inLetter(t)} of them in the letter (${t.unreached} in IF branches not taken).` +
    `\nReproduced: ${t.agree} of ${inLetter(t)} = ${(100 * reproduced(t)).toFixed(1)} %` +
    ` (${t.wordErrors} of them Word's error texts); ${t.differ} differ, ${t.refused} refused, ${t.kept} left to Word.`,
);
const show = (outcome: Outcome, title: string): void => {
  const lines = listOutcome(comparisons, outcome);
  if (lines.length) console.log(`\n${title} (${lines.length}):\n  ${lines.join('\n  ')}`);
};
show('differ', 'Disagreements');
show('refused', 'Refused');
const extra = opt('--list') as Outcome | undefined;
if (extra && extra !== 'differ' && extra !== 'refused') show(extra, extra);
process.exitCode = t.differ > 0 ? 1 : 0;
