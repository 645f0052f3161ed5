/**
 * `kp-brev fields <template.docx> [--context <case.json>] [--format text|json]`: Word's Alt+F9
 * view of a template, and for every field kp-brev's value for a case beside the result Word
 * saved, so that an administrator sees where kp-brev and Word differ.
 *
 * The fields are evaluated as a strict letter would be (template.evaluateFields), with the
 * case given or an empty one: a field without a value gets its reason (a missing merge field, an
 * unanswered question, a refused type) instead of a placeholder, and nothing is refused: the
 * listing always shows every field. A field that stays a field (PAGE, links) has no value; an
 * unlinked one shows Word's saved result; one in an IF branch the case does not take is not
 * reached (the letter is made as render() makes it, in document order).
 */
import { basename } from 'node:path';
import { parseContextBytes, toContext, type CaseContext } from '../context/context.js';
import { messageOf, placeOf, type Diagnostic } from '../diagnostics.js';
import { formatMessage, type Lang, type MessageId } from '../i18n/index.js';
import type { FieldNode } from '../ooxml/fields.js';
import { bookmarkNames, fieldRule } from '../template/field-policy.js';
import { loadTemplate, type Template } from '../template/template.js';
import type { EvaluatedField } from '../template/field-info.js';
import { regionSummaries } from '../template/regions/summary.js';
import { readInput } from './files.js';
import type { Io } from './io.js';

/** What kp-brev makes of a field for the case. */
export type FieldStatus = 'evaluated' | 'live' | 'unlinked' | 'refused' | 'no-value' | 'unreached';

export interface FieldComparison {
  status: FieldStatus;
  /** kp-brev's value; null when it has none (status live, refused, no-value). */
  value: string | null;
  /** The value comes from the case (the field is or holds a MERGEFIELD): Word's saved result was
   * made with other data (or shows «Name»), so a difference is expected and not marked. */
  fromCase: boolean;
  /** kp-brev's value and Word's saved result differ, for a field whose value follows from the
   * document alone. */
  differs: boolean;
  reasons: Diagnostic[];
}

/** Each field of the template with kp-brev's value for the case, in document order. */
export function compareFields(template: Template, context: CaseContext): Array<Omit<EvaluatedField, 'value' | 'reasons' | 'outcome'> & FieldComparison> {
  const bookmarks = bookmarkNames(template.package);
  const evaluated = template.evaluateFields(context, { preview: false });
  return evaluated.map((f, i) => {
    const node = template.fieldNodes[i]!;
    const rule = fieldRule(node.parsed.instruction, bookmarks);
    const reasons = f.reasons.filter((d) => d.severity === 'error');
    let status: FieldStatus;
    if (f.outcome === 'live') status = 'live';
    else if (f.outcome === 'unreached') status = 'unreached';
    else if (rule.action === 'refuse') status = 'refused';
    else if (reasons.length) status = 'no-value';
    else status = rule.action === 'unlink' ? 'unlinked' : 'evaluated';
    const value = status === 'evaluated' || status === 'unlinked' ? (f.value ?? '') : null;
    const fromCase = holdsMergeField(node);
    const differs = !fromCase && value !== null && f.cachedResult !== undefined && value !== f.cachedResult;
    // `status` replaces the library's `outcome` in what the command prints (the README's contract).
    const { outcome: _outcome, ...field } = f;
    return { ...field, status, value, fromCase, differs, reasons: [...reasons] };
  });
}

function holdsMergeField(f: FieldNode): boolean {
  return f.parsed.instruction.type === 'MERGEFIELD' || f.children.some(holdsMergeField);
}

const STATUS_MESSAGE: Record<Exclude<FieldStatus, 'evaluated'>, MessageId> = {
  live: 'cli.fields-live',
  unlinked: 'cli.fields-unlinked',
  refused: 'cli.fields-refused',
  'no-value': 'cli.fields-no-value',
  unreached: 'cli.fields-unreached',
};

