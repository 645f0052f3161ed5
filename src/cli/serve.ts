/** `kp-brev serve` (the render API and, later, the training page) and `kp-brev token` (a new credential). */
import { formatMessage, type Lang } from '../i18n/index.js';
import { resolveLimits } from '../limits.js';
import { newToken } from '../server/auth.js';
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

export function tokenCommand(opts: Record<string, unknown>, io: Io, lang: Lang): number {
  const admin = opts['admin'] === true;
  const kommune = opts['kommune'] as string | undefined;
  if (admin === (kommune !== undefined)) {
    io.stderr(formatMessage('cli.usage', { detail: lang === 'en' ? 'give either --kommune <code> or --admin' : 'angiv enten --kommune <kode> eller --admin' }, lang) + '\n');
    return 2;
  }
  const name = String(opts['name'] ?? (admin ? 'admin' : `kommune-${kommune}`));
  const { token, credential } = newToken(name, admin ? { admin: true } : { kommune: kommune! });
  io.stdout(formatMessage('cli.token', { token, line: JSON.stringify(credential) }, lang) + '\n');
  return 0;
}
