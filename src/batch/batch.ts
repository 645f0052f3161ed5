/**
 * Year-end batch runs: one letter per case in an NDJSON file, made in a worker pool. Every case
 * ends either as a letter file or as a line in errors.ndjson with the reason (KP's error queue);
 * nothing is lost and nothing is made twice:
 *
 * - manifest.ndjson (./manifest.ts) records each finished case by its id, durably, after its
 *   letter is on disk, so an interrupted run started again skips what is done, whatever the
 *   order of the cases file; the file's SHA-256 is recorded, and a case made earlier whose text
 *   has changed is reported, not made again;
 * - a case that failed stays failed (counted apart from the cases made) until a run with
 *   `retryFailed` makes it again, after it (or the template) was fixed;
 * - errors.ndjson is rebuilt from the manifest at the start and the end of every run, so a crash
 *   between the two files cannot duplicate or lose an error line;
 * - `shard k/n` takes the cases whose id hashes to k (shardOf), so a scheduler can spread a run
 *   over machines and a duplicate id is seen whichever shards the run is split into.
 *
 * The cases file is read as the server reads a batch (./ndjson.ts): a byte order mark is
 * dropped, and a line longer than BATCH_LINE_BYTES is not read into memory but recorded as an
 * error for its case while the run goes on. Each case is checked as a case context here, before
 * it is copied into a render thread, so that one nested too deeply is a bad case, not a crash.
 */
import { appendFileSync, createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toContext, type CaseContext } from '../context/context.js';
import { KpBrevError, messageOf, placeOf, registeredDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { Lang } from '../i18n/index.js';
import { BATCH_LINE_BYTES } from '../limits.js';
import { jsonErrorMessage, parseJson } from '../json-text.js';
import type { RenderPool } from '../service/pool.js';
import type { RenderOutcome } from '../service/render-task.js';
import { FolderLock } from './folder-lock.js';
import { duplicateKey, fileSha256, ManifestWriter, readManifest, sha256, writeLetter, type ManifestEntry, type ManifestHeader } from './manifest.js';
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
  /** Make the cases that failed in an earlier run again (after they or the template were fixed). */
  retryFailed?: boolean;
}

export interface Progress {
  /** Cases of this run (this shard), when known. */
  total: number | undefined;
  made: number;
  failed: number;
  /** Made by an earlier, interrupted run. */
  skipped: number;
  /** Failed in an earlier run and not made again (without `retryFailed`). */
  failedEarlier?: number;
  elapsedMs: number;
}

export interface BatchSummary extends Progress {
  rate: number;
  /** Cases already made whose text has changed in this cases file: reported, not made again. */
  changed: Array<{ id: string; line: number }>;
  /** Temporary letters an interrupted run left, removed at the start. */
  abandoned: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const shard = m ? { index: Number(m[1]), count: Number(m[2]) } : undefined;
  if (!shard || shard.index < 1 || shard.count < 1 || shard.index > shard.count)
    throw new KpBrevError('input', [registeredDiagnostic('batch.bad-shard', { shard: text }, undefined, 'error')]);
  return shard;
}

const SAFE_ID = /[^A-Za-z0-9_.-]+/g;

/** A line of the cases file, read: a case with its id, or a line that is not one. */
export type CaseLine =
  { line: number; id: string; sha256: string; value: Record<string, unknown> } | { line: number; id: string; sha256: string; bad: Diagnostic };

export function readCase(next: NdjsonLine): CaseLine {
  const line = next.line;
  if (!('text' in next))
    return { line, id: `linje-${line}`, sha256: '', bad: registeredDiagnostic('batch.line-skipped', { line, limit: BATCH_LINE_BYTES }, undefined, 'error') };
  const hash = sha256(next.text);
  // A line that is not JSON is told by its place in the cases file (line, column).
  const parsed = parseJson(next.text);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    const why = parsed.ok ? { id: 'batch.not-object', params: { line } } : jsonErrorMessage(parsed.error, line);
    return { line, id: `linje-${line}`, sha256: hash, bad: registeredDiagnostic(why.id, why.params, undefined, 'error') };
  }
  const value = parsed.value as Record<string, unknown>;
  const raw = value['id'];
  const id = (typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '').replace(SAFE_ID, '_').slice(0, 120) || `linje-${line}`;
  return { line, id, sha256: hash, value };
}

