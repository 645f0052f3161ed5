/**
 * What the linter sees of a template: the same stories and fields the renderer uses, plus the
 * paragraphs, tables, drawings and links of each story, with their static text (outside
 * fields) and properties.
 */
import type { FieldNode } from '../ooxml/fields.js';
import type { Story } from '../ooxml/tokens.js';
import { packageStyles, type StyleSheet } from '../ooxml/styles/sheet.js';
import { paragraphStyleId } from '../ooxml/styles/resolve.js';
import { propsElement } from '../ooxml/styles/values.js';
import { unescapeXml } from '../ooxml/xml.js';
import { remembered } from '../memo.js';
import type { StoryPlan } from '../template/plan.js';
import { cachedResult, type Template } from '../template/template.js';
import { parseTheme, type Theme } from '../ooxml/styles/theme.js';

export interface ParagraphModel {
  story: Story;
  /** 1-based paragraph number in the story (as in every location). */
  index: number;
  pPr: string;
  /** Paragraph style id, if set. */
  styleId: string | undefined;
  /** Text outside fields (w:t, tabs as \t, breaks as \n). */
  text: string;
  /** The same text cut at every top-level field that begins in the paragraph: segment i+1
   * follows field i, so every segment but the last stands before a field. */
  segments: string[];
  /** Static runs: text with its run properties. */
  runs: Array<{ text: string; rPr: string }>;
  /** Top-level fields that begin in the paragraph. */
  fields: FieldNode[];
  /** Top-level fields that reach into the paragraph (begin, end or span it). */
  overlapping: FieldNode[];
  /** Drawings, symbols and other objects outside fields. */
  objects: number;
  inTable: boolean;
  /** The table cell the paragraph is in (its shading is the text's background). */
  cell: CellModel | undefined;
  lastInContainer: boolean;
  /** The paragraph's mark is inside a field (the field spans paragraphs). */
  markInField: boolean;
}

export interface CellModel {
  tcPr: string;
  paragraphs: ParagraphModel[];
  /** The table, and the cell's row and column (0-based), for table-style conditional formatting. */
  table: TableModel;
  row: number;
  col: number;
}

export interface RowModel {
  trPr: string;
  cells: CellModel[];
}

export interface TableModel {
  story: Story;
  /** Paragraph number of the table's first paragraph. */
  index: number;
  tblPr: string;
  rows: RowModel[];
  /** The cell a nested table stands in. */
  outer: CellModel | undefined;
}

export interface DrawingModel {
  story: Story;
  index: number;
  xml: string;
  descr: string | undefined;
  title: string | undefined;
  name: string | undefined;
  decorative: boolean;
  floating: boolean;
  textBox: boolean;
  /** A picture (an image part), as opposed to a shape. */
  picture: boolean;
}

export interface LinkModel {
  story: Story;
  index: number;
  /** Static text of the link (fields inside it excluded). */
  text: string;
  /** Fields inside the link text, to be judged after evaluation. */
  fields: FieldNode[];
  url: string | undefined;
}

export interface LintModel {
  file: string;
  template: Template;
  /** The template's stories without the copies Word saves for old readers: a text box is
   * saved twice (mc:Choice and mc:Fallback), and only the first is judged. */
  stories: StoryPlan[];
  /** Every field of those stories, nested ones included, in document order. */
  fields: FieldNode[];
  paragraphs: ParagraphModel[];
  tables: TableModel[];
  drawings: DrawingModel[];
  links: LinkModel[];
  styles: StyleSheet | undefined;
  theme: Theme;
  core: { title?: string; language?: string };
  /** Raw XML of parts, by name (for rules that look for markup such as tracked changes). */
  partText(part: string): string;
}

export function buildLintModel(template: Template, file: string): LintModel {
  const pkg = template.package;
  const ranges = new Map<string, Array<[number, number]>>();
  const stories = template.stories.filter((plan) => !isFallbackCopy(plan.story, ranges));
  const model: LintModel = {
    file,
    template,
    stories,
    fields: stories.flatMap((plan) => plan.all),
    paragraphs: [],
    tables: [],
    drawings: [],
    links: [],
    styles: packageStyles(pkg),
    theme: parseTheme(pkg),
    core: coreProperties(template),
    partText: (part) => pkg.text(part),
  };
  for (const plan of stories) walkStory(plan.story, readTopFields(plan.all), model);
  return model;
}

