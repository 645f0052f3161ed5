/**
 * `kp-brev batch migrate|enqueue|work|status --ledger postgres://…` (or KP_BREV_LEDGER): batches
 * over the PostgreSQL ledger and work queue (src/ledger/pg-ledger.ts, src/batch/queue.ts).
 * This module only defines the subcommands; batch-queue-run.ts does the work, loaded when one runs.
 */
import { Option, type Command } from 'commander';
import { textsIn } from '../i18n/area.js';
import type { Lang } from '../i18n/index.js';
import { batchQueueDescriptions } from '../i18n/messages/cli-help.js';
import type { Io } from './io.js';

export function batchQueueCommands(batch: Command, io: Io, lang: Lang, done: (code: number) => void): void {
  const say = textsIn(batchQueueDescriptions, lang);
  const ledgerOption = (): Option => new Option('--ledger <url>', say.ledger);
  batch
    .command('migrate')
    .description(say.migrate)
    .addOption(ledgerOption())
    .action(async (_: unknown, cmd: Command) => {
      const { migrateCommand } = await import('./batch-queue-run.js');
      await migrateCommand(cmd, io, lang, done);
    });
  batch
    .command('enqueue')
    .description(say.enqueue)
    .addOption(ledgerOption())
    .requiredOption('--run <navn>', say.run)
    .option('--template <id>', say.template)
    .option('--kommune <kode>', say.kommune)
    .option('--cases <fil>', say.cases)
    .addOption(new Option('--format <format>', say.format).choices(['pdf', 'docx']))
    .option('--retry-failed', say.retryFailed)
    .option('--requested-by <navn>', say.requestedBy)
    .action(async (_: unknown, cmd: Command) => {
      const { enqueueCommand } = await import('./batch-queue-run.js');
      await enqueueCommand(cmd, io, lang, done);
    });
  batch
    .command('work')
    .description(say.work)
    .addOption(ledgerOption())
    .requiredOption('--run <navn>', say.run)
    .option('--out <mappe>', say.out)
    .option('--templates <mappe>', say.templates)
    .option('--concurrency <n>', say.concurrency)
    .option('--lease <sekunder>', say.lease)
    .option('--claim <n>', say.claim)
    .option('--in-ledger', say.inLedger)
    .action(async (_: unknown, cmd: Command) => {
      const { workCommand } = await import('./batch-queue-run.js');
      await workCommand(cmd, io, lang, done);
    });
  batch
    .command('status')
    .description(say.status)
    .addOption(ledgerOption())
    .requiredOption('--run <navn>', say.run)
    .option('--json', say.json)
    .action(async (_: unknown, cmd: Command) => {
      const { statusCommand } = await import('./batch-queue-run.js');
      await statusCommand(cmd, io, lang, done);
    });
}
