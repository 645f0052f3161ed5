/**
 * Message catalog. Each id has a Danish and an English text with `{param}` placeholders.
 * Ids are stable: they are the `code` of diagnostics in JSON output and API errors.
 */
export const messages = {
  // Places
  'place.paragraph': { da: 'afsnit {n}', en: 'paragraph {n}' },
  'place.line': { da: 'linje {line}, kolonne {column}', en: 'line {line}, column {column}' },
  'place.offset': { da: 'tegn {n} i feltkoden', en: 'character {n} of the field code' },

  // Reading the package
  'package.not-zip': {
    da: 'Filen er ikke et Word-dokument (.docx): den er ikke et zip-arkiv.',
    en: 'The file is not a Word document (.docx): it is not a zip archive.',
  },
  'package.corrupt': {
    da: 'Filen er et beskadiget eller afkortet zip-arkiv og kan ikke læses ({detail}).',
    en: 'The file is a damaged or truncated zip archive and cannot be read ({detail}).',
  },
  'package.legacy-doc': {
    da: 'Filen er i det gamle Word-format (.doc) eller krypteret med adgangskode. Gem den som Word-dokument (.docx) uden adgangskode.',
    en: 'The file is in the old Word format (.doc) or encrypted with a password. Save it as a Word document (.docx) without a password.',
  },
  'package.empty': { da: 'Filen er tom.', en: 'The file is empty.' },
  'package.not-docx': {
    da: 'Zip-arkivet er ikke et Word-dokument: {detail} mangler.',
    en: 'The zip archive is not a Word document: {detail} is missing.',
  },
  'package.too-many-entries': {
    da: 'Filen indeholder {count} dele; grænsen er {limit}. Filen afvises for at beskytte systemet.',
    en: 'The file holds {count} entries; the limit is {limit}. It is refused to protect the system.',
  },
  'package.entry-too-large': {
    da: 'Delen {part} fylder {size} byte udpakket; grænsen er {limit} byte.',
    en: 'The part {part} is {size} bytes unpacked; the limit is {limit} bytes.',
  },
  'package.total-too-large': {
    da: 'Filen fylder mere end {limit} byte udpakket. Filen afvises for at beskytte systemet.',
    en: 'The file unpacks to more than {limit} bytes. It is refused to protect the system.',
  },
  'package.ratio': {
    da: 'Delen {part} pakker ud til {ratio} gange sin størrelse (en zip-bombe?); grænsen er {limit}.',
    en: 'The part {part} unpacks to {ratio} times its size (a zip bomb?); the limit is {limit}.',
  },
  'package.bad-entry': {
    da: 'Delen {part} kan ikke pakkes ud ({detail}).',
    en: 'The part {part} cannot be unpacked ({detail}).',
  },
  'package.bad-name': {
    da: 'Zip-arkivet har et ugyldigt delnavn: {part}.',
    en: 'The zip archive has an invalid entry name: {part}.',
  },
  'package.strict-ooxml': {
    da: 'Dokumentet er gemt som "Strict Open XML", som ikke understøttes. Gem det som almindeligt Word-dokument (.docx).',
    en: 'The document is saved as "Strict Open XML", which is not supported. Save it as a normal Word document (.docx).',
  },
  'package.namespace-prefix': {
    da: 'Delen {part} bruger et andet præfiks end "w" for WordprocessingML; det understøttes ikke.',
    en: 'The part {part} uses a prefix other than "w" for WordprocessingML; that is not supported.',
  },

  'package.field-depth': {
    da: 'Felterne i {part} er indlejret dybere end {limit} niveauer; skabelonen afvises.',
    en: 'The fields in {part} are nested deeper than {limit} levels; the template is refused.',
  },

  // XML
  'xml.too-deep': {
    da: 'Delen {part} er indlejret dybere end {limit} niveauer; filen afvises.',
    en: 'The part {part} is nested deeper than {limit} levels; the file is refused.',
  },
  'xml.invalid-utf8': {
    da: 'Delen {part} er ikke gyldig UTF-8-tekst.',
    en: 'The part {part} is not valid UTF-8 text.',
  },
  'xml.doctype': {
    da: 'Delen {part} indeholder en DOCTYPE-erklæring; det er ikke tilladt i et Word-dokument og afvises af sikkerhedshensyn.',
    en: 'The part {part} contains a DOCTYPE declaration; that is not allowed in a Word document and is refused for security.',
  },
  'xml.malformed': {
    da: 'Delen {part} er ikke gyldig XML: {detail}.',
    en: 'The part {part} is not well-formed XML: {detail}.',
  },
  'xml.encoding': {
    da: 'Delen {part} bruger tegnsættet {encoding}; kun UTF-8 og UTF-16 understøttes.',
    en: 'The part {part} uses the encoding {encoding}; only UTF-8 and UTF-16 are supported.',
  },

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
    da: 'Feltet har for mange argumenter: "{text}" er i overskud. Sæt tekst med mellemrum i anførselstegn.',
    en: 'The field has too many arguments: "{text}" is extra. Put text with spaces in quotation marks.',
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

  // Case context
  'context.not-json': {
    da: 'Sagskonteksten er ikke gyldig JSON: {detail}.',
    en: 'The case context is not valid JSON: {detail}.',
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
  'context.too-deep': {
    da: 'Sagskonteksten er indlejret dybere end {limit} niveauer ({path}).',
    en: 'The case context is nested deeper than {limit} levels ({path}).',
  },
  'context.invalid-number': {
    da: 'Værdien af {path} er et tal uden for det, der kan regnes med.',
    en: 'The value of {path} is a number out of range.',
  },
  'context.invalid-char': {
    da: 'Værdien af {path} indeholder et tegn der ikke kan stå i et brev (kode {code}).',
    en: 'The value of {path} contains a character that cannot appear in a letter (code {code}).',
  },

  // Rendering
  'render.missing-field': {
    da: 'Flettefeltet "{field}" har ingen værdi i sagskonteksten. Brevet dannes ikke.',
    en: 'The merge field "{field}" has no value in the case context. The letter is not made.',
  },
  'render.field-not-value': {
    da: 'Flettefeltet "{field}" er {kind} i sagskonteksten, ikke en tekst, et tal eller en dato.',
    en: 'The merge field "{field}" is {kind} in the case context, not a text, number or date.',
  },
  'context.question-answer': {
    da: 'Flettespørgsmålet "{key}" er besvaret med "{value}"; svaret skal være "J" eller "N".',
    en: 'The flettespørgsmål "{key}" is answered "{value}"; the answer must be "J" or "N".',
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
  'render.formula': {
    da: 'Formelfeltet kan ikke beregnes ({detail}). Brevet dannes ikke.',
    en: 'The formula field cannot be computed ({detail}). The letter is not made.',
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
    da: 'Brevet fra {template} dannes ikke: {count} fejl.',
    en: 'The letter from {template} is not made: {count} errors.',
  },
  'render.placeholder-missing': { da: 'MANGLER: {field}', en: 'MISSING: {field}' },
  'render.placeholder-error': { da: 'FELTFEJL', en: 'FIELD ERROR' },


  // Template repository, manifests and catalog
  'repo.yaml-syntax': {
    da: 'Filen er ikke gyldig YAML/JSON: {detail}.',
    en: 'The file is not valid YAML/JSON: {detail}.',
  },
  'repo.schema-required': {
    da: '{entry} mangler feltet "{field}".',
    en: '{entry} lacks the field "{field}".',
  },
  'repo.schema-unknown': {
    da: '{entry} har det ukendte felt "{field}" (stavefejl?).',
    en: '{entry} has the unknown field "{field}" (a typo?).',
  },
  'repo.schema-enum': {
    da: '{entry}: "{field}" skal være en af: {allowed}.',
    en: '{entry}: "{field}" must be one of: {allowed}.',
  },
  'repo.schema-type': {
    da: '{entry}: "{field}" har en forkert type; den skal være {type}.',
    en: '{entry}: "{field}" has the wrong type; it must be {type}.',
  },
  'repo.schema-value': {
    da: '{entry}: "{field}" har en ugyldig værdi ({detail}).',
    en: '{entry}: "{field}" has an invalid value ({detail}).',
  },
  'repo.duplicate-id': {
    da: '{kind} "{id}" er beskrevet mere end én gang.',
    en: '{kind} "{id}" is described more than once.',
  },
  'repo.unknown-ref': {
    da: '{entry} henviser til {kind} "{id}", som ikke findes.',
    en: '{entry} refers to {kind} "{id}", which does not exist.',
  },
  'repo.file-missing': {
    da: '{entry} henviser til filen {path}, som ikke findes.',
    en: '{entry} refers to the file {path}, which does not exist.',
  },
  'repo.unknown-template': {
    da: 'Skabelonen "{id}" findes ikke{where}.',
    en: 'The template "{id}" does not exist{where}.',
  },
  'repo.unknown-kommune': {
    da: 'Kommunen {kommune} har ingen skabeloner i {dir}.',
    en: 'The municipality {kommune} has no templates in {dir}.',
  },
  'repo.no-repository': {
    da: 'Mappen {dir} er ikke et skabelonarkiv: {file} mangler.',
    en: 'The folder {dir} is not a template repository: {file} is missing.',
  },
  'repo.kommune-mismatch': {
    da: '{file} siger kommune {stated}, men ligger i mappen for kommune {folder}.',
    en: '{file} says municipality {stated} but sits in the folder of municipality {folder}.',
  },
  'repo.override-base': {
    da: 'overskrivningen af {kind} "{id}" bygger på "{basedOn}", men den centrale hedder "{central}".',
    en: 'the override of {kind} "{id}" is based on "{basedOn}" but the central one is "{central}".',
  },
  'repo.override-content': {
    da: 'overskrivningen af {kind} "{id}" skal have {what}.',
    en: 'the override of {kind} "{id}" must have {what}.',
  },


  // Composition of letters
  'compose.no-placeholder': {
    da: 'Masterskabelonen "{key}" har intet afsnit med { MERGEFIELD Skabelon:Indhold }, så beskedskabelonen har ingen plads.',
    en: 'The master "{key}" has no paragraph with { MERGEFIELD Skabelon:Indhold }, so the message has no place.',
  },
  'compose.many-placeholders': {
    da: 'Masterskabelonen "{key}" har mere end ét { MERGEFIELD Skabelon:Indhold }.',
    en: 'The master "{key}" has more than one { MERGEFIELD Skabelon:Indhold }.',
  },
  'compose.placeholder-place': {
    da: '{ MERGEFIELD {field} } står et sted hvor det ikke kan bruges (i "{key}"): det skal stå i brødteksten, ikke i en sidehoved/sidefod eller inde i en anden feltkode.',
    en: '{ MERGEFIELD {field} } stands where it cannot be used (in "{key}"): it must be in the body, not in a header or footer or inside another field code.',
  },
  'compose.placeholder-alone': {
    da: '{ MERGEFIELD {field} } skal stå alene i sit afsnit.',
    en: '{ MERGEFIELD {field} } must stand alone in its paragraph.',
  },
  'compose.cycle': {
    da: 'Indholdselementerne indsætter hinanden i ring: {chain}.',
    en: 'The content elements include each other in a circle: {chain}.',
  },
  'compose.missing-element': {
    da: 'Indholdselementet "{key}" (brugt i "{from}") findes ikke.',
    en: 'The content element "{key}" (used in "{from}") does not exist.',
  },
  'compose.html-block-place': {
    da: 'Html-flettetekst "{field}" har afsnit, lister eller tabeller og skal derfor stå alene i sit afsnit i brødteksten.',
    en: 'The Html flettetekst "{field}" holds paragraphs, lists or tables and must therefore stand alone in its paragraph in the body.',
  },
  'compose.html-dangerous': {
    da: 'Html-flettetekst "{field}" indeholder farligt indhold ({detail}) og bruges ikke.',
    en: 'The Html flettetekst "{field}" contains dangerous content ({detail}) and is not used.',
  },
  'compose.html-unsupported': {
    da: 'Html-flettetekst "{field}" bruger {detail}, som ikke understøttes (tilladt: p, br, b, strong, i, em, u, ul, ol, li, a, h1-h3, table).',
    en: 'The Html flettetekst "{field}" uses {detail}, which is not supported (allowed: p, br, b, strong, i, em, u, ul, ol, li, a, h1-h3, table).',
  },
  'compose.flettetekst-syntax': {
    da: 'Flettetekst "{field}" har en fejl ved tegn {offset}: {detail}.',
    en: 'The flettetekst "{field}" has an error at character {offset}: {detail}.',
  },
  'compose.not-in-quotes': {
    da: 'Flettetekst "{field}" står inde i en feltkode uden anførselstegn; sæt den i en tekst i anførselstegn.',
    en: 'The flettetekst "{field}" stands inside a field code without quotation marks; put it in quoted text.',
  },
  'compose.unsupported': {
    da: '"{key}" indeholder noget der ikke kan flyttes ind i brevet: {what}.',
    en: '"{key}" contains something that cannot be moved into the letter: {what}.',
  },
  'compose.docdefaults': {
    da: '"{key}" har en anden standardskrift end masterskabelonen; masterens bruges.',
    en: '"{key}" has other default text formatting than the master; the master\'s is used.',
  },
  'compose.comments-removed': {
    da: 'Kommentarer i "{key}" er fjernet fra brevet.',
    en: 'Comments in "{key}" were removed from the letter.',
  },
  'compose.section-removed': {
    da: 'Sektionsskift i "{key}" er fjernet; masterskabelonen bestemmer siden.',
    en: 'Section breaks in "{key}" were removed; the master decides the page.',
  },

  // remap-keys
  'remap.missing-key': {
    da: 'Nøglen "{key}" findes ikke i nøglekortet; filen ændres ikke.',
    en: 'The key "{key}" is not in the key map; the file is not changed.',
  },
  'remap.done': {
    da: '{count} flettespørgsmål skrevet om i {file}.',
    en: '{count} flettespørgsmål rewritten in {file}.',
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
    da: '{count} breve dannet i {dir} ({cases} sager × {combinations} kombinationer af flettespørgsmål). Se {index}.',
    en: '{count} letters made in {dir} ({cases} cases × {combinations} combinations of flettespørgsmål). See {index}.',
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
    da: 'Brevet er dannet: {file} ({fields} felter flettet).',
    en: 'The letter is made: {file} ({fields} fields merged).',
  },
  'cli.rendered-pdf': {
    da: 'Brevet er dannet: {file} ({pages}, {fields} felter flettet).',
    en: 'The letter is made: {file} ({pages}, {fields} fields merged).',
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
  'cli.serving': { da: 'kp-brev lytter på {address}. Stop med Ctrl+C (igangværende breve gøres færdige).', en: 'kp-brev is listening on {address}. Stop with Ctrl+C (letters in progress are finished).' },
  'cli.token': {
    da: 'Ny adgangsnøgle (vises kun nu; gem den i sagssystemet):\n  {token}\nLinje til credentials i serverens konfiguration (kun hashen gemmes):\n  {line}',
    en: 'New token (shown only now; store it in the case system):\n  {token}\nLine for credentials in the server configuration (only the hash is stored):\n  {line}',
  },
  'cli.batch-summary': {
    da: '{made} breve lavet, {failed} fejl (se {out}/errors.ndjson), {skipped} allerede lavet af en tidligere kørsel; {seconds} s, {rate} breve/s.',
    en: '{made} letters made, {failed} failed (see {out}/errors.ndjson), {skipped} already made by an earlier run; {seconds} s, {rate} letters/s.',
  },
  'cli.rendered-preview': {
    da: 'Forhåndsvisning dannet: {file}. {missing} felter uden værdi er vist som pladsholdere.',
    en: 'Preview made: {file}. {missing} fields without a value are shown as placeholders.',
  },
  'cli.internal': {
    da: 'Intern fejl i kp-brev: {detail}. Fejlen er ikke din; meld den med filen der udløste den.',
    en: 'Internal error in kp-brev: {detail}. It is not your fault; report it with the file that caused it.',
  },
  'cli.fields-summary': {
    da: '{count} felter i {file}, {errors} med fejl.',
    en: '{count} fields in {file}, {errors} with errors.',
  },
} as const satisfies Record<string, { da: string; en: string }>;
