/** Messages of the render API and the batch runner (Danish and English), registered as `server.*` and `batch.*`. */
import { registerMessages } from '../i18n/index.js';

registerMessages('server', {
  unauthorized: { da: 'Manglende eller ukendt adgangsnøgle. Send "Authorization: Bearer <nøgle>".', en: 'Missing or unknown credential. Send "Authorization: Bearer <token>".' },
  'not-found': { da: 'Skabelonen "{template}" findes ikke.', en: 'The template "{template}" does not exist.' },
  'route-not-found': { da: 'Adressen {method} {url} findes ikke i API\'et.', en: 'The address {method} {url} does not exist in the API.' },
  'bad-request': { da: 'Forespørgslen er ikke gyldig: {detail}', en: 'The request is not valid: {detail}' },
  'too-large': { da: 'Forespørgslen er større end grænsen på {limit} byte.', en: 'The request is larger than the limit of {limit} bytes.' },
  busy: { da: 'Der dannes flere breve, end serveren kan nå lige nu. Prøv igen om {seconds} sekund.', en: 'More letters are being made than the server can handle now. Try again in {seconds} second.' },
  timeout: { da: 'Brevet blev ikke dannet inden for tidsgrænsen på {ms} ms.', en: 'The letter was not made within the time limit of {ms} ms.' },
  'letter-refused': { da: 'Brevet fra {template} dannes ikke: {count} fejl.', en: 'The letter from {template} is not made: {count} errors.' },
  'bad-context': { da: 'Sagskonteksten til {template} kan ikke bruges: {count} fejl.', en: 'The case context for {template} cannot be used: {count} errors.' },
  'template-broken': { da: 'Skabelonen {template} kan ikke bruges; kontakt systemadministratoren.', en: 'The template {template} cannot be used; contact the system administrator.' },
  internal: { da: 'Intern fejl i kp-brev ({detail}). Fejlen er ikke din.', en: 'Internal error in kp-brev ({detail}). It is not your fault.' },
  'not-ready': { da: 'Serveren er ikke klar: {detail}', en: 'The server is not ready: {detail}' },
  'lint-no-docx': { da: 'Send en Word-fil (.docx) som krop eller i feltet "file".', en: 'Send a Word file (.docx) as the body or in the field "file".' },
  'preview-training-only': {
    da: '"preview": true (pladsholdere i stedet for manglende felter) kan kun bruges i træningsmiljøet (kp-brev serve --training); et brev med fejl sendes aldrig.',
    en: '"preview": true (placeholders instead of missing fields) is only available in the training environment (kp-brev serve --training); a letter with errors is never sent.',
  },
  'too-deep': {
    da: 'Forespørgslen er indlejret for dybt: højst {limit} niveauer af objekter og lister.',
    en: 'The request is nested too deeply: at most {limit} levels of objects and arrays.',
  },
  'bad-multipart': {
    da: 'Formularen (multipart/form-data) kan ikke læses: den er afkortet, eller dens "boundary" mangler eller passer ikke. Send Word-filen i feltet "file" eller som krop.',
    en: 'The form (multipart/form-data) cannot be read: it is cut short, or its "boundary" is missing or does not match. Send the Word file in the field "file" or as the body.',
  },
  'batch-ndjson': {
    da: 'En kørsel sendes som application/x-ndjson: én sag i JSON pr. linje.',
    en: 'A batch is sent as application/x-ndjson: one case in JSON per line.',
  },
  'kommune-not-allowed': { da: 'Kun en administrator kan vælge kommune; din adgangsnøgle hører til kommune {kommune}.', en: 'Only an administrator can choose the municipality; your credential belongs to municipality {kommune}.' },
  'unknown-kommune': { da: 'Kommunen {kommune} findes ikke i skabelonarkivet. Kendte kommuner: {known}.', en: 'The municipality {kommune} is not in the template repository. Known municipalities: {known}.' },
});

registerMessages('batch', {
  'not-automatic': {
    da: 'Skabelonen {template} må ikke sendes automatisk og dannes derfor ikke i en kørsel.',
    en: 'The template {template} may not be sent automatically and is therefore not made in a batch.',
  },
  'bad-line': { da: 'Linje {line} er ikke en sag i JSON: {detail}', en: 'Line {line} is not a case in JSON: {detail}' },
  'line-too-long': {
    da: 'Linje {line} er længere end grænsen på {limit} byte; resten af kørslen er ikke læst, og forbindelsen lukkes.',
    en: 'Line {line} is longer than the limit of {limit} bytes; the rest of the batch was not read, and the connection is closed.',
  },
  'duplicate-id': { da: 'Sagen "{id}" (linje {line}) har samme id som linje {first}; brevet ville overskrive det første.', en: 'The case "{id}" (line {line}) has the same id as line {first}; its letter would overwrite the first.' },
  'bad-shard': { da: 'Ugyldig --shard "{shard}": skriv k/n med 1 ≤ k ≤ n, fx 3/8.', en: 'Invalid --shard "{shard}": write k/n with 1 ≤ k ≤ n, e.g. 3/8.' },
  'other-run': { da: 'Mappen {dir} indeholder en anden kørsel ({detail}); brug en tom mappe eller den samme skabelon, kommune, format og sagsfil.', en: 'The folder {dir} holds another run ({detail}); use an empty folder or the same template, municipality, format and cases file.' },
});
