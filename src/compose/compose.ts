/**
 * Composition of a whole letter: the master (page, letterhead, headers, footers), with its
 * `{ MERGEFIELD Skabelon:Indhold }` paragraph replaced by the message's body; every
 * `{ MERGEFIELD Indholdselement:<key> }` paragraph by that content element's body (recursively,
 * cycles refused); `{ MERGEFIELD Html:<key> }` by real Word content from the HTML; and plain
 * flettetekster by their text, whose fields are evaluated with the letter's other fields.
 *
 * The result is one .docx, compiled once per template version and then rendered like any
 * template.
 */
import { diagnostic, KpBrevError, type Diagnostic, type Location } from '../diagnostics.js';
import { argumentText } from '../fieldcode/index.js';
import { readFields, type FieldNode } from '../ooxml/fields.js';
import { escapedTextXml } from '../ooxml/runs.js';
import { flattenStory } from '../ooxml/flatten.js';
import type { DocxPackage } from '../ooxml/package.js';
import { paragraphOfToken } from '../ooxml/paragraphs.js';
import type { ItemToken, Story } from '../ooxml/tokens.js';
import { elements, type XElement } from '../ooxml/xml.js';
import { fieldResultRPr } from '../template/run-props.js';
import { braceTextRuns, FlettetekstSyntaxError, parseBraceText } from './flettetekst.js';
import { importFragment } from './fragment.js';
import { HtmlError, htmlHasBlocks, htmlToBlocks, htmlToRuns, type HtmlTarget } from './html.js';
import { ComposeTarget } from './target.js';
import { elementKeyOf, MESSAGE_BODY_NAME } from '../fieldcode/names.js';

export interface Source {
  key: string;
  pkg: DocxPackage;
}

export interface Flettetekst {
  text?: string;
  html?: string;
}

export interface ComposeInput {
  /** Letter id, for messages. */
  name: string;
  master: Source;
  message: Source;
  element(key: string): Source | undefined;
  /** A flettetekst by its field name (`af-modtager`, `Html:x-fuldmagtsbetingelse`). */
  text(name: string): Flettetekst | undefined;
  title?: string;
  lang?: string;
}

export interface Composed {
  docx: Buffer;
  warnings: Diagnostic[];
  /** Content elements and flettetekster that went in. */
  used: { elements: string[]; texts: string[] };
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

export function composeLetter(input: ComposeInput): Composed {
  return new Composer(input).run();
}

class Composer {
  private readonly target: ComposeTarget;
  private readonly slots: string[] = [];
  private readonly usedElements = new Set<string>();
  private readonly usedTexts = new Set<string>();

  constructor(private readonly input: ComposeInput) {
    this.target = new ComposeTarget(input.master.pkg);
  }

  run(): Composed {
    const { master } = this.input;
    const pkg = master.pkg;
    const docSource = pkg.text(pkg.mainPart);
    const body = elements(pkg.xml(pkg.mainPart)).find((e) => e.name === 'w:body');
    if (!body) throw this.error('compose.no-placeholder', { key: master.key }, { part: pkg.mainPart });
    const found = { placeholder: 0 };
    const edits = this.storyEdits(master, body, docSource, pkg.mainPart, [master.key], found, true);
    if (found.placeholder !== 1) {
      throw this.error(found.placeholder === 0 ? 'compose.no-placeholder' : 'compose.many-placeholders', { key: master.key }, { part: pkg.mainPart });
    }
    const document = this.fill(applyEdits(docSource, edits));
    // Headers and footers of the master may use flettetekster too.
    const changedParts = new Map<string, string>();
    for (const { part, kind } of pkg.storyParts) {
      if (kind !== 'header' && kind !== 'footer') continue;
      const source = pkg.text(part);
      const root = pkg.xml(part);
      const e = this.storyEdits(master, root, source, part, [master.key], found, false);
      if (e.length) changedParts.set(part, this.fill(applyEdits(source, e)));
    }
    const docx = this.target.toDocx({
      document,
      ...(this.input.title ? { title: this.input.title } : {}),
      ...(this.input.lang ? { lang: this.input.lang } : {}),
      parts: changedParts,
    });
    return { docx, warnings: this.target.warnings, used: { elements: [...this.usedElements], texts: [...this.usedTexts] } };
  }

