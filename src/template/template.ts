/**
 * Compile once, render many. `loadTemplate` unzips, parses the XML of every story part, finds
 * and parses the fields and plans the groups; the first letter cuts the parts into verbatim
 * chunks and holes (what only letters read: a linter never asks for it); `template.render(context)`
 * only evaluates fields, writes the groups and zips, reusing the compressed bytes of every part
 * it did not change.
 */
import { diagnostic, KpBrevError, type Diagnostic, type Location } from '../diagnostics.js';
import type { CaseContext } from '../context/context.js';
import type { Lang } from '../i18n/index.js';
import { cachedResult, langOf, type FieldNode } from '../ooxml/fields.js';
import { openPackage, type DocxPackage } from '../ooxml/package.js';
import { paragraphText } from '../ooxml/paragraphs.js';
import type { SharedParts } from '../ooxml/shared-parts.js';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from '../ooxml/zip.js';
import { deflatedText, writeZip, type ZipOutput } from '../ooxml/zip-write.js';
import { limitError, resolveLimits, type Limits } from '../limits.js';
import { isFragile } from '../fieldcode/index.js';
import { DANISH, ENGLISH } from '../format/locale.js';
import type { EvalEnv, FieldTrace } from './eval-env.js';
import { isLive } from './evaluate.js';
import { locationOf } from './report.js';
import { holdsRefused } from './live.js';
import type { StoryPlan } from './plan.js';
import { planLetters, settingsInfo, type LetterPlan } from './letter-plan.js';
import { estimateBytes, planParts } from './part-plans.js';
import { renderPieces, type RenderState } from './render.js';
import type { LetterRules } from './rules.js';
import { langResolver } from './lang.js';
import { checkLetterContext } from './letter-context.js';
import { bookmarkNames } from './field-policy.js';
import { externalDiagnostic, externalReferences } from './external-refs.js';
import { newLetterState } from './doc-model.js';
import type { DocModel } from './doc-model-types.js';
import { maxDrawingIdIn, regionIndex, type RegionIndex } from './regions/region-index.js';
import { LetterRegions } from './regions/scope.js';
import { copyTuning } from './region-cells.js';
import { fieldInfo, type EvaluatedField, type FieldInfo } from './field-info.js';

export { cachedResult };

export interface LoadOptions {
  /** Name used in messages (file name or template id). */
  name?: string;
  /** Limits on the zip (ZipLimits) and on what the template may hold (src/limits.ts), over the
   * defaults and KP_BREV_LIMITS. */
  limits?: Partial<ZipLimits & Limits>;
  /** Catalog and template settings (from the template repository) the letter must keep to. */
  rules?: LetterRules;
  /** Maps the place of a field's problem to where the field comes from (a composed letter:
   * the beskedskabelon, indholdselement or masterskabelon that holds it). */
  locate?: (loc: Location) => Location;
  /** Parts shared with the other templates of a run that loads many related ones
   * (ooxml/shared-parts.ts): what they hold the same is read once. */
  shared?: SharedParts;
}

export interface RenderOptions {
  /** Render missing fields as visible placeholders instead of refusing the letter. */
  preview?: boolean;
  /** Remove paragraphs that conditions left empty (beyond Word's own blank-line rule). */
  removeEmptyParagraphs?: boolean;
  /** Language of messages. */
  lang?: Lang;
  /** zlib level for the parts a letter changes (default 6; 1 for a part over 64 KB, such as a
   * body with a long list, where level 6 takes 3-4 times as long for a sixth less). */
  compressionLevel?: number;
  /** Regional settings for numbers (Word uses the machine's): Danish by default. */
  numberLocale?: 'da' | 'en';
}

/** A rendered letter before zipping: the parts that differ from the template, as XML text. */
export interface RenderedParts {
  parts: Map<string, string>;
  diagnostics: Diagnostic[];
  stats: { merged: number; missing: number };
  /** Where each part holds the template's own text unchanged: triples of (offset in the part as
   * rendered, offset in the template's part, length), in order (the PDF reader need not parse
   * again what it read in the template: pdf/model/read.ts). */
  verbatim: Map<string, number[]>;
}

export interface RenderResult {
  docx: Buffer;
  /** Warnings (and, in preview, the problems that would refuse the letter). */
  diagnostics: Diagnostic[];
  stats: { merged: number; missing: number };
}

/** The same, each part as the pieces it was written in (render.ts renderPieces), for the zip. */
interface PartPieces {
  pieces: Map<string, string[]>;
  diagnostics: Diagnostic[];
  stats: { merged: number; missing: number };
  verbatim: Map<string, number[]>;
}

