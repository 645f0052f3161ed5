/**
 * The Word conformance corpus (test/fixtures/word-conformance): lists every field of every
 * Word-saved .docx there, story by story, with the instruction as kp-brev's reader joins it,
 * Word's cached result, whether that result follows from the document alone (computable, by
 * which rule) or not (why), and whether the cached result is stale. Writes fields.json and
 * prints a summary by field kind.
 *
 *   npx tsx scripts/conformance-extract.ts [--dir DIR] [--out FILE] [--compare] [--compare-out FILE]
 *
 * --compare also evaluates each computable field with kp-brev (preview rules, an empty case
 * plus the merge values Word stored inside IF fields) and counts agree / differ / refused /
 * kept (kp-brev leaves the field live, so the letter keeps Word's cached result).
 * Read-only: it uses kp-brev's reader and evaluator, changes nothing in src/.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadTemplate, cachedResult, type Template } from '../src/template/template.js';
import type { FieldNode } from '../src/ooxml/fields.js';
import { evaluate, isLive, type EvalEnv } from '../src/template/evaluate.js';
import { DANISH, ENGLISH } from '../src/format/locale.js';
import type { Out } from '../src/template/outs.js';
import { argumentText } from '../src/fieldcode/index.js';
import { bookmarks, documentProperties, documentVariables, headingsOf, headingStyles, isFallbackCopy, tableAt } from './lib/conformance-doc.js';
import { classify, switchSummary, type DocFacts } from './lib/conformance-classify.js';
import { normalize, seqCheck, seqExpected, staleCheck, type Stale } from './lib/conformance-stale.js';
import { DEFAULT_LIMITS } from '../src/limits.js';

interface Entry {
  file: string;
  part: string;
  story?: string;
  paragraph: number;
  depth: number;
  within?: 'instruction' | 'result';
  /** The copy of a text box in mc:Fallback (Word shows the mc:Choice copy, listed too). */
  fallbackCopy?: true;
  type: string;
  kind: string;
  instruction: string;
  cached: string | null;
  switches?: string[];
  /** Syntax problems kp-brev's parser reports for the instruction (codes). */
  kpBrevProblems?: string[];
  class: 'computable' | 'not-computable';
  reason: string;
  stale: Stale | null;
  staleNote?: string;
}

interface FileInfo {
  file: string;
  application: string;
  appVersion: string;
  fields: number;
  computable: number;
  /** settings.xml holds w:rsids (Word writes them; generators rarely do). */
  rsids: boolean;
  /** Share of body paragraphs with a w:rsidR attribute (Word marks every paragraph it saved). */
  paragraphRsids: number;
  /** Every XML story part starts with Word's own declaration (`<?xml ... standalone="yes"?>` and
   * CRLF, no byte-order mark): System.Xml, lxml and Aspose write it otherwise. */
  wordXml: boolean;
  /** Generator names found in the package parts (Aspose, LibreOffice, docx4j...): should be none. */
  generatorMarks?: string[];
  /** Fields in word/comments.xml: kp-brev's reader does not read comments. */
  commentFields: number;
  error?: string;
}

type Outcome = 'agree' | 'differ' | 'refused' | 'kept';
interface Comparison {
  file: string;
  part: string;
  paragraph: number;
  kind: string;
  instruction: string;
  cached: string;
  outcome: Outcome;
  kpBrev?: string;
  detail?: string;
}

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

function docxFiles(d: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(d).sort()) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) found.push(...docxFiles(p));
    else if (/\.(docx|docm|dotx)$/i.test(name)) found.push(p);
  }
  return found;
}

const GENERATORS = /Aspose|LibreOffice|OpenOffice|docx4j|python-docx|Google Docs|OpenXmlSdk|Open-Xml-PowerTools|officegen|PHPWord|DocX by Xceed|ONLYOFFICE/gi;

