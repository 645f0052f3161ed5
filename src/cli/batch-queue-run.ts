/**
 * What `kp-brev batch migrate|enqueue|work|status` do (their options are defined in
 * batch-queue.ts, which imports this module only when one of them runs: it loads the pg driver
 * and the worker pool).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { enqueueFile, work } from '../batch/queue.js';
import { KpBrevError, registeredDiagnostic } from '../diagnostics.js';
import { formatMessage, type Lang } from '../i18n/index.js';
import { PgLedger } from '../ledger/pg-ledger.js';
import { WorkerPool } from '../service/pool.js';
import type { Io } from './main.js';

function ledgerOf(opts: Record<string, unknown>): PgLedger {
  const url = (opts['ledger'] as string | undefined) ?? process.env['KP_BREV_LEDGER'];
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
  for (const name of required) if (opts[name] === undefined) cmd.error(`error: required option '--${name}' not specified`, { code: 'commander.missingMandatoryOptionValue', exitCode: 2 });
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
      const s = await enqueueFile(l, { run: String(opts['run']), template: String(opts['template']), kommune: opts['kommune'] as string | undefined, format: String(opts['format'] ?? 'pdf'), cases: resolve(io.cwd, String(opts['cases'])), requestedBy: process.env['USER'] ?? 'kp-brev batch', lang });
      io.stdout(formatMessage('batch.enqueued', { ...s }, lang) + '\n');
      return 0;
    }),
  );
}

export async function workCommand(cmd: Command, io: Io, lang: Lang, done: (code: number) => void): Promise<void> {
  const opts = merged(cmd, ['out']);
  const threads = opts['concurrency'] !== undefined ? Math.max(1, Number(opts['concurrency'])) : undefined;
  const pool = new WorkerPool({ ...(threads ? { threads } : {}), maxQueue: 100_000, timeoutMs: 60_000 });
  try {
    done(
      await withLedger(opts, async (l) => {
        const templatesDir = resolve(io.cwd, String(opts['templates'] ?? process.env['KP_BREV_TEMPLATES'] ?? 'templates'));
        const s = await work(l, pool, { run: String(opts['run']), templatesDir, out: resolve(io.cwd, String(opts['out'])), lang, ...(opts['lease'] ? { leaseSeconds: Number(opts['lease']) } : {}), ...(opts['claim'] ? { claim: Number(opts['claim']) } : {}) });
        io.stdout(formatMessage('batch.worked', { ...s }, lang) + '\n');
        return 0;
      }),
    );
  } finally {
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
        for (const e of s.errors) io.stdout(`${e.kommune || '–'} ${e.template} ${e.case_id}: ${e.reason}\n`);
      }
      return 0;
    }),
  );
}
