/**
 * Which fields of a Word-saved document have a result that follows from the document alone
 * (so Word's cached result is ground truth for kp-brev), and which do not, with the reason.
 * Used by scripts/conformance-extract.ts.
 */
import { argumentText, type Argument, type Switch } from '../../src/fieldcode/index.js';
import type { FieldNode } from '../../src/ooxml/fields.js';
import type { Bookmark } from './conformance-doc.js';

export interface DocFacts {
  props: Map<string, string>;
  /** Custom properties that are not text, with their vt: type. */
  typed: Map<string, string>;
  vars: Map<string, string>;
  bookmarks: Map<string, Bookmark>;
  /** Cached result of every field (undefined: none stored). */
  cached: Map<FieldNode, string | undefined>;
}

export interface Classification {
  /** Field kind for the summary: the type, `= (table)` etc. */
  kind: string;
  computable: boolean;
  /** The rule (computable) or the reason (not computable). */
  why: string;
}

const LAYOUT = new Set([
  'PAGE',
  'NUMPAGES',
  'SECTIONPAGES',
  'SECTION',
  'PAGEREF',
  'TOC',
  'TOA',
  'INDEX',
  'STYLEREF',
  'LISTNUM',
  'AUTONUM',
  'AUTONUMLGL',
  'AUTONUMOUT',
  'NOTEREF',
  'NUMWORDS',
  'NUMCHARS',
  'EQ',
  'ADVANCE',
  'BARCODE',
  'DISPLAYBARCODE',
]);
const TIME = new Set(['DATE', 'TIME', 'CREATEDATE', 'SAVEDATE', 'PRINTDATE', 'EDITTIME', 'REVNUM']);
const MERGE = new Set(['MERGEFIELD', 'NEXT', 'NEXTIF', 'SKIPIF', 'MERGEREC', 'MERGESEQ', 'ADDRESSBLOCK', 'GREETINGLINE', 'DATABASE']);
const EXTERNAL = new Set([
  'INCLUDETEXT',
  'INCLUDEPICTURE',
  'LINK',
  'EMBED',
  'DDE',
  'DDEAUTO',
  'IMPORT',
  'ADDIN',
  'CITATION',
  'BIBLIOGRAPHY',
  'AUTOTEXT',
  'AUTOTEXTLIST',
  'GLOSSARY',
  'SHAPE',
]);
const USER = new Set(['FILLIN', 'ASK', 'FORMTEXT', 'FORMCHECKBOX', 'FORMDROPDOWN', 'USERNAME', 'USERINITIALS', 'USERADDRESS', 'GOTOBUTTON']);
const FILE = new Set(['FILENAME', 'FILESIZE', 'INFO']);
const MARKERS = new Set(['XE', 'TC', 'RD', 'TA', 'PRIVATE', 'SYMBOL']);

/** Property fields and the docProps name they show. */
export const PROPERTY_FIELDS: Record<string, string> = {
  AUTHOR: 'creator',
  TITLE: 'title',
  SUBJECT: 'subject',
  KEYWORDS: 'keywords',
  COMMENTS: 'description',
  LASTSAVEDBY: 'lastmodifiedby',
  TEMPLATE: 'template',
};

/** DOCPROPERTY names of built-in properties and their docProps element. */
export const BUILT_IN: Record<string, string> = {
  author: 'creator',
  comments: 'description',
  lastsavedby: 'lastmodifiedby',
  revisionnumber: 'revision',
  title: 'title',
  subject: 'subject',
  keywords: 'keywords',
  category: 'category',
  company: 'company',
  manager: 'manager',
  hyperlinkbase: 'hyperlinkbase',
  template: 'template',
  contentstatus: 'contentstatus',
  nameofapplication: 'application',
  security: 'docsecurity',
  linksuptodate: 'linksuptodate',
};
/** Built-in properties that Word recounts from the layout or the clock. */
const STATISTICS = new Set([
  'pages',
  'words',
  'characters',
  'characterswithspaces',
  'lines',
  'paragraphs',
  'totaleditingtime',
  'createtime',
  'lastsavedtime',
  'lastprinted',
  'bytes',
  'revisionnumber',
]);

const FUNCTIONS = new Set([
  'ABS',
  'AND',
  'AVERAGE',
  'COUNT',
  'DEFINED',
  'FALSE',
  'IF',
  'INT',
  'MAX',
  'MIN',
  'MOD',
  'NOT',
  'OR',
  'PRODUCT',
  'ROUND',
  'SIGN',
  'SUM',
  'TRUE',
]);
const DIRECTIONS = new Set(['ABOVE', 'BELOW', 'LEFT', 'RIGHT']);

