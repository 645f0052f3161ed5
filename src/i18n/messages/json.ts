/** JSON text that is not JSON (src/json-text.ts): the place and the character, never the engine's English. */
import type { MessageText } from '../message-text.js';

export const jsonMessages = {
  'json.unexpected': {
    da: 'Ugyldig JSON i linje {line}, kolonne {column}: uventet tegn {char}.',
    en: 'Invalid JSON at line {line}, column {column}: unexpected character {char}.',
  },
  'json.end': {
    da: 'Ugyldig JSON: teksten slutter i linje {line}, kolonne {column}, før JSON-værdien er færdig.',
    en: 'Invalid JSON: the text ends at line {line}, column {column}, before the JSON value is complete.',
  },
  'json.unclosed-string': {
    da: 'Ugyldig JSON: teksten i anførselstegn fra linje {startLine}, kolonne {startColumn} lukkes aldrig.',
    en: 'Invalid JSON: the quoted text from line {startLine}, column {startColumn} is never closed.',
  },
} as const satisfies Record<string, MessageText>;
