/**
 * A request that breaks a route's JSON Schema, told in the caller's language: each Ajv error
 * becomes a `validation.<keyword>` message (src/i18n/messages/validation.ts) with the path of the
 * place as the caller wrote it (`$.context.fields` in the body, `?template` in the query,
 * `{id}` in the path), never Ajv's English ("must have required property 'context'").
 */
import type { FastifySchemaValidationError } from 'fastify';
import { formatMessage, type Lang } from '../i18n/index.js';
import { jsonPath, pointerSegments } from '../json-text.js';
import type { ProblemItem } from '../diagnostics.js';

/** The part of the request a schema checks (Fastify's validationContext). */
export type RequestPart = 'body' | 'querystring' | 'params' | 'headers';

/** The keywords with their own text; any other is told as `validation.other`. */
export const TRANSLATED_KEYWORDS = [
  'required',
  'additionalProperties',
  'type',
  'enum',
  'const',
  'pattern',
  'format',
  'maxLength',
  'minLength',
  'maxItems',
  'minItems',
  'minimum',
  'maximum',
  'anyOf',
  'oneOf',
] as const;

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/** The place as the caller wrote it. */
export function requestPath(part: RequestPart, segs: ReadonlyArray<string | number>): string {
  if (part === 'body') return jsonPath(segs);
  const [first, ...rest] = segs;
  const tail = rest.length ? jsonPath(rest).slice(1) : '';
  if (part === 'querystring') return first === undefined ? '?' : `?${first}${tail}`;
  if (part === 'params') return first === undefined ? '{}' : `{${first}}${tail}`;
  return first === undefined ? 'headers' : `${first}:${tail}`;
}

function typeText(types: readonly string[], lang: Lang): string {
  const names = types.map((t) => (TYPES.has(t) ? formatMessage(`validation.type-${t}`, {}, lang) : t));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} ${formatMessage('validation.or', {}, lang)} ${names[names.length - 1]!}` : (names[0] ?? '');
}

/** One problem per schema error; the branches of an anyOf/oneOf are told through it. */
export function validationProblems(errors: readonly FastifySchemaValidationError[], part: RequestPart, lang: Lang): ProblemItem[] {
  const alternatives = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const branchesOf = (a: FastifySchemaValidationError): FastifySchemaValidationError[] =>
    errors.filter((e) => e !== a && e.schemaPath.startsWith(`${a.schemaPath}/`));
  const inBranch = (e: FastifySchemaValidationError): boolean => alternatives.some((a) => a !== e && e.schemaPath.startsWith(`${a.schemaPath}/`));
  const out: ProblemItem[] = [];
  for (const e of errors) {
    if (inBranch(e)) continue;
    let segs = pointerSegments(e.instancePath);
    let keyword = e.keyword;
    const params: Record<string, string | number> = {};
    const p = e.params;
    switch (keyword) {
      case 'required':
        segs = [...segs, String(p['missingProperty'])];
        break;
      case 'additionalProperties':
        segs = [...segs, String(p['additionalProperty'])];
        break;
      case 'type':
        params['type'] = typeText(String(p['type']).split(','), lang);
        break;
      case 'enum':
        params['allowed'] = ((p['allowedValues'] as unknown[]) ?? []).map((v) => JSON.stringify(v)).join(', ');
        break;
      case 'const':
        params['allowed'] = JSON.stringify(p['allowedValue']);
        break;
      case 'pattern':
        params['pattern'] = String(p['pattern']);
        break;
      case 'format':
        params['format'] = String(p['format']);
        break;
      case 'maxLength':
      case 'minLength':
      case 'maxItems':
      case 'minItems':
      case 'minimum':
      case 'maximum':
        params['limit'] = Number(p['limit']);
        break;
      case 'anyOf':
      case 'oneOf': {
        // "must be a text or an array" when the alternatives differ only in their type.
        const branches = branchesOf(e);
        if (keyword === 'anyOf' && branches.length && branches.every((b) => b.keyword === 'type' && b.instancePath === e.instancePath)) {
          keyword = 'type';
          params['type'] = typeText([...new Set(branches.flatMap((b) => String(b.params['type']).split(',')))], lang);
        }
        break;
      }
      default:
        params['keyword'] = keyword;
    }
    const path = requestPath(part, segs);
    const id = (TRANSLATED_KEYWORDS as readonly string[]).includes(keyword) ? `validation.${keyword}` : 'validation.other';
    const item: ProblemItem = { code: id, message: formatMessage(id, { ...params, path }, lang), path };
    if (!out.some((o) => o.message === item.message)) out.push(item);
  }
  return out;
}
