/**
 * What the evaluation of a letter's fields carries from field to field (EvalEnv), how a field
 * asks the evaluator for a nested field or an argument (Evaluation), and what a field gave
 * (FieldOutcome, FieldTrace). Types only, below evaluate.ts and the modules of the field types
 * it calls (refs.ts, seq.ts, formula-field.ts, ...), which read the environment without
 * importing the evaluator.
 */
import type { CaseContext } from '../context/context.js';
import type { Diagnostic, Location } from '../diagnostics.js';
import type { Argument } from '../fieldcode/index.js';
import type { FieldLocale, FieldLocales } from '../format/locale.js';
import type { Lang } from '../i18n/index.js';
import type { FieldNode } from '../ooxml/fields.js';
import type { DocModel, LetterState } from './doc-model-types.js';
import type { FieldResult } from './outs.js';
import type { LetterRegions } from './regions/scope.js';
import type { LetterRules } from './rules.js';

export interface EvalEnv {
  readonly ctx: CaseContext;
  readonly preview: boolean;
  readonly lang: Lang;
  readonly template: string;
  readonly defaultLang: string | undefined;
  /** Digit grouping and decimal symbols: the machine's regional settings in Word. */
  readonly numberLocale: FieldLocale;
  readonly diagnostics: Diagnostic[];
  readonly stats: { merged: number; missing: number };
  /** Characters merged into the letter so far, and how many it may hold (src/limits.ts). */
  readonly merged: { chars: number; readonly limit: number };
  /** Catalog and template settings, when the template comes from a repository. */
  readonly rules?: LetterRules;
  /** Maps a problem's place to the part of a composed letter the field comes from. */
  readonly locate?: (loc: Location) => Location;
  /** Upper-case bookmark names of the template (`{ Frist }` is a short REF). */
  readonly bookmarks?: ReadonlySet<string>;
  /** When set, what each field gave (template.evaluateFields and the conformance harness). */
  readonly trace?: Map<FieldNode, FieldTrace>;
  /** What the fields read from the document itself: bookmarks, tables, properties... */
  readonly doc?: DocModel;
  /** This letter's document state (results kept for reading, SET values), when fields read
   * one another (doc.referencing). */
  readonly letter?: LetterState;
  /** The letter's regions and the items being made (regions/scope.ts), when the template has any. */
  readonly regions?: LetterRegions;
}

/** What a field gave in a letter: computed, left to Word (unlinked or live), or refused. */
export type FieldOutcome = 'evaluated' | 'unlinked' | 'live' | 'refused';

export interface FieldTrace {
  readonly outcome: FieldOutcome;
  /** The result as the letter shows it (paragraph marks as `\r`, line breaks as `\n`, fields
   * kept live as their cached results). */
  readonly text: string;
  /** The problems the field (or a field inside it) reported. */
  readonly problems: readonly Diagnostic[];
}

/** How the evaluator computes a nested field and an argument (evaluate.ts). */
export interface Evaluation {
  field(f: FieldNode, env: EvalEnv): FieldResult;
  argument(f: FieldNode, arg: Argument | undefined, env: EvalEnv): string;
  locales(f: FieldNode, env: EvalEnv): FieldLocales;
  /** The field's cached result, as an unlinked field gives it. */
  unlinked(f: FieldNode, env: EvalEnv): FieldResult;
}
