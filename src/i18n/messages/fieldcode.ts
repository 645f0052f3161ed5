/** Field-code syntax: the parser's findings, also the linter's field-syntax findings. */
import type { MessageText } from '../message-text.js';

export const fieldCodeMessages = {
  // Field-code syntax (also the linter's field-syntax findings)
  'syntax.unterminated-quote': {
    da: 'Anførselstegnet der begynder her, bliver aldrig lukket; Word tager resten af feltkoden med i teksten.',
    en: 'The quotation mark that starts here is never closed; Word takes the rest of the field code into the text.',
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
  'syntax.if-no-operator': {
    da: 'IF har ingen sammenligning (=, <>, <, <=, > eller >=). Word bruger så "{condition}" som betingelse og viser den første tekst, når den ikke er tom eller 0; det er næppe meningen.',
    en: 'IF has no comparison (=, <>, <, <=, > or >=). Word then takes "{condition}" as the condition and shows the first text whenever it is not empty or 0; that is hardly what was meant.',
  },
  'syntax.if-extra-arguments': {
    da: 'IF har flere argumenter end betingelse, sand-tekst og falsk-tekst; Word ser bort fra resten: {text}. Sæt tekst med mellemrum i anførselstegn.',
    en: 'IF has more arguments than its condition, true text and false text; Word ignores the rest: {text}. Put text with spaces in quotation marks.',
  },
  'syntax.if-switch-inside': {
    da: 'Parameteren \\{switch} står midt i IF. Word bruger den på resultatet og sammenligner ordene før den, som de står (et feltnavn som DATE er bare ordet DATE); skulle det have været et indlejret felt (Ctrl+F9)?',
    en: 'The switch \\{switch} stands in the middle of the IF. Word applies it to the result and compares the words before it as they are (a field name such as DATE is just the word DATE); was a nested field (Ctrl+F9) meant?',
  },
  'syntax.typed-braces': {
    da: 'Feltkoden indeholder tuborgklammer skrevet som tekst ("{text}"); Word læser dem som almindelige tegn, ikke som et felt. Indsæt felter med Ctrl+F9.',
    en: 'The field code holds curly braces typed as text ("{text}"); Word reads them as plain characters, not as a field. Insert fields with Ctrl+F9.',
  },
  'syntax.no-space-after-type': {
    da: 'Der er intet mellemrum mellem {type} og det indlejrede felt. Word læser det, men andre programmer gør måske ikke; skriv et mellemrum.',
    en: 'There is no space between {type} and the nested field. Word reads it, but other programs may not; type a space.',
  },
} as const satisfies Record<string, MessageText>;
