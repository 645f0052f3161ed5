/**
 * The schemas' validators that `npm run build` generates (scripts/schema-validators.ts, read by
 * src/repository/data-file.ts) are those of schemas/ as they are now, and give what validators
 * ajv compiles at run time from the same schemas with the same options give: the same verdict
 * and the same errors (keyword, place, parameters, message, in the same order), for the
 * repository's own files and for many broken copies of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { schema } from '../../src/repository/data-file.js';
import { AJV_OPTIONS, OUT, SCHEMA_DIR, schemaFiles, validatorsModule } from '../../scripts/schema-validators.js';

const root = join(import.meta.dirname, '../..');
const runtime = new Ajv(AJV_OPTIONS);
const compiled = new Map(schemaFiles().map((f) => [f, runtime.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, f), 'utf8')) as object)]));

/** Both validators' answer for the data: verdict and errors. */
function answers(file: string, data: unknown): { generated: [boolean, ErrorObject[]]; runtime: [boolean, ErrorObject[]] } {
  const g = schema(file);
  const r = compiled.get(file)!;
  const gv = g(data);
  const rv = r(data);
  return { generated: [gv, structuredClone(g.errors ?? [])], runtime: [rv, structuredClone(r.errors ?? [])] };
}

const yaml = (path: string): unknown => parse(readFileSync(join(root, path), 'utf8'));

/** A valid document of each schema to break. */
const VALID: Record<string, unknown> = {
  'manifest.schema.json': yaml('templates/manifest.yaml'),
  'kommune-manifest.schema.json': yaml('templates/kommuner/540/manifest.yaml'),
  'catalog.schema.json': yaml('templates/catalog.yaml'),
  'server-config.schema.json': { port: 8080, threads: 2, jwt: { issuer: 'i', audience: 'a', jwksUrl: 'https://x.invalid/jwks', algorithms: ['RS256'] } },
  'batch-config.schema.json': { concurrency: 2, format: 'pdf', ledger: 'postgres://u@h/db' },
  'lint-output.schema.json': [],
};

/** Every path to a value in the data (objects' keys and arrays' indexes). */
function paths(data: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (data === null || typeof data !== 'object') return [at];
  const inner = Array.isArray(data) ? data.flatMap((v, i) => paths(v, [...at, i])) : Object.entries(data).flatMap(([k, v]) => paths(v, [...at, k]));
  return [at, ...inner];
}

type Edit = { kind: 'set'; value: unknown } | { kind: 'delete' } | { kind: 'add'; key: string; value: unknown };

/** The data with the value at `path` replaced, removed, or given a new key. */
function edited(data: unknown, path: Array<string | number>, edit: Edit): unknown {
  const copy = structuredClone(data);
  if (path.length === 0) return edit.kind === 'set' ? edit.value : copy;
  let parent = copy as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (edit.kind === 'set') parent[last] = edit.value;
  else if (edit.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    const target = parent[last];
    if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[edit.key] = edit.value;
    else parent[last] = edit.value;
  }
  return copy;
}

describe('the generated schema validators', () => {
  it('are generated from the schemas as they are now (npm run build writes them)', () => {
    expect(readFileSync(OUT, 'utf8') === validatorsModule(), `${OUT} is out of date: run npm run build`).toBe(true);
  });

  it('cover every schema, and accept the repository files and settings as ajv does', () => {
    expect(Object.keys(VALID).sort()).toEqual(schemaFiles());
    for (const [file, data] of Object.entries(VALID)) {
      const a = answers(file, data);
      expect(a.generated, file).toEqual([true, []]);
      expect(a.generated).toStrictEqual(a.runtime);
    }
  });

  it('give the errors ajv gives for broken documents (property)', () => {
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom('', 'Brev', 'np_1001', 'x@1', 'np_1001@x', '540', 'RS256', 'postgres://h', -1, 0, 1.5, 70000, true, null, [], {}, ['x']),
    );
    const edit: fc.Arbitrary<Edit> = fc.oneof(
      value.map((v) => ({ kind: 'set' as const, value: v })),
      fc.constant({ kind: 'delete' as const }),
      fc
        .tuple(fc.constantFrom('titel', 'extra', 'id', 'file', 'version', 'kind', '$schema'), value)
        .map(([key, v]) => ({ kind: 'add' as const, key, value: v })),
    );
    let invalid = 0;
    for (const [file, data] of Object.entries(VALID)) {
      const all = paths(data);
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(all.length - 1), edit), { minLength: 1, maxLength: 3 }), (edits) => {
          let broken = data;
          for (const [i, e] of edits) {
            const path = paths(broken)[i % paths(broken).length]!;
            broken = edited(broken, path, e);
          }
          const a = answers(file, broken);
          if (!a.runtime[0]) invalid++;
          expect(a.generated).toStrictEqual(a.runtime);
        }),
        { numRuns: 300 },
      );
    }
    // Not vacuous: most of them are broken.
    expect(invalid).toBeGreaterThan(900);
  });
});
