/**
 * Writes a rendered group back to WordprocessingML.
 *
 * Paragraph content is collected until its mark arrives, because the mark carries the
 * paragraph's properties (and a field may have removed the mark that used to end the text before
 * it). Adjacent pieces with the same run properties share one `w:r`. Blank lines follow Word's
 * mail-merge rule, and optionally paragraphs emptied by conditions are removed.
 */
import type { CloseToken, MarkToken, OpenToken, RawToken } from '../ooxml/tokens.js';
import { runXml, textXml } from '../ooxml/runs.js';

export type TextContext = 'text' | 'instr';

export interface WriterOptions {
  /** Word's rule: drop a paragraph whose only content is merge fields that came out empty. */
  suppressBlankMergeLines: boolean;
  /** Also drop paragraphs that fields left without visible content. */
  removeEmptyParagraphs: boolean;
}

export class StructureError extends Error {}

const WS = /^[\s\u00a0]*$/;

export class XmlWriter {
  private out = '';
  private para = '';
  private runRPr: string | null = null;
  private runBody = '';
  /** Range markers of dropped paragraphs, carried to the next paragraph. */
  private carried = '';
  // Per-paragraph facts for the blank-line rules.
  private visible = false;
  private touched = false;
  private mergeFields = 0;
  private mergeNonEmpty = false;
  private otherFields = 0;
  private markers = '';
  private fieldDepth = 0;

  constructor(private readonly options: WriterOptions) {}

  /** While >0, what is written comes from a field (the paragraph counts as touched). */
  enterField(): void {
    this.fieldDepth++;
    this.touched = true;
  }

  leaveField(): void {
    this.fieldDepth--;
  }

  /** Records a top-level field in the current paragraph for the blank-line rule. */
  noteField(kind: 'merge' | 'other', empty: boolean): void {
    if (kind === 'merge') {
      this.mergeFields++;
      if (!empty) this.mergeNonEmpty = true;
    } else {
      this.otherFields++;
    }
  }

  /** Text of the letter (escaped here), in a run with the given properties. */
  text(text: string, rPr: string, ctx: TextContext): void {
    if (text === '') return;
    if (!WS.test(text)) this.visible = true;
    this.inRun(rPr, textXml(text, ctx === 'text' ? 'w:t' : 'w:instrText'));
  }

  /** A run child copied as written (tab, break, drawing, fldChar, original w:t...). */
  runChild(xml: string, rPr: string, visible: boolean): void {
    if (visible) this.visible = true;
    this.inRun(rPr, xml);
  }

  /** Something visible is in the paragraph (a field kept live, such as PAGE). */
  markVisible(): void {
    this.visible = true;
  }

  tab(rPr: string): void {
    this.inRun(rPr, '<w:tab/>');
  }

  lineBreak(rPr: string): void {
    this.visible = true;
    this.inRun(rPr, '<w:br/>');
  }

  open(tok: OpenToken): void {
    if (tok.level === 'block') this.block(tok.xml);
    else this.inline(tok.xml);
  }

  close(tok: CloseToken): void {
    if (tok.level === 'block') this.block(tok.xml);
    else this.inline(tok.xml);
  }

  raw(tok: RawToken): void {
    if (tok.level === 'block') {
      this.block(tok.xml);
      return;
    }
    if (tok.marker) {
      this.closeRun();
      this.markers += tok.xml;
      this.para += tok.xml;
      return;
    }
    this.visible = true;
    this.inline(tok.xml);
  }

  /** Range markers moved out of a field, in front of its result. */
  marker(xml: string): void {
    this.closeRun();
    this.markers += xml;
    this.para += xml;
  }

  mark(tok: MarkToken): void {
    this.closeRun();
    if (this.fieldDepth > 0) this.touched = true;
    const drop =
      !tok.sectionBreak &&
      !tok.lastInContainer &&
      !this.visible &&
      ((this.options.suppressBlankMergeLines && this.mergeFields > 0 && this.otherFields === 0 && !this.mergeNonEmpty) ||
        (this.options.removeEmptyParagraphs && this.touched));
    if (drop) {
      this.carried += this.markers;
    } else {
      const pPrEnd = tok.openTag.endsWith('/>') ? tok.openTag.slice(0, -2) + '>' : tok.openTag;
      this.out += pPrEnd + tok.pPr + this.carried + this.para + '</w:p>';
      this.carried = '';
    }
    this.para = '';
    this.visible = false;
    this.touched = this.fieldDepth > 0;
    this.mergeFields = 0;
    this.mergeNonEmpty = false;
    this.otherFields = 0;
    this.markers = '';
  }

  /** The group's XML. Fails if a paragraph was left open (a field broke the structure). */
  finish(): string {
    this.closeRun();
    if (this.para !== '') throw new StructureError('paragraph without end');
    const out = this.out + this.carried;
    this.out = '';
    this.carried = '';
    return out;
  }

  private block(xml: string): void {
    this.closeRun();
    if (this.para !== '') throw new StructureError('block inside a paragraph');
    if (this.carried) {
      this.out += this.carried;
      this.carried = '';
    }
    this.out += xml;
  }

  private inline(xml: string): void {
    this.closeRun();
    this.para += xml;
  }

  private inRun(rPr: string, xml: string): void {
    if (this.runRPr !== rPr) {
      this.closeRun();
      this.runRPr = rPr;
    }
    this.runBody += xml;
  }

  private closeRun(): void {
    if (this.runRPr === null) return;
    this.para += runXml(this.runRPr, this.runBody);
    this.runRPr = null;
    this.runBody = '';
  }
}
