/**
 * The V8 flag `kp-brev lint` sets for a short run (src/cli/tiering.ts): chosen by V8's major
 * version, and one the running V8 knows (V8 writes "unrecognized flag" to stderr for a name it
 * does not know, which would land in the lint report's stream). CI runs this on Node 20, 22 and
 * 24. The commands that set it are checked by watching node:v8 in a real run. What the flag
 * saves is measured in bench/repo-scale.ts, not here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shortRunFlag } from '../../src/cli/tiering.js';

const root = join(import.meta.dirname, '../..');
const sample = join(root, 'samples/enkeltbrev/bevilling-helbredstillaegskort.docx');
const karen = join(root, 'samples/enkeltbrev/karen-jensen.json');

/** The V8 flags a kp-brev command line sets while it runs (node:v8's setFlagsFromString,
 * watched from a module loaded before it). */
function flagsSetBy(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-tiering-'));
  try {
    const watch = join(dir, 'watch.mjs');
    const log = join(dir, 'flags.json');
    writeFileSync(
      watch,
      `import v8 from 'node:v8'; import { syncBuiltinESMExports } from 'node:module'; import { writeFileSync } from 'node:fs';
const set = []; const own = v8.setFlagsFromString;
v8.setFlagsFromString = (flag) => { set.push(flag); return own(flag); };
syncBuiltinESMExports();
process.on('exit', () => writeFileSync(${JSON.stringify(log)}, JSON.stringify(set)));`,
    );
    const run = spawnSync(process.execPath, ['--import', pathToFileURL(watch).href, join(root, 'bin/kp-brev.js'), ...args], { encoding: 'utf8', cwd: dir });
    expect(run.status, run.stderr).toBeLessThanOrEqual(1);
    return JSON.parse(readFileSync(log, 'utf8')) as string[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('short-run tiering', () => {
  it('chooses the knob of each measured V8 line and leaves others alone', () => {
    expect(shortRunFlag('11.3.244.8-node.30')).toBe('--interrupt-budget=1000000');
    expect(shortRunFlag('12.4.254.21-node.33')).toBe('--invocation-count-for-turbofan=10000');
    expect(shortRunFlag('13.6.233.10-node.28')).toBeUndefined();
    expect(shortRunFlag('10.2.154.26-node.26')).toBeUndefined();
  });

  it('sets a flag the running V8 knows, silently', () => {
    const flag = shortRunFlag();
    const code = `require('node:v8').setFlagsFromString(${JSON.stringify(flag ?? '--no-allow-natives-syntax')}); console.log('ok')`;
    const run = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('ok');
    // A name V8 does not know is reported, so the check above can fail.
    const bad = spawnSync(process.execPath, ['-e', `require('node:v8').setFlagsFromString('--no-such-kp-brev-flag')`], { encoding: 'utf8' });
    expect(bad.stderr).toMatch(/unrecognized flag/);
  });

  it('is set by kp-brev lint and kp-brev templates, not by a one-letter command', () => {
    const flag = shortRunFlag();
    const expected = flag ? [flag] : [];
    expect(flagsSetBy(['lint', sample, '--format', 'json'])).toStrictEqual(expected);
    expect(flagsSetBy(['templates', '--templates', join(root, 'templates')])).toStrictEqual(expected);
    expect(flagsSetBy(['render', sample, '--context', karen, '--out', 'brev.docx'])).toStrictEqual([]);
  });
});
