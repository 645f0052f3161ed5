/** What the PDF layout tells a caseworker or system administrator about a letter it cannot draw exactly as Word would. As `pdf.*`. */
import { prefixed } from '../area.js';

export const pdfMessages = prefixed('pdf', {
  textbox: {
    da: 'En tekstboks kan ikke placeres, som Word gør; dens tekst står efter afsnittet, den er forankret i.',
    en: 'A text box cannot be placed as Word places it; its text follows the paragraph it is anchored in.',
  },
  frame: {
    da: 'Et afsnit i en ramme (fast placering) sættes i teksten, hvor det står, ikke på rammens plads.',
    en: "A paragraph in a frame (fixed position) is set in the text where it stands, not at the frame's position.",
  },
  columns: { da: 'Spalter understøttes ikke; teksten sættes i én spalte.', en: 'Columns are not supported; the text is set in one column.' },
  equation: { da: 'En ligning vises som almindelig tekst.', en: 'An equation is shown as plain text.' },
  chart: {
    da: 'Et diagram kan ikke tegnes; dets alternative tekst står i stedet.',
    en: 'A chart cannot be drawn; its alt text stands in its place.',
  },
  smartart: { da: 'SmartArt kan ikke tegnes; dets tekst står som almindelig tekst.', en: 'SmartArt cannot be drawn; its text is shown as plain text.' },
  wrap: {
    da: 'Tekstombrydning omkring et billede understøttes ikke; billedet placeres uden at flytte teksten.',
    en: 'Text wrapping around an image is not supported; the image is placed without moving the text.',
  },
  link: {
    da: 'Linket til "{url}" er ikke en webadresse (https, http) eller en e-mailadresse (mailto); det står som almindelig tekst.',
    en: 'The link to "{url}" is not a web address (https, http) or an e-mail address (mailto); it is shown as plain text.',
  },
  footnote: { da: 'Fodnoter sættes sidst i brevet, ikke nederst på siden.', en: 'Footnotes are set at the end of the letter, not at the foot of the page.' },
  image: {
    da: 'Billedet "{name}" kan ikke læses (kun PNG og JPEG kan bruges); dets alternative tekst står i stedet.',
    en: 'The image "{name}" cannot be read (only PNG and JPEG can be used); its alt text stands in its place.',
  },
  'font-substituted': {
    da: 'Skrifttypen "{font}" følger ikke med kp-brev; {family} bruges i stedet, så linjerne kan falde anderledes end i Word.',
    en: 'The font "{font}" does not come with kp-brev; {family} is used instead, so lines may break differently than in Word.',
  },
  'glyph-substituted': {
    da: 'Tegnet "{char}" (U+{code}) findes ikke i skrifttypen og vises som "{shown}".',
    en: 'The character "{char}" (U+{code}) is not in the font and is shown as "{shown}".',
  },
  'missing-glyph': {
    da: 'Tegnet "{char}" (U+{code}) findes ikke i skrifttypen {font}, som teksten sættes med, og kan ikke vises.',
    en: 'The character "{char}" (U+{code}) is not in the font {font} the text is set in and cannot be shown.',
  },
  'too-many-files': {
    da: 'Forsendelsen har {count:fil|filer} (brevet og dets bilag); Digital Post tillader højst {limit:fil|filer}.',
    en: 'The message has {count:file|files} (the letter and its attachments); Digital Post allows at most {limit:file|files}.',
  },
  'too-large': {
    da: 'Forsendelsen fylder {size} MB; Digital Post tillader højst {limit} MB.',
    en: 'The message is {size} MB; Digital Post allows at most {limit} MB.',
  },
  'attachment-not-pdf': {
    da: 'Bilaget "{name}" er ikke en PDF-fil, der kan læses.',
    en: 'The attachment "{name}" is not a PDF file that can be read.',
  },
  'attachment-encrypted': {
    da: 'Bilaget "{name}" er krypteret eller beskyttet med adgangskode og kan ikke sættes sammen med brevet.',
    en: 'The attachment "{name}" is encrypted or password-protected and cannot be joined to the letter.',
  },
  refused: {
    da: 'PDF-brevet fra {template} dannes ikke i streng tilstand: {count:forhold|forhold} kan ikke vises som i Word.',
    en: 'The PDF letter from {template} is not made in strict mode: {count:thing|things} cannot be shown as in Word.',
  },
  'pdfa-level': {
    da: 'PDF/A-niveauet "{level}" findes ikke; vælg et af: {levels}.',
    en: 'There is no PDF/A level "{level}"; choose one of: {levels}.',
  },
});
