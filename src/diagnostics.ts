/**
 * One diagnostic type shared by the package reader, the field-code parser, the renderer,
 * the CLI and (later) the linter and the HTTP API.
 *
 * A diagnostic carries a message id and parameters, not a finished sentence: the words are
 * chosen when it is shown, in Danish by default or English on request (see i18n/).
 */
import { formatMessage, type Lang, type MessageId } from './i18n/index.js';

export type Severity = 'error' | 'warning' | 'info';

/** Where a problem is: as precise as the stage that found it can say. */
export interface Location {
  /** Template name or id (file name for a loose .docx). */
  template?: string;
  /** Part inside the package, e.g. `word/document.xml`. */
  part?: string;
  /** 1-based paragraph number within the part's story, counting table paragraphs too. */
  paragraph?: number;
  /** The story inside the part when there are several (footnote id, text box). */
  story?: string;
  /** A short piece of the paragraph or the instruction, for people to find the place. */
  excerpt?: string;
  /** The field instruction as Word's Alt+F9 view would show it. */
  instruction?: string;
  /** Character offset inside the instruction (0-based). */
  offset?: number;
  /** Line and column in an XML part or JSON file (1-based). */
  line?: number;
  column?: number;
  /** A file on disk (context file, manifest...). */
  file?: string;
}

export interface Diagnostic {
  /** Stable id: the message id (`render.missing-field`, `lint.a11y-contrast.low`...). */
  code: MessageId | string;
  severity: Severity;
  params: Record<string, string | number>;
  location?: Location;
}

export function diagnostic(code: MessageId, params: Record<string, string | number> = {}, location?: Location, severity: Severity = 'error'): Diagnostic {
  return location ? { code, severity, params, location } : { code, severity, params };
}

/** A diagnostic whose message was registered at run time (lint rules). */
export function registeredDiagnostic(code: string, params: Record<string, string | number>, location: Location | undefined, severity: Severity): Diagnostic {
  return location ? { code, severity, params, location } : { code, severity, params };
}

/** How many characters of an instruction, an excerpt, a value or a name a message shows: a
 * field code of a megabyte, or a case value as long as the limit allows, is not printed whole. */
export const SHOWN_CHARS = 200;

/**
 * `text` as a message shows it: at most `max` characters, with "…" where it was cut. When `at`
 * (a character offset, such as where a field code goes wrong) lies beyond what the start would
 * show, the piece around it is shown instead.
 */
export function shownText(text: string, at?: number, max = SHOWN_CHARS): string {
  if (text.length <= max) return text;
  let start = at !== undefined && at > max - max / 4 ? Math.min(at - Math.floor(max / 2), text.length - max) : 0;
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start++;
  let end = start + max;
  if (isLowSurrogate(text.charCodeAt(end))) end--;
  return (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The message of a diagnostic in the given language (without the place); long values cut. A
 * `detail` is often itself a sentence or several (a field code's problems), so it may be longer. */
export function messageOf(d: Diagnostic, lang: Lang = 'da'): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(d.params))
    params[k] = typeof v === 'string' ? shownText(v, undefined, k === 'detail' ? 4 * SHOWN_CHARS : SHOWN_CHARS) : v;
  return formatMessage(d.code, params, lang);
}

/** The place of a diagnostic as one human line: `skabelon.docx, word/document.xml, afsnit 12`. */
export function placeOf(loc: Location | undefined, lang: Lang = 'da'): string {
  if (!loc) return '';
  const bits: string[] = [];
  if (loc.file) bits.push(shownText(loc.file));
  if (loc.template) bits.push(shownText(loc.template));
  if (loc.part) bits.push(shownText(loc.part) + (loc.story ? ` (${shownText(loc.story)})` : ''));
  if (loc.paragraph !== undefined) bits.push(formatMessage('place.paragraph', { n: loc.paragraph }, lang));
  if (loc.line !== undefined) {
    bits.push(formatMessage('place.line', { line: loc.line, column: loc.column ?? 1 }, lang));
  }
  if (loc.offset !== undefined && loc.instruction !== undefined) {
    bits.push(formatMessage('place.offset', { n: loc.offset + 1 }, lang));
  }
  return bits.join(', ');
}

/** A whole diagnostic as one or two lines for a terminal. */
export function formatDiagnostic(d: Diagnostic, lang: Lang = 'da'): string {
  const place = placeOf(d.location, lang);
  const head = `${place ? place + ': ' : ''}${messageOf(d, lang)}`;
  const extra: string[] = [];
  if (d.location?.instruction !== undefined) extra.push(`  { ${shownText(d.location.instruction, d.location.offset)} }`);
  if (d.location?.excerpt) extra.push(`  »${shownText(d.location.excerpt)}«`);
  return [head, ...extra].join('\n');
}

/** One problem as the HTTP API (problem+json `errors`) and the training page show it. */
export interface ProblemItem {
  code: string;
  message: string;
  field?: string;
  template?: string;
  place?: string;
  instruction?: string;
  /** Where in the request (a body, parameter or JSON error): `$.context.fields`, `?template`. */
  path?: string;
}

/** A diagnostic as an item of a problem (RFC 9457) or of the training page's lists: code, message, field, template, place, instruction. */
export function problemItem(d: Diagnostic, lang: Lang): ProblemItem {
  const item: ProblemItem = { code: d.code, message: messageOf(d, lang) };
  const field = d.params['field'] ?? d.params['name'] ?? d.params['key'];
  if (field !== undefined) item.field = shownText(String(field));
  if (d.location?.template) item.template = d.location.template;
  const loc = d.location;
  const place = loc
    ? placeOf(
        {
          ...(loc.part ? { part: loc.part } : {}),
          ...(loc.story ? { story: loc.story } : {}),
          ...(loc.paragraph !== undefined ? { paragraph: loc.paragraph } : {}),
          ...(loc.file ? { file: loc.file } : {}),
        },
        lang,
      )
    : '';
  if (place) item.place = place;
  if (d.location?.instruction) item.instruction = shownText(d.location.instruction, d.location.offset);
  return item;
}

/**
 * Thrown by the library when it cannot go on. `kind` decides the CLI exit code:
 * `input` (unreadable file, bad JSON, usage: exit 2) or `refused` (a letter that must not go
 * out: exit 1).
 */
export class KpBrevError extends Error {
  readonly kind: 'input' | 'refused';
  readonly diagnostics: Diagnostic[];

  constructor(kind: 'input' | 'refused', diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => formatDiagnostic(d, 'en')).join('\n'));
    this.name = 'KpBrevError';
    this.kind = kind;
    this.diagnostics = diagnostics;
  }

  /** All diagnostics as text in the given language. */
  describe(lang: Lang = 'da'): string {
    return this.diagnostics.map((d) => formatDiagnostic(d, lang)).join('\n');
  }
}

export function inputError(code: MessageId, params: Record<string, string | number> = {}, location?: Location): KpBrevError {
  return new KpBrevError('input', [diagnostic(code, params, location)]);
}
