/**
 * Start-up (issue 19): each command loads only what it needs. The real `kp-brev` is started
 * with a hook (test/helpers/module-log.mjs) that writes down every module the process loads;
 * an eager import added to the command line (a static import of the PDF writer or the server in
 * src/cli/main.ts, say) makes these tests fail. What start-up costs is measured in
 * bench/startup.ts, not here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/kp-brev.js');
const hook = join(root, 'test/helpers/module-log.mjs');
const sample = join(root, 'samples/enkeltbrev/bevilling-helbredstillaegskort.docx');
const karen = join(root, 'samples/enkeltbrev/karen-jensen.json');
const dir = mkdtempSync(join(tmpdir(), 'kp-brev-startup-'));

/** The heavy parts --version and --help must not load. */
const HEAVY = ['chevrotain', 'lodash-es', '@cantoo/pdf-lib', 'fontkit', 'fastify', 'pizzip', 'saxes', 'ajv'];
/** The server's packages, which lint and render must not load. */
const SERVER_PACKAGES = ['fastify', 'piscina', 'pino', 'pg', 'prom-client'];

interface Loaded {
  status: number;
  stdout: string;
  stderr: string;
  /** Every module URL the process loaded. */
  urls: string[];
  /** The npm packages among them (`@scope/name` or `name`). */
  packages: Set<string>;
  /** The project's own modules, as paths under the repository (dist/cli/main.js). */
  own: string[];
}

let runs = 0;
function load(nodeArgs: string[], args: string[], cwd = dir): Loaded {
  const log = join(dir, `modules-${++runs}.txt`);
  const r = spawnSync(process.execPath, ['--import', hook, ...nodeArgs, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, KP_BREV_MODULE_LOG: log, KP_BREV_LANG: '' },
  });
  const urls = existsSync(log) ? [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))] : [];
  const packages = new Set(urls.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []));
  const own = urls.filter((u) => u.startsWith(`file://${root}/`) && !u.includes('/node_modules/')).map((u) => u.slice(`file://${root}/`.length));
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, urls, packages, own };
}

const kpBrev = (...args: string[]): Loaded => load([bin], args);

function serverPackagesIn(l: Loaded): string[] {
  return [...l.packages].filter((p) => SERVER_PACKAGES.includes(p) || p.startsWith('@fastify/') || p.startsWith('pg-'));
}

describe('the module log', () => {
  it('sees ES modules and the CommonJS modules they require (fastify requires avvio)', () => {
    const l = load(['--input-type=module', '-e', "await import('fastify'); await import('chevrotain');"], [], root);
    expect(l.status).toBe(0);
    expect([...l.packages]).toEqual(expect.arrayContaining(['fastify', 'avvio', 'chevrotain', 'lodash-es']));
  });
});

describe('kp-brev --version and --help load none of the heavy parts', () => {
  it('--version prints the version and loads no package at all', () => {
    const l = kpBrev('--version');
    expect(l.status).toBe(0);
    expect(l.stdout).toBe(`${VERSION}\n`);
    expect(l.own).toContain('bin/kp-brev.js');
    expect([...l.packages]).toEqual([]);
    expect(l.own.filter((m) => m.startsWith('dist/'))).toEqual(['dist/version.js']);
  });

  for (const args of [['--help'], ['--help', '--lang', 'en'], ['render', '--help'], ['help', 'lint'], ['batch', 'status', '--help'], ['-V', '--lang', 'en']]) {
    it(`kp-brev ${args.join(' ')} loads commander and the command definitions only`, () => {
      const l = kpBrev(...args);
      expect(l.status).toBe(0);
      expect(l.stdout.length).toBeGreaterThan(0);
      expect(l.own).toContain('dist/cli/main.js');
      for (const heavy of HEAVY) expect(l.packages.has(heavy), heavy).toBe(false);
      expect([...l.packages]).toEqual(['commander']);
      // Neither the implementation of a command nor the whole message catalog.
      expect(
        l.own.filter((m) => /^dist\/(cli\/(render|lint|fields|repo|remap|serve|batch|batch-queue-run|token)\.js|i18n\/messages\.js|diagnostics\.js)$/.test(m)),
      ).toEqual([]);
    });
  }

  it('a usage error loads the catalog to tell it, and still nothing heavy', () => {
    const l = kpBrev('render', '--formt', 'pdf');
    expect(l.status).toBe(2);
    expect(l.stderr).toMatch(/^Forkert brug: /);
    expect(l.own).toContain('dist/i18n/messages.js');
    for (const heavy of HEAVY) expect(l.packages.has(heavy), heavy).toBe(false);
  });
});

