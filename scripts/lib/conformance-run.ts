/**
 * The conformance harness: kp-brev against Word's own results. Every computable, non-stale field
 * of the corpus (conformance-corpus.ts) is compared with what the library gives for it through
 * its real path, `template.evaluateFields(context)`: the letter is made in preview exactly as
 * render() makes it (document order, bookmarks, tables, SEQ counters), and each field's result
 * is read from that run. The case is made of the merge values Word stored inside updated IF and
 * formula fields. Outcomes:
 *
 * - agree / differ: kp-brev computed the field (also when Word's result is an error text such as
 *   "Error! Reference source not found.": kp-brev gives the same text in preview and refuses the
 *   letter in strict mode);
 * - refused: kp-brev reports a problem (strict mode would refuse the letter);
 * - kept: kp-brev leaves the field to Word (unlinked: the template's cached result; live);
 * - unreached: the field lies in an IF branch that is not taken, so it is not in the letter (Word
 *   does not update such fields either: their cached results are left from earlier updates).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { loadTemplate, type Template } from '../../src/template/template.js';
import type { EvaluatedField } from '../../src/template/field-info.js';
import type { FieldNode } from '../../src/ooxml/fields.js';
import { argumentText } from '../../src/fieldcode/index.js';
import { switchSummary } from './conformance-classify.js';
import { analyzeCorpusFile, docxFiles, type Entry, type FileInfo } from './conformance-corpus.js';
import { normalize } from './conformance-stale.js';

export type Outcome = 'agree' | 'differ' | 'refused' | 'kept' | 'unreached';
export const OUTCOMES: readonly Outcome[] = ['agree', 'differ', 'refused', 'kept', 'unreached'];

export interface Comparison {
  file: string;
  part: string;
  story?: string;
  paragraph: number;
  kind: string;
  instruction: string;
  cached: string;
  outcome: Outcome;
  kpBrev?: string;
  /** Word's result is one of its error texts, and kp-brev gives the same. */
  wordError?: true;
  /** Why kp-brev refused (diagnostic codes). */
  detail?: string;
}

export interface CorpusFile {
  file: string;
  template: Template;
  entries: Entry[];
  info: FileInfo;
}

/** Reads and classifies every file of the corpus; `infos` lists every file (readable or not) in
 * the corpus's order. */
export function readCorpus(dir: string): { files: CorpusFile[]; unreadable: FileInfo[]; infos: FileInfo[] } {
  const files: CorpusFile[] = [];
  const unreadable: FileInfo[] = [];
  const infos: FileInfo[] = [];
  for (const path of docxFiles(dir)) {
    const file = relative(dir, path);
    let template: Template;
    try {
      template = loadTemplate(readFileSync(path), { name: file });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const info: FileInfo = {
        file,
        application: '',
        appVersion: '',
        wordXml: false,
        rsids: false,
        paragraphRsids: 0,
        fields: 0,
        computable: 0,
        commentFields: 0,
        error,
      };
      unreadable.push(info);
      infos.push(info);
      continue;
    }
    const cf: CorpusFile = { file, template, ...analyzeCorpusFile(template, file) };
    files.push(cf);
    infos.push(cf.info);
  }
  return { files, unreadable, infos };
}

/** Merge values Word stored inside updated IF/formula fields: the inputs of those fields. A name
 * stored with two different values is left out (its fields are then refused, never guessed). */
export function storedMergeValues(nodes: readonly FieldNode[], entries: readonly Entry[]): Record<string, string> {
  const values = new Map<string, string | null>();
  nodes.forEach((f, i) => {
    const ins = f.parsed.instruction;
    const cached = entries[i]!.cached;
    if (ins.type !== 'MERGEFIELD' || !f.parent || !f.inInstruction || !ins.name || cached === null) return;
    if (switchSummary(f).length) return;
    const name = argumentText(ins.name).trim();
    const before = values.get(name);
    values.set(name, before === undefined || before === cached ? cached : null);
  });
  const out: Record<string, string> = {};
  for (const [k, v] of values) if (v !== null) out[k] = v;
  return out;
}

/**
 * The number symbols of the machine that saved the file. Word takes them from the machine's
 * regional settings, which the document does not record; the language Word saved as the
 * document default is the installation's, so its decimal symbol stands for the machine's
 * (`hr-HR`, `da-DK`: comma; `en-US`, `de-CH`: point).
 */
