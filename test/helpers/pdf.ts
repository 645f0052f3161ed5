/**
 * Looking at laid-out letters the way a reader does: the text of each line on each page, with
 * its position, and which structure element (or artifact) each piece belongs to.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from '../../src/diagnostics.js';
import { openPackage } from '../../src/ooxml/package.js';
import { layoutDocx } from '../../src/pdf/index.js';
import type { Item, LaidOutLetter, Page, StructNode, TextItem } from '../../src/pdf/layout/types.js';

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
    l.text = text;
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

/** The PDF/UA checker (a copy of ../shared/tools/pdfua_check.py; needs Debian's python3-pikepdf). */
export const PDFUA_CHECK = join(import.meta.dirname, '../tools/pdfua_check.py');
export const SHARED_PDFUA_CHECK = join(import.meta.dirname, '../../../shared/tools/pdfua_check.py');
export function pdfuaAvailable(): boolean {
  return spawnSync('/usr/bin/python3', ['-c', 'import pikepdf'], { stdio: 'ignore' }).status === 0 && spawnSync('test', ['-f', PDFUA_CHECK]).status === 0;
}

export function pdfuaCheck(pdf: Uint8Array): { ok: boolean; failed: Array<{ id: string; title: string; details?: unknown }> } {
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-ua-'));
  try {
    const file = join(dir, 'a.pdf');
    writeFileSync(file, pdf);
    const r = spawnSync('/usr/bin/python3', [PDFUA_CHECK, file], { encoding: 'utf8' });
    const report = JSON.parse(r.stdout) as { checks: Array<{ id: string; title: string; status: string; details?: unknown }> };
    const failed = report.checks.filter((c) => c.status === 'fail');
    return { ok: r.status === 0 && !failed.length, failed };
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
