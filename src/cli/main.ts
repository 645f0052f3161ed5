/**
 * The command line: `execute(argv, io)` returns the exit code (0 ok, 1 refused letter or
 * findings, 2 usage or unreadable input). Messages are Danish unless `--lang en`.
 *
 * Start-up: this module defines the commands (names, options, help texts) and loads nothing
 * else; each action imports its implementation when it runs, so `--help` does not load the
 * PDF writer and `lint` does not load the server. test/project/startup.test.ts checks what each
 * command loads.
 */
import { Command, CommanderError, Option } from 'commander';
import { textsIn } from '../i18n/area.js';
import { pickLang, type Lang } from '../i18n/lang.js';
import { cliDescriptions } from '../i18n/messages/cli-help.js';
import { batchQueueCommands } from './batch-queue.js';
import { localHelp, usageErrorText } from './commander-i18n.js';
import type { Io } from './io.js';
import { VERSION } from '../version.js';

export const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  color: Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'],
  stderrTty: Boolean(process.stderr.isTTY),
};

/** A repeatable option (`--process a --process b`); a comma-separated list works too. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}

/** Reads `--lang` before commander runs, so that help and errors speak the right language. */
function langFromArgv(argv: readonly string[]): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i < 0) return pickLang(process.env['KP_BREV_LANG']);
  const value = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  return pickLang(value);
}

/** The arguments without `--lang <sprog>` (or `--lang=<sprog>`): what is left to do. */
function withoutLang(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang') i++;
    else if (!argv[i]!.startsWith('--lang=')) out.push(argv[i]!);
  }
  return out;
}