export function switchesOfField(f: FieldNode): Switch[] {
  const ins = f.parsed.instruction;
  if (ins.type === 'IF' || ins.type === 'MERGEFIELD') return ins.switches;
  if (ins.type === 'field') return ins.items.filter((i): i is Switch => i.type === 'switch');
  return [];
}

/** Arguments of a generic field (not switches' arguments). */
export function argsOf(f: FieldNode): Argument[] {
  const ins = f.parsed.instruction;
  return ins.type === 'field' ? ins.items.filter((i): i is Argument => i.type === 'argument') : [];
}

/** An argument's text with nested fields replaced by their cached results. */
export function argWithCached(f: FieldNode, arg: Argument | undefined, facts: DocFacts): string {
  if (!arg) return '';
  let s = '';
  for (const p of arg.parts) {
    if (p.type === 'text') s += p.value;
    else {
      const child = f.children[p.index];
      s += (child && facts.cached.get(child)) ?? '';
    }
  }
  return s;
}

/** Identifiers of a formula that are neither functions, directions nor cell references. */
export function formulaParts(expr: string): { bookmarks: string[]; cells: boolean; directions: boolean } {
  const bookmarks: string[] = [];
  let cells = false;
  let directions = false;
  for (const m of expr.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
    const id = m[0].toUpperCase();
    if (FUNCTIONS.has(id)) continue;
    if (DIRECTIONS.has(id)) directions = true;
    else if (/^[A-Z]{1,2}\d+$/.test(id) || /^R\d*C\d*$/.test(id)) cells = true;
    else bookmarks.push(m[0]);
  }
  return { bookmarks, cells, directions };
}

/** The text of a formula field's expression (switches left out), nested fields as cached. */
export function formulaText(f: FieldNode, facts: DocFacts): string {
  const ins = f.parsed.instruction;
  if (ins.type !== 'field') return '';
  let s = '';
  for (const item of ins.items) {
    if (item.type === 'operator') s += ` ${item.value} `;
    else if (item.type === 'argument') s += ` ${argWithCached(f, item, facts)} `;
  }
  return s.trim();
}

export function classify(f: FieldNode, facts: DocFacts, inTable: boolean): Classification {
  const ins = f.parsed.instruction;
  if (ins.type === 'empty') return no('(empty)', 'empty instruction');
  const type = ins.type === 'field' ? ins.fieldType : ins.type;
  if (f.kind === 'complex' && f.separate < 0) return no(type, 'no cached result stored');
  const own = ownRule(f, type, facts, inTable);
  if (!own.computable) return own;
  // Nested fields must be computable too (merge fields inside an IF count as stored inputs).
  for (const child of f.children) {
    const c = classify(child, facts, inTable);
    const childType = child.parsed.instruction.type;
    if (c.computable) continue;
    if (childType === 'MERGEFIELD' && facts.cached.get(child) !== undefined && (type === 'IF' || type === '=' || type === 'COMPARE')) {
      own.why += '; uses the merge value Word stored in the nested MERGEFIELD';
      continue;
    }
    return no(own.kind, `nested ${c.kind}: ${c.why}`);
  }
  return own;
}

