/**
 * A vitest reporter that shows where the suite's time goes: for every test file, the time to
 * import it (its modules and its describe blocks) and the time of its tests and hooks, slowest
 * first, with the share of the whole (docs/testing.md).
 *
 *     npx vitest run --reporter=default --reporter=./scripts/test-times.ts
 *
 * With KP_BREV_TEST_TIMES=<file.json> the table is also written to that file.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

export interface FileTime {
  file: string;
  tests: number;
  failed: number;
  /** Importing the file: its modules and its describe blocks (ms). */
  importMs: number;
  /** Its tests and hooks (ms). */
  runMs: number;
  /** Import, run and vitest's own preparation of the file (ms). */
  totalMs: number;
}

export function fileTimes(modules: ReadonlyArray<TestModule>, root = process.cwd()): FileTime[] {
  return modules
    .map((m) => {
      const d = m.diagnostic();
      const tests = [...m.children.allTests()];
      return {
        file: relative(root, m.moduleId),
        tests: tests.length,
        failed: tests.filter((t) => t.result().state === 'failed').length,
        importMs: Math.round(d.collectDuration),
        runMs: Math.round(d.duration),
        totalMs: Math.round(d.environmentSetupDuration + d.prepareDuration + d.setupDuration + d.collectDuration + d.duration),
      };
    })
    .sort((a, b) => b.totalMs - a.totalMs);
}

export function timesTable(rows: readonly FileTime[]): string {
  const all = rows.reduce((sum, r) => sum + r.totalMs, 0) || 1;
  const s = (ms: number): string => (ms / 1000).toFixed(1).padStart(7);
  const lines = [`${'file'.padEnd(40)} ${'tests'.padStart(5)} ${'import s'.padStart(8)} ${'run s'.padStart(7)} ${'total s'.padStart(7)}  share`];
  for (const r of rows)
    lines.push(
      `${r.file.padEnd(40)} ${String(r.tests).padStart(5)} ${s(r.importMs).padStart(8)} ${s(r.runMs)} ${s(r.totalMs)}  ${((100 * r.totalMs) / all).toFixed(1).padStart(4)} %${r.failed ? `  (${r.failed} failed)` : ''}`,
    );
  lines.push(
    `${'all files (one after another)'.padEnd(40)} ${String(rows.reduce((n, r) => n + r.tests, 0)).padStart(5)} ${s(rows.reduce((n, r) => n + r.importMs, 0)).padStart(8)} ${s(rows.reduce((n, r) => n + r.runMs, 0))} ${s(all)}`,
  );
  return lines.join('\n');
}

export default class TestTimes implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const rows = fileTimes(modules);
    process.stdout.write(`\nWhere the time went, per test file (files run side by side, so the sum exceeds the wall time):\n${timesTable(rows)}\n`);
    const out = process.env['KP_BREV_TEST_TIMES'];
    if (out) writeFileSync(out, JSON.stringify(rows, null, 2) + '\n');
  }
}
