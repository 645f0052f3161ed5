/**
 * What `kp-brev batch migrate|enqueue|work|status` do (their options are defined in
 * batch-queue.ts, which imports this module only when one of them runs: it loads the pg driver
 * and the worker pool).
 */
import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { enqueueFile, work } from '../batch/queue.js';
import { KpBrevError, registeredDiagnostic } from '../diagnostics.js';
import { formatMessage, type Lang } from '../i18n/index.js';
import { PgLedger } from '../ledger/pg-ledger.js';
import { WorkerPool } from '../service/pool.js';
import { batchSettings } from './batch-settings.js';
import type { Io } from './io.js';

function ledgerOf(opts: Record<string, unknown>): PgLedger {
  const url = batchSettings(opts, process.cwd()).ledger;
  if (!url) throw new KpBrevError('input', [registeredDiagnostic('batch.no-ledger', {}, undefined, 'error')]);
  return new PgLedger(url);
}

async function withLedger(opts: Record<string, unknown>, f: (l: PgLedger) => Promise<number>): Promise<number> {
  const ledger = ledgerOf(opts);
  try {
    return await f(ledger);
  } catch (err) {
    // The database unreachable or refusing: a clear message, not an internal error.
    if (err instanceof KpBrevError || !(err instanceof Error) || typeof (err as { code?: unknown }).code !== 'string') throw err;
    throw new KpBrevError('input', [registeredDiagnostic('batch.ledger-failed', { detail: err.message }, undefined, 'error')]);
  } finally {
    await ledger.close();
  }
}

/**
 * The options of a subcommand with those of `batch` (which takes --template, --cases, --out,
 * --format, --kommune, --templates and --concurrency wherever they stand on the line).
 */
function merged(cmd: Command, required: string[] = []): Record<string, unknown> {
  const opts = cmd.optsWithGlobals<Record<string, unknown>>();
  for (const name of required)
    if (opts[name] === undefined) cmd.error(`error: required option '--${name}' not specified`, { code: 'commander.missingMandatoryOptionValue', exitCode: 2 });
  return opts;
}

export async function migrateCommand(cmd: Command, io: Io, lang: Lang, done: (code: number) => void): Promise<void> {
  const opts = merged(cmd);
  done(await withLedger(opts, async (l) => (io.stdout(formatMessage('batch.migrated', { count: await l.migrate() }, lang) + '\n'), 0)));
}

export async function enqueueCommand(cmd: Command, io: Io, lang: Lang, done: (code: number) => void): Promise<void> {
  const opts = merged(cmd, ['template', 'cases']);
  done(
    await withLedger(opts, async (l) => {
      const requestedBy = String(opts['requestedBy'] ?? process.env['KP_BREV_REQUESTED_BY'] ?? `${process.env['USER'] ?? userInfo().username}@${hostname()}`);
      const s = await enqueueFile(l, {
        run: String(opts['run']),
        template: String(opts['template']),
        kommune: opts['kommune'] as string | undefined,
        format: batchSettings(opts, io.cwd).format,
        cases: resolve(io.cwd, String(opts['cases'])),
        requestedBy,
        lang,
        retryFailed: opts['retryFailed'] === true,
      });
      io.stdout(formatMessage('batch.enqueued', { added: s.added, already: s.already, duplicates: s.duplicates }, lang) + '\n');
      if (s.retried) io.stdout(formatMessage('batch.retried', { count: s.retried }, lang) + '\n');
      if (s.updated) io.stdout(formatMessage('batch.updated', { count: s.updated }, lang) + '\n');
      if (s.failedEarlier) io.stdout(formatMessage('batch.failed-earlier-ledger', { count: s.failedEarlier }, lang) + '\n');
      if (s.changed.length) {
        const ids =
          s.changed
            .slice(0, 20)
            .map((c) => (c.kommune ? `${c.kommune}/${c.caseId}` : c.caseId))
            .join(', ') + (s.changed.length > 20 ? ', …' : '');
        io.stderr(formatMessage('batch.changed', { count: s.changed.length, ids }, lang) + '\n');
      }
      return 0;
    }),
  );
}

export async function workCommand(cmd: Command, io: Io, lang: Lang, done: (code: number) => void): Promise<void> {
  const inLedger = cmd.opts<Record<string, unknown>>()['inLedger'] === true;
  const opts = merged(cmd, inLedger ? [] : ['out']);
  const settings = batchSettings(opts, io.cwd);
  const threads = settings.concurrency;
  const pool = new WorkerPool({ ...(threads ? { threads } : {}), maxQueue: 100_000, timeoutMs: 60_000 });
  // SIGTERM (a pod being stopped) or Ctrl-C: record what is under way, give back what was
  // claimed ahead, and end normally.
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  try {
    done(
      await withLedger(opts, async (l) => {
        const s = await work(l, pool, {
          run: String(opts['run']),
          templatesDir: settings.templates,
          ...(inLedger ? { inLedger } : { out: resolve(io.cwd, String(opts['out'])) }),
          lang,
          ...(settings.lease ? { leaseSeconds: settings.lease } : {}),
          ...(settings.claim ? { claim: settings.claim } : {}),
          signal: stop.signal,
        });
        io.stdout(formatMessage('batch.worked', { made: s.made, failed: s.failed, fenced: s.fenced }, lang) + '\n');
        if (s.abandoned) io.stdout(formatMessage('batch.abandoned', { count: s.abandoned }, lang) + '\n');
        if (s.released) io.stdout(formatMessage('batch.released', { count: s.released }, lang) + '\n');
        return 0;
      }),
    );
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await pool.close();
  }
}

export async function statusCommand(cmd: Command, io: Io, lang: Lang, done: (code: number) => void): Promise<void> {
  const opts = merged(cmd);
  done(
    await withLedger(opts, async (l) => {
      const s = await l.status(String(opts['run']));
      if (opts['json']) io.stdout(JSON.stringify(s) + '\n');
      else {
        for (const r of s.rows) io.stdout(formatMessage('batch.status-row', { ...r, kommune: r.kommune || '–', left: r.pending + r.claimed }, lang) + '\n');
        // Failures per reason, with the first case ids (the case id is all the ledger knows of a case).
        for (const f of s.reasons) {
          const ids = s.errors
            .filter((e) => e.reason === f.reason)
            .slice(0, 10)
            .map((e) => (e.kommune ? `${e.kommune}/${e.case_id}` : e.case_id));
          io.stdout(
            formatMessage('batch.status-reason', { reason: f.reason, count: f.count, ids: ids.join(', ') + (f.count > ids.length ? ', …' : '') }, lang) + '\n',
          );
        }
      }
      return 0;
    }),
  );
}