describe('lint and render load nothing of the server', () => {
  it('kp-brev lint on the sample letter', () => {
    const l = kpBrev('lint', sample);
    expect([0, 1]).toContain(l.status);
    expect(l.stdout).toContain('bevilling-helbredstillaegskort.docx');
    // It did the work: the field-code parser was loaded ...
    expect(l.packages.has('chevrotain')).toBe(true);
    // ... from chevrotain's single-file module, not its package entry with lodash-es's modules.
    expect(l.packages.has('lodash-es')).toBe(false);
    expect(serverPackagesIn(l)).toEqual([]);
    expect(l.own.filter((m) => /^dist\/(server|service|web|ledger)\//.test(m))).toEqual([]);
  });

  it('kp-brev render of a PDF letter', () => {
    const out = join(dir, 'karen.pdf');
    const l = kpBrev('render', sample, '--context', karen, '--out', out);
    expect(l.stderr).toBe('');
    expect(l.status).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(l.packages.has('@cantoo/pdf-lib')).toBe(true);
    expect(serverPackagesIn(l)).toEqual([]);
    expect(l.own.filter((m) => /^dist\/(server|service|web|ledger)\//.test(m))).toEqual([]);
  });

  it('kp-brev lint of a template repository composes no letter, reads its YAML without the yaml package and its XML without saxes, and compiles no schema', () => {
    const l = kpBrev('lint', join(root, 'templates'), '--format', 'json');
    expect(l.stderr).toBe('');
    expect([0, 1]).toContain(l.status);
    expect((JSON.parse(l.stdout) as Array<{ file: string }>).map((r) => r.file)).toContain(join(root, 'templates/central/beskedskabeloner/np_1004.docx'));
    // Each file is judged as it is: no letter is composed (nor its HTML flettetekster parsed) ...
    expect(l.own.filter((m) => /^dist\/compose\//.test(m))).toEqual([]);
    expect(l.packages.has('htmlparser2')).toBe(false);
    // ... the manifests and the catalog are of the subset src/repository/yaml-subset.ts reads ...
    expect(l.packages.has('yaml')).toBe(false);
    // ... and checked by the validators the build generated: of ajv, only their helpers at run time.
    expect(l.urls.filter((u) => u.includes('/node_modules/ajv/') && !u.includes('/node_modules/ajv/dist/runtime/'))).toEqual([]);
    // The templates' XML is of what the fast scanner reads (src/ooxml/xml.ts): saxes is not loaded.
    expect(l.packages.has('saxes')).toBe(false);
    expect(serverPackagesIn(l)).toEqual([]);
  });

  it('kp-brev templates reads the manifests, not a template (issue 16)', () => {
    const l = kpBrev('templates', '--templates', join(root, 'templates'));
    expect(l.stderr).toBe('');
    expect(l.status).toBe(0);
    expect(l.stdout).toContain('np_1004');
    for (const heavy of ['chevrotain', '@cantoo/pdf-lib', 'fontkit', 'pizzip', 'saxes', 'yaml']) expect(l.packages.has(heavy), heavy).toBe(false);
    expect(l.urls.filter((u) => u.includes('/node_modules/ajv/') && !u.includes('/node_modules/ajv/dist/runtime/'))).toEqual([]);
    expect(l.own.filter((m) => /^dist\/(ooxml|template|compose|pdf|lint)\//.test(m))).toEqual([]);
    expect(serverPackagesIn(l)).toEqual([]);
  });

  it('kp-brev token makes a credential without the server', () => {
    const l = kpBrev('token', '--admin');
    expect(l.status).toBe(0);
    expect(l.stdout).toContain('"admin":true');
    expect(serverPackagesIn(l)).toEqual([]);
    for (const heavy of HEAVY) expect(l.packages.has(heavy), heavy).toBe(false);
  });
});