  /** The body of a message or content element, expanded and made at home in the target. */
  private fragment(source: Source, chain: string[]): string {
    const pkg = source.pkg;
    const text = pkg.text(pkg.mainPart);
    const body = elements(pkg.xml(pkg.mainPart)).find((e) => e.name === 'w:body');
    if (!body) return '';
    const blocks = elements(body).filter((e) => e.name !== 'w:sectPr');
    if (!blocks.length) return '';
    const start = blocks[0]!.start;
    const end = blocks[blocks.length - 1]!.end;
    const edits = this.storyEdits(source, body, text, pkg.mainPart, chain, { placeholder: 0 }, false, start, end);
    const raw = applyEdits(
      text.slice(start, end),
      edits.map((e) => ({ ...e, start: e.start - start, end: e.end - start })),
    );
    return this.fill(importFragment(this.target, pkg, source.key, raw, this.input.name));
  }

  /** Replaces slot comments with their content (slots may hold slots). */
  private fill(xml: string): string {
    let out = xml;
    for (let guard = 0; guard < 50 && out.includes('<!--KP-SLOT-'); guard++) {
      out = out.replace(/<!--KP-SLOT-(\d+)-->/g, (_m, n: string) => this.slots[Number(n)] ?? '');
    }
    return out;
  }

  private slot(xml: string): string {
    this.slots.push(xml);
    return `<!--KP-SLOT-${this.slots.length - 1}-->`;
  }

  /** Finds composition fields in a story root and plans their replacements. */
  private storyEdits(
    source: Source,
    root: XElement,
    text: string,
    part: string,
    chain: string[],
    found: { placeholder: number },
    isMasterBody: boolean,
    from = 0,
    to = text.length,
  ): Edit[] {
    const story = flattenStory(root, text, part, '', { nextTextBox: () => 'tekstboks' });
    const stories = [story, ...allSubStories(story)];
    const edits: Edit[] = [];
    for (const s of stories) {
      const visit = (f: FieldNode, where: 'top' | 'instruction' | 'result'): void => {
        const kids: Array<[FieldNode, 'instruction' | 'result']> = [
          ...f.children.map((c): [FieldNode, 'instruction'] => [c, 'instruction']),
          ...f.resultChildren.map((c): [FieldNode, 'result'] => [c, 'result']),
        ];
        const edit = where === 'result' ? undefined : this.fieldEdit(source, s, f, where, chain, found, isMasterBody, part);
        if (edit) {
          if (edit.start >= from && edit.end <= to) edits.push(edit);
          return;
        }
        for (const [k, w] of kids) visit(k, w);
      };
      for (const f of readFields(s)) visit(f, 'top');
    }
    return edits;
  }

  private fieldEdit(
    source: Source,
    story: Story,
    f: FieldNode,
    where: 'top' | 'instruction',
    chain: string[],
    found: { placeholder: number },
    isMasterBody: boolean,
    part: string,
  ): Edit | undefined {
    const ins = f.parsed.instruction;
    if (ins.type !== 'MERGEFIELD' || !ins.name) return undefined;
    const name = argumentText(ins.name).trim();
    const loc: Location = { template: this.input.name, part: `${source.key}: ${part}`, paragraph: f.para };
    const inBody = story.label === '' && part === source.pkg.mainPart;

    if (name === MESSAGE_BODY_NAME) {
      if (!isMasterBody || where !== 'top') throw this.error('compose.placeholder-place', { key: source.key, field: name }, loc);
      found.placeholder++;
      return this.blockEdit(story, f, this.fragment(this.input.message, [...chain, this.input.message.key]), loc, name);
    }
    const elementKey = elementKeyOf(name);
    if (elementKey !== undefined) {
      const key = elementKey;
      if (where !== 'top' || !inBody) throw this.error('compose.placeholder-place', { key: source.key, field: name }, loc);
      if (chain.includes(key)) throw this.error('compose.cycle', { chain: [...chain, key].join(' → ') }, loc);
      const element = this.input.element(key);
      if (!element) throw this.error('compose.missing-element', { key, from: source.key }, loc);
      this.usedElements.add(key);
      return this.blockEdit(story, f, this.fragment(element, [...chain, key]), loc, name);
    }
    const flettetekst = this.input.text(name);
    if (!flettetekst) return undefined;
    this.usedTexts.add(name);
    if (where === 'instruction' && !inQuotes(f)) throw this.error('compose.not-in-quotes', { field: name }, loc);
    const rPr = fieldResultRPr(f, ins.switches);
    if (flettetekst.html !== undefined) {
      try {
        if (htmlHasBlocks(flettetekst.html)) {
          if (where !== 'top' || !inBody) throw this.error('compose.html-block-place', { field: name }, loc);
          return this.blockEdit(story, f, htmlToBlocks(flettetekst.html, this.htmlTarget()), loc, name);
        }
        const runs = htmlToRuns(flettetekst.html, this.htmlTarget());
        return this.inlineEdit(story, f, where === 'instruction' ? toInstruction(runs) : runs, rPr, loc, name);
      } catch (err) {
        if (err instanceof HtmlError)
          throw this.error(err.code === 'html.dangerous' ? 'compose.html-dangerous' : 'compose.html-unsupported', { field: name, detail: err.detail }, loc);
        throw err;
      }
    }
    let parts;
    try {
      parts = parseBraceText(flettetekst.text ?? '');
    } catch (err) {
      if (err instanceof FlettetekstSyntaxError) throw this.error(`compose.flettetekst-${err.kind}`, { field: name, offset: err.offset + 1 }, loc);
      throw err;
    }
    return this.inlineEdit(story, f, braceTextRuns(parts, rPr, where === 'instruction'), rPr, loc, name);
  }

