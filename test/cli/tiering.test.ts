/**
 * The V8 flag `kp-brev lint` sets for a short run (src/cli/tiering.ts): chosen by V8's major
 * version, and one the running V8 knows (V8 writes "unrecognized flag" to stderr for a name it
 * does not know, which would land in the lint report's stream). CI runs this on Node 20, 22 and
 * 24. What the flag saves is measured in bench/repo-scale.ts, not here.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shortRunFlag } from '../../src/cli/tiering.js';

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
});
