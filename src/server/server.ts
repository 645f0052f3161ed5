/**
 * `kp-brev serve`: the render API listening, with worker threads for rendering, a
 * configuration file and graceful shutdown (SIGTERM/SIGINT: stop accepting, finish the
 * requests in flight, close the pool, exit).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { diagnostic, inputError, KpBrevError, registeredDiagnostic } from '../diagnostics.js';
import { jsonErrorMessage, parseJson } from '../json-text.js';
import { readDataFile } from '../repository/data-file.js';
import { PgIdempotencyStore } from '../ledger/pg-idempotency.js';
import { PgLedger } from '../ledger/pg-ledger.js';
import { WorkerPool } from '../service/pool.js';
import { buildApp, type ServerOptions } from './app.js';
import type { Credential } from './auth.js';

export interface ServerConfig {
  templates?: string;
  port?: number;
  host?: string;
  threads?: number;
  queue?: number;
  timeoutMs?: number;
  bodyLimit?: number;
  lintBodyLimit?: number;
  /** How long shutdown waits for requests in flight (default 30 s). */
  shutdownGraceMs?: number;
  /** Training environment (see ServerOptions.training). */
  training?: boolean;
  /** Sample cases for the training page. */
  samples?: string;
  credentials?: Credential[];
  /** PostgreSQL ledger (postgres://…; default KP_BREV_LEDGER): keeps the Idempotency-Keys of POST /v1/letters across instances. */
  ledger?: string;
  /** Hours the answer to an Idempotency-Key is kept (default 24). */
  idempotencyHours?: number;
}

export function loadServerConfig(file: string): ServerConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw inputError('cli.file-not-found', { file });
  }
  const cfg = readDataFile<ServerConfig>(file, text, 'server-config.schema.json').data;
  if (cfg.templates) cfg.templates = resolve(dirname(file), cfg.templates);
  if (cfg.samples) cfg.samples = resolve(dirname(file), cfg.samples);
  return cfg;
}

/** Credentials from KP_BREV_CREDENTIALS (a JSON array). */
export function envCredentials(env: NodeJS.ProcessEnv = process.env): Credential[] {
  const raw = env['KP_BREV_CREDENTIALS'];
  if (!raw) return [];
  // Read as a file of that name: its JSON error by line and column, in the reader's language.
  const parsed = parseJson(raw);
  if (!parsed.ok) {
    const m = jsonErrorMessage(parsed.error);
    throw new KpBrevError('input', [diagnostic(m.id, m.params, { file: 'KP_BREV_CREDENTIALS' })]);
  }
  const list = parsed.value;
  if (!Array.isArray(list)) throw inputError('cli.usage', { detail: 'KP_BREV_CREDENTIALS: JSON array of { name, kommune | admin, sha256 }' });
  // Checked against the configuration's schema, like credentials in the file.
  return readDataFile<ServerConfig>('KP_BREV_CREDENTIALS', JSON.stringify({ credentials: list }), 'server-config.schema.json').data.credentials ?? [];
}

export async function startServer(cfg: ServerConfig, log: (line: string) => void): Promise<FastifyInstance> {
  const credentials = [...(cfg.credentials ?? []), ...envCredentials()];
  const templatesDir = resolve(cfg.templates ?? 'templates');
  const ledgerUrl = cfg.ledger ?? process.env['KP_BREV_LEDGER'];
  let idempotency: PgIdempotencyStore | undefined;
  if (ledgerUrl) {
    const ledger = new PgLedger(ledgerUrl);
    // Creates the tables if they are not there (nothing when up to date, as `kp-brev batch migrate`).
    try {
      await ledger.migrate();
    } catch (err) {
      await ledger.close().catch(() => undefined);
      throw new KpBrevError('input', [registeredDiagnostic('batch.ledger-failed', { detail: err instanceof Error ? err.message : String(err) }, undefined, 'error')]);
    }
    idempotency = new PgIdempotencyStore(ledger, { retentionSeconds: (cfg.idempotencyHours ?? 24) * 3600 });
  }
  const pool = new WorkerPool({ ...(cfg.threads ? { threads: cfg.threads } : {}), ...(cfg.queue !== undefined ? { maxQueue: cfg.queue } : {}), timeoutMs: cfg.timeoutMs ?? 10_000, warm: templatesDir });
  const options: ServerOptions = {
    templatesDir,
    credentials,
    pool,
    logger: true,
    ...(cfg.bodyLimit ? { bodyLimit: cfg.bodyLimit } : {}),
    ...(cfg.lintBodyLimit ? { lintBodyLimit: cfg.lintBodyLimit } : {}),
    ...(cfg.training ? { training: true } : {}),
    ...(cfg.samples ? { samplesDir: resolve(cfg.samples) } : {}),
    ...(idempotency ? { idempotency } : {}),
  };
  const app = await buildApp(options);
  // Listen only when the render threads have compiled the letters: no slow first requests.
  await pool.ready();
  // The training environment listens on this machine only unless told otherwise.
  const address = await app.listen({ port: cfg.port ?? 8080, host: cfg.host ?? (cfg.training ? '127.0.0.1' : '0.0.0.0') });
  log(address);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    // Requests still running after the grace period are cut off.
    const grace = setTimeout(() => process.exit(1), cfg.shutdownGraceMs ?? 30_000);
    grace.unref();
    // Keep-alive connections whose last response has gone out are closed as soon as they are idle.
    setInterval(() => app.server.closeIdleConnections(), 100).unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return app;
}

export { KpBrevError };
