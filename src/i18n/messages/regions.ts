/**
 * Regions (src/template/regions.ts): rows and paragraphs repeated per item of a list. The
 * structure problems are shared by the renderer (which refuses the letter) and the linter's
 * region-structure rule (which shows the same texts).
 */
import type { MessageText } from '../message-text.js';

export const regionStructureMessages = {
  'region.start-without-end': {
    da: 'Området "{name}" begynder med TableStart:{name}, men har ingen TableEnd:{name} efter sig.',
    en: 'The region "{name}" begins with TableStart:{name} but has no TableEnd:{name} after it.',
  },
  'region.end-without-start': {
    da: 'TableEnd:{name} afslutter et område, der aldrig er begyndt: der står ingen TableStart:{name} før.',
    en: 'TableEnd:{name} ends a region that never began: there is no TableStart:{name} before it.',
  },
  'region.crossing': {
    da: 'Områderne "{name}" og "{other}" krydser hinanden: et område inde i et andet skal slutte, før det ydre slutter.',
    en: 'The regions "{name}" and "{other}" cross: a region inside another must end before the outer one ends.',
  },
  'region.boundary': {
    da: 'Området "{name}" går over en tabels (eller et indholdskontrolelements) grænse: begge koder skal stå i samme tabel eller begge uden for tabeller.',
    en: 'The region "{name}" crosses a table\'s (or a content control\'s) boundary: both codes must be in the same table, or both outside tables.',
  },
  'region.in-field': {
    da: 'TableStart/TableEnd for "{name}" står inde i en anden feltkode. Koderne for et område skal stå for sig selv i teksten.',
    en: 'TableStart/TableEnd of "{name}" stands inside another field code. The codes of a region must stand on their own in the text.',
  },
  'region.section-break': {
    da: 'Området "{name}" indeholder et sektionsskift; det kan ikke gentages.',
    en: 'The region "{name}" holds a section break; it cannot be repeated.',
  },
  'region.field-crosses': {
    da: 'En feltkode går ind over kanten af området "{name}": en betingelse skal ligge helt inden for eller helt uden for området.',
    en: 'A field code reaches over the edge of the region "{name}": a condition must lie wholly inside or wholly outside the region.',
  },
  'region.same-range': {
    da: 'Områderne "{name}" og "{other}" gentager de samme rækker eller afsnit. Et indre område skal være en del af det ydre.',
    en: 'The regions "{name}" and "{other}" repeat the same rows or paragraphs. An inner region must be a part of the outer one.',
  },
  'region.no-name': {
    da: 'TableStart/TableEnd uden navnet på en liste (skriv fx TableStart:Udgifter).',
    en: 'TableStart/TableEnd without the name of a list (write e.g. TableStart:Udgifter).',
  },
} as const satisfies Record<string, MessageText>;

export const regionMessages = {
  ...regionStructureMessages,
  'render.missing-item-field': {
    da: 'Flettefeltet "{field}" har ingen værdi i sagskonteksten (element nr. {n} i listen "{list}"). Brevet dannes ikke.',
    en: 'The merge field "{field}" has no value in the case context (item no. {n} of the list "{list}"). The letter is not made.',
  },
  'render.list-missing': {
    da: 'Listen "{list}" findes ikke i sagskonteksten. Brevet dannes ikke (en tom liste skrives [] ).',
    en: 'The list "{list}" is not in the case context. The letter is not made (an empty list is written [] ).',
  },
  'render.list-not-list': {
    da: '"{list}" i sagskonteksten er ikke en liste ([ ... ]), men brevet gentager rækker eller afsnit for den.',
    en: '"{list}" in the case context is not a list ([ ... ]), but the letter repeats rows or paragraphs for it.',
  },
  'render.list-item-not-object': {
    da: '"{item}" i listen "{list}" er ikke et objekt med felter ({ "Navn": ... }).',
    en: '"{item}" in the list "{list}" is not an object with fields ({ "Name": ... }).',
  },
  'render.list-unknown': {
    da: 'Listen "{list}" findes ikke i kataloget.',
    en: 'The list "{list}" is not in the catalog.',
  },
  'render.list-process': {
    da: 'Listen "{list}" findes ikke i processen "{process}". Brevet dannes ikke.',
    en: 'The list "{list}" does not exist in the process "{process}". The letter is not made.',
  },
  'render.list-number-outside': {
    da: '"{field}" giver nummeret på det aktuelle element og kan kun stå inden for området "{list}".',
    en: '"{field}" gives the number of the current item and can only stand inside the region "{list}".',
  },
  'render.region-unsupported': {
    da: 'Feltet {type} kan ikke stå i et område, der gentages (TableStart:{list}).',
    en: 'The field {type} cannot stand in a region that repeats (TableStart:{list}).',
  },
} as const satisfies Record<string, MessageText>;