export function machineNumbers(tpl: Template): 'da' | 'en' {
  const lang = tpl.defaultLang ?? 'en-US';
  let decimal = '.';
  try {
    decimal = new Intl.NumberFormat(lang).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  } catch {
    // An unknown language tag: Word's default symbols.
  }
  return decimal === ',' ? 'da' : 'en';
}

function outcomeOf(entry: Entry, field: EvaluatedField): Pick<Comparison, 'outcome' | 'kpBrev' | 'wordError' | 'detail'> {
  switch (field.outcome) {
    case 'unreached':
      return { outcome: 'unreached' };
    case 'live':
    case 'unlinked':
      return { outcome: 'kept' };
    case 'refused': {
      const codes = [...new Set(field.reasons.map((d) => d.code))];
      return { outcome: 'refused', detail: codes.join(', ') || 'missing merge value' };
    }
    case 'evaluated': {
      const value = field.value ?? '';
      const same = normalize(value) === normalize(entry.cached ?? '');
      const wordError = field.reasons.some((d) => d.code === 'render.word-error');
      return { outcome: same ? 'agree' : 'differ', kpBrev: value, ...(wordError && same ? { wordError: true as const } : {}) };
    }
  }
}

/** Compares every computable, non-stale field of a file with what kp-brev gives for it. */
export function compareFile(cf: CorpusFile): Comparison[] {
  const { template, entries } = cf;
  const fields = storedMergeValues(template.fieldNodes, entries);
  const evaluated = template.evaluateFields({ fields, questions: {} }, { lang: 'en', numberLocale: machineNumbers(template) });
  const out: Comparison[] = [];
  entries.forEach((e, i) => {
    if (e.class !== 'computable' || e.stale === true) return;
    out.push({
      file: e.file,
      part: e.part,
      ...(e.story ? { story: e.story } : {}),
      paragraph: e.paragraph,
      kind: e.kind,
      instruction: e.instruction,
      cached: e.cached ?? '',
      ...outcomeOf(e, evaluated[i]!),
    });
  });
  return out;
}

export interface Tally {
  agree: number;
  differ: number;
  refused: number;
  kept: number;
  unreached: number;
  /** Of the agreements, those where Word's result is one of its error texts. */
  wordErrors: number;
}

export function tally(list: readonly Comparison[]): Tally {
  const t: Tally = { agree: 0, differ: 0, refused: 0, kept: 0, unreached: 0, wordErrors: 0 };
  for (const c of list) {
    t[c.outcome]++;
    if (c.wordError) t.wordErrors++;
  }
  return t;
}

/** Fields in the letter that Word computed from the document: the base of the figure. */
export function inLetter(t: Tally): number {
  return t.agree + t.differ + t.refused + t.kept;
}

/** The share of Word-computable fields in the letter that kp-brev reproduces. */
export function reproduced(t: Tally): number {
  const base = inLetter(t);
  return base ? t.agree / base : 1;
}

/** The table by field kind, with a total row, as text. */
export function conformanceTable(list: readonly Comparison[]): string {
  const kinds = new Map<string, Comparison[]>();
  for (const c of list) kinds.set(c.kind, [...(kinds.get(c.kind) ?? []), c]);
  const cols = ['kind', 'fields', ...OUTCOMES, 'error texts'];
  const row = (kind: string, cs: readonly Comparison[]): string[] => {
    const t = tally(cs);
    return [kind, String(cs.length), ...OUTCOMES.map((o) => String(t[o])), String(t.wordErrors)];
  };
  const lines = [...kinds.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])).map(([k, cs]) => row(k, cs));
  lines.push(row('TOTAL', list));
  const width = cols.map((c, i) => Math.max(c.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (l: string[]): string => l.map((v, i) => (i === 0 ? v.padEnd(width[i]!) : v.padStart(width[i]!))).join('  ');
  return [fmt(cols), ...lines.map(fmt)].join('\n');
}

/** One line per comparison of the given outcome: where, the instruction, Word's and kp-brev's. */
export function listOutcome(list: readonly Comparison[], outcome: Outcome): string[] {
  const clip = (s: string): string => JSON.stringify(normalize(s).slice(0, 80));
  return list
    .filter((c) => c.outcome === outcome)
    .map(
      (c) =>
        `${c.file} ${c.part}${c.story ? ` (${c.story})` : ''} ¶${c.paragraph}: { ${c.instruction.slice(0, 100)} } Word ${clip(c.cached)}${c.kpBrev !== undefined ? ` kp-brev ${clip(c.kpBrev)}` : ''}${c.detail ? ` (${c.detail})` : ''}`,
    );
}
