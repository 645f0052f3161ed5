/**
 * The shipped fonts, opened once per process: metrics for the layout (advance widths by
 * code point, line height and baseline as Word and LibreOffice compute them: ascent, descent
 * and line gap from the hhea table) and glyph coverage. A character a face lacks is drawn
 * from a substitute (non-breaking hyphen as hyphen, ✓ as √ ...) and reported; never as
 * the missing-glyph box.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { FAMILY_FILES, type Family } from './families.js';

export const FONT_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../fonts');

/** Characters drawn with another glyph when the face has none (the text keeps the original). */
const SUBSTITUTES: Record<number, number[]> = {
  0x2011: [0x2010, 0x2d], // non-breaking hyphen
  0x00ad: [0x2010, 0x2d], // soft hyphen (drawn where a line breaks after it)
  0x00a0: [0x20], // no-break space
  0x202f: [0x00a0, 0x20], // narrow no-break space
  0x2009: [0x20],
  0x200a: [0x20],
  0x2007: [0x20],
  0x2713: [0x221a], // check mark
  0x2714: [0x221a],
  0x2610: [0x25a1], // ballot box
  0x2611: [0x25a0, 0x25aa],
  0x27a2: [0x25ba, 0x2022],
  0x2023: [0x25b8, 0x2022],
  0x2043: [0x2013],
  0x25aa: [0x25a0, 0x2022],
};

export interface Face {
  readonly key: string;
  readonly family: Family;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly postscriptName: string;
  readonly bytes: Buffer;
  readonly font: fontkit.Font;
  readonly unitsPerEm: number;
  /** In em: ascent (above the baseline), descent (below, positive), line gap. */
  readonly ascent: number;
  readonly descent: number;
  readonly lineGap: number;
  /** Advance width of a code point in em (after substitution). */
  advance(cp: number): number;
  /** Glyph id for a code point (after substitution), 0 when none. */
  glyph(cp: number): number;
  /** Whether the face draws the code point itself (not a substitute). */
  has(cp: number): boolean;
  /** The code point actually drawn (a substitute, or undefined when nothing fits). */
  drawn(cp: number): number | undefined;
}

function openFace(family: Family, bold: boolean, italic: boolean): Face {
  const style = bold && italic ? 'BoldItalic' : bold ? 'Bold' : italic ? 'Italic' : 'Regular';
  const file = join(FONT_DIR, `${FAMILY_FILES[family]}-${style}.ttf`);
  const bytes = readFileSync(file);
  const font = fontkit.create(bytes) as fontkit.Font;
  const upm = font.unitsPerEm;
  const hhea = (font as unknown as { hhea: { ascent: number; descent: number; lineGap: number } }).hhea;
  // Per code point: advance (em) and glyph id, in flat arrays for the common range.
  const LIMIT = 0x3000;
  const advances = new Float64Array(LIMIT).fill(-1);
  const glyphs = new Int32Array(LIMIT).fill(-1);
  const drawnCp = new Int32Array(LIMIT).fill(-2);
  const far = new Map<number, { adv: number; gid: number; drawn: number }>();
  const resolve = (cp: number): { adv: number; gid: number; drawn: number } => {
    const candidates = [cp, ...(SUBSTITUTES[cp] ?? [])];
    for (const c of candidates) {
      if (font.hasGlyphForCodePoint(c)) {
        const g = font.glyphForCodePoint(c);
        return { adv: g.advanceWidth / upm, gid: g.id, drawn: c };
      }
    }
    return { adv: 0, gid: 0, drawn: -1 };
  };
  // The common range is read from the flat arrays without allocating (this runs per character).
  const fill = (cp: number): void => {
    const r = resolve(cp);
    advances[cp] = r.adv;
    glyphs[cp] = r.gid;
    drawnCp[cp] = r.drawn;
  };
  const entry = (cp: number): { adv: number; gid: number; drawn: number } => {
    let r = far.get(cp);
    if (!r) {
      r = resolve(cp);
      far.set(cp, r);
    }
    return r;
  };
  return {
    key: `${family}-${style}`,
    family,
    bold,
    italic,
    postscriptName: font.postscriptName,
    bytes,
    font,
    unitsPerEm: upm,
    ascent: hhea.ascent / upm,
    descent: Math.abs(hhea.descent) / upm,
    lineGap: hhea.lineGap / upm,
    advance: (cp) => {
      if (cp >= LIMIT) return entry(cp).adv;
      if (drawnCp[cp] === -2) fill(cp);
      return advances[cp]!;
    },
    glyph: (cp) => {
      if (cp >= LIMIT) return entry(cp).gid;
      if (drawnCp[cp] === -2) fill(cp);
      return glyphs[cp]!;
    },
    has: (cp) => font.hasGlyphForCodePoint(cp),
    drawn: (cp) => {
      let d: number;
      if (cp >= LIMIT) d = entry(cp).drawn;
      else {
        if (drawnCp[cp] === -2) fill(cp);
        d = drawnCp[cp]!;
      }
      return d < 0 ? undefined : d;
    },
  };
}

const faces = new Map<string, Face>();

/** A face of a family, opened once per process. */
export function face(family: Family, bold: boolean, italic: boolean): Face {
  const key = `${family}:${bold ? 1 : 0}${italic ? 1 : 0}`;
  let f = faces.get(key);
  if (!f) {
    f = openFace(family, bold, italic);
    faces.set(key, f);
  }
  return f;
}

/** Single line height in em (ascent + descent + line gap), as Word and LibreOffice use it. */
export function lineHeightEm(f: Face): number {
  return f.ascent + f.descent + f.lineGap;
}
