/** `kp-brev batch --template <id> [--kommune] --cases <cases.ndjson> --out <dir> [--format] [--concurrency] [--shard k/n] [--retry-failed]` */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { runBatch, parseShard } from '../batch/batch.js';
import { progressReporter } from '../batch/progress.js';
import { formatMessage, type Lang } from '../i18n/index.js';
import { WorkerPool } from '../service/pool.js';
import { batchSettings } from './batch-settings.js';
import type { Io } from './io.js';
import { openRepository } from './repo.js';

export async function batchCommand(opts: Record<string, unknown>, io: Io, lang: Lang, cmd: Command): Promise<number> {
  for (const [name, flag] of [
    ['template', '--template <id>'],
    ['cases', '--cases <fil>'],
    ['out', '--out <mappe>'],
  ] as const) {
    if (opts[name] === undefined) cmd.error(`error: required option '${flag}' not specified`, { code: 'commander.missingMandatoryOptionValue', exitCode: 2 });
  }
  const settings = batchSettings(opts, io.cwd);
  const templatesDir = settings.templates;
  // An unknown --kommune is a usage error before any case is read, not a batch of central letters.
  if (opts['kommune'] !== undefined) openRepository(opts, io);
  const shard = opts['shard'] ? parseShard(String(opts['shard'])) : undefined;
  const threads = settings.concurrency;
  const pool = new WorkerPool({ ...(threads ? { threads } : {}), maxQueue: 1_000_000, timeoutMs: 60_000 });
  // The bar is drawn on stderr, so it is stderr that must be a terminal (stdout may be piped).
  const tty = io.stderrTty === true;
  const progress = progressReporter(io.stderr, tty, lang);
  try {
    const summary = await runBatch({
      templatesDir,
      template: String(opts['template']),
      kommune: opts['kommune'] as string | undefined,
      cases: resolve(io.cwd, String(opts['cases'])),
      out: resolve(io.cwd, String(opts['out'])),
      format: settings.format,
      pdfa: opts['pdfa'] as '2a' | '1a' | undefined,
      pool,
      ...(shard ? { shard } : {}),
      lang,
      onProgress: (p) => progress.update(p),
      retryFailed: opts['retryFailed'] === true,
    });
    progress.end();
    io.stdout(
      formatMessage(
        'cli.batch-summary',
        {
          made: summary.made,
          failed: summary.failed,
          skipped: summary.skipped,
          seconds: (summary.elapsedMs / 1000).toFixed(1),
          rate: summary.rate.toFixed(0),
          out: asGiven(String(opts['out'])),
        },
        lang,
      ) + '\n',
    );
    if (summary.abandoned) io.stdout(formatMessage('batch.abandoned', { count: summary.abandoned }, lang) + '\n');
    if (summary.failedEarlier) io.stdout(formatMessage('batch.failed-earlier', { count: summary.failedEarlier }, lang) + '\n');
    if (summary.changed.length) {
      const ids =
        summary.changed
          .slice(0, 20)
          .map((c) => c.id)
          .join(', ') + (summary.changed.length > 20 ? ', …' : '');
      io.stderr(formatMessage('batch.changed', { count: summary.changed.length, ids }, lang) + '\n');
    }
    // The run is done when every case is a letter or in the error queue: exit 0 either way, so that
    // a scheduler does not restart a finished shard (its errors are for the error queue).
    return 0;
  } finally {
    await pool.close();
  }
}

/** The folder as the user gave it, without trailing separators (the message adds one): `ud/` → `ud/errors.ndjson`, not `ud//errors.ndjson`. */
function asGiven(dir: string): string {
  return dir.replace(/[\\/]+$/, '');
}