/** Source ranges of the mc:Fallback elements of a part. */
function fallbackRanges(source: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const open: number[] = [];
  for (const m of source.matchAll(/<mc:Fallback\b[^>]*?(\/?)>|<\/mc:Fallback>/g)) {
    if (m[0].startsWith('</')) {
      const start = open.pop();
      if (start !== undefined) ranges.push([start, m.index + m[0].length]);
    } else if (!m[1]) open.push(m.index);
  }
  return ranges;
}

export function isFallbackCopy(story: Story, cache = new Map<string, Array<[number, number]>>()): boolean {
  if (!story.label || !story.source.includes('<mc:Fallback')) return false;
  let ranges = cache.get(story.part);
  if (!ranges) cache.set(story.part, (ranges = fallbackRanges(story.source)));
  return ranges.some(([start, end]) => story.innerStart > start && story.innerStart < end);
}

function readTopFields(all: readonly FieldNode[]): FieldNode[] {
  return all.filter((f) => !f.parent);
}

/** The paragraph style a w:pPr names, by the w:pPr's text: a repository's paragraphs repeat a
 * handful (bounded all the same). */
const styleIdOf = remembered((pPr: string): string | undefined => paragraphStyleId(propsElement(pPr, 'w:pPr')), 1024);

function walkStory(story: Story, top: FieldNode[], model: LintModel): void {
  const tokens = story.tokens;
  const fieldAt = new Map(top.map((f) => [f.begin, f]));
  const paraFields = new Map<number, FieldNode[]>();
  for (const f of top) {
    const list = paraFields.get(f.para);
    if (list) list.push(f);
    else paraFields.set(f.para, [f]);
  }
  const tableStack: TableModel[] = [];
  let row: RowModel | undefined;
  let cell: CellModel | undefined;
  let link: LinkModel | undefined;
  let current: ParagraphModel | undefined;
  let inFieldUntil = -1;
  const para = (n: number): ParagraphModel => {
    if (!current || current.index !== n) {
      current = {
        story,
        index: n,
        pPr: '',
        styleId: undefined,
        text: '',
        segments: [''],
        runs: [],
        fields: paraFields.get(n) ?? [],
        overlapping: overlappingFields(story, n, top),
        objects: 0,
        inTable: tableStack.length > 0,
        cell,
        lastInContainer: false,
        markInField: false,
      };
    }
    return current;
  };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const f = fieldAt.get(i);
    if (f) {
      inFieldUntil = f.end;
      para(f.para).segments.push('');
      if (link) link.fields.push(f);
      // A field inside a link: its cached result is what the link shows.
    }
    const inField = i <= inFieldUntil;
    switch (tok.t) {
      case 'item': {
        const p = para(tok.para);
        if (tok.kind === 'object') {
          const xml = story.source.slice(tok.start, tok.end);
          if (/<(?:w:drawing|w:pict|w:object)\b|<mc:AlternateContent\b/.test(xml)) model.drawings.push(drawingOf(story, tok.para, xml));
          if (!inField) p.objects++;
        }
        if (inField) break;
        if (tok.kind === 'text' || tok.kind === 'char') {
          const text = tok.kind === 'char' ? (tok.text === '\t' ? '\t' : '\n') : tok.text;
          p.text += text;
          p.segments[p.segments.length - 1] += text;
          p.runs.push({ text, rPr: tok.rPr });
          if (link) link.text += text;
        }
        break;
      }
      case 'mark': {
        const p = para(tok.para);
        p.pPr = tok.pPr;
        p.styleId = styleIdOf(tok.pPr);
        p.lastInContainer = tok.lastInContainer;
        p.markInField = inField;
        model.paragraphs.push(p);
        if (cell) cell.paragraphs.push(p);
        current = undefined;
        break;
      }
      case 'open':
        if (tok.name === 'w:tbl') {
          const t: TableModel = { story, index: tok.para, tblPr: '', rows: [], outer: cell };
          tableStack.push(t);
          model.tables.push(t);
        } else if (tok.name === 'w:tr') {
          row = { trPr: '', cells: [] };
          tableStack[tableStack.length - 1]?.rows.push(row);
        } else if (tok.name === 'w:tc') {
          const table = tableStack[tableStack.length - 1];
          if (table && row) {
            cell = { tcPr: '', paragraphs: [], table, row: table.rows.length - 1, col: row.cells.length };
            row.cells.push(cell);
          }
        } else if (tok.name === 'w:hyperlink') {
          const rid = /\sr:id="([^"]+)"/.exec(tok.xml)?.[1];
          const rel = rid ? model.template.package.mainRels.find((r) => r.id === rid) : undefined;
          link = { story, index: tok.para, text: '', fields: [], url: rel?.target ?? /\sw:anchor="([^"]+)"/.exec(tok.xml)?.[1] };
        }
        break;
      case 'close':
        if (tok.name === 'w:tbl') {
          // Back in the cell around a nested table, if any.
          cell = tableStack.pop()?.outer;
          row = cell ? cell.table.rows[cell.row] : undefined;
        } else if (tok.name === 'w:hyperlink' && link) {
          model.links.push(link);
          link = undefined;
        } else if (tok.name === 'w:tc') cell = undefined;
        break;
      case 'raw': {
        const table = tableStack[tableStack.length - 1];
        if (tok.name === 'w:tblPr' && table) table.tblPr = tok.xml;
        else if (tok.name === 'w:trPr' && row) row.trPr = tok.xml;
        else if (tok.name === 'w:tcPr' && cell) cell.tcPr = tok.xml;
        break;
      }
    }
  }
  // HYPERLINK fields are links too; their cached result is the text.
  for (const f of top) {
    const ins = f.parsed.instruction;
    if (ins.type !== 'field' || ins.fieldType !== 'HYPERLINK') continue;
    const url = ins.items.find((x) => x.type === 'argument');
    model.links.push({
      story,
      index: f.para,
      text: cachedResult(f) ?? '',
      fields: [],
      url: url && url.type === 'argument' ? url.parts.map((p) => (p.type === 'text' ? p.value : '')).join('') : undefined,
    });
  }
}

