/**
 * The Word conformance corpus (test/fixtures/word-conformance): every field of a Word-saved
 * .docx, story by story, with Word's cached result, whether that result follows from the
 * document alone (computable, by which rule) or not (why), and whether it is stale; and the
 * evidence that Word saved the file. Used by scripts/conformance-extract.ts (which writes
 * fields.json) and by the conformance harness (scripts/lib/conformance-run.ts).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Template } from '../../src/template/template.js';
import { bookmarks, documentProperties, documentVariables, headingsOf, headingStyles, isFallbackCopy, tableAt } from './conformance-doc.js';
import { classify, switchSummary, type DocFacts } from './conformance-classify.js';
import { seqCheck, seqExpected, staleCheck, type Stale } from './conformance-stale.js';

export interface Entry {
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

export interface FileInfo {
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

/** The .docx files below a folder, sorted, with their paths. */
export function docxFiles(d: string): string[] {
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

/** Every field of a template with its class and stale verdict (entries[i] is tpl.fieldNodes[i]),
 * and the file's evidence. */
export function analyzeCorpusFile(tpl: Template, file: string): { entries: Entry[]; info: FileInfo } {
  const nodes = tpl.fieldNodes;
  const infos = tpl.fields();
  const cached = new Map(nodes.map((f, i) => [f, infos[i]!.cachedResult]));
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
  let computable = 0;
  const places = nodes.map((f) => tableAt(f.story, f.begin));
  const classes = nodes.map((f, i) => classify(f, facts, places[i] !== undefined));
  // A table formula reads the cells of its table: one that holds a field whose result does not
  // follow from the document (DATE) makes the formula's result not follow from it either.
  const uncomputableTables = new Set<string>();
  nodes.forEach((f, i) => {
    const c = classes[i]!;
    // A field without a stored result may still have one Word would compute: not a reason.
    if (!c.computable && places[i] && !/^no cached result|^empty instruction/.test(c.why))
      uncomputableTables.add(`${f.story.part}|${f.story.label}|${places[i]!.table}`);
  });
  const entries = nodes.map((f, i): Entry => {
    const info = infos[i]!;
    const place = places[i];
    let c = classes[i]!;
    if (c.computable && c.kind === '= (table)' && place && uncomputableTables.has(`${f.story.part}|${f.story.label}|${place.table}`)) {
      c = { kind: c.kind, computable: false, why: 'table formula over a table that holds a field not computable from the document (DATE, ...)' };
    }
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
    }
    return entry;
  });
  return { entries, info: { file, ...savedBy(tpl), fields: nodes.length, computable, commentFields: commentFields(tpl) } };
}
