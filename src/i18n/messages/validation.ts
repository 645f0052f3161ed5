/**
 * A request that breaks the API's JSON Schemas (schemas/api, the routes' parameters): one text per
 * Ajv keyword, with the JSON path of the place (`$.context.fields`, `?template`, `/{id}`), instead
 * of Ajv's English. test/server/openapi.test.ts checks that every keyword the schemas use has one.
 */
import type { MessageText } from '../message-text.js';

export const validationMessages = {
  'validation.required': { da: '{path} mangler; det skal være med.', en: '{path} is missing; it is required.' },
  'validation.additionalProperties': { da: '{path} kendes ikke her (stavefejl?).', en: '{path} is not known here (a typo?).' },
  'validation.type': { da: '{path} skal være {type}.', en: '{path} must be {type}.' },
  'validation.enum': { da: '{path} skal være en af: {allowed}.', en: '{path} must be one of: {allowed}.' },
  'validation.const': { da: '{path} skal være {allowed}.', en: '{path} must be {allowed}.' },
  'validation.pattern': {
    da: '{path} har ikke den tilladte form (mønsteret {pattern}).',
    en: '{path} does not have the allowed form (the pattern {pattern}).',
  },
  'validation.format': { da: '{path} skal have formatet {format}.', en: '{path} must have the format {format}.' },
  'validation.maxLength': { da: '{path} er for lang: højst {limit:tegn|tegn}.', en: '{path} is too long: at most {limit:character|characters}.' },
  'validation.minLength': { da: '{path} er for kort: mindst {limit:tegn|tegn}.', en: '{path} is too short: at least {limit:character|characters}.' },
  'validation.maxItems': {
    da: '{path} har for mange elementer: højst {limit:element|elementer}.',
    en: '{path} has too many items: at most {limit:item|items}.',
  },
  'validation.minItems': { da: '{path} har for få elementer: mindst {limit:element|elementer}.', en: '{path} has too few items: at least {limit:item|items}.' },
  'validation.minimum': { da: '{path} skal være mindst {limit}.', en: '{path} must be at least {limit}.' },
  'validation.maximum': { da: '{path} må højst være {limit}.', en: '{path} must be at most {limit}.' },
  'validation.anyOf': { da: '{path} har ingen af de tilladte former.', en: '{path} has none of the allowed forms.' },
  'validation.oneOf': { da: '{path} skal have præcis én af de tilladte former.', en: '{path} must have exactly one of the allowed forms.' },
  'validation.other': { da: '{path} er ikke gyldig ({keyword}).', en: '{path} is not valid ({keyword}).' },
  // What `type` asks for: "{path} skal være en tekst eller null".
  'validation.type-string': { da: 'en tekst', en: 'a text' },
  'validation.type-number': { da: 'et tal', en: 'a number' },
  'validation.type-integer': { da: 'et heltal', en: 'an integer' },
  'validation.type-boolean': { da: 'true eller false', en: 'true or false' },
  'validation.type-object': { da: 'et JSON-objekt', en: 'a JSON object' },
  'validation.type-array': { da: 'en liste', en: 'an array' },
  'validation.type-null': { da: 'null', en: 'null' },
  'validation.or': { da: 'eller', en: 'or' },
} as const satisfies Record<string, MessageText>;