/**
 * Shard k/n takes the cases whose id hashes to k: every line with one id lands in one shard (so a
 * duplicate id is seen there, whichever shard the run is split over), and a reordered or
 * regenerated cases file puts each case in the same shard as before.
 */
export function shardOf(id: string, count: number): number {
  return (parseInt(sha256(id).slice(0, 8), 16) % count) + 1;
}

/** The cases of this shard in a cases file (blank lines are not cases). */
async function* cases(file: string, shard: Shard | undefined): AsyncGenerator<CaseLine> {
  for await (const next of ndjsonLines(createReadStream(file), BATCH_LINE_BYTES)) {
    if ('text' in next && !next.text.trim()) continue;
    const c = readCase(next);
    if (shard && shardOf(c.id, shard.count) !== shard.index) continue;
    yield c;
  }
}

async function countCases(file: string, shard: Shard | undefined): Promise<number> {
  let n = 0;
  for await (const _ of cases(file, shard)) n++;
  return n;
}

export async function runBatch(opts: BatchOptions): Promise<BatchSummary> {
  const out = resolve(opts.out);
  mkdirSync(out, { recursive: true });
  // One run at a time in a folder; then what a killed run was writing can be removed.
  const lock = FolderLock.acquire(out);
  try {
    return await runLocked(opts, out, lock);
  } finally {
    lock.release();
  }
}

