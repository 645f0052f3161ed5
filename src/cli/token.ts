/** `kp-brev token`: a new credential for the render API (apart from serve.ts, so that it does not load the server). */
import { formatMessage, type Lang } from '../i18n/index.js';
import { newToken } from '../server/auth.js';
import type { Io } from './io.js';

export function tokenCommand(opts: Record<string, unknown>, io: Io, lang: Lang): number {
  const admin = opts['admin'] === true;
  const kommune = opts['kommune'] as string | undefined;
  if (admin === (kommune !== undefined)) {
    io.stderr(formatMessage('cli.usage', { detail: formatMessage('cli.token-kommune-or-admin', {}, lang) }, lang) + '\n');
    return 2;
  }
  const name = String(opts['name'] ?? (admin ? 'admin' : `kommune-${kommune}`));
  const { token, credential } = newToken(name, admin ? { admin: true } : { kommune: kommune! });
  io.stdout(formatMessage('cli.token', { token, line: JSON.stringify(credential) }, lang) + '\n');
  return 0;
}
