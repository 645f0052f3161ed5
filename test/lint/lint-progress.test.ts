/**
 * `kp-brev lint` over many files draws a progress line on a terminal (stderr): after the first
 * second, redrawn at most ten times a second, wiped at the end, so that the report on stdout is
 * the same as without a terminal; off a terminal nothing is drawn. The clock is the test's.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lintCommand } from '../../src/cli/lint.js';
import type { Io } from '../../src/cli/io.js';

const root = join(import.meta.dirname, '../..');

async function run(tty: boolean): Promise<{ stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: root, stderrTty: tty };
  await lintCommand(['templates'], { format: 'json' }, io, 'da');
  return { stdout, stderr };
}

describe('lint progress line', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is drawn on a terminal as the files are judged, wiped at the end, and leaves the report as it is', async () => {
    // Each look at the clock is 0.3 s later: the line is due after the first second.
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 300));
    const onTty = await run(true);
    vi.restoreAllMocks();
    const plain = await run(false);
    expect(plain.stderr).toBe('');
    expect(onTty.stdout).toBe(plain.stdout);
    const total = (JSON.parse(plain.stdout) as unknown[]).length;
    const lines = onTty.stderr.split('\r').filter(Boolean);
    expect(lines.length).toBeGreaterThan(2);
    // Redrawn in place, counting up, and wiped (the last write clears the line).
    const counts = lines.slice(0, -1).map((l) => Number(new RegExp(`(\\d+)\\D+${total}\\b`).exec(l)?.[1]));
    expect(counts.every((c) => Number.isInteger(c) && c < total)).toBe(true);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(lines.at(-1)).toBe('\x1b[K');
  });
});
