/**
 * `kp-brev batch migrate|enqueue|work|status --ledger postgres://…` (or KP_BREV_LEDGER): batches
 * over the PostgreSQL ledger and work queue (src/ledger/pg-ledger.ts, src/batch/queue.ts).
 * This module only defines the subcommands; batch-queue-run.ts does the work, loaded when one runs.
 */
import { Option, type Command } from 'commander';
import type { Lang } from '../i18n/index.js';
import type { Io } from './io.js';

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
    template: 'skabelonen, fx np_1011',
    kommune: 'kommunen for sager uden "kommune"',
    cases: 'sagsfilen (NDJSON)',
    format: 'brevenes format: pdf (standard) eller docx',
    out: 'mappen brevene skrives i (delt lager)',
    templates: 'skabelonarkivets mappe (standard: templates)',
    concurrency: 'antal tråde der danner breve (standard: antal kerner)',
    json: 'som JSON',
    retryFailed: 'læg sager, der fejlede, i kø igen fra sagsfilen (efter de er rettet)',
    requestedBy: 'hvem der bestiller brevene, til revisionssporet (standard: brugeren@maskinen)',
    inLedger: 'gem brevene i ledgeren (bytea) i stedet for i --out',
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
    template: 'the template, e.g. np_1011',
    kommune: 'the municipality of cases without "kommune"',
    cases: 'the cases file (NDJSON)',
    format: 'format of the letters: pdf (default) or docx',
    out: 'the folder the letters are written to (shared storage)',
    templates: 'folder of the template repository (default: templates)',
    concurrency: 'threads that make letters (default: the cores)',
    json: 'as JSON',
    retryFailed: 'queue the cases that failed again from the cases file (after they were fixed)',
    requestedBy: 'who asks for the letters, for the audit trail (default: user@machine)',
    inLedger: 'keep the letters in the ledger (bytea) instead of in --out',
  },
};

export function batchQueueCommands(batch: Command, io: Io, lang: Lang, done: (code: number) => void): void {
  const say = help[lang];
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
