/** The command line: remap-keys, lint configuration and the commands' own reports. */
import type { MessageText } from '../message-text.js';

export const cliMessages = {
  // remap-keys
  'remap.missing-key': {
    da: 'Nøglen "{key}" findes ikke i nøglekortet; filen ændres ikke.',
    en: 'The key "{key}" is not in the key map; the file is not changed.',
  },
  'remap.done': {
    da: '{count:flettespørgsmål|flettespørgsmål} skrevet om i {file}.',
    en: '{count:flettespørgsmål|flettespørgsmål} rewritten in {file}.',
  },
  'remap.bad-map': {
    da: 'Nøglekortet {file} skal være et JSON-objekt med nøgle → ny nøgle (tekster).',
    en: 'The key map {file} must be a JSON object of key → new key (texts).',
  },

  // lint
  'lint.config': {
    da: 'Konfigurationen {file} kan ikke bruges ({detail}).',
    en: 'The configuration {file} cannot be used ({detail}).',
  },
  'lint.config-rule': {
    da: 'Konfigurationen {file} nævner reglen "{rule}", som ikke findes.',
    en: 'The configuration {file} names the rule "{rule}", which does not exist.',
  },

  // CLI
  'cli.template-or-file': {
    da: 'Angiv enten en skabelonfil eller --template <id>, ikke begge.',
    en: 'Give either a template file or --template <id>, not both.',
  },
  'cli.preview-done': {
    da: '{count:brev|breve} dannet i {dir} ({cases:sag|sager} × {combinations:kombination|kombinationer} af flettespørgsmål). Se {index}.',
    en: '{count:letter|letters} made in {dir} ({cases:case|cases} × {combinations:combination|combinations} of flettespørgsmål). See {index}.',
  },
  'cli.no-samples': {
    da: 'Der er ingen eksempelsager til {id} i {dir}.',
    en: 'There are no sample cases for {id} in {dir}.',
  },
  'cli.usage': { da: 'Forkert brug: {detail}', en: 'Usage error: {detail}' },
  'cli.file-not-found': {
    da: 'Filen {file} findes ikke eller kan ikke læses.',
    en: 'The file {file} does not exist or cannot be read.',
  },
  'cli.write-failed': {
    da: 'Filen {file} kan ikke skrives ({detail}).',
    en: 'The file {file} cannot be written ({detail}).',
  },
  'cli.rendered': {
    da: 'Brevet er dannet: {file} ({fields:felt|felter} flettet).',
    en: 'The letter is made: {file} ({fields:field|fields} merged).',
  },
  'cli.rendered-pdf': {
    da: 'Brevet er dannet: {file} ({pages}, {fields:felt|felter} flettet).',
    en: 'The letter is made: {file} ({pages}, {fields:field|fields} merged).',
  },
  'cli.no-libreoffice': {
    da: 'LibreOffice (soffice) findes ikke på maskinen. Installér libreoffice-writer-nogui, eller lad kp-brev tegne PDF-brevet selv.',
    en: 'LibreOffice (soffice) is not on this machine. Install libreoffice-writer-nogui, or let kp-brev draw the PDF letter itself.',
  },
  'cli.libreoffice-failed': {
    da: 'LibreOffice kunne ikke lave PDF-brevet: {detail}',
    en: 'LibreOffice could not make the PDF letter: {detail}',
  },
  'cli.attachments-need-pdf': {
    da: 'Bilag kan kun sættes efter et PDF-brev: brug --out brev.pdf eller --format pdf.',
    en: 'Attachments can only follow a PDF letter: use --out letter.pdf or --format pdf.',
  },
  'cli.serving': {
    da: 'kp-brev lytter på {address}. Stop med Ctrl+C (igangværende breve gøres færdige).',
    en: 'kp-brev is listening on {address}. Stop with Ctrl+C (letters in progress are finished).',
  },
  'cli.token': {
    da: 'Ny adgangsnøgle (vises kun nu; gem den i sagssystemet):\n  {token}\nLinje til credentials i serverens konfiguration (kun hashen gemmes):\n  {line}',
    en: 'New token (shown only now; store it in the case system):\n  {token}\nLine for credentials in the server configuration (only the hash is stored):\n  {line}',
  },
  'cli.batch-summary': {
    da: '{made:brev|breve} lavet, {failed:fejl|fejl} (se {out}/errors.ndjson), {skipped} allerede lavet af en tidligere kørsel; {seconds} s, {rate} breve/s.',
    en: '{made:letter|letters} made, {failed} failed (see {out}/errors.ndjson), {skipped} already made by an earlier run; {seconds} s, {rate} letters/s.',
  },
  'cli.rendered-preview': {
    da: 'Forhåndsvisning dannet: {file}. {missing:felt uden værdi er vist som pladsholder|felter uden værdi er vist som pladsholdere}.',
    en: 'Preview made: {file}. {missing:field without a value is shown as a placeholder|fields without a value are shown as placeholders}.',
  },
  'cli.internal': {
    da: 'Intern fejl i kp-brev: {detail}. Fejlen er ikke din; meld den med filen der udløste den.',
    en: 'Internal error in kp-brev: {detail}. It is not your fault; report it with the file that caused it.',
  },
  'cli.fields-summary': {
    da: '{count:felt|felter} i {file}, {errors} med fejl.',
    en: '{count:field|fields} in {file}, {errors} with errors.',
  },
  'cli.outdated-overrides': {
    da: '{count:overskrivning bygger|overskrivninger bygger} på en ældre central version og skal gennemgås: {ids}.',
    en: '{count:override is|overrides are} based on an older central version and must be reviewed: {ids}.',
  },
  'cli.fields-live': {
    da: 'forbliver et felt i brevet; Word udfylder det, når brevet vises',
    en: 'stays a field in the letter; Word fills it in when the letter is shown',
  },
  'cli.fields-unlinked': {
    da: 'låses til det resultat Word har gemt',
    en: 'frozen to the result Word saved',
  },
  'cli.fields-refused': { da: 'afvist: {reason}', en: 'refused: {reason}' },
  'cli.fields-no-value': { da: 'ingen værdi: {reason}', en: 'no value: {reason}' },
  'cli.fields-unreached': {
    da: 'nås ikke med denne sag (i en gren af et IF, som ikke vælges)',
    en: 'not reached with this case (in a branch of an IF that is not taken)',
  },
  'cli.fields-differs': { da: 'afviger fra Word', en: 'differs from Word' },
  'cli.fields-values': {
    da: 'Med {case}: {values:felt|felter} har en værdi, {differ} afviger fra det resultat Word har gemt.',
    en: 'With {case}: {values:field|fields} with a value, {differ} of them differing from the result Word saved.',
  },
  'cli.fields-empty-case': { da: 'en tom sag', en: 'an empty case' },
  'cli.fields-regions': {
    da: '{count:liste|lister} gentager rækker eller afsnit for hvert element (TableStart:<liste> … TableEnd:<liste>):',
    en: '{count:list repeats|lists repeat} rows or paragraphs for each item (TableStart:<list> … TableEnd:<list>):',
  },
  'cli.fields-region': {
    da: '{name}: {kind}, {place}, afsnit {from}-{to}; felter: {fields}',
    en: '{name}: {kind}, {place}, paragraphs {from}-{to}; fields: {fields}',
  },
  'cli.fields-region-rows': { da: 'tabelrækker', en: 'table rows' },
  'cli.fields-region-paragraphs': { da: 'afsnit', en: 'paragraphs' },
  'cli.fields-region-none': { da: '(ingen)', en: '(none)' },
  'cli.out-extension': {
    da: 'Brevet skrives som .docx eller .pdf, men --out {file} har ingen af de endelser. Giv filen endelsen .docx eller .pdf, eller vælg formatet med --format docx|pdf.',
    en: 'The letter is written as .docx or .pdf, but --out {file} has neither extension. Give the file the extension .docx or .pdf, or choose the format with --format docx|pdf.',
  },
  'cli.out-format-mismatch': {
    da: '--format {format} skriver brevet som .{format}, men --out {file} har endelsen {ext}. Brug endelsen .{format} (eller ingen endelse).',
    en: '--format {format} writes the letter as .{format}, but --out {file} has the extension {ext}. Use the extension .{format} (or none).',
  },
  'remap.out-extension': {
    da: 'remap-keys skriver en skabelon (.docx), men --out {file} har ikke endelsen .docx.',
    en: 'remap-keys writes a template (.docx), but --out {file} does not have the extension .docx.',
  },
  'cli.preview-missing': {
    da: '{letters} af {count:brev|breve} mangler felter eller svar på flettespørgsmål (vist som gule pladsholdere): {what}. Se hvilke breve og hvor i {index}.',
    en: 'Letters that lack fields or answers to flettespørgsmål (shown as yellow placeholders): {letters} of {count}; they lack {what}. See which letters and where in {index}.',
  },
  'cli.preview-complete': {
    da: 'Ingen af brevene mangler felter eller svar på flettespørgsmål.',
    en: 'None of the letters lacks a field or an answer to a flettespørgsmål.',
  },
} as const satisfies Record<string, MessageText>;
