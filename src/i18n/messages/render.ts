/** Rendering a letter: missing or unusable values, fields that cannot be evaluated, placeholders. */
import type { MessageText } from '../index.js';

export const renderMessages = {
  // Rendering
  'render.missing-field': {
    da: 'Flettefeltet "{field}" har ingen værdi i sagskonteksten. Brevet dannes ikke.',
    en: 'The merge field "{field}" has no value in the case context. The letter is not made.',
  },
  'render.field-not-value': {
    da: 'Flettefeltet "{field}" er {kind} i sagskonteksten, ikke en tekst, et tal eller en dato.',
    en: 'The merge field "{field}" is {kind} in the case context, not a text, number or date.',
  },
  'render.not-a-number': {
    da: 'Flettefeltet "{field}" har værdien "{value}", som ikke er et tal, men feltet har talformatet \\# "{picture}".',
    en: 'The merge field "{field}" has the value "{value}", which is not a number, but the field has the number picture \\# "{picture}".',
  },
  'render.not-a-date': {
    da: 'Flettefeltet "{field}" har værdien "{value}", som ikke er en dato, men feltet har datoformatet \\@ "{picture}".',
    en: 'The merge field "{field}" has the value "{value}", which is not a date, but the field has the date picture \\@ "{picture}".',
  },
  'render.field-error': {
    da: 'Feltkoden kan ikke udføres, fordi den har fejl: {detail}',
    en: 'The field code cannot be evaluated because it has errors: {detail}',
  },
  'render.unsupported-format': {
    da: 'Formateringen \\* {format} understøttes ikke af kp-brev.',
    en: 'The format \\* {format} is not supported by kp-brev.',
  },
  'render.formula': {
    da: 'Formelfeltet kan ikke beregnes ({detail}). Brevet dannes ikke.',
    en: 'The formula field cannot be computed ({detail}). The letter is not made.',
  },
  'render.formula-depth': {
    da: 'Formelfeltet er indlejret dybere end {limit} niveauer (parenteser, funktioner, fortegn og potenser) og beregnes ikke. Brevet dannes ikke.',
    en: 'The formula field is nested deeper than {limit} levels (parentheses, functions, signs and powers) and is not computed. The letter is not made.',
  },
  'render.structure': {
    da: 'Feltet krydser en grænse i dokumentets opbygning ({detail}) og kan ikke flettes sikkert.',
    en: 'The field crosses a boundary in the document structure ({detail}) and cannot be merged safely.',
  },
  'render.no-process': {
    da: 'Sagskonteksten siger ikke hvilken proces brevet dannes i ("process"); skabelonen bruges i: {processes}.',
    en: 'The case context does not say which process the letter is made in ("process"); the template is used in: {processes}.',
  },
  'render.process': {
    da: 'Sagen er i processen "{process}", men skabelonen bruges kun i: {processes}.',
    en: 'The case is in the process "{process}" but the template is only used in: {processes}.',
  },
  'render.variant': {
    da: 'Sagen er varianten "{variant}", men skabelonen dækker kun: {variants}.',
    en: 'The case is the variant "{variant}" but the template only covers: {variants}.',
  },
  'render.unanswered': {
    da: 'Flettespørgsmålet "{key}" er ikke besvaret og har intet standardsvar i kataloget. Brevet dannes ikke.',
    en: 'The flettespørgsmål "{key}" is not answered and has no default answer in the catalog. The letter is not made.',
  },
  'render.field-unknown': {
    da: 'Flettefeltet "{field}" findes ikke i kataloget.',
    en: 'The merge field "{field}" is not in the catalog.',
  },
  'render.field-process': {
    da: 'Flettefeltet "{field}" findes ikke i processen "{process}" (kontekstafhængigt flettefelt), selv om sagskonteksten har en værdi. Brevet dannes ikke.',
    en: 'The merge field "{field}" does not exist in the process "{process}" (a context-dependent field), even if the case context has a value. The letter is not made.',
  },
  'render.refused': {
    da: 'Brevet fra {template} dannes ikke: {count} fejl.',
    en: 'The letter from {template} is not made: {count} errors.',
  },
  'render.placeholder-missing': { da: 'MANGLER: {field}', en: 'MISSING: {field}' },
  'render.placeholder-error': { da: 'FELTFEJL', en: 'FIELD ERROR' },
} as const satisfies Record<string, MessageText>;
