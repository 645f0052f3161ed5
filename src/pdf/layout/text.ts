/**
 * Text measurement: which face draws a run, at what size and height, and how wide its
 * characters are. Sizes follow Word and LibreOffice: single line height is the face's
 * ascent + descent + line gap (hhea), with the gap above the ascent; superscript and
 * subscript are drawn at 58 % of the size, raised 33 % or lowered 8 %.
 */
import type { Location } from '../../diagnostics.js';
import { face, type Face } from '../fonts/faces.js';
import { familyFor } from '../fonts/families.js';
import type { RunProps } from '../model/props.js';
import type { StyleResolver } from '../../ooxml/styles/resolve.js';

export interface RunLook {
  face: Face;
  /** Drawing size in points (after super/subscript scaling). */
  size: number;
  /** Baseline shift, points (positive: up). */
  rise: number;
  color: string;
  run: RunProps;
}

export type Warn = (code: string, params: Record<string, string | number>, location: Location) => void;

const SCRIPT_SCALE = 0.58;
const SUPER_RISE = 0.33;
const SUB_DROP = 0.08;

export class Looks {
  private readonly cache = new Map<RunProps, RunLook>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly styles: StyleResolver,
    private readonly warn: Warn,
  ) {}

  look(run: RunProps, where: Location): RunLook {
    let l = this.cache.get(run);
    if (l) return l;
    const name = this.styles.fontFamily(run);
    const choice = familyFor(name);
    if (!choice.exact && name && !this.reported.has(name)) {
      this.reported.add(name);
      this.warn('pdf.font-substituted', { font: name, family: choice.family.replace(/([a-z])([A-Z])/g, '$1 $2') }, where);
    }
    const f = face(choice.family, run.bold, run.italic);
    const script = run.vertAlign !== 'baseline';
    const size = script ? run.size * SCRIPT_SCALE : run.size;
    const rise = run.position + (run.vertAlign === 'superscript' ? run.size * SUPER_RISE : run.vertAlign === 'subscript' ? -run.size * SUB_DROP : 0);
    l = { face: f, size, rise, color: run.color ?? '000000', run };
    this.cache.set(run, l);
    return l;
  }
}

/** Height above the baseline a look needs on a line (line gap + ascent + rise). */
export function ascentOf(l: RunLook): number {
  return (l.face.lineGap + l.face.ascent) * l.size + Math.max(0, l.rise);
}

export function descentOf(l: RunLook): number {
  return l.face.descent * l.size + Math.max(0, -l.rise);
}
