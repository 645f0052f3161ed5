/**
 * Rewrites flettespørgsmål keys in a template's field codes, e.g. from the training
 * environment's keys to production's. The key is rewritten where Word stored it, across as many
 * w:instrText runs as it is split over; w:fldSimple instructions too. Keys missing from the map
 * refuse the whole file.
 */
import { diagnostic, KpBrevError, type Diagnostic } from '../diagnostics.js';
import { argumentText } from '../fieldcode/index.js';
import type { FieldNode } from '../ooxml/fields.js';
import { escapeXml } from '../ooxml/xml.js';
import { writeZip, type ZipOutput } from '../ooxml/zip-write.js';
import { locationOf } from './report.js';
import type { Template } from './template.js';
import { QUESTION_PREFIX } from '../fieldcode/names.js';
import { textXml } from '../ooxml/runs.js';

export interface RemapResult {
  docx: Buffer;
  /** old key -> number of places rewritten */
  changed: Map<string, number>;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const PREFIX = QUESTION_PREFIX;

export function remapQuestionKeys(template: Template, map: Readonly<Record<string, string>>): RemapResult {
  const edits = new Map<string, Edit[]>();
  const missing: Diagnostic[] = [];
  const changed = new Map<string, number>();
  const add = (part: string, e: Edit): void => {
    const list = edits.get(part);
    if (list) list.push(e);
    else edits.set(part, [e]);
  };
  for (const f of template.fieldNodes) {
    const ins = f.parsed.instruction;
    if (ins.type !== 'MERGEFIELD' || !ins.name) continue;
    const name = argumentText(ins.name);
    const at = name.indexOf(PREFIX);
    if (at < 0 || name.slice(0, at).trim() !== '') continue;
    const key = name.slice(at + PREFIX.length).trim();
    const target = Object.hasOwn(map, key) ? map[key] : undefined;
    if (target === undefined) {
      missing.push(diagnostic('remap.missing-key', { key }, locationOf(f, template.name)));
      continue;
    }
    if (target === key) continue;
    changed.set(key, (changed.get(key) ?? 0) + 1);
    for (const e of keyEdits(f, key, target)) add(f.story.part, e);
  }
  if (missing.length) throw new KpBrevError('refused', missing);

  const pkg = template.package;
  const outputs: ZipOutput[] = pkg.archive.order.map((name) => {
    const list = edits.get(name);
    const entry = pkg.archive.entries.get(name)!;
    if (!list) return { name, reuse: entry };
    let text = pkg.text(name);
    for (const e of list.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
    return { name, data: Buffer.from(text, 'utf8'), like: entry };
  });
  return { docx: writeZip(outputs), changed };
}

/** Edits that turn `key` into `target` in one field's instruction. */
function keyEdits(f: FieldNode, key: string, target: string): Edit[] {
  const tokens = f.story.tokens;
  if (f.kind === 'simple') {
    const open = tokens[f.begin]!;
    if (open.t !== 'open') return [];
    const tagEnd = open.xml.length;
    const re = new RegExp(`(${PREFIX}\\s*)${escapeRe(escapeXml(key))}(?=[\\s"&]|$)`);
    const xml = open.xml.replace(re, `$1${escapeXml(target)}`);
    return xml === open.xml ? [] : [{ start: open.start, end: open.start + tagEnd, text: xml }];
  }
  const from = f.instruction.indexOf(`${PREFIX}${key}`) + PREFIX.length;
  if (from < PREFIX.length) return [];
  const to = from + key.length;
  // Characters of the key, grouped by the run child they sit in.
  const byToken = new Map<number, { first: number; last: number }>();
  for (let c = from; c < to; c++) {
    const t = f.charToken[c]!;
    const off = f.charOffset[c]!;
    const span = byToken.get(t);
    if (span) span.last = off;
    else byToken.set(t, { first: off, last: off });
  }
  const edits: Edit[] = [];
  let first = true;
  for (const [t, span] of byToken) {
    const tok = tokens[t]!;
    if (tok.t !== 'item') continue;
    const text = tok.text.slice(0, span.first) + (first ? target : '') + tok.text.slice(span.last + 1);
    first = false;
    edits.push({ start: tok.start, end: tok.end, text: textXml(text, tok.kind === 'text' ? 'w:t' : 'w:instrText') });
  }
  return edits;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
