/**
 * `kp-brev batch migrate|enqueue|work|status --ledger postgres://…` (or KP_BREV_LEDGER): batches
 * over the PostgreSQL ledger and work queue (src/ledger/pg-ledger.ts, src/batch/queue.ts).
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { enqueueFile, work } from '../batch/queue.js';
import { KpBrevError, registeredDiagnostic } from '../diagnostics.js';
import { formatMessage, type Lang } from '../i18n/index.js';
import { PgLedger } from '../ledger/pg-ledger.js';
import { WorkerPool } from '../service/pool.js';
import { batchSettings } from './batch-settings.js';
import type { Io } from './main.js';

const help = {
  da: {
    ledger: 'PostgreSQL-ledger: postgres://bruger@vært/database (standard: KP_BREV_LEDGER)',
    run: 'kørslens navn, fx helbredstillaeg-2027',
    migrate: 'opret eller opdatér ledgerens tabeller i PostgreSQL',
    enqueue: 'læg en sagsfil ind i en kørsel (samme fil to gange tilføjer intet)',
    work: 'dan breve fra kørslens kø, til der ikke er flere (kan køre på mange maskiner samtidig)',
    status: 'vis kørslens fremdrift pr. kommune og skabelon og fejlene',
    lease: 'sekunder en sag er reserveret til denne proces (standard: KP_BREV_BATCH_LEASE, ellers 60)',
    claim: 'sager der reserveres ad gangen (standard: KP_BREV_BATCH_CLAIM, ellers 4)',
  },
  en: {
    ledger: 'PostgreSQL ledger: postgres://user@host/database (default: KP_BREV_LEDGER)',
    run: 'the name of the run, e.g. helbredstillaeg-2027',
    migrate: "create or update the ledger's tables in PostgreSQL",
    enqueue: 'load a cases file into a run (the same file twice adds nothing)',
    work: "make letters from the run's queue until none are left (any number of machines at once)",
    status: "show the run's progress per municipality and template, and its errors",
    lease: 'seconds a case is reserved for this process (default: KP_BREV_BATCH_LEASE, else 60)',
    claim: 'cases reserved at a time (default: KP_BREV_BATCH_CLAIM, else 4)',
  },
};

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
  for (const name of required) if (opts[name] === undefined) cmd.error(`error: required option '--${name}' not specified`, { code: 'commander.missingMandatoryOptionValue', exitCode: 2 });
  return opts;
}

export function batchQueueCommands(batch: Command, io: Io, lang: Lang, done: (code: number) => void): void {
  const say = help[lang];
  const ledgerOption = (): Option => new Option('--ledger <url>', say.ledger);
  batch
    .command('migrate')
    .description(say.migrate)
    .addOption(ledgerOption())
    .action(async (_: unknown, cmd: Command) => {
      const opts = merged(cmd);
      done(await withLedger(opts, async (l) => (io.stdout(formatMessage('batch.migrated', { count: await l.migrate() }, lang) + '\n'), 0)));
    });
  batch
    .command('enqueue')
    .description(say.enqueue)
    .addOption(ledgerOption())
    .requiredOption('--run <navn>', say.run)
    .option('--template <id>', 'skabelonen / the template')
    .option('--kommune <kode>', 'kommunen for sager uden "kommune" / the municipality of cases without one')
    .option('--cases <fil>', 'sagsfilen (NDJSON) / the cases file')
    .addOption(new Option('--format <format>').choices(['pdf', 'docx']))
    .action(async (_: unknown, cmd: Command) => {
      const opts = merged(cmd, ['template', 'cases']);
      done(
        await withLedger(opts, async (l) => {
          const s = await enqueueFile(l, { run: String(opts['run']), template: String(opts['template']), kommune: opts['kommune'] as string | undefined, format: batchSettings(opts, io.cwd).format, cases: resolve(io.cwd, String(opts['cases'])), requestedBy: process.env['USER'] ?? 'kp-brev batch', lang });
          io.stdout(formatMessage('batch.enqueued', { ...s }, lang) + '\n');
          return 0;
        }),
      );
    });
  batch
    .command('work')
    .description(say.work)
    .addOption(ledgerOption())
    .requiredOption('--run <navn>', say.run)
    .option('--out <mappe>', 'mappen brevene skrives i (delt lager) / the folder for the letters (shared storage)')
    .option('--templates <mappe>', 'skabelonarkivet / the template repository')
    .option('--concurrency <n>', 'tråde / threads')
    .option('--lease <sekunder>', say.lease)
    .option('--claim <n>', say.claim)
    .action(async (_: unknown, cmd: Command) => {
      const opts = merged(cmd, ['out']);
      const settings = batchSettings(opts, io.cwd);
      const threads = settings.concurrency;
      const pool = new WorkerPool({ ...(threads ? { threads } : {}), maxQueue: 100_000, timeoutMs: 60_000 });
      try {
        done(
          await withLedger(opts, async (l) => {
            const s = await work(l, pool, { run: String(opts['run']), templatesDir: settings.templates, out: resolve(io.cwd, String(opts['out'])), lang, ...(settings.lease ? { leaseSeconds: settings.lease } : {}), ...(settings.claim ? { claim: settings.claim } : {}) });
            io.stdout(formatMessage('batch.worked', { ...s }, lang) + '\n');
            return 0;
          }),
        );
      } finally {
        await pool.close();
      }
    });
  batch
    .command('status')
    .description(say.status)
    .addOption(ledgerOption())
    .requiredOption('--run <navn>', say.run)
    .option('--json', 'som JSON / as JSON')
    .action(async (_: unknown, cmd: Command) => {
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
    });
}