async function runLocked(opts: BatchOptions, out: string, lock: FolderLock): Promise<BatchSummary> {
  const manifestFile = join(out, 'manifest.ndjson');
  const errorsFile = join(out, 'errors.ndjson');
  const lang = opts.lang ?? 'da';
  const header: ManifestHeader = {
    kind: 'kp-brev batch',
    template: opts.template,
    kommune: opts.kommune ?? null,
    format: opts.format,
    shard: opts.shard ? `${opts.shard.index}/${opts.shard.count}` : null,
  };
  // Resume: what earlier runs of the same batch finished, by case id.
  const state = readManifest(manifestFile);
  if (state.header && JSON.stringify(state.header) !== JSON.stringify(header)) {
    const h = state.header;
    throw new KpBrevError('input', [
      registeredDiagnostic(
        'batch.other-run',
        { dir: opts.out, detail: `${h.template}, ${h.format}${h.kommune ? `, ${h.kommune}` : ''}${h.shard ? `, ${h.shard}` : ''}` },
        undefined,
        'error',
      ),
    ]);
  }
  const abandoned = lock.removeAbandoned(opts.format);
  const writer = new ManifestWriter(manifestFile, out, () => lock.check());
  const casesHash = await fileSha256(opts.cases);
  if (!state.header) writer.writeNow(header);
  if (!state.casesFiles.has(casesHash)) writer.writeNow({ kind: 'cases', sha256: casesHash, file: resolve(opts.cases), at: new Date().toISOString() });
  // The error queue is what the manifest says failed.
  const writeErrors = (): void => {
    const failed = [...state.cases.values(), ...state.duplicates.values()].filter((e) => !e.ok);
    writeFileSync(errorsFile, failed.map((e) => JSON.stringify(errorLine(e)) + '\n').join(''));
  };
  writeErrors();

  const total = await countCases(opts.cases, opts.shard);
  const started = Date.now();
  const progress: Progress = { total, made: 0, failed: 0, skipped: 0, failedEarlier: 0, elapsedMs: 0 };
  const changed: Array<{ id: string; line: number }> = [];
  const report = (): void => {
    progress.elapsedMs = Date.now() - started;
    opts.onProgress?.({ ...progress });
  };
  const record = async (e: ManifestEntry): Promise<void> => {
    await writer.commit(e);
    if (e.duplicate) state.duplicates.set(duplicateKey(e), e);
    else state.cases.set(e.id, e);
    if (e.ok) progress.made++;
    else {
      progress.failed++;
      appendFileSync(errorsFile, JSON.stringify(errorLine(e)) + '\n');
    }
  };
  const limit = opts.inFlight ?? Math.max(2, opts.pool.load().threads * 2);
  const inflight = new Set<Promise<void>>();
  const seen = new Map<string, number>();
  let lastReport = 0;

  const handle = async (c: CaseLine): Promise<void> => {
    const { line, id } = c;
    if ('bad' in c) return record({ id, line, sha256: c.sha256, ok: false, reason: 'bad-case', problems: [item(c.bad, lang)] });
    const { id: _id, ...rest } = c.value;
    void _id;
    // Checked here (bounded depth, no recursion past it) rather than in the render thread:
    // copying a case nested thousands of levels deep into a thread overflows the stack.
    let context: CaseContext;
    try {
      context = toContext(rest);
    } catch (err) {
      if (!(err instanceof KpBrevError)) throw err;
      return record({ id, line, sha256: c.sha256, ok: false, reason: 'bad-context', problems: err.diagnostics.map((d) => item(d, lang)) });
    }
    let outcome: RenderOutcome;
    try {
      outcome = await opts.pool.run({
        dir: opts.templatesDir,
        template: opts.template,
        kommune: opts.kommune,
        context,
        format: opts.format,
        lang,
        automatic: true,
        ...(opts.pdfa ? { pdfa: opts.pdfa } : {}),
      });
    } catch (err) {
      outcome = {
        ok: false,
        reason: 'internal',
        diagnostics: [registeredDiagnostic('server.internal', { detail: err instanceof Error ? err.message : String(err) }, undefined, 'error')],
      };
    }
    if (!outcome.ok) return record({ id, line, sha256: c.sha256, ok: false, reason: outcome.reason, problems: outcome.diagnostics.map((d) => item(d, lang)) });
    const file = `${id}.${opts.format}`;
    lock.check();
    await writeLetter(out, file, outcome.bytes);
    return record({ id, line, sha256: c.sha256, ok: true, file });
  };

  try {
    for await (const c of cases(opts.cases, opts.shard)) {
      const first = seen.get(c.id);
      let task: Promise<void> | undefined;
      if (first !== undefined) {
        // A second case with this id: recorded once, whichever run sees it first.
        if (state.duplicates.has(duplicateKey(c))) progress.failedEarlier!++;
        else {
          const d = registeredDiagnostic('batch.duplicate-id', { id: c.id, line: c.line, first }, undefined, 'error');
          task = record({ id: c.id, line: c.line, sha256: c.sha256, ok: false, reason: 'duplicate-id', duplicate: true, problems: [item(d, lang)] });
        }
      } else {
        seen.set(c.id, c.line);
        const prior = state.cases.get(c.id);
        if (prior?.ok) {
          progress.skipped++;
          if (prior.sha256 && c.sha256 && prior.sha256 !== c.sha256) changed.push({ id: c.id, line: c.line });
        } else if (prior && !opts.retryFailed) progress.failedEarlier!++;
        else task = handle(c);
      }
      if (task) {
        const p: Promise<void> = task.finally(() => inflight.delete(p));
        inflight.add(p);
        if (inflight.size >= limit) await Promise.race(inflight);
      }
      if (Date.now() - lastReport > 200) {
        lastReport = Date.now();
        report();
      }
    }
    await Promise.all(inflight);
  } finally {
    await Promise.allSettled(inflight);
    writer.close();
  }
  writeErrors();
  report();
  const seconds = (Date.now() - started) / 1000;
  return { ...progress, changed, abandoned, elapsedMs: Date.now() - started, rate: seconds > 0 ? (progress.made + progress.failed) / seconds : 0 };
}

export function item(d: Diagnostic, lang: Lang): { code: string; message: string; place?: string } {
  const place = placeOf(d.location, lang);
  return { code: d.code, message: messageOf(d, lang), ...(place ? { place } : {}) };
}

function errorLine(e: ManifestEntry): Record<string, unknown> {
  return { line: e.line, id: e.id, reason: e.reason, problems: e.problems ?? [] };
}