/** A field with kp-brev's value for a case: undefined when it stays a field (PAGE, links).
 * `reasons` are the problems its evaluation met (a missing field, a refused type, ...); with
 * any of them the value is not what the letter would show (strict: refused; preview: a
 * placeholder). */

export interface Template {
  readonly name: string;
  /** Problems found while loading: field-code syntax, fields that break the structure. */
  readonly diagnostics: readonly Diagnostic[];
  /** Every field of every story, in document order. */
  fields(): FieldInfo[];
  /** All field nodes (for the linter and tools). */
  readonly fieldNodes: readonly FieldNode[];
  /** Every story (body, headers, footers, notes, text boxes) with its fields. */
  readonly stories: readonly StoryPlan[];
  readonly package: DocxPackage;
  readonly defaultLang: string | undefined;
  readonly rules: LetterRules | undefined;
  /** Regions (rows or paragraphs repeated per item of a list), when the template has any. */
  readonly regions: RegionIndex | undefined;
  /** About how much memory the compiled template holds (for bounding caches of templates). */
  readonly estimatedBytes: number;
  render(context: CaseContext, options?: RenderOptions): RenderResult;
  /** The same, without the zip: for the PDF layout, which reads the parts directly. */
  renderParts(context: CaseContext, options?: RenderOptions): RenderedParts;
  /** Each field of fields() with what it gives for a case, as the letter is made (preview by
   * default; it never refuses): `outcome` says whether kp-brev computed the value, left the field
   * to Word (unlinked: its cached result; live), refused it, or never reached it (a branch not
   * taken); `reasons` are the problems the field reported. */
  evaluateFields(context: CaseContext, options?: Pick<RenderOptions, 'lang' | 'numberLocale' | 'preview'>): EvaluatedField[];
}

export function loadTemplate(bytes: Uint8Array, options: LoadOptions = {}): Template {
  const limits = resolveLimits(options.limits);
  return templateFromPackage(() => {
    if (bytes.length > limits.templateBytes) throw limitError('templateBytes', limits.templateBytes, { size: bytes.length });
    return openPackage(bytes, { ...DEFAULT_ZIP_LIMITS, ...options.limits }, limits, options.shared);
  }, options);
}

/** The same for a package already open (the template repository keeps its parts open). */
export function templateFromPackage(pkg: DocxPackage | (() => DocxPackage), options: LoadOptions = {}): Template {
  const name = options.name ?? 'skabelon.docx';
  try {
    return compileTemplate(typeof pkg === 'function' ? pkg() : pkg, name, options);
  } catch (err) {
    // A package that cannot be read is reported with the template's name, like every other error.
    if (err instanceof KpBrevError) for (const d of err.diagnostics) d.location = { template: name, ...d.location };
    throw err;
  }
}

