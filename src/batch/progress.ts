/** Progress of a batch run for people: a bar with rate and time left on a terminal, plain lines otherwise. */
import { formatMessage, type Lang } from '../i18n/index.js';
import type { Progress } from './batch.js';

function clock(seconds: number): string {
  if (!isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`;
}

export function progressLine(p: Progress, lang: Lang, width = 24): { bar: string; plain: string } {
  const handled = p.made + p.failed;
  const total = p.total ?? 0;
  const all = handled + p.skipped + (p.failedEarlier ?? 0);
  const share = total ? Math.min(1, all / total) : 0;
  const rate = p.elapsedMs > 0 ? handled / (p.elapsedMs / 1000) : 0;
  const left = rate > 0 ? (total - all) / rate : NaN;
  const filled = Math.round(share * width);
  const pct = `${Math.floor(share * 100)} %`;
  const words = formatMessage(
    'batch.progress-line',
    { done: all, total, percent: pct, rate: rate.toFixed(0), failed: p.failed, skipped: p.skipped, left: clock(left) },
    lang,
  );
  return { bar: `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${words}`, plain: words };
}

/** Writes progress: redrawn in place on a terminal, a line every few seconds otherwise. */
export function progressReporter(write: (s: string) => void, tty: boolean, lang: Lang): { update(p: Progress): void; end(): void } {
  let lastPlain = 0;
  let drawn = false;
  return {
    update(p) {
      const line = progressLine(p, lang);
      if (tty) {
        write(`\r${line.bar}\x1b[K`);
        drawn = true;
      } else if (Date.now() - lastPlain >= 5000) {
        lastPlain = Date.now();
        write(line.plain + '\n');
      }
    },
    end() {
      if (tty && drawn) write('\n');
    },
  };
}
