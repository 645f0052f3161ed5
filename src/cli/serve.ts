/** `kp-brev serve`: the render API and the training page. */
import { formatMessage, type Lang } from '../i18n/index.js';
import { resolveLimits } from '../limits.js';
import { loadServerConfig, startServer, type ServerConfig } from '../server/server.js';
import type { Io } from './main.js';

export async function serveCommand(opts: Record<string, unknown>, io: Io, lang: Lang): Promise<number> {
  // A KP_BREV_LIMITS the render threads could not read stops the server here, not every letter.
  resolveLimits();
  const cfg: ServerConfig = opts['config'] ? loadServerConfig(String(opts['config'])) : {};
  if (opts['port'] !== undefined) cfg.port = Number(opts['port']);
  if (opts['host'] !== undefined) cfg.host = String(opts['host']);
  if (opts['templates'] !== undefined) cfg.templates = String(opts['templates']);
  if (opts['threads'] !== undefined) cfg.threads = Number(opts['threads']);
  if (opts['training'] === true) cfg.training = true;
  if (opts['samples'] !== undefined) cfg.samples = String(opts['samples']);
  await startServer(cfg, (address) => io.stderr(formatMessage('cli.serving', { address }, lang) + '\n'));
  // The server runs until a signal stops it.
  return new Promise<number>(() => undefined);
}
