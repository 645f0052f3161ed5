/** `kp-brev serve`: the render API and the training page. */
import { formatMessage, type Lang } from '../i18n/index.js';
import { resolveLimits } from '../limits.js';
import { SERVER_SCHEMA, serverSettings, startServer } from '../server/server.js';
import { describeSettings } from '../settings.js';
import type { Io } from './io.js';

export async function serveCommand(opts: Record<string, unknown>, io: Io, lang: Lang, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // A KP_BREV_LIMITS the render threads could not read stops the server here, not every letter.
  resolveLimits();
  // The configuration file < KP_BREV_* < flags.
  const text = (name: string): string | undefined => (opts[name] === undefined ? undefined : String(opts[name]));
  const { config, merged } = serverSettings({
    file: text('config') ?? (env['KP_BREV_CONFIG'] || undefined),
    env,
    cwd: io.cwd,
    flags: {
      port: text('port'),
      host: text('host'),
      templates: text('templates'),
      threads: text('threads'),
      training: opts['training'] === true ? true : undefined,
      samples: text('samples'),
    },
  });
  if (opts['printConfig'] === true) {
    io.stdout(describeSettings(merged, SERVER_SCHEMA, lang));
    return 0;
  }
  await startServer(config, (address) => io.stderr(formatMessage('cli.serving', { address }, lang) + '\n'));
  // The server runs until a signal stops it.
  return new Promise<number>(() => undefined);
}
