/**
 * Errors as problem details (RFC 9457, application/problem+json): a kind (type), a title, the
 * status, a detail, the request, and each problem with its code, message, template, field and
 * place, in Danish unless Accept-Language asks for English.
 */
import { messageOf, placeOf, shownText, type Diagnostic } from '../diagnostics.js';
import { formatMessage, type Lang } from '../i18n/index.js';
import './messages.js';

export interface ProblemItem {
  code: string;
  message: string;
  field?: string;
  template?: string;
  place?: string;
  instruction?: string;
  /** Where in the request (a body, parameter or JSON error): `$.context.fields`, `?template`. */
  path?: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  template?: string;
  errors?: ProblemItem[];
}

const TITLES: Record<string, { da: string; en: string }> = {
  unauthorized: { da: 'Ikke logget ind', en: 'Not authenticated' },
  'not-found': { da: 'Findes ikke', en: 'Not found' },
  'bad-request': { da: 'Ugyldig forespørgsel', en: 'Bad request' },
  'too-large': { da: 'For stor forespørgsel', en: 'Request too large' },
  busy: { da: 'Serveren er optaget', en: 'Server busy' },
  timeout: { da: 'Tidsgrænsen er overskredet', en: 'Time limit exceeded' },
  'letter-refused': { da: 'Brevet kan ikke dannes', en: 'The letter cannot be made' },
  'bad-context': { da: 'Sagskonteksten kan ikke bruges', en: 'The case context cannot be used' },
  'not-automatic': { da: 'Må ikke sendes automatisk', en: 'May not be sent automatically' },
  'template-broken': { da: 'Skabelonen kan ikke bruges', en: 'The template cannot be used' },
  internal: { da: 'Intern fejl', en: 'Internal error' },
  'not-ready': { da: 'Ikke klar', en: 'Not ready' },
  forbidden: { da: 'Adgang nægtet', en: 'Forbidden' },
  'method-not-allowed': { da: 'Metoden kan ikke bruges her', en: 'Method not allowed' },
  'unsupported-media-type': { da: 'Indholdstypen kan ikke bruges', en: 'Unsupported media type' },
  'idempotency-conflict': { da: 'Nøglen er brugt til en anden forespørgsel', en: 'Key used for another request' },
  'idempotency-in-progress': { da: 'Brevet dannes stadig', en: 'The letter is still being made' },
  'idempotency-expired': { da: 'Brevet er dannet, kopien gemmes ikke længere', en: 'Letter made, its copy no longer kept' },
  'ledger-unavailable': { da: 'Ledgeren kan ikke nås', en: 'Ledger unavailable' },
  'too-many-requests': { da: 'For mange forespørgsler', en: 'Too many requests' },
  'identity-unavailable': { da: 'Identitetsudbyderen kan ikke nås', en: 'Identity provider unavailable' },
};

/**
 * 404 for a template (or a municipality) the repository does not hold: the detail says which,
 * with the repository's "did you mean" when it has one.
 */
export function notFoundProblem(lang: Lang, template: string, requestId: string, diagnostics: readonly Diagnostic[] = []): Problem {
  const kommune = diagnostics.find((d) => d.code === 'repo.unknown-kommune');
  if (kommune) return problem('not-found', 404, lang, { id: kommune.code, params: kommune.params }, requestId, { template });
  const suggestion = diagnostics.find((d) => d.code === 'repo.did-you-mean')?.params['suggestion'];
  const detail: { id: string; params: Record<string, string | number> } =
    suggestion !== undefined ? { id: 'server.not-found-suggestion', params: { template, suggestion } } : { id: 'server.not-found', params: { template } };
  return problem('not-found', 404, lang, detail, requestId, { template });
}

export function problemItem(d: Diagnostic, lang: Lang): ProblemItem {
  const item: ProblemItem = { code: d.code, message: messageOf(d, lang) };
  const field = d.params['field'] ?? d.params['name'] ?? d.params['key'];
  if (field !== undefined) item.field = shownText(String(field));
  if (d.location?.template) item.template = d.location.template;
  const loc = d.location;
  const place = loc ? placeOf({ ...(loc.part ? { part: loc.part } : {}), ...(loc.story ? { story: loc.story } : {}), ...(loc.paragraph !== undefined ? { paragraph: loc.paragraph } : {}), ...(loc.file ? { file: loc.file } : {}) }, lang) : '';
  if (place) item.place = place;
  if (d.location?.instruction) item.instruction = shownText(d.location.instruction, d.location.offset);
  return item;
}

export function problem(kind: string, status: number, lang: Lang, detail: { id: string; params?: Record<string, string | number> } | undefined, requestId: string, extra: Partial<Problem> = {}): Problem {
  const title = TITLES[kind] ?? TITLES['internal']!;
  // In the order of schemas/api/problem.schema.json, as the answer shows it.
  return {
    type: `urn:kp-brev:problem:${kind}`,
    title: title[lang],
    status,
    ...(detail ? { detail: formatMessage(detail.id, detail.params ?? {}, lang) } : {}),
    instance: `urn:kp-brev:request:${requestId}`,
    ...extra,
  };
}
