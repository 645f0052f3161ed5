/**
 * The shapes of what the training page's preview sends (service/preview.ts, service/codes.ts)
 * and the page's client shows (web/client/): types only, with no imports, so that the client's
 * own build (tsconfig.web.json) compiles them too and both sides read one declaration.
 */

/** A flettespørgsmål of the letter: its text, the answer the letter was drawn with, and whether the template enables it. */
export interface PreviewQuestion {
  key: string;
  text: string | undefined;
  answer: 'J' | 'N';
  enabled: boolean;
}

/** A merge field without a value, or a flettespørgsmål without an answer: what the letter lacks. */
export interface MissingItem {
  kind: 'field' | 'question';
  /** The merge field's name, or the flettespørgsmål's key. */
  name: string;
  message: string;
  /** The part of the letter it is in: the beskedskabelon, `indholdselement …`, `masterskabelon …`. */
  template?: string;
  part?: string;
  story?: string;
  paragraph?: number;
  instruction?: string;
  /** Its paragraph in the code view (`codes`), when it is in the template shown there: where the page links to. */
  code?: { part: string; story: string; paragraph: number };
}

/** A stretch of a paragraph in the code view (Word's Alt+F9). */
export interface CodeSpan {
  /** Plain text, or a field code with its value for the case. */
  kind: 'text' | 'field';
  text: string;
  value?: string | undefined;
  problems?: string[];
}

/** A paragraph of the code view, numbered as every message numbers paragraphs. */
export interface CodeParagraph {
  part: string;
  story: string;
  paragraph: number;
  spans: CodeSpan[];
}
