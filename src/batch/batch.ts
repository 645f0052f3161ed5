/**
 * Year-end batch runs: one letter per case in an NDJSON file, made in a worker pool. Every case
 * ends either as a letter file or as a line in errors.ndjson with the reason (KP's error queue);
 * nothing is lost and nothing is made twice:
 *
 * - manifest.ndjson records each finished case (after its letter file is written whole, by
 *   rename), so an interrupted run started again skips what is done;
 * - errors.ndjson is rebuilt from the manifest at the start of every run, so a crash between
 *   the two files cannot duplicate or lose an error line;
 * - `shard k/n` takes every n-th case, so a scheduler can spread a run over machines.
 *
 * The cases file is read as the server reads a batch (./ndjson.ts): a byte order mark is
 * dropped, and a line longer than BATCH_LINE_BYTES is not read into memory but recorded as an
 * error for its case while the run goes on. Each case is checked as a case context here, before
 * it is copied into a render thread, so that one nested too deeply is a bad case, not a crash.
 */
import { appendFileSync, closeSync, createReadStream, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toContext, type CaseContext } from '../context/context.js';
import { KpBrevError, messageOf, placeOf, registeredDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { Lang } from '../i18n/index.js';
import { BATCH_LINE_BYTES } from '../limits.js';
import { jsonErrorMessage, parseJson } from '../json-text.js';
import type { RenderPool } from '../service/pool.js';
import type { RenderOutcome } from '../service/render-task.js';
import './messages.js';
import { ndjsonLines, type NdjsonLine } from './ndjson.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export interface BatchOptions {
  templatesDir: string;
  template: string;
  kommune?: string | undefined;
  cases: string;
  out: string;
  format: 'pdf' | 'docx';
  /** PDF/A part and level of PDF letters (default 2a). */
  pdfa?: '2a' | '1a' | undefined;
  pool: RenderPool;
  /** Cases in flight at a time (default: twice the pool's threads). */
  inFlight?: number;
  shard?: Shard;
  lang?: Lang;
  onProgress?: (p: Progress) => void;
}

export interface Progress {
  /** Cases of this run (this shard), when known. */
  total: number | undefined;
  made: number;
  failed: number;
  /** Done by an earlier, interrupted run. */
  skipped: number;
  elapsedMs: number;
}

export interface BatchSummary extends Progress {
  rate: number;
}

interface ManifestEntry {
  line: number;
  id: string;
  ok: boolean;
  file?: string;
  reason?: string;
  problems?: Array<{ code: string; message: string; place?: string }>;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const shard = m ? { index: Number(m[1]), count: Number(m[2]) } : undefined;
  if (!shard || shard.index < 1 || shard.count < 1 || shard.index > shard.count) throw new KpBrevError('input', [registeredDiagnostic('batch.bad-shard', { shard: text }, undefined, 'error')]);
  return shard;
}

const SAFE_ID = /[^A-Za-z0-9_.-]+/g;

/** The lines of a cases file that are cases of this shard (not blank, or too long to read). */
async function* caseLines(file: string, shard: Shard | undefined): AsyncGenerator<NdjsonLine> {
  for await (const next of ndjsonLines(createReadStream(file), BATCH_LINE_BYTES)) {
    if ('text' in next && !next.text.trim()) continue;
    if (shard && (next.line - 1) % shard.count !== shard.index - 1) continue;
    yield next;
  }
}

async function countLines(file: string, shard: Shard | undefined): Promise<number> {
  let n = 0;
  for await (const _ of caseLines(file, shard)) n++;
  return n;
}