function ownRule(f: FieldNode, type: string, facts: DocFacts, inTable: boolean): Classification {
  const ins = f.parsed.instruction;
  const story = f.story.part;
  if (LAYOUT.has(type)) return no(type, 'page layout or numbering');
  if (TIME.has(type)) return no(type, 'date/time or revision (now, or a document date/revision that changes on save and is shown in the machine time zone)');
  if (MERGE.has(type)) return no(type, 'mail-merge data from outside the document');
  if (EXTERNAL.has(type)) return no(type, 'external content or add-in data');
  if (USER.has(type)) return no(type, 'user input or the user/machine');
  if (FILE.has(type)) return no(type, 'file system (name/size/path at save time)');
  if (MARKERS.has(type)) return no(type, 'marker or glyph field without a text result');
  if (type === 'HYPERLINK') return no(type, 'display text kept by Word, not computed from the instruction');
  if (type === 'IF') return yes('IF', 'IF over literals and nested fields');
  if (type === 'COMPARE') return yes('COMPARE', 'COMPARE over literals and nested fields');
  if (type === 'QUOTE') return yes('QUOTE', 'QUOTE of literal text');
  if (type === 'SET') return yes('SET', 'SET shows no result');
  if (type === 'MACROBUTTON') return yes('MACROBUTTON', 'MACROBUTTON shows its display text');
  if (type === '=') {
    const expr = formulaText(f, facts);
    const parts = formulaParts(expr);
    const missing = parts.bookmarks.filter((b) => !facts.bookmarks.has(b.toLowerCase()));
    if (missing.length) return no('= (bookmarks)', `formula names ${missing.join(', ')}: no such bookmark`);
    if (parts.cells || parts.directions) {
      return inTable ? yes('= (table)', 'table formula over the table cells') : no('= (table)', 'cell reference outside a table');
    }
    if (parts.bookmarks.length) return yes('= (bookmarks)', 'formula over bookmarked numbers');
    return yes(f.children.length ? '= (nested)' : '= (literals)', f.children.length ? 'formula over nested fields' : 'formula over literals');
  }
  if (type === 'SEQ') {
    if (story !== 'word/document.xml' || f.story.label) return no('SEQ', 'SEQ outside the main body: order depends on layout');
    if (!argsOf(f).length) return no('SEQ', 'SEQ without an identifier: Word shows its (localized) error text');
    return yes('SEQ', 'SEQ counted in document order');
  }
  if (type === 'DOCVARIABLE') {
    const name = argWithCached(f, argsOf(f)[0], facts).trim().toLowerCase();
    return facts.vars.has(name)
      ? yes('DOCVARIABLE', 'DOCVARIABLE from settings.xml w:docVars')
      : yes('DOCVARIABLE (missing)', 'variable not in the document: Word shows its (localized) error text');
  }
  if (type === 'DOCPROPERTY') {
    const name = argWithCached(f, argsOf(f)[0], facts).trim().toLowerCase();
    if (STATISTICS.has(name)) return no('DOCPROPERTY', `document statistic, date or revision (${name}): Word recounts it on save`);
    const vt = facts.typed.get(name);
    if ((vt === 'filetime' || vt === 'date') && !switchesOfField(f).some((s) => s.name === '@')) {
      return no('DOCPROPERTY', "date property without a \\@ picture: shown in the machine's short-date format, which the document does not record");
    }
    return facts.props.has(BUILT_IN[name] ?? name)
      ? yes('DOCPROPERTY', 'DOCPROPERTY from docProps')
      : yes('DOCPROPERTY (missing)', 'property not in docProps: Word shows its (localized) error text');
  }
  if (PROPERTY_FIELDS[type]) {
    if (type === 'TEMPLATE' && switchesOfField(f).some((s) => s.name === 'p')) return no(type, 'template path on the machine');
    if (argsOf(f).length) return yes(type, `${type} with a new value (sets the property)`);
    return facts.props.has(PROPERTY_FIELDS[type]!) ? yes(type, `${type} from docProps`) : no(type, 'property not in docProps');
  }
  if (ins.type === 'field' && (type === 'REF' || facts.bookmarks.has(type.toLowerCase()))) {
    const bare = type !== 'REF';
    const kind = bare ? 'REF (bare bookmark name)' : 'REF';
    const name = bare ? type : argWithCached(f, argsOf(f)[0], facts).trim();
    if (!facts.bookmarks.has(name.toLowerCase())) {
      return bare ? no(type, 'unknown field type') : yes('REF (missing bookmark)', 'bookmark not in the document: Word shows its (localized) error text');
    }
    if (switchesOfField(f).some((s) => s.name === 'f')) return no(kind, 'footnote reference mark (numbering)');
    if (switchesOfField(f).some((s) => s.name.length === 1 && 'nrwp'.includes(s.name))) {
      return yes(
        'REF (paragraph number)',
        'REF \\n/\\r/\\w/\\p: the list number of the bookmarked paragraph (numbering.xml and paragraph order) or above/below',
      );
    }
    return yes(kind, 'REF to a bookmark in the document');
  }
  return no(type, 'unknown or unsupported field type');
}

const yes = (kind: string, why: string): Classification => ({ kind, computable: true, why });
const no = (kind: string, why: string): Classification => ({ kind, computable: false, why });

/** The `\*` format names of a field, `\#`/`\@` pictures as `\# picture`. */
export function switchSummary(f: FieldNode): string[] {
  const out: string[] = [];
  for (const s of switchesOfField(f)) {
    const arg = s.argument ? argumentText(s.argument) : '';
    if (s.name === '*') {
      if (!/^(MERGEFORMAT|CHARFORMAT)$/i.test(arg)) out.push(`\\* ${arg}`);
    } else if (s.name === '#' || s.name === '@') out.push(`\\${s.name}`);
  }
  return out;
}
