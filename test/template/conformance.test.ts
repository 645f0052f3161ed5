/**
 * Issue 11: kp-brev against Word's own results. Every field of the Word-saved corpus
 * (test/fixtures/word-conformance) whose result follows from the document alone, and whose cached
 * result is not stale, is evaluated through the library's real path (template.evaluateFields:
 * the letter made in preview, in document order) and compared with what Word stored. Any
 * disagreement fails; refusals are reported as a figure; the share reproduced may not fall
 * below what has been reached. `npm run conformance` prints the same table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compareFile,
  conformanceTable,
  inLetter,
  listOutcome,
  readCorpus,
  reproduced,
  tally,
  type Comparison,
  type CorpusFile,
} from '../../scripts/lib/conformance-run.js';
import type { Entry } from '../../scripts/lib/conformance-corpus.js';

const dir = join(import.meta.dirname, '../fixtures', 'word-conformance');

/** The share of Word-computable fields in the letter that kp-brev reproduces, as reached: it may
 * only go up (raise it when kp-brev does better). */
const REPRODUCED_FLOOR = 376 / 379;

let files: CorpusFile[];
let comparisons: Comparison[];

beforeAll(() => {
  files = readCorpus(dir).files;
  comparisons = files.flatMap(compareFile);
  const t = tally(comparisons);
  console.log(
    `Word conformance (${files.length} files, ${comparisons.length} fields computable from the document and not stale):\n${conformanceTable(comparisons)}\n` +
      `reproduced ${t.agree} of ${inLetter(t)} in the letter = ${(100 * reproduced(t)).toFixed(1)} %; refused ${t.refused}, left to Word ${t.kept}, not reached ${t.unreached}`,
  );
});

describe('Word conformance corpus against kp-brev', () => {
  it('classifies the fields as fields.json records them', () => {
    const listed = JSON.parse(readFileSync(join(dir, 'fields.json'), 'utf8')) as { fields: Entry[] };
    const now = files.flatMap((f) => f.entries).map((e) => [e.file, e.kind, e.class, e.stale, e.cached]);
    expect(now).toEqual(listed.fields.map((e) => [e.file, e.kind, e.class, e.stale, e.cached]));
  });

  it('compares at least 300 fields from at least 30 files', () => {
    expect(comparisons.length).toBeGreaterThanOrEqual(300);
    expect(new Set(comparisons.map((c) => c.file)).size).toBeGreaterThanOrEqual(30);
  });

  it("gives no field a result other than Word's", () => {
    expect(listOutcome(comparisons, 'differ')).toEqual([]);
  });

  it(`reproduces at least ${(100 * REPRODUCED_FLOOR).toFixed(1)} % of the Word-computable fields in the letter`, () => {
    const t = tally(comparisons);
    expect(t.agree / inLetter(t)).toBeGreaterThanOrEqual(REPRODUCED_FLOOR);
  });
});
