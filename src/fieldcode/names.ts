/**
 * The merge-field names KP gives a meaning beyond case data, in one place: flettespørgsmål
 * (`Question:<key>`), composition (`Skabelon:Indhold`, `Indholdselement:<key>`, `Html:<id>`) and
 * lists (`TableStart:<list>` … `TableEnd:<list>`, `<list>:Antal`, `<list>:Nummer`). Template,
 * lint, compose, repository, server and web read the names from here.
 */

/** `{ MERGEFIELD Question:<key> }`: the answer to a flettespørgsmål ("J"/"N"). */
export const QUESTION_PREFIX = 'Question:';
/** `{ MERGEFIELD Skabelon:Indhold }`: where a master template takes the message's body. */
export const MESSAGE_BODY_NAME = 'Skabelon:Indhold';
/** `{ MERGEFIELD Indholdselement:<key> }`: a content element's body. */
export const ELEMENT_PREFIX = 'Indholdselement:';
/** `{ MERGEFIELD Html:<id> }`: a flettetekst written in HTML. */
export const HTML_PREFIX = 'Html:';
/** `{ MERGEFIELD TableStart:<list> }`: the start of a region repeated for each item of a list. */
export const REGION_START_PREFIX = 'TableStart:';
/** `{ MERGEFIELD TableEnd:<list> }`: the end of that region. */
export const REGION_END_PREFIX = 'TableEnd:';
/** `<list>:Antal`: the number of items of a list. */
export const LIST_COUNT = 'Antal';
/** `<list>:Nummer`: the current item's number inside the list's region. */
export const LIST_NUMBER = 'Nummer';

/** A region marker name, in any case: `TableStart:<list>` or `TableEnd:<list>` (group 1: Start/End, 2: the list). */
export const REGION_MARKER = /^Table(Start|End):(.*)$/i;
/** `<list>:Antal` or `<list>:Nummer` (group 1: the list, 2: which). */
export const LIST_PROPERTY = new RegExp(`^(.+):(${LIST_COUNT}|${LIST_NUMBER})$`);

/** The prefixes above before their colon, lower-cased: the first segment of a name that is not a list. */
export const NOT_LIST_SEGMENTS: ReadonlySet<string> = new Set(
  [QUESTION_PREFIX, ELEMENT_PREFIX, HTML_PREFIX, MESSAGE_BODY_NAME, REGION_START_PREFIX, REGION_END_PREFIX].map((p) => p.split(':')[0]!.toLowerCase()),
);

/** `Question:<key>` for a key. */
export function questionName(key: string): string {
  return QUESTION_PREFIX + key;
}

/** The key of a `Question:<key>` name, or undefined. */
export function questionKeyOf(name: string): string | undefined {
  return name.startsWith(QUESTION_PREFIX) ? name.slice(QUESTION_PREFIX.length) : undefined;
}

/** The key of an `Indholdselement:<key>` name, or undefined. */
export function elementKeyOf(name: string): string | undefined {
  return name.startsWith(ELEMENT_PREFIX) ? name.slice(ELEMENT_PREFIX.length) : undefined;
}

/** `Html:<id>` for a flettetekst id. */
export function htmlName(id: string): string {
  return HTML_PREFIX + id;
}

/** Composition names, which are not case data: `Skabelon:Indhold`, `Indholdselement:…`, `Html:…`. */
export function isCompositionName(name: string): boolean {
  return name === MESSAGE_BODY_NAME || name.startsWith(ELEMENT_PREFIX) || name.startsWith(HTML_PREFIX);
}