export async function execute(argv: readonly string[], io: Io = processIo): Promise<number> {
  const lang = langFromArgv(argv);
  const say = textsIn(cliDescriptions, lang);
  let exitCode = 0;
  const program = new Command('kp-brev')
    .description(say.program)
    .version(VERSION, '-V, --version', say.version)
    .helpOption('-h, --help', say.help)
    .helpCommand('help [kommando]', say.help)
    .exitOverride()
    .configureHelp(localHelp(lang))
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: () => {
        /* reported below in the user's language */
      },
    })
    .showHelpAfterError(false);

  const langOption = (): Option => new Option('--lang <sprog>', say.lang).choices(['da', 'en']).default(lang);

  program
    .command('render')
    .description(say.render)
    .argument('[skabelon]', say.templateArg)
    .option('--template <id>', say.templateId)
    .option('--kommune <kode>', say.kommune)
    .option('--templates <mappe>', say.templatesDir)
    .requiredOption('--context <fil>', say.context)
    .requiredOption('--out <fil>', say.out)
    .option('--preview', say.preview)
    .option('--remove-empty-paragraphs', say.removeEmpty)
    .addOption(new Option('--format <format>', say.renderFormat).choices(['docx', 'pdf']))
    .addOption(new Option('--pdf-engine <engine>', say.pdfEngine).choices(['kp-brev', 'libreoffice']).default('kp-brev'))
    .option('--strict', say.strict)
    .addOption(new Option('--pdfa <niveau>', say.pdfa).choices(['2a', '1a']).default('2a'))
    .option('--attachment <fil>', say.attachment, collect)
    .option('--print', say.print)
    .addOption(langOption())
    .action(async (template: string | undefined, opts: Record<string, unknown>) => {
      const { renderCommand } = await import('./render.js');
      exitCode = await renderCommand(template, opts, io, lang);
    });

  program
    .command('templates')
    .description(say.templates)
    .option('--kommune <kode>', say.kommune)
    .option('--templates <mappe>', say.templatesDir)
    .addOption(new Option('--format <format>', say.format).choices(['text', 'json']).default('text'))
    .addOption(langOption())
    .action(async (opts: Record<string, unknown>) => {
      // A run over a repository lasts seconds: V8 optimises later (./tiering.ts).
      const { tuneForShortRun } = await import('./tiering.js');
      tuneForShortRun();
      const { templatesCommand } = await import('./templates.js');
      exitCode = await templatesCommand(opts, io, lang);
    });

  program
    .command('preview')
    .description(say.previewCmd)
    .argument('<id>', say.templateId)
    .option('--kommune <kode>', say.kommune)
    .option('--templates <mappe>', say.templatesDir)
    .option('--samples <mappe>', say.samplesDir)
    .requiredOption('--out <mappe>', say.outDir)
    .addOption(new Option('--format <format>', say.previewFormat).choices(['docx', 'pdf']).default('docx'))
    .addOption(langOption())
    .action(async (id: string, opts: Record<string, unknown>) => {
      const { previewCommand } = await import('./repo.js');
      exitCode = await previewCommand(id, opts, io, lang);
    });

  program
    .command('remap-keys')
    .description(say.remap)
    .argument('<skabelon>', say.templateArg)
    .requiredOption('--map <fil>', say.map)
    .requiredOption('--out <fil>', say.remapOut)
    .addOption(langOption())
    .action(async (template: string, opts: Record<string, unknown>) => {
      const { remapCommand } = await import('./remap.js');
      exitCode = await remapCommand(template, opts, io, lang);
    });

  program
    .command('lint')
    .description(say.lint)
    .argument('<mål...>', say.lintTargets)
    .option('--catalog <fil>', say.catalog)
    .option('--process <id>', say.process, collect)
    .option('--variant <id>', say.variant, collect)
    .option('--question <nøgle>', say.question, collect)
    .addOption(new Option('--env <miljø>', say.env).choices(['production', 'training']).default('production'))
    .option('--base <fil>', say.base)
    .addOption(new Option('--format <format>', say.format).choices(['stylish', 'json', 'sarif']).default('stylish'))
    .option('--config <fil>', say.config)
    .option('--templates <mappe>', say.templatesDir)
    .option('--samples <mappe>', say.samplesDir)
    .option('--sample <fil>', say.sample)
    .addOption(langOption())
    .action(async (targets: string[], opts: Record<string, unknown>) => {
      // A run over a repository lasts seconds: V8 optimises later (./tiering.ts).
      const { tuneForShortRun } = await import('./tiering.js');
      tuneForShortRun();
      const { lintCommand } = await import('./lint.js');
      exitCode = await lintCommand(targets, opts, io, lang);
    });

  program
    .command('serve')
    .description(say.serve)
    .option('--port <port>', say.port)
    .option('--host <adresse>', say.host)
    .option('--templates <mappe>', say.templatesDir)
    .option('--config <fil>', say.serveConfig)
    .option('--threads <n>', say.threads)
    .option('--training', say.training)
    .option('--samples <mappe>', say.samplesDir)
    .option('--print-config', say.printConfig)
    .addOption(langOption())
    .action(async (opts: Record<string, unknown>) => {
      const { serveCommand } = await import('./serve.js');
      exitCode = await serveCommand(opts, io, lang);
    });

  program
    .command('token')
    .description(say.token)
    .option('--kommune <kode>', say.kommune)
    .option('--admin', say.admin)
    .option('--name <navn>', say.tokenName)
    .addOption(langOption())
    .action(async (opts: Record<string, unknown>) => {
      const { tokenCommand } = await import('./token.js');
      exitCode = tokenCommand(opts, io, lang);
    });

  // --template, --cases and --out are required by batchCommand, not here: the subcommands
  // (batch migrate|enqueue|work|status) would otherwise require them too.
  const batch = program
    .command('batch')
    .description(say.batch)
    .option('--template <id>', say.templateId)
    .option('--kommune <kode>', say.kommune)
    .option('--templates <mappe>', say.templatesDir)
    .option('--cases <fil>', say.cases)
    .option('--out <mappe>', say.outBatch)
    .addOption(new Option('--format <format>', say.batchFormat).choices(['pdf', 'docx']))
    .addOption(new Option('--pdfa <niveau>', say.pdfa).choices(['2a', '1a']).default('2a'))
    .option('--concurrency <n>', say.concurrency)
    .option('--shard <k/n>', say.shard)
    .option('--retry-failed', say.retryFailed)
    .addOption(langOption())
    .action(async (opts: Record<string, unknown>, cmd: Command) => {
      const { batchCommand } = await import('./batch.js');
      exitCode = await batchCommand(opts, io, lang, cmd);
    });
  batchQueueCommands(batch, io, lang, (code) => (exitCode = code));

  program
    .command('fields')
    .description(say.fields)
    .argument('<skabelon>', say.templateArg)
    .option('--context <fil>', say.fieldsContext)
    .addOption(new Option('--format <format>', say.format).choices(['text', 'json']).default('text'))
    .addOption(langOption())
    .action(async (template: string, opts: Record<string, unknown>) => {
      const { fieldsCommand } = await import('./fields.js');
      exitCode = await fieldsCommand(template, opts, io, lang);
    });

  // No command (`kp-brev`, or `kp-brev --lang en`): the help, in the language asked for.
  if (withoutLang(argv).length === 0) {
    io.stderr(program.helpInformation());
    return 2;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError && (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help'))
      return 0;
    return report(err, io, lang);
  }
}

/** Tells a failure in the user's language and gives its exit code (the catalog is loaded only now). */
async function report(err: unknown, io: Io, lang: Lang): Promise<number> {
  const { formatMessage } = await import('../i18n/index.js');
  if (err instanceof CommanderError) {
    io.stderr(formatMessage('cli.usage', { detail: usageErrorText(err, lang) }, lang) + '\n');
    return 2;
  }
  const { KpBrevError, formatDiagnostic } = await import('../diagnostics.js');
  if (err instanceof KpBrevError) {
    io.stderr(err.diagnostics.map((d) => formatDiagnostic(d, lang)).join('\n') + '\n');
    return err.kind === 'refused' ? 1 : 2;
  }
  io.stderr(formatMessage('cli.internal', { detail: err instanceof Error ? err.message : String(err) }, lang) + '\n');
  if (process.env['KP_BREV_DEBUG']) io.stderr(String((err as Error)?.stack) + '\n');
  return 2;
}

/** Entry point of bin/kp-brev.js. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  // A closed pipe (`kp-brev fields x.docx | head`) ends the output quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  process.exitCode = await execute(argv);
}
