/** Field-code syntax: the parser's findings, also the linter's field-syntax findings. */
import type { MessageText } from '../index.js';

export const fieldCodeMessages = {
  // Field-code syntax (also the linter's field-syntax findings)
  'syntax.unterminated-quote': {
    da: 'Anførselstegnet der begynder her, bliver aldrig lukket.',
    en: 'The quotation mark that starts here is never closed.',
  },
  'syntax.empty': { da: 'Feltet har ingen feltkode.', en: 'The field has no field code.' },
  'syntax.unclosed': {
    da: 'Et felt begynder her men slutter aldrig; Word ignorerer det, og dets feltkode kommer ikke med i brevet.',
    en: 'A field begins here but never ends; Word ignores it, and its field code does not go into the letter.',
  },
  'syntax.if-missing-operator': {
    da: 'IF mangler en sammenligning (=, <>, <, <=, > eller >=) mellem de to udtryk ("Fejl! Der mangler en testbetingelse" i Word).',
    en: 'IF lacks a comparison (=, <>, <, <=, > or >=) between its two expressions ("Error! Missing test condition" in Word).',
  },
  'syntax.if-missing-expression': {
    da: 'IF mangler udtryk nr. {which} i sammenligningen.',
    en: 'IF lacks expression {which} of the comparison.',
  },
  'syntax.if-missing-true-text': {
    da: 'IF mangler teksten der skal vises, når betingelsen er opfyldt.',
    en: 'IF lacks the text to show when the condition holds.',
  },
  'syntax.too-many-arguments': {
    da: 'Feltet har for mange argumenter; det første i overskud er "{text}" (efter "{after}"). Sæt tekst med mellemrum i anførselstegn, og skriv et anførselstegn inde i en tekst som \\".',
    en: 'The field has too many arguments; the first extra one is "{text}" (after "{after}"). Put text with spaces in quotation marks, and write a quotation mark inside a text as \\".',
  },
  'syntax.mergefield-missing-name': {
    da: 'MERGEFIELD mangler navnet på flettefeltet.',
    en: 'MERGEFIELD lacks the name of the merge field.',
  },
  'syntax.unknown-switch': {
    da: 'Ukendt parameter \\{switch} til {field}.',
    en: 'Unknown switch \\{switch} for {field}.',
  },
  'syntax.switch-missing-argument': {
    da: 'Parameteren \\{switch} mangler sit argument.',
    en: 'The switch \\{switch} lacks its argument.',
  },
  'syntax.switch-no-argument': {
    da: 'Parameteren \\{switch} tager ikke et argument, men har "{text}".',
    en: 'The switch \\{switch} takes no argument but has "{text}".',
  },
  'syntax.unknown-format': {
    da: 'Ukendt formatering \\* {format}.',
    en: 'Unknown format \\* {format}.',
  },
  'syntax.unexpected': {
    da: 'Uventet "{text}" i feltkoden.',
    en: 'Unexpected "{text}" in the field code.',
  },
  'syntax.bad-picture': {
    da: 'Billedformatet "{picture}" kan ikke bruges: {detail}.',
    en: 'The picture "{picture}" cannot be used: {detail}.',
  },
  'syntax.nested-in-name': {
    da: 'Navnet på et flettefelt kan ikke indeholde et andet felt.',
    en: 'The name of a merge field cannot contain another field.',
  },
} as const satisfies Record<string, MessageText>;
