/**
 * Effective formatting for the accessibility rules: heading levels (from outline levels or
 * the built-in heading style names, never from style ids: Danish Word calls Heading1
 * "Overskrift1") and the colour, size and background of text, through docDefaults, paragraph
 * and character style chains and direct formatting.
 */
import { defaultParagraphStyle, type StyleDef, type StyleSheet } from '../ooxml/styles.js';
import { highlightColor, resolveColor, type Theme } from './colors.js';
import type { ParagraphModel } from './model.js';

export interface TextLook {
  /** RGB, or undefined for automatic (black on light). */
  color: string | undefined;
  /** Half-points. */
  size: number;
  bold: boolean;
  /** Background RGB (highlight, run shading, paragraph shading), or undefined (white). */
  background: string | undefined;
}

export class StyleView {
  private readonly defaults: string;
  readonly defaultParagraph: string | undefined;

  constructor(
    private readonly sheet: StyleSheet | undefined,
    private readonly theme: Theme,
  ) {
    this.defaults = sheet?.docDefaults ?? '';
    this.defaultParagraph = sheet ? defaultParagraphStyle(sheet)?.id : undefined;
  }

  /** The style and its basedOn ancestors, nearest first. */
  chain(id: string | undefined): StyleDef[] {
    const out: StyleDef[] = [];
    for (let cur = id, n = 0; cur && this.sheet && n < 20; n++) {
      const def = this.sheet.styles.get(cur);
      if (!def || out.includes(def)) break;
      out.push(def);
      cur = def.basedOn;
    }
    return out;
  }

  name(id: string | undefined): string | undefined {
    return id ? this.sheet?.styles.get(id)?.name : undefined;
  }

  /** Outline level 0-8 from direct formatting or the style chain (9 = body text). */
  outlineLevel(p: ParagraphModel): number | undefined {
    const direct = /<w:outlineLvl w:val="(\d)"/.exec(p.pPr)?.[1];
    if (direct !== undefined) return Number(direct);
    for (const s of this.chain(p.styleId ?? this.defaultParagraph)) {
      const lvl = /<w:pPr>[\s\S]*?<w:outlineLvl w:val="(\d)"/.exec(s.xml)?.[1];
      if (lvl !== undefined) return Number(lvl);
    }
    return undefined;
  }

  /** Built-in heading level (1-9) from the style names in the chain (`heading 2`). */
  builtinHeading(styleId: string | undefined): number | undefined {
    for (const s of this.chain(styleId)) {
      const m = /^heading ([1-9])$/i.exec(s.name.trim());
      if (m) return Number(m[1]);
    }
    return undefined;
  }

  /** A paragraph's heading level (1-9), or undefined for body text. */
  headingLevel(p: ParagraphModel): number | undefined {
    const lvl = this.outlineLevel(p);
    if (lvl !== undefined) return lvl < 9 ? lvl + 1 : undefined;
    return this.builtinHeading(p.styleId);
  }

  look(p: ParagraphModel, rPr: string): TextLook {
    const layers: string[] = [rPrOf(this.defaults)];
    for (const s of this.chain(p.styleId ?? this.defaultParagraph).reverse()) layers.push(rPrOf(s.xml));
    const rStyle = /<w:rStyle w:val="([^"]+)"/.exec(rPr)?.[1];
    for (const s of this.chain(rStyle).reverse()) layers.push(rPrOf(s.xml));
    layers.push(rPr);
    const look: TextLook = { color: undefined, size: 20, bold: false, background: undefined };
    let paragraphFill: string | undefined;
    for (const s of this.chain(p.styleId ?? this.defaultParagraph).reverse()) paragraphFill = fillOf(pPrOf(s.xml), this.theme) ?? paragraphFill;
    paragraphFill = fillOf(p.pPr.replace(/<w:rPr>[\s\S]*?<\/w:rPr>/, ''), this.theme) ?? paragraphFill;
    // Under the paragraph's own shading lies its table cell's.
    const cellFill = p.cell ? fillOf(p.cell.tcPr, this.theme) : undefined;
    let runFill: string | undefined;
    let highlight: string | undefined;
    for (const layer of layers) {
      const color = /<w:color\b([^>]*)\/>/.exec(layer)?.[1];
      if (color !== undefined) {
        const val = /w:val="([^"]+)"/.exec(color)?.[1];
        look.color = val === 'auto' ? undefined : resolveColor(this.theme, val, /w:themeColor="([^"]+)"/.exec(color)?.[1], /w:themeTint="([^"]+)"/.exec(color)?.[1], /w:themeShade="([^"]+)"/.exec(color)?.[1]);
      }
      const sz = /<w:sz w:val="(\d+)"/.exec(layer)?.[1];
      if (sz) look.size = Number(sz);
      const b = /<w:b(?:\s+w:val="([^"]*)")?\s*\/>/.exec(layer);
      if (b) look.bold = b[1] === undefined || (b[1] !== '0' && b[1] !== 'false');
      runFill = fillOf(layer, this.theme) ?? runFill;
      const hl = /<w:highlight w:val="([^"]+)"/.exec(layer)?.[1];
      if (hl) highlight = highlightColor(hl);
    }
    look.background = highlight ?? runFill ?? paragraphFill ?? cellFill;
    return look;
  }
}

function rPrOf(xml: string): string {
  return /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(xml)?.[1] ?? '';
}

function pPrOf(xml: string): string {
  return /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(xml)?.[1] ?? '';
}

function fillOf(xml: string, theme: Theme): string | undefined {
  const shd = /<w:shd\b([^>]*)\/>/.exec(xml)?.[1];
  if (!shd) return undefined;
  const fill = /w:fill="([^"]+)"/.exec(shd)?.[1];
  const themeFill = /w:themeFill="([^"]+)"/.exec(shd)?.[1];
  if ((!fill || fill === 'auto') && !themeFill) return undefined;
  return resolveColor(theme, fill, themeFill, /w:themeFillTint="([^"]+)"/.exec(shd)?.[1], /w:themeFillShade="([^"]+)"/.exec(shd)?.[1]);
}