/** The evidence that Word saved the file: app.xml, rsids, and no generator's name in the parts. */
function savedBy(tpl: Template): Pick<FileInfo, 'application' | 'appVersion' | 'wordXml' | 'rsids' | 'paragraphRsids' | 'generatorMarks'> {
  const pkg = tpl.package;
  const app = pkg.has('docProps/app.xml') ? pkg.text('docProps/app.xml') : '';
  const settings = pkg.settingsPart ? pkg.text(pkg.settingsPart) : '';
  const body = pkg.text(pkg.mainPart);
  const paras = body.match(/<w:p\b[^>]*>/g) ?? [];
  const marked = paras.filter((p) => /\sw:rsidR="/.test(p)).length;
  // A generator names itself in app.xml's Application or in XML comments; document text that
  // mentions a product (a manual about docx4j) is no mark.
  const marks = new Set<string>();
  const application = /<Application>([^<]*)<\/Application>/.exec(app)?.[1] ?? '';
  for (const m of application.matchAll(GENERATORS)) marks.add(`docProps/app.xml: ${m[0]}`);
  for (const name of pkg.archive.order) {
    if (!/\.(xml|rels)$/i.test(name) || name.startsWith('word/media/')) continue;
    for (const c of pkg.text(name).matchAll(/<!--[\s\S]*?-->/g)) for (const m of c[0].matchAll(GENERATORS)) marks.add(`${name}: ${m[0]}`);
  }
  const declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
  const parts = [pkg.mainPart, ...pkg.storyParts.map((p) => p.part), ...(pkg.settingsPart ? [pkg.settingsPart] : [])];
  const wordXml = parts.every((part) => Buffer.from(pkg.archive.read(part).subarray(0, declaration.length)).toString('latin1') === declaration);
  return {
    application,
    wordXml,
    appVersion: /<AppVersion>([^<]*)<\/AppVersion>/.exec(app)?.[1] ?? '',
    rsids: /<w:rsids>/.test(settings),
    paragraphRsids: paras.length ? Math.round((100 * marked) / paras.length) / 100 : 0,
    ...(marks.size ? { generatorMarks: [...marks].slice(0, 5) } : {}),
  };
}

function commentFields(tpl: Template): number {
  const pkg = tpl.package;
  const part = pkg.mainRels.find((r) => r.type === 'comments')?.part;
  if (!part || !pkg.has(part)) return 0;
  const text = pkg.text(part);
  return (text.match(/w:fldCharType="begin"/g) ?? []).length + (text.match(/<w:fldSimple\b/g) ?? []).length;
}

/** Merge values Word stored inside updated IF/formula fields: the inputs of those fields. */
function storedMergeValues(nodes: readonly FieldNode[], cached: Map<FieldNode, string | undefined>): Record<string, string> {
  const values = new Map<string, string | null>();
  for (const f of nodes) {
    const ins = f.parsed.instruction;
    if (ins.type !== 'MERGEFIELD' || !f.parent || !f.inInstruction || !ins.name) continue;
    const value = cached.get(f);
    if (value === undefined || switchSummary(f).length) continue;
    const name = argumentText(ins.name).trim();
    const before = values.get(name);
    values.set(name, before === undefined || before === value ? value : null);
  }
  const outv: Record<string, string> = {};
  for (const [k, v] of values) if (v !== null) outv[k] = v;
  return outv;
}

function letterText(outs: readonly Out[], f: FieldNode): string {
  let s = '';
  for (const o of outs) {
    if (o.o === 'text') s += o.text;
    else if (o.o === 'tab') s += '\t';
    else if (o.o === 'br') s += '\n';
    else if (o.o === 'live') s += cachedResult(o.field) ?? '';
    else {
      const tok = f.story.tokens[o.i]!;
      if (tok.t === 'mark') s += '\r';
      else if (tok.t === 'item' && (tok.kind === 'char' || tok.kind === 'text')) s += tok.text;
    }
  }
  return s;
}

function compareField(f: FieldNode, tpl: Template, fields: Record<string, string>, cached: string): { outcome: Outcome; kpBrev?: string; detail?: string } {
  if (isLive(f)) return { outcome: 'kept' };
  const lang = (f.lang ?? tpl.defaultLang ?? '').toLowerCase();
  const env: EvalEnv = {
    ctx: { fields, questions: {} },
    preview: true,
    lang: 'en',
    template: tpl.name,
    defaultLang: tpl.defaultLang,
    numberLocale: lang.startsWith('da') ? DANISH : ENGLISH,
    diagnostics: [],
    stats: { merged: 0, missing: 0 },
    merged: { chars: 0, limit: DEFAULT_LIMITS.mergedText },
  };
  const r = evaluate(f, env);
  const text = letterText(r.outs, f);
  if (env.diagnostics.length || env.stats.missing) {
    const detail = env.diagnostics.map((d) => d.code).join(', ') || 'missing merge value';
    return { outcome: 'refused', detail };
  }
  return normalize(text) === normalize(cached) ? { outcome: 'agree', kpBrev: text } : { outcome: 'differ', kpBrev: text };
}

const entries: Entry[] = [];
const files: FileInfo[] = [];
const comparisons: Comparison[] = [];
for (const path of docxFiles(dir)) {
  const file = relative(dir, path);
  let tpl: Template;
  try {
    tpl = loadTemplate(readFileSync(path), { name: file });
  } catch (err) {
    files.push({ file, application: '', appVersion: '', wordXml: false, rsids: false, paragraphRsids: 0, fields: 0, computable: 0, commentFields: 0, error: err instanceof Error ? err.message : String(err) });
    continue;
  }
  const nodes = tpl.fieldNodes;
  const infos = tpl.fields();
  const cached = new Map<FieldNode, string | undefined>(nodes.map((f, i) => [f, infos[i]!.cachedResult]));
  const typed = new Map<string, string>();
  const facts: DocFacts = {
    props: documentProperties(tpl.package, typed),
    typed,
    vars: documentVariables(tpl.package),
    bookmarks: bookmarks(tpl.stories.map((s) => s.story)),
    cached,
  };
  const body = tpl.stories.find((s) => s.story.part === tpl.package.mainPart && !s.story.label)?.story;
  const seq = seqExpected(nodes, body ? headingsOf(body, headingStyles(tpl.package)) : []);
  const mergeValues = doCompare ? storedMergeValues(nodes, cached) : {};
  let computable = 0;
  nodes.forEach((f, i) => {
    const info = infos[i]!;
    const place = tableAt(f.story, f.begin);
    const c = classify(f, facts, place !== undefined);
    const entry: Entry = {
      file,
      part: info.part,
      ...(info.story ? { story: info.story } : {}),
      paragraph: info.paragraph,
      depth: info.depth,
      ...(info.within ? { within: info.within } : {}),
      ...(isFallbackCopy(f.story) ? { fallbackCopy: true as const } : {}),
      type: info.type,
      kind: c.kind,
      instruction: info.instruction,
      cached: info.cachedResult ?? null,
      class: c.computable ? 'computable' : 'not-computable',
      reason: c.why,
      stale: null,
    };
    const problems = f.parsed.problems.filter((p) => p.code !== 'syntax.empty').map((p) => p.code);
    if (problems.length) entry.kpBrevProblems = problems;
    const sw = switchSummary(f);
    if (sw.length) entry.switches = sw;
    if (c.computable) {
      computable++;
      const check = c.kind === 'SEQ' ? seqCheck(f, seq.get(f), info.cachedResult ?? '') : staleCheck(f, c.kind, facts, place);
      entry.stale = check.stale;
      entry.staleNote = check.note;
      if (doCompare && check.stale !== true) {
        const r = compareField(f, tpl, mergeValues, info.cachedResult ?? '');
        comparisons.push({ file, part: info.part, paragraph: info.paragraph, kind: c.kind, instruction: info.instruction, cached: info.cachedResult ?? '', ...r });
      }
    }
    entries.push(entry);
  });
  files.push({ file, ...savedBy(tpl), fields: nodes.length, computable, commentFields: commentFields(tpl) });
}

writeFileSync(
  out,
  JSON.stringify(
    {
      about: 'Fields of the Word conformance corpus: written by scripts/conformance-extract.ts (see NOTES.md). class/reason say whether Word\'s cached result follows from the document alone; stale: true (contradicts its inputs: not ground truth), false (checked), "unknown" (not decided), null (not computable).',
      files,
      fields: entries,
    },
    null,
    1,
  ) + '\n',
);
if (compareOut) writeFileSync(compareOut, JSON.stringify(comparisons, null, 1) + '\n');

// Summary by kind.
interface Row { total: number; computable: number; staleYes: number; staleUnknown: number; agree: number; differ: number; refused: number; kept: number }
const rows = new Map<string, Row>();
const row = (k: string): Row => {
  let r = rows.get(k);
  if (!r) rows.set(k, (r = { total: 0, computable: 0, staleYes: 0, staleUnknown: 0, agree: 0, differ: 0, refused: 0, kept: 0 }));
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
const cols = ['kind', 'fields', 'computable', 'stale', 'stale?', ...(doCompare ? ['agree', 'differ', 'refused', 'kept'] : [])];
const lines = [...rows.entries()]
  .sort((a, b) => b[1].computable - a[1].computable || b[1].total - a[1].total || a[0].localeCompare(b[0]))
  .map(([k, r]) => [k, r.total, r.computable, r.staleYes, r.staleUnknown, ...(doCompare ? [r.agree, r.differ, r.refused, r.kept] : [])].map(String));
const sum = (i: number): string => String(lines.reduce((a, l) => a + Number(l[i]), 0));
lines.push(['TOTAL', ...cols.slice(1).map((_, i) => sum(i + 1))]);
const width = cols.map((c, i) => Math.max(c.length, ...lines.map((l) => l[i]!.length)));
const fmt = (l: string[]): string => l.map((v, i) => (i === 0 ? v.padEnd(width[i]!) : v.padStart(width[i]!))).join('  ');
console.log(fmt(cols));
for (const l of lines) console.log(fmt(l));
const withComputable = files.filter((f) => f.computable > 0).length;
console.log(`\n${files.length} files (${files.filter((f) => f.error).length} unreadable), ${withComputable} with computable fields; ${entries.length} fields, ${entries.filter((e) => e.class === 'computable').length} computable, ${entries.filter((e) => e.class === 'computable' && e.stale === false).length} checked not stale; ${files.reduce((a, f) => a + f.commentFields, 0)} fields in comments (not read by kp-brev).`);
const evaluable = entries.filter((e) => e.class === 'computable' && e.stale !== true);
const where = new Map<string, number>();
for (const e of evaluable) {
  const at = e.story?.startsWith('tekstboks') ? 'text box' : e.story?.startsWith('fodnote') ? 'footnote' : e.story?.startsWith('slutnote') ? 'endnote' : /header/.test(e.part) ? 'header' : /footer/.test(e.part) ? 'footer' : 'body';
  where.set(at, (where.get(at) ?? 0) + 1);
}
console.log(`Evaluable (computable, not stale): ${evaluable.length} in ${new Set(evaluable.map((e) => e.file)).size} files; by story: ${[...where].map(([k, n]) => `${k} ${n}`).join(', ')}.`);
const bySwitch = new Map<string, number>();
for (const e of entries) if (e.class === 'computable') for (const s of e.switches ?? []) bySwitch.set(s, (bySwitch.get(s) ?? 0) + 1);
if (bySwitch.size) console.log(`Switches on computable fields: ${[...bySwitch].sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s} ${n}`).join(', ')}`);

