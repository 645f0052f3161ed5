/** Timing helpers for the benchmarks: run after warm-up, report median, p95 and throughput. */
export interface Stats {
  name: string;
  runs: number;
  median: number;
  p95: number;
  mean: number;
  perSecond: number;
}

function stats(name: string, times: Float64Array): Stats {
  const runs = times.length;
  const sorted = Array.from(times).sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / runs;
  return {
    name,
    runs,
    median: sorted[Math.floor(runs / 2)]!,
    p95: sorted[Math.min(runs - 1, Math.floor(runs * 0.95))]!,
    mean,
    perSecond: 1000 / mean,
  };
}

export function measure(name: string, fn: () => unknown, runs: number, warmup = Math.min(200, runs)): Stats {
  for (let i = 0; i < warmup; i++) fn();
  const times = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times[i] = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  return stats(name, times);
}

/** As measure, for work that is asynchronous (awaited one at a time). */
export async function measureAsync(name: string, fn: () => Promise<unknown>, runs: number, warmup = Math.min(200, runs)): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn();
  const times = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times[i] = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  return stats(name, times);
}

export function table(rows: Stats[], baseline?: Stats): string {
  const head = ['', 'median ms', 'p95 ms', 'letters/s', baseline ? `vs ${baseline.name}` : ''];
  const lines = rows.map((r) => [
    r.name,
    r.median.toFixed(3),
    r.p95.toFixed(3),
    r.perSecond.toFixed(0),
    baseline ? `${(r.median / baseline.median).toFixed(2)}x` : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [fmt(head), ...lines.map(fmt)].join('\n');
}
