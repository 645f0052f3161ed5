/**
 * `kp-brev serve`: the render API listening, with worker threads for rendering, its settings
 * (a configuration file < KP_BREV_* environment variables < flags, src/settings.ts) and graceful
 * shutdown (SIGTERM/SIGINT: stop accepting, finish the requests in flight, close the pool, exit).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { inputError, KpBrevError, registeredDiagnostic } from '../diagnostics.js';
import { parseDataFile, readDataFile } from '../repository/data-file.js';
import { PgIdempotencyStore } from '../ledger/pg-idempotency.js';
import { MemoryIdempotencyStore, type IdempotencyStore } from '../ledger/idempotency.js';
import { PgLedger } from '../ledger/pg-ledger.js';
import { WorkerPool } from '../service/pool.js';
import { envLayer, flagLayer, mergeLayers, validateSettings, type Layer, type Merged } from '../settings.js';
import { buildApp } from './app.js';
import type { Credential } from './auth.js';
import { RATE_WINDOW_DEFAULT } from './fair-share.js';
import { SERVER_LIMIT_DEFAULTS, type RateLimitConfig, type ServerOptions } from './types.js';
import { JWT_DEFAULTS, type JwtConfig } from './jwt.js';
import { startTracing } from './tracing.js';

export const SERVER_SCHEMA = 'server-config.schema.json';

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
  /** Bearer JWTs from the municipality's identity provider. */
  jwt?: JwtConfig;
  /** Fair share: limits per credential. */
  rateLimit?: RateLimitConfig;
}

interface ServerFile {
  config: ServerConfig;
  lineOf(path: Array<string | number>): number | undefined;
}

/**
 * Reads the configuration file at `path`, named `file` in messages; validated unless told not to
 * (settings are validated once merged with the environment and flags).
 */
function readServerFile(file: string, path = file, validate = true): ServerFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw inputError('cli.file-not-found', { file });
  }
  const { data: config, lineOf } = validate ? readDataFile<ServerConfig>(file, text, SERVER_SCHEMA) : parseDataFile<ServerConfig>(file, text);
  // A file that is not an object (or empty) is told as the file's own error.
  if (config === null || typeof config !== 'object' || Array.isArray(config)) readDataFile<ServerConfig>(file, text, SERVER_SCHEMA);
  // Folders in the file are relative to the file.
  if (config.templates) config.templates = resolve(dirname(path), config.templates);
  if (config.samples) config.samples = resolve(dirname(path), config.samples);
  return { config, lineOf };
}

export function loadServerConfig(file: string): ServerConfig {
  return readServerFile(file).config;
}

/** The flags of `kp-brev serve` that are settings, by the setting's path. */
export const SERVE_FLAGS: Record<string, string> = {
  port: '--port',
  host: '--host',
  templates: '--templates',
  threads: '--threads',
  training: '--training',
  samples: '--samples',
};

/** The value of every setting not given, from those given (one place for the server's defaults). */
export function serverDefaults(given: ServerConfig, cwd = process.cwd()): ServerConfig {
  const threads = given.threads ?? Math.max(1, availableParallelism());
  return {
    templates: resolve(cwd, 'templates'),
    port: 8080,
    // The training environment listens on this machine only unless told otherwise.
    host: given.training ? '127.0.0.1' : '0.0.0.0',
    threads,
    queue: threads * 32,
    timeoutMs: 10_000,
    ...SERVER_LIMIT_DEFAULTS,
    shutdownGraceMs: 30_000,
    training: false,
    ...(given.jwt ? { jwt: { ...JWT_DEFAULTS, algorithms: [...JWT_DEFAULTS.algorithms] } as unknown as JwtConfig } : {}),
    ...(given.rateLimit?.max ? { rateLimit: { windowSeconds: RATE_WINDOW_DEFAULT } } : {}),
  };
}

export interface ServerSettings {
  /** The effective configuration, every default filled in. */
  config: ServerConfig;
  /** The same with where each value came from (for --print-config). */
  merged: Merged;
}

/**
 * The server's settings: the configuration file < KP_BREV_* environment variables < flags, then
 * the defaults for what none of them gives. Credentials are the exception: those of
 * KP_BREV_CREDENTIALS are added to the file's. Validated against the file's schema: a problem
 * names the file and line, the variable or the flag its value came from.
 */
