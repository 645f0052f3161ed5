/**
 * The Word conformance corpus (test/fixtures/word-conformance): lists every field of every
 * Word-saved .docx there, story by story, with the instruction as kp-brev's reader joins it,
 * Word's cached result, whether that result follows from the document alone (computable, by
 * which rule) or not (why), and whether the cached result is stale. Writes fields.json and
 * prints a summary by field kind.
 *
 *   npx tsx scripts/conformance-extract.ts [--dir DIR] [--out FILE] [--compare] [--compare-out FILE]
 *
 * --compare also runs the conformance harness (scripts/lib/conformance-run.ts, `npm run
 * conformance`) and adds its outcomes to the summary; --compare-out writes each comparison.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareFile, readCorpus, type Comparison } from './lib/conformance-run.js';
import type { Entry, FileInfo } from './lib/conformance-corpus.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const root = join(import.meta.dirname, '..');
const dir = opt('--dir', join(root, 'test', 'fixtures', 'word-conformance'));
const out = opt('--out', join(dir, 'fields.json'));
const compareOut = opt('--compare-out', '');
const doCompare = args.includes('--compare') || compareOut !== '';

const corpus = readCorpus(dir);
const entries: Entry[] = corpus.files.flatMap((f) => f.entries);
const files: FileInfo[] = corpus.infos;
const comparisons: Comparison[] = doCompare ? corpus.files.flatMap(compareFile) : [];

writeFileSync(
  out,
  JSON.stringify(
    {
      about:
        'Fields of the Word conformance corpus: written by scripts/conformance-extract.ts (see NOTES.md). class/reason say whether Word\'s cached result follows from the document alone; stale: true (contradicts its inputs: not ground truth), false (checked), "unknown" (not decided), null (not computable).',
      files,
      fields: entries,
    },
    null,
    1,
  ) + '\n',
);
if (compareOut) writeFileSync(compareOut, JSON.stringify(comparisons, null, 1) + '\n');

// Summary by kind.
interface Row {
  total: number;
  computable: number;
  staleYes: number;
  staleUnknown: number;
  agree: number;
  differ: number;
  refused: number;
  kept: number;
  unreached: number;
}
const rows = new Map<string, Row>();
const row = (k: string): Row => {
  let r = rows.get(k);
  if (!r) rows.set(k, (r = { total: 0, computable: 0, staleYes: 0, staleUnknown: 0, agree: 0, differ: 0, refused: 0, kept: 0, unreached: 0 }));
  return r;
};
for (const e of entries) {
  const r = row(e.kind);
  r.total++;
  if (e.class === 'computable') {
    r.computable++;
    if (e.stale === true) r.staleYes++;
    if (e.stale === 'unknown') r.staleUnknown++;
  }
}
for (const c of comparisons) row(c.kind)[c.outcome]++;
const cols = ['kind', 'fields', 'computable', 'stale', 'stale?', ...(doCompare ? ['agree', 'differ', 'refused', 'kept', 'unreached'] : [])];
const lines = [...rows.entries()]
  .sort((a, b) => b[1].computable - a[1].computable || b[1].total - a[1].total || a[0].localeCompare(b[0]))
  .map(([k, r]) =>
    [k, r.total, r.computable, r.staleYes, r.staleUnknown, ...(doCompare ? [r.agree, r.differ, r.refused, r.kept, r.unreached] : [])].map(String),
  );
const sum = (i: number): string => String(lines.reduce((a, l) => a + Number(l[i]), 0));
lines.push(['TOTAL', ...cols.slice(1).map((_, i) => sum(i + 1))]);
const width = cols.map((c, i) => Math.max(c.length, ...lines.map((l) => l[i]!.length)));
const fmt = (l: string[]): string => l.map((v, i) => (i === 0 ? v.padEnd(width[i]!) : v.padStart(width[i]!))).join('  ');
console.log(fmt(cols));
for (const l of lines) console.log(fmt(l));
const withComputable = files.filter((f) => f.computable > 0).length;
console.log(
  `\n${files.length} files (${files.filter((f) => f.error).length} unreadable), ${withComputable} with computable fields; ${entries.length} fields, ${entries.filter((e) => e.class === 'computable').length} computable, ${entries.filter((e) => e.class === 'computable' && e.stale === false).length} checked not stale; ${files.reduce((a, f) => a + f.commentFields, 0)} fields in comments (not read by kp-brev).`,
);
const evaluable = entries.filter((e) => e.class === 'computable' && e.stale !== true);
const where = new Map<string, number>();
for (const e of evaluable) {
  const at = e.story?.startsWith('tekstboks')
    ? 'text box'
    : e.story?.startsWith('fodnote')
      ? 'footnote'
      : e.story?.startsWith('slutnote')
        ? 'endnote'
        : /header/.test(e.part)
          ? 'header'
          : /footer/.test(e.part)
            ? 'footer'
            : 'body';
  where.set(at, (where.get(at) ?? 0) + 1);
}
console.log(
  `Evaluable (computable, not stale): ${evaluable.length} in ${new Set(evaluable.map((e) => e.file)).size} files; by story: ${[...where].map(([k, n]) => `${k} ${n}`).join(', ')}.`,
);
const bySwitch = new Map<string, number>();
for (const e of entries) if (e.class === 'computable') for (const s of e.switches ?? []) bySwitch.set(s, (bySwitch.get(s) ?? 0) + 1);
if (bySwitch.size)
  console.log(
    `Switches on computable fields: ${[...bySwitch]
      .sort((a, b) => b[1] - a[1])
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')}`,
  );