function compileTemplate(pkg: DocxPackage, name: string, options: LoadOptions): Template {
  const parts = planParts(pkg, options.shared);

  const defaultLang = docDefaultLang(pkg);
  const resolveLang = langResolver(pkg);
  const settings = settingsInfo(pkg);
  // External references: the letter is refused for some, others are left out of it.
  const external = externalReferences(pkg);
  const refusedRefs = external.filter((r) => r.action === 'refuse').map((r) => externalDiagnostic(r, name));
  const plans = parts.flatMap((p) => p.planned.plans);
  const allNodes = plans.flatMap((s) => s.all);
  const bookmarks = bookmarkNames(pkg, allNodes);
  for (const f of allNodes) f.lang = resolveLang(f);
  const diagnostics: Diagnostic[] = [];
  const byField = new Map<FieldNode, Diagnostic[]>();
  const addFor = (f: FieldNode, d: Diagnostic): void => {
    diagnostics.push(d);
    const list = byField.get(f);
    if (list) list.push(d);
    else byField.set(f, [d]);
  };
  for (const f of allNodes) {
    if (!f.parsed.problems.length) continue;
    const loc = locationOf(f, name);
    for (const p of f.parsed.problems) {
      addFor(f, diagnostic(p.code, p.params, { ...loc, offset: p.position.start }, p.code === 'syntax.empty' || isFragile(p) ? 'warning' : 'error'));
    }
  }
  for (const s of plans) {
    for (const f of s.broken) addFor(f, diagnostic('render.structure', { detail: 'w:fldChar' }, locationOf(f, name)));
    const reported = new Set<number>();
    for (const i of s.stray) {
      const tok = s.story.tokens[i]!;
      if (tok.t !== 'item' || tok.kind !== 'begin' || reported.has(tok.para)) continue;
      reported.add(tok.para);
      const loc: Location = { template: name, part: s.story.part, paragraph: tok.para };
      if (s.story.label) loc.story = s.story.label;
      const excerpt = paragraphText(s.story, tok.para);
      if (excerpt) loc.excerpt = excerpt;
      diagnostics.push(diagnostic('syntax.unclosed', {}, loc, 'warning'));
    }
  }

  // Regions (rows or paragraphs repeated per item of a list); markers that cannot be used refuse
  // the letter, like a field that breaks the structure.
  const regions = plans.some((s) => s.regions.length) ? regionIndex(plans, Math.max(0, ...parts.map((p) => maxDrawingIdIn(pkg.text(p.part))))) : undefined;
  const regionProblems = plans.flatMap((s) => s.regionProblems.map((p) => ({ f: p.field, d: diagnostic(p.code, p.params, locationOf(p.field, name)) })));
  for (const { f, d } of regionProblems) addFor(f, d);

  const brokenFields = plans.flatMap((s) => s.broken);

  // What only making a letter reads (the parts as segments, the document's state, the parts it
  // rewrites once), worked out at the first letter: a linter or a field listing never asks.
  let forLetters: LetterPlan | undefined;
  const letterPlan = (): LetterPlan => (forLetters ??= planLetters(pkg, parts, allNodes, bookmarks, regions, settings, external));

  /** The evaluation environment of one letter. */
  const envFor = (
    context: CaseContext,
    preview: boolean,
    opts: Pick<RenderOptions, 'lang' | 'numberLocale'>,
    doc: DocModel,
    trace?: Map<FieldNode, FieldTrace>,
  ): EvalEnv => ({
    ctx: context,
    preview,
    lang: opts.lang ?? 'da',
    template: name,
    defaultLang,
    numberLocale: opts.numberLocale === 'en' ? ENGLISH : DANISH,
    diagnostics: [],
    stats: { merged: 0, missing: 0 },
    merged: { chars: 0, limit: pkg.limits.mergedText },
    ...(options.rules ? { rules: options.rules } : {}),
    ...(options.locate ? { locate: options.locate } : {}),
    bookmarks,
    doc,
    ...(doc.referencing ? { letter: newLetterState() } : {}),
    ...(trace ? { trace } : {}),
    // A copy of a region keeps the results other fields read again (region-cells.ts).
    ...(regions ? { regions: LetterRegions.create(regions, (f) => !copyTuning.lean || doc.readAgain(f)) } : {}),
  });

  const renderPartPieces = (context: CaseContext, opts: RenderOptions = {}): PartPieces => {
    // Never made, not even as a preview: the letter would carry the reference.
    if (refusedRefs.length)
      throw new KpBrevError(
        'refused',
        refusedRefs.map((d) => ({ ...d })),
      );
    return makeParts(context, opts);
  };
  const renderParts = (context: CaseContext, opts: RenderOptions = {}): RenderedParts => {
    const { pieces, diagnostics: found, stats, verbatim } = renderPartPieces(context, opts);
    const parts = new Map<string, string>();
    for (const [entryName, list] of pieces) {
      let xml = '';
      for (const p of list) xml += p;
      parts.set(entryName, xml);
    }
    return { parts, diagnostics: found, stats, verbatim };
  };
  // The letter's parts, also for evaluateFields (a listing of the fields, not a letter: an
  // external reference does not stop it).
  const makeParts = (context: CaseContext, opts: RenderOptions = {}, trace?: Map<FieldNode, FieldTrace>): PartPieces => {
    const { doc, itemSegments, changed } = letterPlan();
    const env = envFor(context, opts.preview ?? false, opts, doc, trace);
    checkLetterContext(env);
    const state: RenderState = {
      env,
      writer: { suppressBlankMergeLines: !settings.doNotSuppressBlankLines, removeEmptyParagraphs: opts.removeEmptyParagraphs ?? false },
      itemSegments,
      ...(regions ? { copies: new Map() } : {}),
    };
    for (const { d } of regionProblems) env.diagnostics.push(options.locate ? { ...d, location: options.locate(d.location!) } : { ...d });
    for (const f of brokenFields) {
      const d = diagnostic('render.structure', { detail: 'w:fldChar' }, locationOf(f, name));
      // A broken field stays as it is in the letter: never one the letter refuses, not even in preview.
      if (holdsRefused(f, bookmarks)) throw new KpBrevError('refused', [d]);
      env.diagnostics.push(d);
    }
    const rendered = new Map<string, string[]>();
    const verbatim = new Map<string, number[]>();
    for (const [entryName, plan] of changed) {
      const pieces: string[] = [];
      const same: number[] = [];
      // The segments one by one (as renderPieces takes them), noting where the template's text lands.
      let at = 0;
      plan.segments.forEach((seg, k) => {
        const from = pieces.length;
        if (typeof seg === 'string') {
          pieces.push(seg);
          const offset = plan.offsets[k]!;
          if (offset >= 0) same.push(at, offset, seg.length);
        } else renderPieces([seg], state, false, pieces);
        for (let j = from; j < pieces.length; j++) at += pieces[j]!.length;
      });
      rendered.set(entryName, pieces);
      verbatim.set(entryName, same);
    }
    dedupe(env.diagnostics);
    const errors = env.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length && !env.preview) throw new KpBrevError('refused', errors);
    if (env.preview) for (const d of env.diagnostics) d.severity = 'warning';
    return { pieces: rendered, diagnostics: env.diagnostics, stats: env.stats, verbatim };
  };

  return {
    name,
    diagnostics,
    estimatedBytes: estimateBytes(pkg, parts),
    fieldNodes: allNodes,
    stories: plans,
    package: pkg,
    defaultLang,
    rules: options.rules,
    regions,
    fields: () => allNodes.map((f) => fieldInfo(f, byField.get(f) ?? [])),
    renderParts,
    evaluateFields(context: CaseContext, opts: Pick<RenderOptions, 'lang' | 'numberLocale' | 'preview'> = {}) {
      // The letter is made exactly as render() makes it (same order, same document state), and
      // what each field gave is read from the trace. A strict letter that would be refused
      // still leaves its trace: the listing shows every field with its reasons.
      const trace = new Map<FieldNode, FieldTrace>();
      try {
        makeParts(context, { ...opts, preview: opts.preview ?? true }, trace);
      } catch (err) {
        if (!(err instanceof KpBrevError && err.kind === 'refused' && trace.size > 0)) throw err;
      }
      return allNodes.map((f) => {
        const info = fieldInfo(f, byField.get(f) ?? []);
        const t = trace.get(f);
        if (t) return { ...info, value: t.outcome === 'live' ? undefined : t.text, outcome: t.outcome, reasons: t.problems };
        return { ...info, value: undefined, outcome: isLive(f) ? 'live' : 'unreached', reasons: [] };
      });
    },
    render(context: CaseContext, opts: RenderOptions = {}): RenderResult {
      const { pieces: rendered, diagnostics, stats } = renderPartPieces(context, opts);
      const { rewritten } = letterPlan();
      const outputs: ZipOutput[] = [];
      for (const entryName of pkg.archive.order) {
        const entry = pkg.archive.entries.get(entryName)!;
        const xml = rendered.get(entryName);
        if (xml !== undefined) {
          const level = (size: number): number => opts.compressionLevel ?? (size > BIG_PART ? 1 : 6);
          outputs.push({ name: entryName, reuse: deflatedText(entryName, xml, level, entry) });
        } else if (rewritten.has(entryName)) {
          outputs.push({ name: entryName, reuse: rewritten.get(entryName)! });
        } else {
          outputs.push({ name: entryName, reuse: entry });
        }
      }
      const docx = writeZip(outputs, { level: opts.compressionLevel ?? 6 });
      return { docx, diagnostics, stats };
    },
  };
}

/** A rendered part this large (a long list) is deflated at level 1 unless a level is asked for. */
const BIG_PART = 64 * 1024;
/** The same problem at the same place is said once. */
function dedupe(list: Diagnostic[]): void {
  const seen = new Set<string>();
  let w = 0;
  for (const d of list) {
    const key = JSON.stringify([d.code, d.params, d.location]);
    if (seen.has(key)) continue;
    seen.add(key);
    list[w++] = d;
  }
  list.length = w;
}

/** The document's default language (styles.xml docDefaults), if any. */
function docDefaultLang(pkg: DocxPackage): string | undefined {
  if (!pkg.stylesPart) return undefined;
  const text = pkg.text(pkg.stylesPart);
  const defaults = /<w:docDefaults>([\s\S]*?)<\/w:docDefaults>/.exec(text);
  return defaults ? langOf(defaults[1]!) : undefined;
}
