/**
 * The catalog: processes (with variants and their telltale terms), merge fields (type and the
 * processes that provide them) and flettespørgsmål (text, default answer, environment).
 * The format is a contract (schemas/catalog.schema.json); extra keys are allowed.
 */
import { readFileSync } from 'node:fs';
import { diagnostic, inputError, KpBrevError, type Diagnostic } from '../diagnostics.js';
import { readDataFile } from './data-file.js';

export type FieldType = 'tekst' | 'beloeb' | 'dato' | 'procent' | 'cpr';
export type Environment = 'production' | 'training';

export interface VariantDef {
  id: string;
  name?: string;
  terms: string[];
}

export interface ProcessDef {
  id: string;
  name?: string;
  variants: VariantDef[];
}

export interface FieldDef {
  name: string;
  type: FieldType;
  description?: string;
  /** Process ids, or '*' for every process. */
  processes: '*' | string[];
}

export interface QuestionDef {
  key: string;
  text?: string;
  default?: 'J' | 'N';
  env?: Environment;
}

export interface Catalog {
  readonly file: string;
  readonly processes: ReadonlyMap<string, ProcessDef>;
  readonly fields: ReadonlyMap<string, FieldDef>;
  readonly questions: ReadonlyMap<string, QuestionDef>;
}

interface RawCatalog {
  processes?: Array<{ id: string; name?: string; variants?: Array<{ id: string; name?: string; terms?: string[] }> }>;
  fields?: Array<{ name: string; type?: FieldType; description?: string; processes: '*' | string[] }>;
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
  if (problems.length) throw new KpBrevError('input', problems);
  return { file, processes, fields, questions };
}

/** Whether a process provides a field. */
export function provides(field: FieldDef, process: string): boolean {
  return field.processes === '*' || field.processes.includes(process);
}