export async function fieldsCommand(templatePath: string, opts: Record<string, unknown>, io: Io, lang: Lang): Promise<number> {
  const name = basename(templatePath);
  const template = loadTemplate(readInput(templatePath, io.cwd), { name });
  const contextPath = typeof opts['context'] === 'string' ? opts['context'] : undefined;
  const context = contextPath ? parseContextBytes(readInput(contextPath, io.cwd), contextPath) : toContext({ fields: {} });
  const fields = compareFields(template, context);
  const errors = fields.filter((f) => f.problems.some((p) => p.severity === 'error')).length;
  const say = (id: MessageId, params: Record<string, string | number> = {}): string => formatMessage(id, params, lang);
  const diagnosticJson = (p: Diagnostic): Record<string, unknown> => ({
    code: p.code,
    severity: p.severity,
    message: messageOf(p, lang),
    offset: p.location?.offset,
  });
  // Regions: which list each field's item comes from, and each region with its item fields.
  const regions = regionSummaries(template.regions, template.fieldNodes);
  const regionNames = template.fieldNodes.map((n) => {
    const path: string[] = [];
    for (let r = template.regions?.regionOf(n); r; r = r.parent) path.unshift(r.name);
    return path.join(' > ');
  });
  if (opts['format'] === 'json') {
    const json = fields.map(({ reasons, ...f }, i) => ({
      ...f,
      ...(regionNames[i] ? { region: regionNames[i] } : {}),
      problems: f.problems.map(diagnosticJson),
      reasons: reasons.map(diagnosticJson),
    }));
    io.stdout(JSON.stringify(json, null, 2) + '\n');
  } else {
    const para = say('cli.paragraph');
    const show = (text: string): string => JSON.stringify(text.length > 60 ? text.slice(0, 59) + '…' : text).replace(/\\r/g, '¶');
    for (const f of fields) {
      const where = `${f.part}${f.story ? ` (${f.story})` : ''} ${para} ${f.paragraph}`;
      const indent = '  '.repeat(f.depth);
      const pad = `${''.padEnd(34)} ${indent}  `;
      const within = f.within === 'result' ? ` ${say('cli.in-cached-result')}` : '';
      io.stdout(`${where.padEnd(34)} ${indent}{ ${f.instruction} }${within}\n`);
      if (f.cachedResult !== undefined && f.depth === 0) io.stdout(`${pad}Word:    ${show(f.cachedResult)}\n`);
      if (f.within !== 'result') {
        const mine =
          f.status === 'evaluated' ? show(f.value ?? '') : say(STATUS_MESSAGE[f.status], { reason: f.reasons.map((r) => messageOf(r, lang)).join(' ') || '–' });
        io.stdout(`${pad}kp-brev: ${mine}${f.differs ? `   ≠ ${say('cli.fields-differs')}` : ''}\n`);
      }
      for (const p of f.problems) {
        const at = p.location?.offset !== undefined ? ` (${placeOf({ instruction: '', offset: p.location.offset }, lang)})` : '';
        io.stdout(`${pad}${say(p.severity === 'error' ? 'cli.severity-error' : 'cli.severity-warning')}: ${messageOf(p, lang)}${at}\n`);
      }
    }
    if (regions.length) {
      io.stdout(say('cli.fields-regions', { count: regions.length }) + '\n');
      for (const r of regions) {
        const place = `${r.part}${r.story ? ` (${r.story})` : ''}`;
        const kind = say(r.kind === 'rows' ? 'cli.fields-region-rows' : 'cli.fields-region-paragraphs');
        io.stdout(
          `${'  '.repeat(r.depth + 1)}${say('cli.fields-region', { name: r.name, kind, place, from: r.from, to: r.to, fields: r.fields.join(', ') || say('cli.fields-region-none') })}\n`,
        );
      }
    }
    io.stdout(say('cli.fields-summary', { count: fields.length, file: name, errors }) + '\n');
    const withValue = fields.filter((f) => f.value !== null).length;
    io.stdout(
      say('cli.fields-values', {
        values: withValue,
        differ: fields.filter((f) => f.differs).length,
        case: contextPath ? basename(contextPath) : say('cli.fields-empty-case'),
      }) + '\n',
    );
  }
  return errors > 0 ? 1 : 0;
}
