/**
 * A MERGEFIELD's value for a case: from a list region's item, a list's count or number, a
 * flettespørgsmål's answer, the case's fields or its flettetekster, checked against the
 * catalog (a field the letter's process does not provide is refused) and formatted with the
 * field's switches. What the instruction says is read once per field (MergeInfo).
 */
import { lookupField } from '../context/context.js';
import { argumentText, type MergeFieldInstruction } from '../fieldcode/index.js';
import { QUESTION_PREFIX } from '../fieldcode/names.js';
import { formatMessage } from '../i18n/index.js';
import { limitError } from '../limits.js';
import type { FieldNode } from '../ooxml/fields.js';
import { provides, type FieldType } from './catalog-types.js';
import type { EvalEnv } from './eval-env.js';
import { fieldLocales } from './field-locales.js';
import { questionDefault } from './letter-context.js';
import { textOuts, type FieldResult } from './outs.js';
import { isMarkerName, listProperty } from './regions/markers.js';
import { listCount } from './regions/scope.js';
import { locationOf, placeholder, report } from './report.js';
import { fieldResultRPr } from './run-props.js';
import { formatValue } from './values.js';

/** `inCondition`: the value feeds an IF comparison, so a catalog type does not dress it up
 * (`85`, not `85 %`; `2026-01-05`, not `5. januar 2026`); a picture switch still applies. */
export function mergeField(f: FieldNode, ins: MergeFieldInstruction, env: EvalEnv, inCondition: boolean): FieldResult {
  const known = mergeInfo(f, ins);
  const name = known.name;
  const locales = fieldLocales(f, env);
  let value: string | number | boolean | null;
  let type: FieldType | undefined;
  // TableStart:/TableEnd: mark a region (regions/find.ts) and show nothing.
  if (known.marker) return { outs: [], text: '', empty: true };
  const property = known.property;
  const inRegion = property ? undefined : env.regions?.resolveField(f, name, env);
  let shownName = name;
  if (inRegion && !inRegion.found) {
    if (inRegion.issue.code === 'render.missing-item-field') env.stats.missing++;
    report(env, f, inRegion.issue.code, inRegion.issue.params);
    return placeholder(f, env, formatMessage('render.placeholder-missing', { field: String(inRegion.issue.params['field'] ?? name) }, env.lang));
  }
  if (inRegion) {
    value = inRegion.value;
    shownName = inRegion.path;
    if (!inCondition) type = inRegion.type;
  } else if (property) {
    // `Udgifter:Antal`, `Udgifter:Nummer`: numbers, also outside the region (the count).
    const r = env.regions ? env.regions.listProperty(f, property, env) : listCount(property, env);
    if ('issue' in r) {
      report(env, f, r.issue.code, r.issue.params);
      return placeholder(f, env, name);
    }
    value = r.value;
  } else if (name.startsWith(QUESTION_PREFIX)) {
    const key = name.slice(QUESTION_PREFIX.length);
    if (Object.hasOwn(env.ctx.questions, key)) value = env.ctx.questions[key]!;
    else {
      const answer = questionDefault(env, key);
      if (answer === undefined) {
        report(env, f, 'render.unanswered', { key });
        return placeholder(f, env, name);
      }
      value = answer;
    }
  } else {
    const catalog = env.rules?.catalog;
    if (catalog) {
      const def = catalog.fields.get(name);
      if (!def) {
        if (!Object.hasOwn(env.ctx.texts ?? {}, name)) {
          report(env, f, 'render.field-unknown', { field: name });
          return placeholder(f, env, name);
        }
      } else {
        if (!inCondition) type = def.type;
        const process = env.ctx.process;
        if (process && !provides(def, process)) {
          report(env, f, 'render.field-process', { field: name, process });
          return placeholder(f, env, name);
        }
      }
    }
    const found = lookupField(env.ctx.fields, name);
    if (!found.found && env.ctx.texts && Object.hasOwn(env.ctx.texts, name)) {
      value = env.ctx.texts[name]!;
    } else if (!found.found) {
      env.stats.missing++;
      // Reported in preview too (as a warning): the placeholder alone would be the only sign of it.
      report(env, f, 'render.missing-field', { field: name });
      return placeholder(f, env, formatMessage('render.placeholder-missing', { field: name }, env.lang));
    } else if (found.value === undefined) {
      report(env, f, 'render.field-not-value', { field: name, kind: 'kind' in found ? found.kind : 'object' });
      return placeholder(f, env, name);
    } else {
      value = found.value;
    }
  }
  const r = formatValue(shownName, value, ins.switches, locales, type);
  if (!r.ok) {
    report(env, f, r.code, r.params);
    return placeholder(f, env, name);
  }
  env.merged.chars += r.text.length;
  if (env.merged.chars > env.merged.limit) {
    const loc = locationOf(f, env.template);
    throw limitError('mergedText', env.merged.limit, {}, env.locate ? env.locate(loc) : loc);
  }
  env.stats.merged++;
  return { outs: textOuts(r.text, known.rPr), text: r.text, empty: r.text === '' };
}

/** What a merge field's instruction says, the same for every letter: read once per field. */
interface MergeInfo {
  readonly name: string;
  /** TableStart:/TableEnd: */
  readonly marker: boolean;
  /** `Udgifter:Antal`, `Udgifter:Nummer` */
  readonly property: ReturnType<typeof listProperty>;
  /** The result's run properties (run-props.ts). */
  readonly rPr: string;
}

const mergeInfos = new WeakMap<FieldNode, MergeInfo>();

function mergeInfo(f: FieldNode, ins: MergeFieldInstruction): MergeInfo {
  let info = mergeInfos.get(f);
  if (!info) {
    const name = ins.name ? argumentText(ins.name).trim() : '';
    info = { name, marker: isMarkerName(name), property: listProperty(name), rPr: fieldResultRPr(f, ins.switches) };
    mergeInfos.set(f, info);
  }
  return info;
}
