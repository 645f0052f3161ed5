/**
 * Looking at laid-out letters the way a reader does: the text of each line on each page, with
 * its position, and which structure element (or artifact) each piece belongs to.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import PizZip from 'pizzip';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseContextText, type CaseContext } from '../../src/context/context.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { openPackage } from '../../src/ooxml/package.js';
import { layoutDocx } from '../../src/pdf/index.js';
import type { Item, LaidOutLetter, Page, StructNode, TextItem } from '../../src/pdf/layout/types.js';
import { TemplateRepository } from '../../src/repository/repository.js';
import { loadTemplate, type Template } from '../../src/template/template.js';

export function layOut(docx: Uint8Array, name = 'test.docx'): { letter: LaidOutLetter; warnings: Diagnostic[] } {
  const warnings: Diagnostic[] = [];
  const letter = layoutDocx({ name, pkg: openPackage(docx) }, warnings);
  return { letter, warnings };
}

export interface LineView {
  /** Baseline, points from the top. */
  y: number;
  x: number;
  right: number;
  text: string;
  items: TextItem[];
}

/** Text items grouped into lines by baseline (within 0.5 pt), left to right. */
export function lines(page: Page, filter: (it: TextItem) => boolean = () => true): LineView[] {
  const texts = page.items.filter((i): i is TextItem => i.kind === 'text' && filter(i));
  const out: LineView[] = [];
  for (const t of [...texts].sort((a, b) => a.y - b.y || a.x - b.x)) {
    let line = out.find((l) => Math.abs(l.y - t.y) < 0.5);
    if (!line) {
      line = { y: t.y, x: t.x, right: t.x + t.width, text: '', items: [] };
      out.push(line);
    }
    line.items.push(t);
  }
  for (const l of out) {
    l.items.sort((a, b) => a.x - b.x);
    l.x = l.items[0]!.x;
    l.right = Math.max(...l.items.map((i) => i.x + i.width));
    let text = '';
    let end = l.x;
    for (const it of l.items) {
      if (text && it.x - end > 0.5 && !text.endsWith(' ')) text += ' ';
      text += it.text;
      end = it.x + it.width;
    }
    // A line's last item may end in the space glyph that keeps a wrapped line's word boundary.
    l.text = text.trimEnd();
  }
  return out.sort((a, b) => a.y - b.y);
}

/** Lines of the body (not headers, footers or other artifacts). */
export function bodyLines(page: Page): LineView[] {
  return lines(page, (t) => typeof t.tag !== 'string');
}

export function allText(letter: LaidOutLetter): string[] {
  return letter.pages.flatMap((p) => bodyLines(p).map((l) => l.text));
}

/** The structure tree as nested type names, content items left out: ["Document", [["P"], ["L", ...]]]. */
export function structure(node: StructNode): unknown[] {
  const kids = node.kids.filter((k): k is StructNode => 'type' in k);
  return kids.length ? [node.type, kids.map(structure)] : [node.type];
}

export function find(node: StructNode, type: string): StructNode[] {
  const out: StructNode[] = node.type === type ? [node] : [];
  for (const k of node.kids) if ('type' in k) out.push(...find(k, type));
  return out;
}

/** Text of the content items that belong to a structure element (not its children). */
export function ownText(node: StructNode): string {
  return node.kids
    .filter((k): k is Item => !('type' in k))
    .map((i) => (i.kind === 'text' ? i.text : ''))
    .join('');
}

export function hasTool(cmd: string, args: string[] = ['--version']): boolean {
  return spawnSync(cmd, args).status === 0;
}

/** The PDF/UA checker (../shared/tools/pdfua_check.py plus PDF/A rules; needs Debian's python3-pikepdf). */
export const PDFUA_CHECK = join(import.meta.dirname, '../tools/pdfua_check.py');
/** The workplace's checker as it is, carried so that a clone without ../shared tests against it too. */
export const ORIGINAL_PDFUA_CHECK = join(import.meta.dirname, '../tools/shared/pdfua_check.py');
/** The workplace's checker itself, when ../shared lies beside the repository (not in a clean clone, nor in CI). */
export const SHARED_PDFUA_CHECK = join(import.meta.dirname, '../../../shared/tools/pdfua_check.py');
export function pdfuaAvailable(): boolean {
  return spawnSync('/usr/bin/python3', ['-c', 'import pikepdf'], { stdio: 'ignore' }).status === 0 && spawnSync('test', ['-f', PDFUA_CHECK]).status === 0;
}

