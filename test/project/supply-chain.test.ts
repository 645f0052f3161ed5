/**
 * Supply chain (.ci/run): the CycloneDX bill of materials lists what the server runs and not the
 * development tools, and the audit gate fails on a high or critical advisory in a production
 * dependency unless docs/operations.md explains it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the CI script, without types.
import { explainedAdvisories, judge } from '../../.ci/audit.mjs';
// @ts-expect-error: as above.
import { npmBom, productionBom } from '../../.ci/sbom.mjs';

const root = join(import.meta.dirname, '../..');
const docs = readFileSync(join(root, 'docs/operations.md'), 'utf8');

type Verdict = { ok: boolean; unreachable: boolean; lines: string[] };
const verdict = judge as (audit: unknown, docs: string) => Verdict;

function auditWith(severity: string, ghsa: string): unknown {
  return {
    auditReportVersion: 2,
    vulnerabilities: {
      'some-lib': {
        name: 'some-lib',
        severity,
        via: [{ source: 1, name: 'some-lib', title: 'Prototype pollution', url: `https://github.com/advisories/${ghsa}`, severity, range: '<1.2.3' }],
      },
      fastify: { name: 'fastify', severity, via: ['some-lib'] },
    },
    metadata: { vulnerabilities: { critical: 0, high: severity === 'high' ? 1 : 0, moderate: severity === 'moderate' ? 1 : 0, low: 0 } },
  };
}

describe('npm audit gate (.ci/audit.mjs)', () => {
  it('a high advisory in a production dependency fails, naming it and where to explain it', () => {
    const v = verdict(auditWith('high', 'GHSA-2222-3333-4444'), docs);
    expect(v.ok).toBe(false);
    expect(v.lines.join('\n')).toMatch(/high GHSA-2222-3333-4444 in some-lib.*Audit exceptions/);
  });

  it('the same advisory explained under "Audit exceptions" passes', () => {
    const explained = `${docs}\n\n## Audit exceptions\n\n- GHSA-2222-3333-4444 (some-lib): only reached by the CLI's lint of trusted files.\n`;
    expect(explainedAdvisories(explained).has('GHSA-2222-3333-4444')).toBe(true);
    expect(verdict(auditWith('high', 'GHSA-2222-3333-4444'), explained).ok).toBe(true);
  });

  it('moderate and low advisories do not fail the run', () => {
    expect(verdict(auditWith('moderate', 'GHSA-2222-3333-4444'), docs).ok).toBe(true);
  });

  it('an advisory service that cannot be asked is reported as such, never as a clean audit', () => {
    const v = verdict({ message: '405 Method Not Allowed', error: { summary: '', detail: '' } }, docs);
    expect(v).toMatchObject({ ok: false, unreachable: true });
    expect(v.lines[0]).toContain('405 Method Not Allowed');
  });

  it('docs/operations.md has the section the gate reads', () => {
    expect(docs).toMatch(/^#+ Audit exceptions$/m);
  });
});

describe('the bill of materials (.ci/sbom.mjs, CycloneDX)', () => {
  it('lists the production dependencies with versions and leaves out the development tools', () => {
    const bom = (productionBom as (b: unknown) => unknown)((npmBom as (cwd: string) => unknown)(root)) as {
      bomFormat: string;
      components: { name: string; version: string; group?: string }[];
    };
    expect(bom.bomFormat).toBe('CycloneDX');
    const found = new Set(bom.components.map((c) => `${c.group ? `${c.group}/` : ''}${c.name}@${c.version}`));
    const names = new Set(bom.components.map((c) => (c.group ? `${c.group}/${c.name}` : c.name)));
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    for (const [name, version] of Object.entries(pkg.dependencies)) expect(found.has(`${name}@${version}`), `${name}@${version}`).toBe(true);
    for (const name of ['vitest', 'typescript', 'playwright-core']) expect(names.has(name), name).toBe(false);
  });
});
