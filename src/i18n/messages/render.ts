/** Rendering a letter: missing or unusable values, fields that cannot be evaluated, placeholders. */
import type { MessageText } from '../message-text.js';

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
  'render.formula-depth': {
    da: 'Formelfeltet er indlejret dybere end {limit:niveau|niveauer} (parenteser, funktioner, fortegn og potenser) og beregnes ikke. Brevet dannes ikke.',
    en: 'The formula field is nested deeper than {limit:level|levels} (parentheses, functions, signs and powers) and is not computed. The letter is not made.',
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
    da: 'Brevet fra {template} dannes ikke: {count:fejl|fejl}.',
    en: 'The letter from {template} is not made: {count:error|errors}.',
  },
  // Fields a letter must not hold (src/template/field-policy.ts, docs/word-fields.md).
  'render.field-external': {
    da: 'Feltet {type} henter indhold uden for brevet (en fil, en adresse på nettet eller et andet program), når borgeren åbner brevet. Brevet dannes ikke.',
    en: 'The field {type} fetches content from outside the letter (a file, a web address or another program) when the citizen opens the letter. The letter is not made.',
  },
  'render.field-runs': {
    da: 'Feltet {type} kan køre en makro, et program eller en printerkommando hos borgeren. Brevet dannes ikke.',
    en: "The field {type} can run a macro, a program or a printer command on the citizen's machine. The letter is not made.",
  },
  'render.field-prompt': {
    da: 'Feltet {type} beder borgeren om at skrive noget, når brevet åbnes. Brevet dannes ikke.',
    en: 'The field {type} asks the citizen to type something when the letter is opened. The letter is not made.',
  },
  'render.field-interactive': {
    da: 'Feltet {type} er et formularfelt eller en knap, som borgeren kan ændre eller klikke på; et brev er ikke en formular. Brevet dannes ikke.',
    en: 'The field {type} is a form field or a button the citizen can change or click; a letter is not a form. The letter is not made.',
  },
  'render.field-dated': {
    da: 'Feltet {type} viser en dato fra skabelonen eller fra borgerens computer, ikke brevets dato; brug flettefeltet Brev.Dato. Brevet dannes ikke.',
    en: "The field {type} shows a date from the template or from the citizen's computer, not the letter's date; use the merge field Brev.Dato. The letter is not made.",
  },
  'render.field-merge-records': {
    da: 'Feltet {type} styrer en Word-brevfletning med flere poster; kp-brev danner ét brev pr. sag. Brevet dannes ikke.',
    en: 'The field {type} controls a Word mail merge over several records; kp-brev makes one letter per case. The letter is not made.',
  },
  'render.field-unknown-type': {
    da: 'Feltet {type} er ikke en felttype, kp-brev kender, og afvises for en sikkerheds skyld. Brevet dannes ikke.',
    en: 'The field {type} is not a field type kp-brev knows, and is refused to be safe. The letter is not made.',
  },
  'render.link-unsafe': {
    da: 'Linket går til "{url}", som ikke er en webadresse (https, http) eller en e-mailadresse (mailto); et link i et brev må ikke åbne en fil eller et program. Brevet dannes ikke.',
    en: 'The link goes to "{url}", which is not a web address (https, http) or an e-mail address (mailto); a link in a letter must not open a file or a program. The letter is not made.',
  },
  'render.live-number': {
    da: 'En værdi fra sagen skal indgå i en formel, som først beregnes, når brevet vises (den afhænger af sidetallet), men værdien er ikke et tal. Brevet dannes ikke.',
    en: 'A value from the case goes into a formula that is computed only when the letter is shown (it depends on the page number), but the value is not a number. The letter is not made.',
  },
  'render.live-pattern': {
    da: 'En værdi fra sagen skal sammenlignes i en betingelse, som først afgøres, når brevet vises (den afhænger af sidetallet), men den indeholder * eller ?, som Word læser som jokertegn. Brevet dannes ikke.',
    en: 'A value from the case is compared in a condition that is decided only when the letter is shown (it depends on the page number), but it holds * or ?, which Word reads as wildcards. The letter is not made.',
  },
  'render.live-value': {
    da: 'Et felt inde i feltet {type} står uden for feltets argumenter, så dets værdi kan ikke skrives sikkert. Brevet dannes ikke.',
    en: "A field inside the field {type} stands outside the field's arguments, so its value cannot be written safely. The letter is not made.",
  },
  'render.placeholder-refused': { da: 'AFVIST FELT: {type}', en: 'REFUSED FIELD: {type}' },
  'render.placeholder-missing': { da: 'MANGLER: {field}', en: 'MISSING: {field}' },
  'render.placeholder-error': { da: 'FELTFEJL', en: 'FIELD ERROR' },
  // External relationships a letter must not carry (src/template/external-refs.ts).
  'render.external-reference': {
    da: 'Delen {part} henviser til {target} uden for brevet (en relation af typen {type}), som Word henter eller åbner, når borgeren åbner brevet eller klikker. Et brev må kun henvise til webadresser (https, http) og e-mailadresser (mailto) i links; indsæt billeder og andet indhold i skabelonen i stedet for at linke til det. Brevet dannes ikke.',
    en: 'The part {part} refers to {target} outside the letter (a relationship of type {type}), which Word fetches or opens when the citizen opens the letter or clicks. A letter may only refer to web addresses (https, http) and e-mail addresses (mailto) in links; insert pictures and other content into the template instead of linking to it. The letter is not made.',
  },
  // Word's own error results (src/template/word-errors.ts) and fields kp-brev reads from the document.
  'render.word-error': {
    da: 'Feltet giver Words fejltekst "{text}". Et brev sendes aldrig med en fejltekst. Brevet dannes ikke.',
    en: 'The field gives Word\'s error text "{text}". A letter never goes out with an error text. The letter is not made.',
  },
  'render.format-range': {
    da: 'Feltet "{field}" har værdien "{value}", som formateringen \\* {format} ikke kan skrive (Word viser "Fejl! Tallet kan ikke repræsenteres i det angivne format.").',
    en: 'The field "{field}" has the value "{value}", which the format \\* {format} cannot write (Word shows "Error! Number cannot be represented in specified format.").',
  },
  'render.format-language': {
    da: 'Formateringen \\* {format} skriver tal med ord eller som ordenstal på feltets sprog ({lang}); kp-brev kan det kun på dansk og engelsk. Sæt sproget på feltkoden til dansk eller engelsk.',
    en: "The format \\* {format} writes numbers in words or as ordinals in the field's language ({lang}); kp-brev can do so only in Danish and English. Set the field code's language to Danish or English.",
  },
} as const satisfies Record<string, MessageText>;
