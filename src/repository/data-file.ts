/**
 * YAML or JSON data files (catalog, manifests) read and validated against a JSON Schema, with
 * errors that name the file, the entry, the line and the problem, in Danish or English.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { diagnostic, KpBrevError, type Diagnostic } from '../diagnostics.js';
import { jsonErrorMessage, parseJson, pointerSegments } from '../json-text.js';
import { parseYamlSubset } from './yaml-subset.js';

/** The `yaml` package, loaded when a file is not of the subset yaml-subset.ts reads (or a line
 * is asked for): a repository whose files all are loads none of its modules. */
let yamlPackage: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlPackage ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

/**
 * A YAML (or JSON) text's value, as the `yaml` package's `parse` gives it: read by the subset
 * reader when the text is of its subset (the same value), by `yaml` (loaded then) otherwise.
 * Throws what `parse` throws.
 */
export function parseYaml(text: string): unknown {
  return parseYamlSubset(text) ?? yaml().parse(text, { maxAliasCount: 100 });
}

const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../schemas');

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();

/** A schema from schemas/ by file name (catalog.schema.json, ...). */
export function schema(name: string): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    v = ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, name), 'utf8')) as object);
    compiled.set(name, v);
  }
  return v;
}

export function schemaJson(name: string): unknown {
  return JSON.parse(readFileSync(join(SCHEMA_DIR, name), 'utf8'));
}

export interface DataFile<T> {
  file: string;
  data: T;
  /** Line (1-based) of a JSON-pointer-like path, when known. */
  lineOf(path: Array<string | number>): number | undefined;
}

/** Parses YAML (JSON is YAML) and validates it; throws KpBrevError with every problem. */
export function readDataFile<T>(file: string, text: string, schemaName: string): DataFile<T> {
  const parsed = parseDataFile<T>(file, text);
  validateData(parsed.data, schemaName, (path) => {
    const line = parsed.lineOf(path);
    return { file, ...(line !== undefined ? { line } : {}) };
  });
  return parsed;
}

/** Parses YAML (JSON is YAML) without validating it; throws KpBrevError on a syntax error. */
export function parseDataFile<T>(file: string, text: string): DataFile<T> {
  // A .json file is read as JSON (YAML would accept more and say less): its syntax error by line and column.
  if (/\.json$/i.test(file)) {
    const parsed = parseJson(text.replace(/^\ufeff/, ''));
    if (!parsed.ok) {
      const m = jsonErrorMessage(parsed.error);
      throw new KpBrevError('input', [diagnostic(m.id, m.params, { file })]);
    }
  }
  // The usual files are read by the subset reader (the same values); lines are looked up in
  // yaml's document only when a problem is placed.
  const fast = parseYamlSubset(text);
  if (fast !== undefined) {
    let lineOf: ((path: Array<string | number>) => number | undefined) | undefined;
    return { file, data: fast as T, lineOf: (path) => (lineOf ??= yamlDocument(file, text).lineOf)(path) };
  }
  return yamlDocument<T>(file, text);
}

/** The file read by the `yaml` package (with every syntax error), and the lines of its nodes. */
function yamlDocument<T>(file: string, text: string): DataFile<T> {
  const { LineCounter, parseDocument, isNode } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new KpBrevError(
      'input',
      doc.errors.slice(0, 5).map((e) => {
        const pos = e.linePos?.[0] ?? (e.pos ? lines.linePos(e.pos[0]) : undefined);
        return diagnostic('repo.yaml-syntax', { file, detail: e.message.split('\n')[0]! }, { file, ...(pos ? { line: pos.line, column: pos.col } : {}) });
      }),
    );
  }
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const lineOf = (path: Array<string | number>): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return { file, data: data as T, lineOf };
}

/**
 * Validates data that did not come from one file (settings from a file, the environment and
 * flags together) against a schema: the same messages as a file's, each placed where `locate`
 * says its value came from. Throws KpBrevError with every problem.
 */
export function validateData(data: unknown, schemaName: string, locate: (path: Array<string | number>) => { file: string; line?: number }): void {
  const validate = schema(schemaName);
  if (!validate(data)) throw new KpBrevError('input', schemaProblems(data, validate.errors ?? [], locate));
}

/** The entry an error is about: `beskedskabeloner[3] "np_1011"`. */
export function entryName(data: unknown, path: Array<string | number>): string {
  let cur: unknown = data;
  let name = '';
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') break;
    cur = (cur as Record<string | number, unknown>)[seg];
    if (typeof seg === 'number') {
      name += `[${seg}]`;
      const id =
        cur && typeof cur === 'object'
          ? ((cur as Record<string, unknown>)['id'] ?? (cur as Record<string, unknown>)['key'] ?? (cur as Record<string, unknown>)['name'])
          : undefined;
      if (typeof id === 'string') name += ` "${id}"`;
    } else {
      name += (name ? '.' : '') + seg;
    }
  }
  return name || '(roden)';
}

function schemaProblems(data: unknown, errors: ErrorObject[], locate: (path: Array<string | number>) => { file: string; line?: number }): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  // oneOf/anyOf parents repeat what their branches said; keep the precise ones.
  const useful = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if');
  for (const e of useful.length ? useful : errors) {
    const path = pointerSegments(e.instancePath);
    // An unknown field is placed where it stands (a value from the environment has none).
    const loc = locate(e.keyword === 'additionalProperties' ? [...path, String(e.params['additionalProperty'])] : path);
    const file = loc.file;
    const parentPath = typeof path[path.length - 1] === 'string' ? path.slice(0, -1) : path;
    const entry = entryName(data, parentPath);
    const field = typeof path[path.length - 1] === 'string' ? String(path[path.length - 1]) : '';
    let d: Diagnostic;
    switch (e.keyword) {
      case 'required':
        d = diagnostic('repo.schema-required', { file, entry: entryName(data, path), field: String(e.params['missingProperty']) }, loc);
        break;
      case 'additionalProperties':
        d = diagnostic('repo.schema-unknown', { file, entry: entryName(data, path), field: String(e.params['additionalProperty']) }, loc);
        break;
      case 'enum':
        d = diagnostic('repo.schema-enum', { file, entry, field, allowed: (e.params['allowedValues'] as unknown[]).join(', ') }, loc);
        break;
      case 'type':
        d = diagnostic('repo.schema-type', { file, entry, field, type: String(e.params['type']) }, loc);
        break;
      case 'pattern':
      case 'maxLength':
      case 'minLength':
      case 'minItems':
      case 'minimum':
      case 'const':
        d = diagnostic('repo.schema-value', { file, entry, field, detail: e.message ?? e.keyword }, loc);
        break;
      default:
        d = diagnostic('repo.schema-value', { file, entry, field, detail: e.message ?? e.keyword }, loc);
    }
    const key = JSON.stringify([d.code, d.params]);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  }
  return out;
}
