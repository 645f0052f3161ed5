/** The case context: its JSON, its shape and its values, including answers to flettespørgsmål. */
import type { MessageText } from '../message-text.js';
import { RAISE_DA, RAISE_EN } from './limits.js';

export const contextMessages = {
  // Case context
  'context.not-json': {
    da: 'Sagskonteksten er ikke gyldig JSON: uventet tegn {char}.',
    en: 'The case context is not valid JSON: unexpected character {char}.',
  },
  'context.json-end': {
    da: 'Sagskonteksten er ikke gyldig JSON: teksten slutter, før JSON-værdien er færdig.',
    en: 'The case context is not valid JSON: the text ends before the JSON value is complete.',
  },
  'context.json-unclosed-string': {
    da: 'Sagskonteksten er ikke gyldig JSON: teksten i anførselstegn, der begynder her, lukkes aldrig.',
    en: 'The case context is not valid JSON: the quoted text that begins here is never closed.',
  },
  'context.invalid-utf8': {
    da: 'Sagskonteksten er ikke gyldig UTF-8-tekst.',
    en: 'The case context is not valid UTF-8 text.',
  },
  'context.forbidden-key': {
    da: 'Sagskonteksten indeholder den forbudte nøgle "{key}" ({path}).',
    en: 'The case context contains the forbidden key "{key}" ({path}).',
  },
  'context.not-object': {
    da: 'Sagskonteksten har en forkert opbygning: {path} skal være et JSON-objekt.',
    en: 'The case context has the wrong shape: {path} must be a JSON object.',
  },
  'context.not-text': {
    da: 'Sagskonteksten har en forkert opbygning: {path} skal være en tekst.',
    en: 'The case context has the wrong shape: {path} must be a text.',
  },
  'context.not-texts': {
    da: 'Sagskonteksten har en forkert opbygning: {path} skal være et objekt med tekster.',
    en: 'The case context has the wrong shape: {path} must be an object of texts.',
  },
  'context.too-large': {
    da: `Sagskonteksten fylder {size:byte|byte}; grænsen er {limit:byte|byte} ("{name}"). ${RAISE_DA}`,
    en: `The case context is {size:byte|bytes}; the limit is {limit:byte|bytes} ("{name}"). ${RAISE_EN}`,
  },
  'context.value-too-long': {
    da: `Teksten i {path} har {length:tegn|tegn}; grænsen er {limit:tegn|tegn} ("{name}"). ${RAISE_DA}`,
    en: `The text at {path} has {length:character|characters}; the limit is {limit:character|characters} ("{name}"). ${RAISE_EN}`,
  },
  'context.too-deep': {
    da: 'Sagskonteksten er indlejret dybere end {limit:niveau|niveauer} ({path}).',
    en: 'The case context is nested deeper than {limit:level|levels} ({path}).',
  },
  'context.invalid-number': {
    da: 'Værdien af {path} er et tal uden for det, der kan regnes med.',
    en: 'The value of {path} is a number out of range.',
  },
  'context.invalid-char': {
    da: 'Værdien af {path} indeholder et tegn der ikke kan stå i et brev (kode {code}).',
    en: 'The value of {path} contains a character that cannot appear in a letter (code {code}).',
  },
  'context.question-answer': {
    da: 'Flettespørgsmålet "{key}" er besvaret med "{value}"; svaret skal være "J" eller "N".',
    en: 'The flettespørgsmål "{key}" is answered "{value}"; the answer must be "J" or "N".',
  },
} as const satisfies Record<string, MessageText>;
