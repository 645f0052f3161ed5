/** Places in a template or field code that other messages point to. */
import type { MessageText } from '../message-text.js';

export const placeMessages = {
  // Places
  'place.paragraph': { da: 'afsnit {n}', en: 'paragraph {n}' },
  'place.line': { da: 'linje {line}, kolonne {column}', en: 'line {line}, column {column}' },
  'place.offset': { da: 'tegn {n} i feltkoden', en: 'character {n} of the field code' },
} as const satisfies Record<string, MessageText>;
