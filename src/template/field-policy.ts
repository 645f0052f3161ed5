/**
 * What a letter does with each Word field type: the one table (docs/word-fields.md shows it).
 *
 * - `evaluate`: kp-brev computes the field and writes its result as text (MERGEFIELD, IF, =), from
 *   the case or from the document itself (REF, SET...).
 * - `live`: the field stays a field, because only the page layout knows its value (PAGE,
 *   NUMPAGES, SECTIONPAGES), or because it is a link (HYPERLINK, whose address is checked).
 * - `unlink`: the field is replaced by its cached result: inert text the template already shows.
 * - `refuse`: the letter is not made. The field reaches outside the document, runs something,
 *   prompts the citizen, shows a date that would be wrong, or is not known.
 *
 * A type moves from `unlink` to `evaluate` by changing its row here and adding its evaluator
 * (evaluate.ts); nothing else decides.
 */
import { argumentText, fieldTypeOf, type Argument, type Instruction } from '../fieldcode/index.js';
import type { DocxPackage } from '../ooxml/package.js';
import type { FieldNode } from '../ooxml/fields.js';
import type { MessageId } from '../i18n/index.js';

export type FieldAction = 'evaluate' | 'live' | 'unlink' | 'refuse';

/** Why a type has its action (refusals are explained to people by this reason). */
export type FieldReason =
  | 'merge-data'
  | 'bookmark'
  | 'properties'
  | 'layout'
  | 'link'
  | 'document'
  | 'info'
  | 'empty'
  | 'external'
  | 'runs'
  | 'prompt'
  | 'interactive'
  | 'dated'
  | 'merge-records'
  | 'unknown';

export interface FieldRule {
  readonly action: FieldAction;
  readonly reason: FieldReason;
}

const rows = (action: FieldAction, reason: FieldReason, types: string): Array<[string, FieldRule]> => types.split(' ').map((t) => [t, { action, reason }]);

/** Every Word field type (ECMA-376 17.16.5, Microsoft's list of field codes and the older
 * types Word still reads), with its action. */
export const FIELD_POLICY: ReadonlyMap<string, FieldRule> = new Map([
  ...rows('evaluate', 'merge-data', 'MERGEFIELD IF ='),
  // Computed from the document itself, as Word computes them (docs/word-fields.md).
  ...rows('evaluate', 'document', 'COMPARE REF SET SEQ'),
  ...rows('evaluate', 'properties', 'AUTHOR COMMENTS DOCPROPERTY DOCVARIABLE INFO KEYWORDS LASTSAVEDBY SUBJECT TEMPLATE TITLE'),
  ...rows('live', 'layout', 'PAGE NUMPAGES SECTIONPAGES'),
  ...rows('live', 'link', 'HYPERLINK'),
  // Content of the document itself, frozen as the template shows it.
  ...rows(
    'unlink',
    'document',
    'ADDIN ADVANCE AUTONUM AUTONUMLGL AUTONUMOUT BARCODE BIBLIOGRAPHY BIDIOUTLINE CITATION DISPLAYBARCODE EQ ' +
      'INDEX LISTNUM NOTEREF PAGEREF PRIVATE QUOTE SECTION SHAPE STYLEREF SYMBOL TA TC TOA TOC XE',
  ),
  // Properties of the template file or of the machine it is opened on: live, they would show the
  // citizen's user name or file name; frozen, they show what the template showed.
  ...rows('unlink', 'info', 'FILENAME FILESIZE NUMCHARS NUMWORDS REVNUM USERADDRESS USERINITIALS USERNAME'),
  ...rows('refuse', 'external', 'DDE DDEAUTO LINK INCLUDETEXT INCLUDE INCLUDEPICTURE IMPORT DATABASE DATA RD EMBED AUTOTEXT AUTOTEXTLIST GLOSSARY'),
  ...rows('refuse', 'runs', 'MACROBUTTON PRINT CONTROL OCX HTMLCONTROL'),
  ...rows('refuse', 'prompt', 'FILLIN ASK'),
  ...rows('refuse', 'interactive', 'GOTOBUTTON FORMTEXT FORMCHECKBOX FORMDROPDOWN'),
  ...rows('refuse', 'dated', 'DATE TIME CREATEDATE SAVEDATE PRINTDATE EDITTIME'),
  ...rows('refuse', 'merge-records', 'NEXT NEXTIF SKIPIF MERGEREC MERGESEQ ADDRESSBLOCK GREETINGLINE MERGEBARCODE'),
]);

const EMPTY: FieldRule = { action: 'unlink', reason: 'empty' };
const UNKNOWN: FieldRule = { action: 'refuse', reason: 'unknown' };
const BAD_LINK: FieldRule = { action: 'refuse', reason: 'link' };
const SHORT_REF: FieldRule = { action: 'evaluate', reason: 'bookmark' };