export function serverSettings(input: {
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
  flags?: Record<string, string | boolean | undefined>;
  cwd?: string;
}): ServerSettings {
  const cwd = input.cwd ?? process.cwd();
  const layers: Layer[] = [];
  if (input.file) {
    const file = input.file;
    const { config, lineOf } = readServerFile(file, resolve(cwd, file), false);
    layers.push({ data: config as Record<string, unknown>, origin: (path) => ({ file, ...(lineOf(path) !== undefined ? { line: lineOf(path)! } : {}) }) });
  }
  layers.push(envLayer(SERVER_SCHEMA, input.env ?? process.env));
  layers.push(flagLayer(SERVER_SCHEMA, input.flags ?? {}, SERVE_FLAGS));
  const given = mergeLayers(layers, ['credentials']);
  validateSettings(given, SERVER_SCHEMA);
  const defaults: Layer = { data: serverDefaults(given.data as ServerConfig, cwd) as Record<string, unknown>, origin: () => ({ file: '' }) };
  const merged = mergeLayers([defaults, ...layers], ['credentials']);
  const config = merged.data as ServerConfig;
  // Folders from the environment or a flag are relative to the working folder.
  config.templates = resolve(cwd, config.templates!);
  if (config.samples) config.samples = resolve(cwd, config.samples);
  return { config, merged };
}

/** Credentials from KP_BREV_CREDENTIALS (a JSON array), checked against the configuration's schema. */
export function envCredentials(env: NodeJS.ProcessEnv = process.env): Credential[] {
  const raw = env['KP_BREV_CREDENTIALS'];
  return raw ? (serverSettings({ env: { KP_BREV_CREDENTIALS: raw } }).config.credentials ?? []) : [];
}

/**
 * Where the answers to Idempotency-Keys are kept for `idempotencyHours` (default 24): in the
 * PostgreSQL ledger when one is configured (its tables made or updated first), else in this process.
 */
export async function idempotencyStore(cfg: Pick<ServerConfig, 'ledger' | 'idempotencyHours'>): Promise<IdempotencyStore> {
  const keepHours = cfg.idempotencyHours ?? 24;
  if (!cfg.ledger) return new MemoryIdempotencyStore({ ttlMs: keepHours * 3600_000 });
  const ledger = new PgLedger(cfg.ledger);
  // Creates the tables if they are not there (nothing when up to date, as `kp-brev batch migrate`).
  try {
    await ledger.migrate();
  } catch (err) {
    await ledger.close().catch(() => undefined);
    throw new KpBrevError('input', [
      registeredDiagnostic('batch.ledger-failed', { detail: err instanceof Error ? err.message : String(err) }, undefined, 'error'),
    ]);
  }
  return new PgIdempotencyStore(ledger, { retentionSeconds: keepHours * 3600 });
}

export async function startServer(given: ServerConfig, log: (line: string) => void): Promise<FastifyInstance> {
  const cfg = { ...serverDefaults(given), ...given };
  const templatesDir = resolve(cfg.templates!);
  const idempotency = await idempotencyStore(cfg);
  const pool = new WorkerPool({ threads: cfg.threads!, maxQueue: cfg.queue!, timeoutMs: cfg.timeoutMs!, warm: templatesDir });
  const options: ServerOptions = {
    templatesDir,
    credentials: cfg.credentials ?? [],
    pool,
    logger: true,
    bodyLimit: cfg.bodyLimit!,
    lintBodyLimit: cfg.lintBodyLimit!,
    ...(cfg.training ? { training: true } : {}),
    ...(cfg.samples ? { samplesDir: resolve(cfg.samples) } : {}),
    idempotency,
    ...(cfg.jwt ? { jwt: cfg.jwt } : {}),
    ...(cfg.rateLimit ? { rateLimit: cfg.rateLimit } : {}),
  };
  // OpenTelemetry when OTEL_* asks for it (before the app, so that its hooks find the tracer).
  const tracing = await startTracing(process.env);
  const app = await buildApp(options);
  if (tracing) app.addHook('onClose', () => tracing.shutdown());
  // Listen only when the render threads have compiled the letters: no slow first requests.
  await pool.ready();
  // The training environment listens on this machine only unless told otherwise.
  const address = await app.listen({ port: cfg.port!, host: cfg.host! });
  log(address);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    // Requests still running after the grace period are cut off.
    const grace = setTimeout(() => process.exit(1), cfg.shutdownGraceMs!);
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
