/**
 * Numbering definitions of a composed letter: the master's, plus those each fragment brings
 * (renumbered so ids never clash), plus the bullet and numbered lists of HTML flettetekster.
 */
import { elements, parseXml } from '../ooxml/xml.js';

interface SourceNumbering {
  abstracts: Map<string, string>;
  nums: Map<string, { abstractId: string; xml: string }>;
}

export function parseNumbering(source: string, part: string): SourceNumbering {
  const root = parseXml(source, part);
  const abstracts = new Map<string, string>();
  const nums = new Map<string, { abstractId: string; xml: string }>();
  for (const el of elements(root)) {
    if (el.name === 'w:abstractNum') abstracts.set(el.attrs['w:abstractNumId'] ?? '', source.slice(el.start, el.end));
    if (el.name === 'w:num') {
      const abs = elements(el).find((c) => c.name === 'w:abstractNumId')?.attrs['w:val'] ?? '';
      nums.set(el.attrs['w:numId'] ?? '', { abstractId: abs, xml: source.slice(el.start, el.end) });
    }
  }
  return { abstracts, nums };
}

const BULLETS = ['•', 'o', '▪', '•', 'o', '▪', '•', 'o', '▪'];

/** Collects numbering for the composed letter and writes numbering.xml. */
export class NumberingBuilder {
  private readonly head: string;
  private readonly abstracts: string[] = [];
  private readonly nums: string[] = [];
  private nextAbstract: number;
  private nextNum: number;
  private bullet: number | undefined;
  private decimalAbstract: number | undefined;
  changed = false;

  /** `existing` is the master's numbering.xml, or undefined when it has none. */
  constructor(
    private readonly existing: string | undefined,
    namespaces: string,
  ) {
    if (existing) {
      const parsed = parseNumbering(existing, 'word/numbering.xml');
      this.nextAbstract = Math.max(-1, ...[...parsed.abstracts.keys()].map(Number).filter(Number.isFinite)) + 1;
      this.nextNum = Math.max(0, ...[...parsed.nums.keys()].map(Number).filter(Number.isFinite)) + 1;
      this.head = '';
    } else {
      this.nextAbstract = 0;
      this.nextNum = 1;
      this.head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering ${namespaces}>`;
    }
  }

  /** Copies a fragment's lists; returns source numId -> new numId. */
  importFrom(source: string, part: string, used: Iterable<string>): Map<string, string> {
    const parsed = parseNumbering(source, part);
    const abstractMap = new Map<string, number>();
    const map = new Map<string, string>();
    for (const numId of used) {
      if (numId === '0' || map.has(numId)) continue;
      const num = parsed.nums.get(numId);
      if (!num) continue;
      let abs = abstractMap.get(num.abstractId);
      if (abs === undefined) {
        abs = this.nextAbstract++;
        abstractMap.set(num.abstractId, abs);
        const xml = parsed.abstracts.get(num.abstractId) ?? '';
        this.abstracts.push(xml.replace(/w:abstractNumId="[^"]*"/, `w:abstractNumId="${abs}"`));
      }
      const id = this.nextNum++;
      map.set(numId, String(id));
      this.nums.push(num.xml.replace(/w:numId="[^"]*"/, `w:numId="${id}"`).replace(/(<w:abstractNumId w:val=")[^"]*(")/, `$1${abs}$2`));
      this.changed = true;
    }
    return map;
  }

  /** The numId of a bullet list (one definition shared by all bullet lists). */
  bulletList(): number {
    if (this.bullet === undefined) {
      const abs = this.nextAbstract++;
      // Unicode bullets in the text font (no Symbol-font private-use characters).
      const levels = BULLETS.map(
        (ch, i) =>
          `<w:lvl w:ilvl="${i}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="${ch}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="${720 + 360 * i}" w:hanging="360"/></w:pPr></w:lvl>`,
      );
      this.abstracts.push(`<w:abstractNum w:abstractNumId="${abs}"><w:multiLevelType w:val="hybridMultilevel"/>${levels.join('')}</w:abstractNum>`);
      this.bullet = this.nextNum++;
      this.nums.push(`<w:num w:numId="${this.bullet}"><w:abstractNumId w:val="${abs}"/></w:num>`);
      this.changed = true;
    }
    return this.bullet;
  }

  /** A new numbered list (1., 2., ...) that starts at 1. */
  numberedList(): number {
    if (this.decimalAbstract === undefined) {
      this.decimalAbstract = this.nextAbstract++;
      const fmts = ['decimal', 'lowerLetter', 'lowerRoman'];
      const levels = Array.from({ length: 9 }, (_, i) => {
        const fmt = fmts[i % 3]!;
        return `<w:lvl w:ilvl="${i}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="%${i + 1}."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="${720 + 360 * i}" w:hanging="360"/></w:pPr></w:lvl>`;
      });
      this.abstracts.push(
        `<w:abstractNum w:abstractNumId="${this.decimalAbstract}"><w:multiLevelType w:val="hybridMultilevel"/>${levels.join('')}</w:abstractNum>`,
      );
    }
    const id = this.nextNum++;
    this.nums.push(
      `<w:num w:numId="${id}"><w:abstractNumId w:val="${this.decimalAbstract}"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`,
    );
    this.changed = true;
    return id;
  }

  /** The new numbering.xml, or undefined when nothing was added. */
  xml(): string | undefined {
    if (!this.changed) return undefined;
    if (!this.existing) return `${this.head}${this.abstracts.join('')}${this.nums.join('')}</w:numbering>`;
    // Schema order: every w:abstractNum before every w:num.
    const src = this.existing;
    const firstNum = src.search(/<w:num\b/);
    const end = src.lastIndexOf('</w:numbering>');
    const absAt = firstNum >= 0 ? firstNum : end;
    return src.slice(0, absAt) + this.abstracts.join('') + src.slice(absAt, end) + this.nums.join('') + src.slice(end);
  }
}
