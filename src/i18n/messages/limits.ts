/** The limits on what one template or letter may hold (src/limits.ts): each message names the
 * limit and how to raise it. A case's own limits are context.* messages (a bad case, 400 on the
 * server). */
import type { MessageText } from '../message-text.js';

export const RAISE_DA = 'Grænsen kan hæves med miljøvariablen {env}="{name}=…" (eller indstillingen limits til loadTemplate).';
export const RAISE_EN = 'The limit can be raised with the environment variable {env}="{name}=…" (or the limits option of loadTemplate).';

export const limitMessages = {
  'limit.template-bytes': {
    da: `Skabelonen fylder {size:byte|byte}; grænsen er {limit:byte|byte} ("{name}"). ${RAISE_DA}`,
    en: `The template is {size:byte|bytes}; the limit is {limit:byte|bytes} ("{name}"). ${RAISE_EN}`,
  },
  'limit.elements': {
    da: `Dokumentet har flere end {limit:XML-element|XML-elementer} ("{name}") og afvises for at beskytte systemet. ${RAISE_DA}`,
    en: `The document has more than {limit:XML element|XML elements} ("{name}") and is refused to protect the system. ${RAISE_EN}`,
  },
  'limit.paragraphs': {
    da: `Dokumentet har flere end {limit:afsnit|afsnit} ("{name}") og afvises for at beskytte systemet. ${RAISE_DA}`,
    en: `The document has more than {limit:paragraph|paragraphs} ("{name}") and is refused to protect the system. ${RAISE_EN}`,
  },
  'limit.fields': {
    da: `Dokumentet har flere end {limit:felt|felter} ("{name}") og afvises for at beskytte systemet. ${RAISE_DA}`,
    en: `The document has more than {limit:field|fields} ("{name}") and is refused to protect the system. ${RAISE_EN}`,
  },
  'limit.merged-text': {
    da: `Brevet bliver for stort: flettefelterne giver tilsammen flere end {limit:tegn|tegn} ("{name}"). ${RAISE_DA}`,
    en: `The letter gets too large: together its merge fields give more than {limit:character|characters} ("{name}"). ${RAISE_EN}`,
  },
  'limit.env': {
    da: 'Miljøvariablen KP_BREV_LIMITS kan ikke læses ved "{entry}": skriv navn=tal adskilt af komma, fx KP_BREV_LIMITS="fields=20000,paragraphs=100000". Grænserne hedder: {names}.',
    en: 'The environment variable KP_BREV_LIMITS cannot be read at "{entry}": write name=number separated by commas, e.g. KP_BREV_LIMITS="fields=20000,paragraphs=100000". The limits are: {names}.',
  },
  'limit.cache-env': {
    da: 'Miljøvariablen {name} skal være et positivt tal, ikke "{value}" (loftet over cachen med oversatte breve: {name}=1500 breve eller KP_BREV_CACHE_MB=32 megabytes pr. tråd).',
    en: 'The environment variable {name} must be a positive number, not "{value}" (the bound of the cache of compiled letters: {name}=1500 letters or KP_BREV_CACHE_MB=32 megabytes per thread).',
  },
} as const satisfies Record<string, MessageText>;
