/** Messages of the render API (Danish and English). As `server.*`. */
import { prefixed } from '../area.js';

export const serverMessages = prefixed('server', {
  unauthorized: {
    da: 'Manglende eller ukendt adgangsnøgle. Send "Authorization: Bearer <nøgle>".',
    en: 'Missing or unknown credential. Send "Authorization: Bearer <token>".',
  },
  'not-found': { da: 'Skabelonen "{template}" findes ikke.', en: 'The template "{template}" does not exist.' },
  'not-found-suggestion': {
    da: 'Skabelonen "{template}" findes ikke. Mente du "{suggestion}"?',
    en: 'The template "{template}" does not exist. Did you mean "{suggestion}"?',
  },
  'route-not-found': { da: "Adressen {method} {url} findes ikke i API'et.", en: 'The address {method} {url} does not exist in the API.' },
  'bad-request': { da: 'Forespørgslen er ikke gyldig: {detail}', en: 'The request is not valid: {detail}' },
  'bad-request-technical': {
    da: 'Forespørgslen er ikke gyldig (serverens tekniske besked: {detail}).',
    en: 'The request is not valid (the server says: {detail}).',
  },
  'bad-url': {
    da: 'Adressen kan ikke læses: den indeholder et %-tegn, der ikke er en gyldig kodning.',
    en: 'The address cannot be read: it holds a % sign that is not a valid encoding.',
  },
  'content-length': { da: 'Kroppens længde passer ikke med Content-Length.', en: "The body's length does not match Content-Length." },
  'empty-body': { da: 'Kroppen er tom, men Content-Type siger JSON.', en: 'The body is empty, but Content-Type says JSON.' },
  'media-type-technical': {
    da: 'Indholdstypen kan ikke bruges her (serverens tekniske besked: {detail}).',
    en: 'The media type cannot be used here (the server says: {detail}).',
  },
  'too-large': { da: 'Forespørgslen er større end grænsen på {limit:byte|byte}.', en: 'The request is larger than the limit of {limit:byte|bytes}.' },
  busy: {
    da: 'Der dannes flere breve, end serveren kan nå lige nu. Prøv igen om {seconds:sekund|sekunder}.',
    en: 'More letters are being made than the server can handle now. Try again in {seconds:second|seconds}.',
  },
  timeout: { da: 'Brevet blev ikke dannet inden for tidsgrænsen på {ms} ms.', en: 'The letter was not made within the time limit of {ms} ms.' },
  'letter-refused': { da: 'Brevet fra {template} dannes ikke: {count:fejl|fejl}.', en: 'The letter from {template} is not made: {count:error|errors}.' },
  'bad-context': {
    da: 'Sagskonteksten til {template} kan ikke bruges: {count:fejl|fejl}.',
    en: 'The case context for {template} cannot be used: {count:error|errors}.',
  },
  'template-broken': {
    da: 'Skabelonen {template} kan ikke bruges; kontakt systemadministratoren.',
    en: 'The template {template} cannot be used; contact the system administrator.',
  },
  internal: { da: 'Intern fejl i kp-brev ({detail}). Fejlen er ikke din.', en: 'Internal error in kp-brev ({detail}). It is not your fault.' },
  'lint-no-docx': { da: 'Send en Word-fil (.docx) som krop eller i feltet "file".', en: 'Send a Word file (.docx) as the body or in the field "file".' },
  'preview-training-only': {
    da: '"preview": true (pladsholdere i stedet for manglende felter) kan kun bruges i træningsmiljøet (kp-brev serve --training); et brev med fejl sendes aldrig.',
    en: '"preview": true (placeholders instead of missing fields) is only available in the training environment (kp-brev serve --training); a letter with errors is never sent.',
  },
  'too-deep': {
    da: 'Forespørgslen er indlejret for dybt: højst {limit:niveau|niveauer} af objekter og lister.',
    en: 'The request is nested too deeply: at most {limit:level|levels} of objects and arrays.',
  },
  'bad-multipart': {
    da: 'Formularen (multipart/form-data) kan ikke læses: den er afkortet, eller dens "boundary" mangler eller passer ikke. Send Word-filen i feltet "file" eller som krop.',
    en: 'The form (multipart/form-data) cannot be read: it is cut short, or its "boundary" is missing or does not match. Send the Word file in the field "file" or as the body.',
  },
  'batch-ndjson': {
    da: 'En kørsel sendes som application/x-ndjson: én sag i JSON pr. linje.',
    en: 'A batch is sent as application/x-ndjson: one case in JSON per line.',
  },
  'kommune-not-allowed': {
    da: 'Kun en administrator kan vælge kommune; din adgangsnøgle hører til kommune {kommune}.',
    en: 'Only an administrator can choose the municipality; your credential belongs to municipality {kommune}.',
  },
  'method-not-allowed': {
    da: 'Adressen {url} kan ikke bruges med {method}; den kan bruges med {allowed}.',
    en: 'The address {url} cannot be used with {method}; it can be used with {allowed}.',
  },
  'unsupported-media-type': {
    da: 'En krop af typen {type} kan ikke bruges her; send {allowed}.',
    en: 'A body of the type {type} cannot be used here; send {allowed}.',
  },
  'missing-media-type': { da: 'Kroppen har ingen Content-Type; send {allowed}.', en: 'The body has no Content-Type; send {allowed}.' },
  'forbidden-key': {
    da: 'Kroppen indeholder nøglen "{key}" ved {path}; nøglerne __proto__, constructor og prototype kan ikke bruges i JSON til API\'et.',
    en: 'The body holds the key "{key}" at {path}; the keys __proto__, constructor and prototype cannot be used in JSON sent to the API.',
  },
  'jwt-expired': {
    da: 'Adgangsnøglen (JWT) er udløbet (exp). Hent en ny hos identitetsudbyderen.',
    en: 'The access token (JWT) has expired (exp). Get a new one from the identity provider.',
  },
  'jwt-not-yet-valid': {
    da: 'Adgangsnøglen (JWT) gælder endnu ikke (nbf); tjek urene hos klienten og identitetsudbyderen.',
    en: 'The access token (JWT) is not valid yet (nbf); check the clocks of the client and the identity provider.',
  },
  'jwt-issuer': {
    da: 'Adgangsnøglen (JWT) er ikke udstedt af den identitetsudbyder, serveren stoler på (iss).',
    en: 'The access token (JWT) was not issued by the identity provider this server trusts (iss).',
  },
  'jwt-audience': { da: 'Adgangsnøglen (JWT) er ikke udstedt til denne server (aud).', en: 'The access token (JWT) was not issued for this server (aud).' },
  'jwt-algorithm': {
    da: 'Adgangsnøglen (JWT) er signeret med en algoritme, serveren ikke godtager (alg); en usigneret nøgle godtages aldrig.',
    en: 'The access token (JWT) is signed with an algorithm this server does not accept (alg); an unsigned token is never accepted.',
  },
  'jwt-signature': { da: 'Adgangsnøglens (JWT) signatur passer ikke.', en: "The access token's (JWT) signature does not verify." },
  'jwt-unknown-key': {
    da: 'Adgangsnøglen (JWT) er signeret med en nøgle, identitetsudbyderen ikke offentliggør (kid).',
    en: 'The access token (JWT) is signed with a key the identity provider does not publish (kid).',
  },
  'jwt-malformed': { da: 'Adgangsnøglen er ikke en gyldig JWT.', en: 'The access token is not a valid JWT.' },
  'jwt-claims': {
    da: 'Adgangsnøglen (JWT) mangler et krævet felt eller har et ugyldigt (fx exp).',
    en: 'The access token (JWT) lacks a required claim or has an invalid one (e.g. exp).',
  },
  'jwt-no-kommune': {
    da: 'Adgangsnøglen (JWT) angiver ingen kommune og giver ikke administratorrollen.',
    en: 'The access token (JWT) names no municipality and does not carry the administrator role.',
  },
  'jwt-bad-kommune': {
    da: 'Kommunen i adgangsnøglen (JWT) er ikke en kommunekode (3 eller 4 cifre).',
    en: 'The municipality in the access token (JWT) is not a municipality code (3 or 4 digits).',
  },
  'jwt-keys-unavailable': {
    da: 'Identitetsudbyderens nøgler (JWKS) kan ikke hentes lige nu; prøv igen om lidt.',
    en: "The identity provider's keys (JWKS) cannot be fetched now; try again shortly.",
  },
  'rate-limited': {
    da: 'Denne adgang har sendt over {max:forespørgsel|forespørgsler} på {window:sekund|sekunder}. Prøv igen om {seconds:sekund|sekunder}.',
    en: 'This credential has sent more than {max:request|requests} in {window:second|seconds}. Try again in {seconds:second|seconds}.',
  },
  'concurrency-limited': {
    da: 'Denne adgang har allerede {limit:forespørgsel|forespørgsler} i gang, og flere på én gang kan den ikke have. Prøv igen om {seconds:sekund|sekunder}.',
    en: 'This credential already has {limit:request|requests} in progress, the most it may have at once. Try again in {seconds:second|seconds}.',
  },
  closing: { da: 'Serveren er ikke klar: den lukker ned.', en: 'The server is not ready: it is shutting down.' },
  'repository-broken': {
    da: 'Serveren er ikke klar: skabelonarkivet er ændret og kan ikke læses; den forrige udgave bruges, indtil fejlen er rettet.',
    en: 'The server is not ready: the template repository has changed and cannot be read; the previous version is used until the fault is fixed.',
  },
  'idempotency-conflict': {
    da: 'Nøglen "{key}" (Idempotency-Key) er allerede brugt til en anden forespørgsel; brevet til den dannes ikke igen. Brug en ny nøgle til et nyt brev.',
    en: 'The key "{key}" (Idempotency-Key) was already used for another request; its letter is not made again. Use a new key for a new letter.',
  },
  'idempotency-in-progress': {
    da: 'Brevet til nøglen "{key}" (Idempotency-Key) dannes stadig af en tidligere forespørgsel. Prøv igen om lidt; det samme brev sendes så.',
    en: 'The letter for the key "{key}" (Idempotency-Key) is still being made by an earlier request. Try again shortly; the same letter is then sent.',
  },
  'idempotency-expired': {
    da: 'Brevet til nøglen "{key}" (Idempotency-Key) blev dannet {at}; kopien gemmes ikke længere, og brevet dannes ikke igen. Brug en ny nøgle, hvis der skal dannes et nyt brev.',
    en: 'The letter for the key "{key}" (Idempotency-Key) was made at {at}; its copy is no longer kept, and the letter is not made again. Use a new key if a new letter is to be made.',
  },
  'ledger-unavailable': {
    da: 'Ledgeren (PostgreSQL), der husker nøglerne (Idempotency-Key), kan ikke nås lige nu; brevet er ikke dannet. Prøv igen om {seconds:sekund|sekunder}.',
    en: 'The ledger (PostgreSQL) that keeps the keys (Idempotency-Key) cannot be reached now; the letter was not made. Try again in {seconds:second|seconds}.',
  },
  'unknown-kommune': {
    da: 'Kommunen {kommune} findes ikke i skabelonarkivet. Kendte kommuner: {known}.',
    en: 'The municipality {kommune} is not in the template repository. Known municipalities: {known}.',
  },
});
