/**
 * Configuration from the environment (issue 18): every server, batch and ledger setting as a
 * KP_BREV_* variable; a configuration file < the environment < flags; validated against the
 * file's schema with the file's Danish (or English) messages, each naming where the value came
 * from; `kp-brev serve --print-config` shows the effective configuration without secrets, in a
 * form that works as a configuration file again.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { batchSettings, BATCH_SCHEMA } from '../../src/cli/batch-settings.js';
import { execute } from '../../src/cli/main.js';
import { formatDiagnostic, KpBrevError } from '../../src/diagnostics.js';
import { hashToken } from '../../src/server/auth.js';
import { SERVER_SCHEMA, serverSettings } from '../../src/server/server.js';
import { hidePassword, settingVars } from '../../src/settings.js';

const root = join(import.meta.dirname, '../..');
const operations = readFileSync(join(root, 'docs/operations.md'), 'utf8');
const SECRET = hashToken('kpb_hemmelig');

function messages(f: () => unknown, lang: 'da' | 'en' = 'da'): string[] {
  try {
    f();
  } catch (err) {
    if (err instanceof KpBrevError) return err.diagnostics.map((d) => formatDiagnostic(d, lang));
    throw err;
  }
  throw new Error('no error');
}

function configFile(text: string, name = 'server.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-settings-'));
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

describe('the variables', () => {
  it('every setting of the server and the batch has its KP_BREV_* variable, each name once, each in docs/operations.md', () => {
    const server = settingVars(SERVER_SCHEMA);
    const batch = settingVars(BATCH_SCHEMA);
    const names = (list: typeof server): Record<string, string> => Object.fromEntries(list.map((v) => [v.path.join('.'), v.env]));
    expect(names(server)).toMatchObject({
      port: 'KP_BREV_PORT',
      timeoutMs: 'KP_BREV_TIMEOUT_MS',
      lintBodyLimit: 'KP_BREV_LINT_BODY_LIMIT',
      credentials: 'KP_BREV_CREDENTIALS',
      'jwt.jwksUrl': 'KP_BREV_JWT_JWKS_URL',
      'jwt.clockToleranceSeconds': 'KP_BREV_JWT_CLOCK_TOLERANCE_SECONDS',
      'rateLimit.concurrent': 'KP_BREV_RATE_LIMIT_CONCURRENT',
      ledger: 'KP_BREV_LEDGER',
      idempotencyHours: 'KP_BREV_IDEMPOTENCY_HOURS',
    });
    expect(names(batch)).toEqual({
      templates: 'KP_BREV_TEMPLATES',
      ledger: 'KP_BREV_LEDGER',
      concurrency: 'KP_BREV_BATCH_CONCURRENCY',
      format: 'KP_BREV_BATCH_FORMAT',
      lease: 'KP_BREV_BATCH_LEASE',
      claim: 'KP_BREV_BATCH_CLAIM',
    });
    const schema = JSON.parse(readFileSync(join(root, 'schemas/server-config.schema.json'), 'utf8')) as { properties: Record<string, { properties?: object }> };
    const leaves = Object.entries(schema.properties).flatMap(([k, v]) => (v.properties ? Object.keys(v.properties).map((c) => `${k}.${c}`) : [k]));
    expect(server.map((v) => v.path.join('.')).sort()).toEqual(leaves.sort());
    const all = [...server, ...batch].map((v) => v.env);
    // templates is one variable for the server, the batch and lint alike; so is the ledger
    // (the batch's queue, the server's Idempotency-Keys).
    expect(new Set(all).size).toBe(all.length - 2);
    for (const name of new Set([...all, 'KP_BREV_CONFIG', 'KP_BREV_LIMITS'])) expect(operations, name).toContain(`\`${name}\``);
  });
});

describe('file < environment < flags', () => {
  const file = configFile('templates: skabeloner\nport: 8081\nthreads: 3\ncredentials:\n  - name: fil\n    kommune: "540"\n    sha256: ' + SECRET + '\n');

  it('the environment overrides the file, a flag overrides both; defaults fill the rest', () => {
    const env = { KP_BREV_PORT: '8082', KP_BREV_TIMEOUT_MS: '2500', KP_BREV_TRAINING: 'ja' };
    const a = serverSettings({ file, env, cwd: root }).config;
    expect(a).toMatchObject({ port: 8082, threads: 3, timeoutMs: 2500, training: true, host: '127.0.0.1', queue: 96, shutdownGraceMs: 30000 });
    expect(a.templates).toBe(join(file, '../skabeloner'));
    const b = serverSettings({ file, env, cwd: root, flags: { port: '8083', templates: 'mine' } }).config;
    expect(b.port).toBe(8083);
    // A folder from a flag or the environment is relative to the working folder, one from the file to the file.
    expect(b.templates).toBe(join(root, 'mine'));
    expect(serverSettings({ env: { KP_BREV_TEMPLATES: 'andre' }, cwd: root }).config.templates).toBe(join(root, 'andre'));
  });

  it("KP_BREV_CREDENTIALS adds to the file's credentials; nested settings and lists come from their variables", () => {
    const env = {
      KP_BREV_CREDENTIALS: JSON.stringify([{ name: 'miljø', admin: true, sha256: SECRET }]),
      KP_BREV_JWT_ISSUER: 'https://idp.example.dk/realms/kommune',
      KP_BREV_JWT_AUDIENCE: 'kp-brev',
      KP_BREV_JWT_JWKS_URL: 'https://idp.example.dk/realms/kommune/certs',
      KP_BREV_JWT_ALGORITHMS: 'ES256, RS256',
      KP_BREV_RATE_LIMIT_MAX: '600',
      KP_BREV_RATE_LIMIT_CONCURRENT: '4',
    };
    const c = serverSettings({ file, env, cwd: root }).config;
    expect(c.credentials!.map((x) => x.name)).toEqual(['fil', 'miljø']);
    expect(c.jwt).toEqual({
      issuer: env.KP_BREV_JWT_ISSUER,
      audience: 'kp-brev',
      jwksUrl: env.KP_BREV_JWT_JWKS_URL,
      algorithms: ['ES256', 'RS256'],
      kommuneClaim: 'kommune',
      rolesClaim: 'roles',
      adminRole: 'kp-brev-admin',
      clockToleranceSeconds: 30,
      jwksCacheSeconds: 600,
      jwksCooldownSeconds: 30,
    });
    expect(c.rateLimit).toEqual({ max: 600, concurrent: 4, windowSeconds: 60 });
  });

  it('an empty variable counts as not set', () => {
    expect(serverSettings({ file, env: { KP_BREV_PORT: '' }, cwd: root }).config.port).toBe(8081);
  });
});

describe("validated with the file's messages, naming where the value came from", () => {
  it('a variable of the wrong type or value, in Danish and in English', () => {
    const bad = (): unknown => serverSettings({ env: { KP_BREV_PORT: 'otte', KP_BREV_RATE_LIMIT_MAX: '0', KP_BREV_JWT_ALGORITHMS: 'RS256,none' } });
    expect(messages(bad).sort()).toEqual(
      [
        'KP_BREV_PORT: (roden): "port" har en forkert type; den skal være integer.',
        'KP_BREV_JWT_ALGORITHMS: jwt.algorithms[1]: "" skal være en af: RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA.',
        // The jwt section holds only what that variable gave: the others are missing.
        'KP_BREV_JWT_ALGORITHMS: jwt mangler feltet "issuer".',
        'KP_BREV_JWT_ALGORITHMS: jwt mangler feltet "audience".',
        'KP_BREV_JWT_ALGORITHMS: jwt mangler feltet "jwksUrl".',
        'KP_BREV_RATE_LIMIT_MAX: rateLimit: "max" har en ugyldig værdi (must be >= 1).',
      ].sort(),
    );
    expect(messages(bad, 'en')[0]).toBe('KP_BREV_PORT: (roden): "port" has the wrong type; it must be integer.');
  });

  it('a flag, and the file with its line, are named the same way', () => {
    const file = configFile('port: 8080\nthreads: mange\n');
    expect(messages(() => serverSettings({ file, env: {} }))).toEqual([
      `${file}, linje 2, kolonne 1: (roden): "threads" har en forkert type; den skal være integer.`,
    ]);
    expect(messages(() => serverSettings({ env: {}, flags: { port: 'x' } }))).toEqual(['--port: (roden): "port" har en forkert type; den skal være integer.']);
  });

  it('a jwt section split between the file and the environment is checked as one', () => {
    const file = configFile('jwt:\n  issuer: https://idp.example.dk/realms/kommune\n  audience: kp-brev\n');
    expect(messages(() => serverSettings({ file, env: {} }))[0]).toMatch(/jwt mangler feltet "jwksUrl"/);
    const ok = serverSettings({ file, env: { KP_BREV_JWT_JWKS_URL: 'https://idp.example.dk/certs' } }).config;
    expect(ok.jwt?.jwksUrl).toBe('https://idp.example.dk/certs');
  });

  it('JSON in a variable that does not parse is told by line and column, naming the variable', () => {
    expect(messages(() => serverSettings({ env: { KP_BREV_CREDENTIALS: '[{"name": "x",}]' } }))).toEqual([
      `KP_BREV_CREDENTIALS: Ugyldig JSON i linje 1, kolonne 15: uventet tegn '}'.`,
    ]);
  });

  it('the batch and ledger settings', () => {
    expect(
      batchSettings({}, root, {
        KP_BREV_BATCH_CONCURRENCY: '2',
        KP_BREV_BATCH_FORMAT: 'docx',
        KP_BREV_LEDGER: 'postgres://kp:pw@db/kpbrev',
        KP_BREV_BATCH_LEASE: '90',
      }),
    ).toEqual({
      templates: join(root, 'templates'),
      concurrency: 2,
      format: 'docx',
      ledger: 'postgres://kp:pw@db/kpbrev',
      lease: 90,
    });
    expect(batchSettings({ concurrency: '1', format: 'pdf' }, root, { KP_BREV_BATCH_CONCURRENCY: '2', KP_BREV_BATCH_FORMAT: 'docx' })).toMatchObject({
      concurrency: 1,
      format: 'pdf',
    });
    expect(messages(() => batchSettings({}, root, { KP_BREV_BATCH_CONCURRENCY: '0', KP_BREV_BATCH_FORMAT: 'odt', KP_BREV_LEDGER: 'mysql://x' }))).toEqual([
      'KP_BREV_LEDGER: (roden): "ledger" har en ugyldig værdi (must match pattern "^postgres(ql)?://").',
      'KP_BREV_BATCH_CONCURRENCY: (roden): "concurrency" har en ugyldig værdi (must be >= 1).',
      'KP_BREV_BATCH_FORMAT: (roden): "format" skal være en af: pdf, docx.',
    ]);
  });

  it('a bad variable stops kp-brev batch and kp-brev serve before anything starts (exit 2)', async () => {
    let err = '';
    const io = { stdout: () => undefined, stderr: (t: string) => (err += t), cwd: root, color: false };
    const saved = process.env['KP_BREV_BATCH_CONCURRENCY'];
    process.env['KP_BREV_BATCH_CONCURRENCY'] = 'to';
    try {
      expect(await execute(['batch', '--template', 'np_1004', '--cases', 'x.ndjson', '--out', 'ud'], io)).toBe(2);
    } finally {
      if (saved === undefined) delete process.env['KP_BREV_BATCH_CONCURRENCY'];
      else process.env['KP_BREV_BATCH_CONCURRENCY'] = saved;
    }
    expect(err).toContain('KP_BREV_BATCH_CONCURRENCY: (roden): "concurrency" har en forkert type; den skal være integer.');
  });
});

describe('kp-brev serve --print-config', () => {
  async function printConfig(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
    let out = '';
    const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (out += t), cwd: root, color: false };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      return { code: await execute(['serve', '--print-config', ...args], io), out };
    } finally {
      for (const k of Object.keys(env))
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
    }
  }

  it('shows every setting with where it came from, hides the secrets, and works as a configuration file again', async () => {
    const file = configFile(`port: 8081\ncredentials:\n  - name: fil\n    kommune: "540"\n    sha256: ${SECRET}\n`);
    const { code, out } = await printConfig(['--config', file, '--threads', '2'], {
      KP_BREV_PORT: '9000',
      KP_BREV_JWT_ISSUER: 'https://idp.example.dk/r',
      KP_BREV_JWT_AUDIENCE: 'kp-brev',
      KP_BREV_JWT_JWKS_URL: 'https://idp.example.dk/certs',
    });
    expect(code).toBe(0);
    expect(out).not.toContain(SECRET);
    expect(out).toContain('sha256: "***"');
    expect(out).toMatch(/^port: 9000 # KP_BREV_PORT$/m);
    expect(out).toMatch(/^threads: 2 # --threads$/m);
    expect(out).toMatch(/^timeoutMs: 10000 # standard$/m);
    expect(out).toMatch(/^ {2}issuer: https:\/\/idp\.example\.dk\/r # KP_BREV_JWT_ISSUER$/m);
    expect(out).toContain(`# ${file}, linje 3`);
    // The printed settings, secrets put back, are a valid configuration file giving the same.
    const printed = parse(out) as Record<string, unknown> & { credentials: Array<{ sha256: string }> };
    printed.credentials[0]!.sha256 = SECRET;
    const again = configFile(JSON.stringify(printed), 'again.json');
    const before = serverSettings({
      file,
      cwd: root,
      env: {
        KP_BREV_PORT: '9000',
        KP_BREV_JWT_ISSUER: 'https://idp.example.dk/r',
        KP_BREV_JWT_AUDIENCE: 'kp-brev',
        KP_BREV_JWT_JWKS_URL: 'https://idp.example.dk/certs',
      },
      flags: { threads: '2' },
    }).config;
    expect(serverSettings({ file: again, cwd: root, env: {} }).config).toEqual(before);
  });

  it('in English with --lang en', async () => {
    const { out } = await printConfig(['--lang', 'en'], {});
    expect(out).toMatch(/^port: 8080 # default$/m);
  });

  it('hides the password of a ledger URL', () => {
    expect(hidePassword('postgres://kp:hemmeligt@db:5432/kpbrev?sslmode=require')).toBe('postgres://kp:***@db:5432/kpbrev?sslmode=require');
    expect(hidePassword('postgresql://kpbrev@/postgres?host=/run/postgresql&password=x')).not.toContain('password=x');
  });
});