function overlappingFields(story: Story, n: number, top: readonly FieldNode[]): FieldNode[] {
  const info = story.paragraphs[n - 1];
  if (!info) return [];
  return top.filter((f) => f.begin <= info.mark && f.end >= info.first);
}

function attr(xml: string, element: string, name: string): string | undefined {
  const m = new RegExp(`<${element}\\b[^>]*\\s${name}="([^"]*)"`).exec(xml);
  return m ? unescapeXml(m[1]!) : undefined;
}

function drawingOf(story: Story, index: number, xml: string): DrawingModel {
  const descr = attr(xml, 'wp:docPr', 'descr') ?? attr(xml, 'v:shape', 'alt');
  const title = attr(xml, 'wp:docPr', 'title');
  const name = attr(xml, 'wp:docPr', 'name');
  return {
    story,
    index,
    xml,
    descr,
    title,
    name,
    decorative: /<adec:decorative\b[^>]*\sval="(?:1|true)"/.test(xml),
    floating: /<wp:anchor\b/.test(xml) || /<v:shape\b[^>]*style="[^"]*position:\s*absolute/.test(xml),
    textBox: /<w:txbxContent\b/.test(xml),
    picture: /<pic:pic\b|<v:imagedata\b|<c:chart\b|<dgm:relIds\b/.test(xml),
  };
}

function coreProperties(template: Template): { title?: string; language?: string } {
  const pkg = template.package;
  const part = pkg.has('docProps/core.xml') ? 'docProps/core.xml' : undefined;
  if (!part) return {};
  const xml = pkg.text(part);
  const out: { title?: string; language?: string } = {};
  const title = /<dc:title>([^<]*)<\/dc:title>/.exec(xml)?.[1]?.trim();
  const language = /<dc:language>([^<]*)<\/dc:language>/.exec(xml)?.[1]?.trim();
  if (title) out.title = unescapeXml(title);
  if (language) out.language = language;
  return out;
}