export interface CheckReport {
  ok: boolean;
  failed: Array<{ id: string; title: string; details?: unknown }>;
  checks: Array<{ id: string; title: string; status: string; details?: unknown }>;
}

/** The project's checker (PDF/UA-1 and PDF/A rules), or another copy of it (`checker`). */
export function pdfuaCheck(pdf: Uint8Array, checker = PDFUA_CHECK): CheckReport {
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-ua-'));
  try {
    const file = join(dir, 'a.pdf');
    writeFileSync(file, pdf);
    const r = spawnSync('/usr/bin/python3', [checker, file], { encoding: 'utf8' });
    const report = JSON.parse(r.stdout) as { checks: CheckReport['checks'] };
    const failed = report.checks.filter((c) => c.status === 'fail');
    return { ok: r.status === 0 && !failed.length, failed, checks: report.checks };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The URI of every link annotation in a PDF, read by pikepdf (an independent parser). */
export function pdfLinkTargets(pdf: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-links-'));
  try {
    const file = join(dir, 'a.pdf');
    writeFileSync(file, pdf);
    const script =
      'import json, sys, pikepdf\n' +
      'pdf = pikepdf.open(sys.argv[1])\n' +
      'out = [str(a.A.URI) for p in pdf.pages for a in p.obj.get("/Annots", []) if a.get("/Subtype") == "/Link" and "/A" in a and "/URI" in a.A]\n' +
      'print(json.dumps(out))\n';
    const r = spawnSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as string[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every sample letter and case: the repository's letters (with Sønderborg's overrides) and the single-file sample. */
export interface SampleLetter {
  name: string;
  template: Template;
  context: CaseContext;
  title: string | undefined;
}

export function sampleLetters(): SampleLetter[] {
  const root = join(import.meta.dirname, '../..');
  const repo = TemplateRepository.open(join(root, 'templates'));
  const out: SampleLetter[] = [];
  const dir = join(root, 'samples/sager');
  for (const id of readdirSync(dir).sort()) {
    for (const file of readdirSync(join(dir, id)).sort()) {
      const context = parseContextText(readFileSync(join(dir, id, file), 'utf8'));
      const central = repo.compile(id);
      out.push({ name: `${id}/${file}`, template: central.template, context, title: central.def.digitalPostTitle });
      if (repo.letter(id, '540').message.override) {
        const own = repo.compile(id, '540');
        out.push({ name: `540/${id}/${file}`, template: own.template, context, title: own.def.digitalPostTitle });
      }
    }
  }
  const single = loadTemplate(readFileSync(join(root, 'samples/enkeltbrev/bevilling-helbredstillaegskort.docx')), {
    name: 'bevilling-helbredstillaegskort.docx',
  });
  for (const c of ['karen-jensen', 'poul-nielsen'])
    out.push({
      name: `enkeltbrev/${c}`,
      template: single,
      context: parseContextText(readFileSync(join(root, `samples/enkeltbrev/${c}.json`), 'utf8')),
      title: undefined,
    });
  return out;
}

/** The tagged-text comparison (test/tools/tagged_text.py: poppler's pdfinfo -struct-text against the .docx's words). */
export const TAGGED_TEXT = join(import.meta.dirname, '../tools/tagged_text.py');
export interface TaggedTextReport {
  ok: boolean;
  paragraphs: { pdf: number; docx: number };
  mismatches: Array<{ paragraph: number; pdf: string; docx: string }>;
  run_together: string[];
}
export function taggedText(pdf: Uint8Array, docx: Uint8Array): TaggedTextReport {
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-tt-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), pdf);
    writeFileSync(join(dir, 'a.docx'), docx);
    const r = spawnSync('/usr/bin/python3', [TAGGED_TEXT, join(dir, 'a.pdf'), join(dir, 'a.docx')], { encoding: 'utf8' });
    if (r.status === 2 || !r.stdout) throw new Error(r.stderr || r.stdout);
    return JSON.parse(r.stdout) as TaggedTextReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Apache PDFBox Preflight (Debian's libpdfbox2-java with the javax.activation and JAXB jars it needs on Java 17). */
export const PREFLIGHT_CLASSPATH = ['preflight', 'pdfbox2', 'fontbox2', 'xmpbox', 'commons-logging', 'javax.activation', 'jaxb-api'].map(
  (j) => `/usr/share/java/${j}.jar`,
);
export function preflightAvailable(): boolean {
  return hasTool('java', ['-version']) && PREFLIGHT_CLASSPATH.every((jar) => existsSync(jar));
}

export interface PreflightResult {
  name: string;
  valid: boolean;
  errors: Array<{ code: string; details: string }>;
}

/** Runs Preflight (PDF/A-1b) once over several PDFs (its "group" mode), one result per PDF in order. */
export function preflight(pdfs: Array<{ name: string; pdf: Uint8Array }>): PreflightResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-preflight-'));
  try {
    const files = pdfs.map((p, i) => {
      const file = join(dir, `${i}.pdf`);
      writeFileSync(file, p.pdf);
      return file;
    });
    writeFileSync(join(dir, 'list.txt'), files.join('\n') + '\n');
    const r = spawnSync('java', ['-cp', PREFLIGHT_CLASSPATH.join(':'), 'org.apache.pdfbox.preflight.Validator_A1b', 'xml', 'group', join(dir, 'list.txt')], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    const xml = readFileSync(join(dir, 'list.txt.preflight.xml'), 'utf8');
    const reports = [...xml.matchAll(/<preflight name="(\d+)\.pdf">([\s\S]*?)<\/preflight>/g)];
    if (reports.length !== pdfs.length) throw new Error(`Preflight reported on ${reports.length} of ${pdfs.length} files: ${r.stderr}`);
    return reports.map((m) => ({
      name: pdfs[Number(m[1])]!.name,
      valid: /<isValid[^>]*>true<\/isValid>/.test(m[2]!),
      errors: [...m[2]!.matchAll(/<code>([^<]*)<\/code>\s*<details>([^<]*)<\/details>/g)].map((e) => ({ code: e[1]!, details: e[2]! })),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Edits a PDF with pikepdf (an independent writer) by a Python snippet working on `pdf`. */
export function pikepdfEdit(pdf: Uint8Array, snippet: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-edit-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const script = `import sys, pikepdf\nfrom pikepdf import Name, Dictionary, Array\npdf = pikepdf.open(sys.argv[1])\n${snippet}\npdf.save(sys.argv[2], static_id=True)\n`;
    const r = spawnSync('/usr/bin/python3', ['-c', script, join(dir, 'in.pdf'), join(dir, 'out.pdf')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return readFileSync(join(dir, 'out.pdf'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A .docx with its settings' layout version changed (`undefined`: no compatibilityMode, as Word 2007 saves). */
export function withCompatibilityMode(docx: Uint8Array, mode: number | undefined): Uint8Array {
  const zip = new PizZip(docx);
  const settings = zip.file('word/settings.xml')!.asText();
  const setting = /<w:compatSetting w:name="compatibilityMode"[^>]*\/>/;
  zip.file(
    'word/settings.xml',
    settings.replace(
      setting,
      mode === undefined ? '' : `<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="${mode}"/>`,
    ),
  );
  return zip.generate({ type: 'uint8array' });
}

/** A body paragraph and, below it, a bordered two-column table whose cells have Word's default 5.4 pt side margins. */
export function tableLetterBody(): string {
  const cell = (t: string): string =>
    `<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:t>${t}</w:t></w:r></w:p></w:tc>`;
  const b =
    '<w:tblBorders><w:top w:val="single" w:sz="4" w:color="000000"/><w:left w:val="single" w:sz="4" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:color="000000"/><w:right w:val="single" w:sz="4" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:color="000000"/></w:tblBorders>';
  return (
    '<w:p><w:r><w:t>Brødtekst over tabellen</w:t></w:r></w:p>' +
    `<w:tbl><w:tblPr><w:tblW w:w="8000" w:type="dxa"/>${b}<w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid>` +
    `<w:tr>${cell('Celletekst')}${cell('Anden')}</w:tr><w:tr>${cell('Medicin')}${cell('85')}</w:tr></w:tbl>` +
    '<w:p><w:r><w:t>Brødtekst under tabellen</w:t></w:r></w:p>'
  );
}
