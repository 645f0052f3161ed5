/**
 * The year-end batch's cases for the ledger benchmarks (bench/ledger.ts, bench/ledger-profile.ts):
 * `n` np_1004 cases over 98 municipalities of skewed sizes (the largest about 19 times the
 * median), written as NDJSON to `sager.ndjson` in a new temporary folder, whose path is answered.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function writeSkewedCases(root: string, n: number, prefix = 'kp-brev-bench-cases-'): string {
  const karen = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as Record<string, unknown>;
  const kommuner = Array.from({ length: 98 }, (_, i) => String(101 + i));
  const weights = kommuner.map((_, i) => 1 / (i + 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const lines: string[] = [];
  for (const [i, k] of kommuner.entries()) {
    const size = Math.max(1, Math.round((weights[i]! / sum) * n));
    for (let j = 0; j < size && lines.length < n; j++) lines.push(JSON.stringify({ id: `sag-${lines.length}`, kommune: k, ...karen }));
  }
  while (lines.length < n) lines.push(JSON.stringify({ id: `sag-${lines.length}`, kommune: '198', ...karen }));
  const file = join(mkdtempSync(join(tmpdir(), prefix)), 'sager.ndjson');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
