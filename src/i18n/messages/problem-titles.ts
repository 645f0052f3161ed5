/** The titles of the render API's problem answers (RFC 9457 `title`), by problem kind. As `server.title.*`. */
import { prefixed } from '../area.js';

export const problemTitleMessages = prefixed('server.title', {
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
});
