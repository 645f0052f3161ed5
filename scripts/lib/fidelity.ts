/**
 * Fidelity of kp-brev's PDF against LibreOffice converting the same filled .docx: page count,
 * the text of each line (pdftotext -layout, whitespace normalised) and a pixel score of the
 * page images (pdftoppm, grey levels). Used by test/pdf/pdf.fidelity.test.ts and
 * scripts/pdf-previews.ts (docs/pdf/).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';

export function hasTool(name: string): boolean {
  return spawnSync('which', [name]).status === 0;
}

/** Text lines per page, whitespace runs collapsed, empty lines dropped. */
export function pdfLines(pdf: Uint8Array): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-fid-'));
  try {
    const file = join(dir, 'a.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    return text
      .split('\f')
      .map((page) =>
        page
          .split('\n')
          .map((l) => l.replace(/\s+/g, ' ').trim())
          .filter(Boolean),
      )
      .filter((p, i, all) => p.length || i < all.length - 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Grey page images at a resolution (dots per inch). */
export function pageImages(pdf: Uint8Array, dpi: number): PNG[] {
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-fid-'));
  try {
    const file = join(dir, 'a.pdf');
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', file, join(dir, 'p')]);
    const out: PNG[] = [];
    for (let i = 1; ; i++) {
      const candidates = [`p-${i}.png`, `p-0${i}.png`, `p-00${i}.png`];
      const name = candidates.map((c) => join(dir, c)).find((c) => spawnSync('test', ['-f', c]).status === 0);
      if (!name) break;
      out.push(PNG.sync.read(readFileSync(name)));
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Pixel agreement of two page images: the share of pixels that are "ink" in either image and
 * agree within a tolerance, blurred by one pixel so that sub-pixel shifts count as agreement.
 */
export function pixelScore(a: PNG, b: PNG): number {
  const w = Math.min(a.width, b.width);
  const h = Math.min(a.height, b.height);
  const ink = (img: PNG, x: number, y: number): boolean => img.data[(y * img.width + x) * 4]! < 160;
  const near = (img: PNG, x: number, y: number): boolean => {
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const xx = x + dx;
        const yy = y + dy;
        if (xx >= 0 && yy >= 0 && xx < w && yy < h && ink(img, xx, yy)) return true;
      }
    return false;
  };
  let inkAny = 0;
  let agree = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const ia = ink(a, x, y);
      const ib = ink(b, x, y);
      if (!ia && !ib) continue;
      inkAny++;
      if ((ia && near(b, x, y)) || (ib && near(a, x, y))) agree++;
    }
  return inkAny ? agree / inkAny : 1;
}

export interface Comparison {
  pagesOurs: number;
  pagesLo: number;
  lines: number;
  sameLines: number;
  /** Lines that differ: [page, ours, LibreOffice]. */
  differences: Array<[number, string, string]>;
  pixel: number[];
}

export function compare(ours: Uint8Array, lo: Uint8Array, dpi = 50): Comparison {
  const a = pdfLines(ours);
  const b = pdfLines(lo);
  let lines = 0;
  let same = 0;
  const differences: Array<[number, string, string]> = [];
  for (let p = 0; p < Math.max(a.length, b.length); p++) {
    const pa = a[p] ?? [];
    const pb = b[p] ?? [];
    const n = Math.max(pa.length, pb.length);
    for (let i = 0; i < n; i++) {
      lines++;
      if (pa[i] === pb[i]) same++;
      else differences.push([p + 1, pa[i] ?? '', pb[i] ?? '']);
    }
  }
  const ia = pageImages(ours, dpi);
  const ib = pageImages(lo, dpi);
  const pixel = ia.map((img, i) => (ib[i] ? pixelScore(img, ib[i]!) : 0));
  return { pagesOurs: a.length, pagesLo: b.length, lines, sameLines: same, differences, pixel };
}