export async function runBatch(opts: BatchOptions): Promise<BatchSummary> {
  const out = resolve(opts.out);
  mkdirSync(out, { recursive: true });
  const manifestFile = join(out, 'manifest.ndjson');
  const errorsFile = join(out, 'errors.ndjson');
  const lang = opts.lang ?? 'da';
  const header = { kind: 'kp-brev batch', template: opts.template, kommune: opts.kommune ?? null, format: opts.format, cases: resolve(opts.cases), shard: opts.shard ? `${opts.shard.index}/${opts.shard.count}` : null };
  // Resume: what an earlier run of the same batch finished.
  const done = new Map<number, ManifestEntry>();
  if (existsSync(manifestFile)) {
    const lines = readFileSync(manifestFile, 'utf8').split('\n').filter(Boolean);
    const first = lines.length ? (JSON.parse(lines[0]!) as Record<string, unknown>) : undefined;
    if (first && JSON.stringify({ ...first }) !== JSON.stringify(header)) {
      throw new KpBrevError('input', [registeredDiagnostic('batch.other-run', { dir: opts.out, detail: `${String(first['template'])}, ${String(first['format'])}` }, undefined, 'error')]);
    }
    for (const l of lines.slice(1)) {
      try {
        const e = JSON.parse(l) as ManifestEntry;
        done.set(e.line, e);
      } catch {
        // A line cut short by a crash: that case is made again.
      }
    }
  } else writeFileSync(manifestFile, JSON.stringify(header) + '\n');
  // The error queue is what the manifest says failed.
  writeFileSync(errorsFile, [...done.values()].filter((e) => !e.ok).map((e) => JSON.stringify(errorLine(e))).join('\n') + (done.size && [...done.values()].some((e) => !e.ok) ? '\n' : ''));

  const total = await countLines(opts.cases, opts.shard);
  const started = Date.now();
  const progress: Progress = { total, made: 0, failed: 0, skipped: 0, elapsedMs: 0 };
  const report = (): void => {
    progress.elapsedMs = Date.now() - started;
    opts.onProgress?.({ ...progress });
  };
  const manifestFd = openSync(manifestFile, 'a');
  const record = (e: ManifestEntry): void => {
    appendFileSync(manifestFd, JSON.stringify(e) + '\n');
    if (!e.ok) appendFileSync(errorsFile, JSON.stringify(errorLine(e)) + '\n');
  };
  const ids = new Map<string, number>();
  for (const e of done.values()) ids.set(e.id, e.line);
  const limit = opts.inFlight ?? Math.max(2, opts.pool.load().threads * 2);
  const inflight = new Set<Promise<void>>();
  let lastReport = 0;

  const handle = async (line: number, text: string): Promise<void> => {
    // A line that is not JSON is told by its place in the cases file (line, column).
    const parsed = parseJson(text);
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
      progress.failed++;
      const why = parsed.ok ? { id: 'batch.not-object', params: { line } } : jsonErrorMessage(parsed.error, line);
      const d = registeredDiagnostic(why.id, why.params, undefined, 'error');
      record({ line, id: `linje-${line}`, ok: false, reason: 'bad-case', problems: [item(d, lang)] });
      return;
    }
    const value = parsed.value as Record<string, unknown>;
    const id = (typeof value['id'] === 'string' || typeof value['id'] === 'number' ? String(value['id']) : `linje-${line}`).replace(SAFE_ID, '_').slice(0, 120) || `linje-${line}`;
    const first = ids.get(id);
    if (first !== undefined && first !== line) {
      progress.failed++;
      record({ line, id, ok: false, reason: 'duplicate-id', problems: [item(registeredDiagnostic('batch.duplicate-id', { id, line, first }, undefined, 'error'), lang)] });
      return;
    }
    ids.set(id, line);
    const { id: _id, ...rest } = value;
    void _id;
    // Checked here (bounded depth, no recursion past it) rather than in the render thread:
    // copying a case nested thousands of levels deep into a thread overflows the stack.
    let context: CaseContext;
    try {
      context = toContext(rest);
    } catch (err) {
      if (!(err instanceof KpBrevError)) throw err;
      progress.failed++;
      record({ line, id, ok: false, reason: 'bad-context', problems: err.diagnostics.map((d) => item(d, lang)) });
      return;
    }
    let outcome: RenderOutcome;
    try {
      outcome = await opts.pool.run({ dir: opts.templatesDir, template: opts.template, kommune: opts.kommune, context, format: opts.format, lang, automatic: true, ...(opts.pdfa ? { pdfa: opts.pdfa } : {}) });
    } catch (err) {
      outcome = { ok: false, reason: 'internal', diagnostics: [registeredDiagnostic('server.internal', { detail: err instanceof Error ? err.message : String(err) }, undefined, 'error')] };
    }
    if (outcome.ok) {
      const file = `${id}.${opts.format}`;
      const target = join(out, file);
      const tmp = `${target}.tmp`;
      writeFileSync(tmp, outcome.bytes);
      renameSync(tmp, target);
      progress.made++;
      record({ line, id, ok: true, file });
    } else {
      progress.failed++;
      record({ line, id, ok: false, reason: outcome.reason, problems: outcome.diagnostics.map((d) => item(d, lang)) });
    }
  };

  for await (const next of caseLines(opts.cases, opts.shard)) {
    const line = next.line;
    if (done.has(line)) {
      progress.skipped++;
      continue;
    }
    if (!('text' in next)) {
      progress.failed++;
      record({ line, id: `linje-${line}`, ok: false, reason: 'bad-case', problems: [item(registeredDiagnostic('batch.line-skipped', { line, limit: BATCH_LINE_BYTES }, undefined, 'error'), lang)] });
      continue;
    }
    const p = handle(line, next.text).finally(() => inflight.delete(p));
    inflight.add(p);
    if (inflight.size >= limit) await Promise.race(inflight);
    if (Date.now() - lastReport > 200) {
      lastReport = Date.now();
      report();
    }
  }
  await Promise.all(inflight);
  fsyncSync(manifestFd);
  closeSync(manifestFd);
  report();
  const seconds = (Date.now() - started) / 1000;
  return { ...progress, elapsedMs: Date.now() - started, rate: seconds > 0 ? (progress.made + progress.failed) / seconds : 0 };
}

function item(d: Diagnostic, lang: Lang): { code: string; message: string; place?: string } {
  const place = placeOf(d.location, lang);
  return { code: d.code, message: messageOf(d, lang), ...(place ? { place } : {}) };
}

function errorLine(e: ManifestEntry): Record<string, unknown> {
  return { line: e.line, id: e.id, reason: e.reason, problems: e.problems ?? [] };
}
