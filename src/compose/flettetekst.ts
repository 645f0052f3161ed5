/**
 * Plain flettetekster: text written in Word's Alt+F9 notation, so a system administrator can
 * write fields in a manifest the way Word shows them:
 *
 *     Med venlig hilsen
 *     { MERGEFIELD Sagsbehandler.Navn }
 *     { IF { MERGEFIELD Sagsbehandler.Titel } <> "" "{ MERGEFIELD Sagsbehandler.Titel }" }
 *
 * Braces are fields (nested to any depth), `\{` and `\}` are literal braces, and each line
 * break becomes a line break in the letter. The result is WordprocessingML runs, evaluated
 * like any field of the letter.
 */
import { fieldXml, lineBreak, paragraphBreak, type FieldSpec, type InstrPart } from '../authoring/fields.js';
import { breakRunXml, textRunXml } from '../ooxml/runs.js';

/** A brace that does not pair: `unclosed` for a `{` never closed, `unopened` for a `}` never opened. */
export class FlettetekstSyntaxError extends Error {
  constructor(
    readonly kind: 'unclosed' | 'unopened',
    readonly offset: number,
  ) {
    super(kind === 'unclosed' ? 'unclosed {' : '} without {');
  }
}

/** Parses the brace notation into text, line breaks and fields. */
export interface BraceOptions {
  /** Read ¶ as a paragraph break (for building templates; flettetekster have no paragraphs). */
  paragraphs?: boolean;
}

export const PARAGRAPH_MARK = '¶';

export function parseBraceText(text: string, options: BraceOptions = {}): InstrPart[] {
  let i = 0;
  const parseSeq = (inField: boolean): InstrPart[] => {
    const out: InstrPart[] = [];
    let buf = '';
    const flush = (): void => {
      if (buf) out.push(buf);
      buf = '';
    };
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '\\' && (text[i + 1] === '{' || text[i + 1] === '}')) {
        buf += text[i + 1];
        i += 2;
      } else if (ch === '{') {
        flush();
        const start = i;
        i++;
        const parts = parseSeq(true);
        if (text[i] !== '}') throw new FlettetekstSyntaxError('unclosed', start);
        i++;
        const spec: FieldSpec = { kind: 'field', parts: [' ', ...parts, ' '] };
        out.push(spec);
      } else if (ch === '}') {
        if (inField) break;
        throw new FlettetekstSyntaxError('unopened', i);
      } else if (ch === '\n') {
        // A line break, also inside a field's quoted text (outside quotes Word reads it as a space).
        flush();
        out.push(lineBreak);
        i++;
      } else if (ch === PARAGRAPH_MARK && options.paragraphs) {
        flush();
        out.push(paragraphBreak());
        i++;
      } else if (ch === '\r') {
        i++;
      } else {
        buf += ch;
        i++;
      }
    }
    flush();
    return out;
  };
  const parts = parseSeq(false);
  while (parts.length && parts[parts.length - 1] === lineBreak) parts.pop();
  return parts;
}

/**
 * Runs for a flettetekst. In a field's instruction (`nested`), text goes into w:instrText with
 * quotation marks and backslashes escaped, so the text stays inside the quoted branch it is
 * placed in.
 */
export function braceTextRuns(parts: readonly InstrPart[], rPr: string, nested: boolean): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') {
      const text = nested ? p.replace(/(["\u201c\u201d\\])/g, '\\$1') : p;
      out += textRunXml(text, rPr, nested ? 'w:instrText' : 'w:t');
    } else if (p.kind === 'br') {
      out += breakRunXml(rPr);
    } else if (p.kind === 'field') {
      out += fieldXml({ ...p, rPr }, {}, nested);
    } else if (p.kind === 'text') {
      out += textRunXml(p.text, p.rPr || rPr, nested ? 'w:instrText' : 'w:t');
    }
  }
  return out;
}
