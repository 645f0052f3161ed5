/**
 * The Node versions kp-brev promises (package.json `engines`) are exactly those CI tests
 * (.ci/run), and every package `npm ci` installs accepts all of them: no EBADENGINE warning on
 * install, on any Node version the range allows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string }; overrides?: Record<string, string> };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: Record<string, string> | string[] }>;
};
const declared = pkg.engines.node;

/** The Node versions .ci/run runs the suite on (NODE_VERSIONS=(…)). */
function ciVersions(): string[] {
  const m = /^NODE_VERSIONS=\(([^)]*)\)/m.exec(readFileSync(join(root, '.ci/run'), 'utf8'));
  if (!m) throw new Error('.ci/run has no NODE_VERSIONS=(…) line');
  return m[1]!.trim().split(/\s+/);
}

describe('Node versions', () => {
  it('engines is a valid range', () => {
    expect(semver.validRange(declared)).not.toBeNull();
  });

  it('every package in the lockfile accepts every Node version engines allows', () => {
    const refused: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path === '' || !entry.engines || Array.isArray(entry.engines)) continue;
      const wants = entry.engines['node'];
      if (!wants || semver.validRange(wants) === null) continue;
      if (!semver.subset(declared, wants)) refused.push(`${path.replace(/^.*node_modules\//, '')}@${entry.version}: node ${wants}`);
    }
    expect(refused, `packages whose engines do not cover ${declared}`).toEqual([]);
  });

  it('CI runs the suite on one version of each line engines names, and each is allowed', () => {
    const versions = ciVersions();
    for (const v of versions) expect(semver.satisfies(v, declared), `${v} in .ci/run is outside engines ${declared}`).toBe(true);
    // Each alternative of the range (^20.20.0 || ^22.23.0 || …) is a line CI runs.
    const lines = new semver.Range(declared).set.map((comparators) => comparators.map((c) => c.value).join(' '));
    const untested = lines.filter((line) => !versions.some((v) => semver.satisfies(v, line)));
    expect(untested, `lines of engines that NODE_VERSIONS in .ci/run does not run`).toEqual([]);
    // …and no two runs test the same line.
    expect(new Set(versions.map((v) => semver.major(v))).size).toBe(versions.length);
  });

  it('this Node is one engines allows', () => {
    expect(semver.satisfies(process.version, declared), `${process.version} is outside ${declared}`).toBe(true);
  });

  it('the override that keeps cookie on a release for every supported Node is what is installed', () => {
    const override = pkg.overrides?.['cookie'];
    expect(override).toBeDefined();
    const installed = Object.entries(lock.packages).filter(([path]) => path.endsWith('node_modules/cookie'));
    expect(installed.length).toBeGreaterThan(0);
    for (const [, entry] of installed) expect(entry.version).toBe(override);
  });
});
