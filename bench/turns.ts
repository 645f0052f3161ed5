/**
 * Measuring checkouts in turns, each in a process of its own (bench/pdf-turns.ts, the CPU mode
 * of bench/lists.ts): the script runs itself as the child, which prints one JSON line; the order
 * of the checkouts alternates from turn to turn; the figure is the median over the turns.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';

export interface Side {
  name: string;
  dir: string;
}

/** This script again, as a child with these arguments (and this process's loader flags): its JSON answer. */
export function runChild<T>(args: readonly string[]): T {
  const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench child ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** The checkouts in the order of this turn: as given, then reversed, and so on. */
export const turnOrder = <S>(sides: readonly S[], turn: number): readonly S[] => (turn % 2 ? [...sides].reverse() : sides);

/** The median (of an even count, the mean of the middle two). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** The load average over 1 / 5 / 15 minutes. */
export const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