  private htmlTarget(): HtmlTarget {
    const t = this.target;
    return {
      styleId: (name) => t.styleId(name),
      hyperlink: (url) => t.hyperlink(url),
      bulletList: () => t.numbering.bulletList(),
      numberedList: () => t.numbering.numberedList(),
      textWidth: t.textWidth,
    };
  }

  /** Replaces the whole paragraph that holds only the field. */
  private blockEdit(story: Story, f: FieldNode, content: string, loc: Location, field: string): Edit {
    const pi = paragraphOfToken(story, f.begin);
    const para = story.paragraphs[pi];
    if (!para || paragraphOfToken(story, f.end) !== pi) throw this.error('compose.placeholder-alone', { field }, loc);
    for (let i = para.first; i < para.mark; i++) {
      if (i >= f.begin && i <= f.end) continue;
      const tok = story.tokens[i]!;
      const harmless =
        (tok.t === 'raw' && (tok.marker || tok.droppable)) || (tok.t === 'item' && (tok.kind === 'layout' || (tok.kind === 'text' && tok.text.trim() === '')));
      if (!harmless) throw this.error('compose.placeholder-alone', { field }, loc);
    }
    const mark = story.tokens[para.mark];
    let text = content;
    if (mark?.t === 'mark' && mark.lastInContainer && !text.trimEnd().endsWith('</w:p>')) text += '<w:p/>';
    return { start: para.start, end: para.end, text: this.slot(text) };
  }

  /** Replaces the field's runs with new runs (in the same paragraph). */
  private inlineEdit(story: Story, f: FieldNode, runs: string, rPr: string, loc: Location, field: string): Edit {
    const tokens = story.tokens;
    if (paragraphOfToken(story, f.begin) !== paragraphOfToken(story, f.end)) throw this.error('compose.placeholder-alone', { field }, loc);
    let markers = '';
    for (let i = f.begin; i <= f.end; i++) {
      const tok = tokens[i]!;
      if (tok.t === 'raw' && tok.marker) markers += tok.xml;
    }
    if (f.kind === 'simple') {
      const open = tokens[f.begin]!;
      const close = tokens[f.end]!;
      if (open.t !== 'open' || close.t !== 'close') throw this.error('compose.placeholder-alone', { field }, loc);
      return { start: open.start, end: open.end, text: markers + this.slot(runs) };
    }
    const begin = tokens[f.begin] as ItemToken;
    const end = tokens[f.end] as ItemToken;
    return { start: begin.start, end: end.end, text: `</w:r>${markers}${this.slot(runs)}<w:r>${end.rPr || rPr}` };
  }

  private error(code: Parameters<typeof diagnostic>[0], params: Record<string, string | number>, loc: Location): KpBrevError {
    return new KpBrevError('input', [diagnostic(code, params, { template: this.input.name, ...loc })]);
  }
}

/** A field nested in an instruction stands inside quoted text (a branch), not as an expression. */
function inQuotes(f: FieldNode): boolean {
  const parent = f.parent;
  if (!parent) return false;
  const index = parent.children.indexOf(f);
  const ins = parent.parsed.instruction;
  const args =
    ins.type === 'IF' ? [ins.left, ins.right, ins.trueText, ins.falseText] : ins.type === 'field' ? ins.items.filter((i) => i.type === 'argument') : [];
  return args.some((a) => a && a.type === 'argument' && a.quote !== null && a.parts.some((p) => p.type === 'field' && p.index === index));
}

function allSubStories(story: Story): Story[] {
  return story.subStories.flatMap((s) => [s, ...allSubStories(s)]);
}

function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Runs written for a field's instruction: w:instrText, with quotation marks escaped. */
function toInstruction(runs: string): string {
  return runs.replace(/<w:t xml:space="preserve">([^<]*)<\/w:t>/g, (_m, text: string) => {
    const escaped = text
      .replace(/\\/g, '\\\\')
      .replace(/&quot;/g, '\\&quot;')
      .replace(/([\u201c\u201d])/g, '\\$1');
    return escapedTextXml(escaped, 'w:instrText');
  });
}
