/**
 * How much one template or one case may hold. Within these limits no input takes minutes or
 * gigabytes, whoever reads it: the library, the CLI and the server's render threads all start
 * from the same defaults (the server's request-size defaults are `templateBytes` and
 * `caseBytes`). They are raised (or lowered) in one place for all of them: the environment
 * variable KP_BREV_LIMITS (`fields=20000,paragraphs=200000`), and for one template through
 * `loadTemplate(bytes, { limits })`. docs/operations.md lists them.
 *
 * Elements, paragraphs and fields are counted while the XML is parsed (no extra pass), over all
 * the parts read from one package.
 */
import { diagnostic, KpBrevError, type Location } from './diagnostics.js';
import type { MessageId } from './i18n/index.js';

export interface Limits {
  /** Bytes of a template (.docx): the server's upload limit for /v1/lint and the training page. */
  templateBytes: number;
  /** Bytes of a case file (JSON): the server's limit for a letter request. */
  caseBytes: number;
  /** XML elements in all the parts read from one package. */
  elements: number;
  /** Paragraphs (`w:p`) in one package. */
  paragraphs: number;
  /** Fields (complex and simple) in one package. */
  fields: number;
  /** Characters in one text of a case (a value or a key). */
  valueLength: number;
  /** Characters merged into one letter: all its merge fields (and flettetekster) together, so
   * that one long value used in many fields cannot make a letter of gigabytes. */
  mergedText: number;
}

export type LimitName = keyof Limits;

/** Well above any real letter template (the largest sample has a few hundred paragraphs and
 * fields); at these sizes loading, linting and a PDF take seconds. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  templateBytes: 20 * 1024 * 1024,
  caseBytes: 5 * 1024 * 1024,
  elements: 1_000_000,
  paragraphs: 50_000,
  fields: 10_000,
  valueLength: 1024 * 1024,
  mergedText: 4 * 1024 * 1024,
});

/** Bytes of one line of a batch's cases (NDJSON), for the server's `letters:batch` and the
 * CLI's `kp-brev batch` alike. Fixed: no line is read past it, whatever the other limits are. */
export const BATCH_LINE_BYTES = 2 * 1024 * 1024;

export const LIMITS_ENV = 'KP_BREV_LIMITS';

const NAMES = Object.keys(DEFAULT_LIMITS) as LimitName[];

let envCache: { text: string; limits: Partial<Limits> } | undefined;

/** KP_BREV_LIMITS read (and checked) once per value it takes. */
function fromEnv(): Partial<Limits> {
  const text = process.env[LIMITS_ENV] ?? '';
  if (envCache?.text === text) return envCache.limits;
  const out: Partial<Limits> = {};
  for (const entry of text.split(/[,;\s]+/).filter(Boolean)) {
    const m = /^(\w+)=(\d[\d_]*)$/.exec(entry);
    const name = m?.[1] as LimitName | undefined;
    const value = m ? Number(m[2]!.replace(/_/g, '')) : NaN;
    if (!name || !NAMES.includes(name) || !Number.isSafeInteger(value) || value < 1) {
      throw new KpBrevError('input', [diagnostic('limit.env', { entry, names: NAMES.join(', ') })]);
    }
    out[name] = value;
  }
  envCache = { text, limits: out };
  return out;
}

/** The limits in force: the defaults, then KP_BREV_LIMITS, then `overrides`. */
export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  const own: Partial<Limits> = {};
  for (const name of NAMES) {
    const v = overrides[name];
    if (v !== undefined) own[name] = v;
  }
  return { ...DEFAULT_LIMITS, ...fromEnv(), ...own };
}

const CODES: Record<LimitName, MessageId> = {
  templateBytes: 'limit.template-bytes',
  caseBytes: 'context.too-large',
  elements: 'limit.elements',
  paragraphs: 'limit.paragraphs',
  fields: 'limit.fields',
  valueLength: 'context.value-too-long',
  mergedText: 'limit.merged-text',
};

/** The diagnostic for a limit that was passed: it names the limit and how to raise it. */
export function limitDiagnostic(
  name: LimitName,
  limit: number,
  params: Record<string, string | number> = {},
  location?: Location,
): ReturnType<typeof diagnostic> {
  return diagnostic(CODES[name], { ...params, name, limit, env: LIMITS_ENV }, location);
}

/** Thrown for a limit that was passed: bad input, except a letter that would merge more than
 * `mergedText`, which is refused (it must not go out). */
export function limitError(name: LimitName, limit: number, params: Record<string, string | number> = {}, location?: Location): KpBrevError {
  return new KpBrevError(name === 'mergedText' ? 'refused' : 'input', [limitDiagnostic(name, limit, params, location)]);
}

/** Counts what the parts of one package hold while they are parsed. */
export class ContentCounter {
  private elements = 0;
  private paragraphs = 0;
  private fields = 0;

  constructor(readonly limits: Limits) {}

  /** The counts so far, to go back to (a part read again by another parser). */
  mark(): readonly [number, number, number] {
    return [this.elements, this.paragraphs, this.fields];
  }

  reset(mark: readonly [number, number, number]): void {
    [this.elements, this.paragraphs, this.fields] = mark;
  }

  /** Counts a part parsed before (what it counted then, see mark): false, counting nothing,
   * when that passes a limit (the part is then parsed again, to say where). */
  add(counts: readonly [number, number, number]): boolean {
    const elements = counts[0];
    const paragraphs = counts[1];
    const fields = counts[2];
    const l = this.limits;
    if (this.elements + elements > l.elements || this.paragraphs + paragraphs > l.paragraphs || this.fields + fields > l.fields) return false;
    this.elements += elements;
    this.paragraphs += paragraphs;
    this.fields += fields;
    return true;
  }

  /** One start tag; `where` is asked for only when a limit is passed. */
  element(name: string, attrs: Readonly<Record<string, string>>, where: () => Location): void {
    if (++this.elements > this.limits.elements) throw limitError('elements', this.limits.elements, {}, where());
    if (name === 'w:p') {
      if (++this.paragraphs > this.limits.paragraphs) throw limitError('paragraphs', this.limits.paragraphs, {}, where());
    } else if (name === 'w:fldSimple' || (name === 'w:fldChar' && attrs['w:fldCharType'] === 'begin')) {
      if (++this.fields > this.limits.fields) throw limitError('fields', this.limits.fields, {}, where());
    }
  }
}
