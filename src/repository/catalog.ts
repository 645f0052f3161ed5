/**
 * The catalog loader: reads a catalog file (processes, merge fields, lists, flettespørgsmål) into
 * the shapes of template/catalog-types.ts, with its duplicate and unknown-reference problems.
 * The format is a contract (schemas/catalog.schema.json); extra keys are allowed.
 */
import { readFileSync } from 'node:fs';
import { diagnostic, inputError, KpBrevError, type Diagnostic } from '../diagnostics.js';
import { readDataFile } from './data-file.js';
import type { Catalog, FieldType, ItemFieldDef, ListDef, ProcessDef, FieldDef, QuestionDef } from '../template/catalog-types.js';

interface RawList {
  name: string;
  description?: string;
  processes?: '*' | string[];
  fields?: Array<{ name: string; type?: FieldType; description?: string }>;
  lists?: RawList[];
}

interface RawCatalog {
  processes?: Array<{ id: string; name?: string; variants?: Array<{ id: string; name?: string; terms?: string[] }> }>;
  fields?: Array<{ name: string; type?: FieldType; description?: string; processes: '*' | string[] }>;
  lists?: RawList[];
  questions?: QuestionDef[];
}

export function loadCatalogFile(path: string, displayName = path): Catalog {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw inputError('cli.file-not-found', { file: displayName });
  }
  return parseCatalog(text, displayName);
}

export function parseCatalog(text: string, file = 'catalog.yaml'): Catalog {
  const { data, lineOf } = readDataFile<RawCatalog>(file, text, 'catalog.schema.json');
  const problems: Diagnostic[] = [];
  const dup = (kind: string, id: string, path: Array<string | number>): void => {
    const line = lineOf(path);
    problems.push(diagnostic('repo.duplicate-id', { file, kind, id }, { file, ...(line ? { line } : {}) }));
  };
  const processes = new Map<string, ProcessDef>();
  (data.processes ?? []).forEach((p, i) => {
    if (processes.has(p.id)) dup('proces', p.id, ['processes', i]);
    processes.set(p.id, {
      id: p.id,
      ...(p.name ? { name: p.name } : {}),
      variants: (p.variants ?? []).map((v) => ({ id: v.id, ...(v.name ? { name: v.name } : {}), terms: v.terms ?? [] })),
    });
  });
  const fields = new Map<string, FieldDef>();
  (data.fields ?? []).forEach((f, i) => {
    if (fields.has(f.name)) dup('flettefelt', f.name, ['fields', i]);
    fields.set(f.name, { name: f.name, type: f.type ?? 'tekst', processes: f.processes, ...(f.description ? { description: f.description } : {}) });
  });
  const toList = (l: RawList, processes: '*' | string[], path: Array<string | number>): ListDef => {
    const fieldDefs = new Map<string, ItemFieldDef>();
    (l.fields ?? []).forEach((f, i) => {
      if (fieldDefs.has(f.name)) dup('listefelt', `${l.name}.${f.name}`, [...path, 'fields', i]);
      fieldDefs.set(f.name, { name: f.name, type: f.type ?? 'tekst', ...(f.description ? { description: f.description } : {}) });
    });
    const nested = new Map<string, ListDef>();
    (l.lists ?? []).forEach((n, i) => {
      if (nested.has(n.name)) dup('liste', `${l.name}.${n.name}`, [...path, 'lists', i]);
      nested.set(n.name, toList(n, processes, [...path, 'lists', i]));
    });
    return { name: l.name, processes, fields: fieldDefs, lists: nested, ...(l.description ? { description: l.description } : {}) };
  };
  const lists = new Map<string, ListDef>();
  (data.lists ?? []).forEach((l, i) => {
    if (lists.has(l.name)) dup('liste', l.name, ['lists', i]);
    lists.set(l.name, toList(l, l.processes ?? '*', ['lists', i]));
  });
  const questions = new Map<string, QuestionDef>();
  (data.questions ?? []).forEach((q, i) => {
    if (questions.has(q.key)) dup('flettespørgsmål', q.key, ['questions', i]);
    questions.set(q.key, q);
  });
  (data.fields ?? []).forEach((f, i) => {
    if (f.processes === '*') return;
    f.processes.forEach((p, j) => {
      if (processes.size && !processes.has(p)) {
        const line = lineOf(['fields', i, 'processes', j]);
        problems.push(diagnostic('repo.unknown-ref', { file, entry: `fields[${i}] "${f.name}"`, kind: 'proces', id: p }, { file, ...(line ? { line } : {}) }));
      }
    });
  });
  (data.lists ?? []).forEach((l, i) => {
    if (l.processes === '*' || !l.processes) return;
    l.processes.forEach((p, j) => {
      if (processes.size && !processes.has(p)) {
        const line = lineOf(['lists', i, 'processes', j]);
        problems.push(diagnostic('repo.unknown-ref', { file, entry: `lists[${i}] "${l.name}"`, kind: 'proces', id: p }, { file, ...(line ? { line } : {}) }));
      }
    });
  });
  if (problems.length) throw new KpBrevError('input', problems);
  return { file, processes, fields, lists, questions };
}