/**
 * The rule for a field. `bookmarks` (upper-case names) lets `{ Frist }`, Word's short form of
 * `{ REF Frist }`, be read as REF. A HYPERLINK whose address is fixed in the template and is not
 * a web or mail address is refused here; one whose address holds merged values is checked when
 * the letter is made (see linkTarget).
 */
export function fieldRule(ins: Instruction, bookmarks?: ReadonlySet<string>): FieldRule {
  const type = fieldTypeOf(ins);
  if (type === '') return EMPTY;
  const rule = FIELD_POLICY.get(type);
  if (rule) {
    if (type === 'HYPERLINK' && ins.type === 'field') {
      const url = hyperlinkAddress(ins.items);
      if (url && !url.parts.some((p) => p.type === 'field') && !isSafeUrl(argumentText(url))) return BAD_LINK;
    }
    return rule;
  }
  return bookmarks?.has(type) ? SHORT_REF : UNKNOWN;
}

/** The address argument of a HYPERLINK: its first argument that is not a switch's. */
export function hyperlinkAddress(items: Extract<Instruction, { type: 'field' }>['items']): Argument | undefined {
  return items.find((i): i is Argument => i.type === 'argument');
}

/** The message that refuses a field, by the reason its type is refused. */
export const REFUSAL_MESSAGE: Readonly<Partial<Record<FieldReason, MessageId>>> = {
  external: 'render.field-external',
  runs: 'render.field-runs',
  prompt: 'render.field-prompt',
  interactive: 'render.field-interactive',
  dated: 'render.field-dated',
  'merge-records': 'render.field-merge-records',
  unknown: 'render.field-unknown-type',
  link: 'render.link-unsafe',
};

/** The parameters of a refusal's message: the field type, and a link's address. */
export function refusalParams(ins: Instruction): { type: string; url?: string } {
  const type = fieldTypeOf(ins);
  if (ins.type !== 'field' || type !== 'HYPERLINK') return { type };
  const address = hyperlinkAddress(ins.items);
  return { type, url: address ? argumentText(address).trim() : '' };
}

/** Schemes a link in a letter may have: web and mail addresses. */
export const SAFE_URL_SCHEMES: readonly string[] = ['https', 'http', 'mailto'];

/** A web or mail address (`https:`, `http:`, `mailto:`), nothing that opens a file or runs
 * something (`file:`, `javascript:`, `\\server\share`, a relative path). An empty address
 * (a link that goes nowhere) is harmless too. */
export function isSafeUrl(url: string): boolean {
  if (url.trim() === '') return true;
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim());
  return m !== null && SAFE_URL_SCHEMES.includes(m[1]!.toLowerCase());
}

/** Percent-encodes a value merged into a link address: every character but A-Z a-z 0-9 - . _ ~
 * (RFC 3986's unreserved characters), so the value is one piece of the address and can add no
 * host, path, query, switch or quotation mark; after `mailto:` an `@` stays (there it is the
 * address). A value that is the whole address is kept as an address (its reserved characters
 * stay) when it is a web or mail address; see docs/word-fields.md. */
export function encodeUrlValue(value: string, whole: boolean, mailto = false): string {
  if (whole && isSafeUrl(value)) {
    // Only what cannot stand in an address: spaces, quotation marks, backslashes, non-ASCII...
    return value.trim().replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu, percentEncode);
  }
  return value.replace(mailto ? /[^A-Za-z0-9\-._~@]/gu : /[^A-Za-z0-9\-._~]/gu, percentEncode);
}

/** A character as `%XX` escapes of its UTF-8 bytes. */
export function percentEncode(ch: string): string {
  let out = '';
  for (const b of Buffer.from(ch, 'utf8')) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  return out;
}

/** The bookmark names of a package's stories (in the order met), read once per package: compiling
 * and two lint rules ask for them. A package's parts never change. */
const markedNames = new WeakMap<DocxPackage, string[]>();

/** Upper-case bookmark names of a package's stories, and the names its SET fields give
 * bookmarks (for `{ Frist }`, a short REF). */
export function bookmarkNames(pkg: DocxPackage, fields: readonly FieldNode[] = []): Set<string> {
  let marked = markedNames.get(pkg);
  if (!marked) {
    marked = [];
    for (const { part } of pkg.storyParts) {
      for (const m of pkg.text(part).matchAll(/<w:bookmarkStart\b[^>]*\sw:name="([^"]+)"/g)) marked.push(m[1]!.toUpperCase());
    }
    markedNames.set(pkg, marked);
  }
  const names = new Set<string>(marked);
  for (const f of fields) {
    const ins = f.parsed.instruction;
    if (ins.type !== 'field' || ins.fieldType !== 'SET') continue;
    const name = ins.items.find((i): i is Argument => i.type === 'argument');
    if (name && !name.parts.some((p) => p.type === 'field')) names.add(argumentText(name).trim().toUpperCase());
  }
  return names;
}
