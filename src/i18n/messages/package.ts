/** Reading the package: the zip archive, its limits and the XML of its parts. */
import type { MessageText } from '../message-text.js';

export const packageMessages = {
  // Reading the package
  'package.not-zip': {
    da: 'Filen er ikke et Word-dokument (.docx): den er ikke et zip-arkiv.',
    en: 'The file is not a Word document (.docx): it is not a zip archive.',
  },
  'package.no-end-record': {
    da: 'Filen er et beskadiget eller afkortet zip-arkiv og kan ikke læses: arkivets slutpost (end of central directory) findes ikke.',
    en: 'The file is a damaged or truncated zip archive and cannot be read: its end record (end of central directory) is missing.',
  },
  'package.bad-directory': {
    da: 'Filen er et beskadiget eller afkortet zip-arkiv og kan ikke læses: indholdsfortegnelsen (central directory) er ikke hel eller ligger ikke, hvor arkivets slutpost siger.',
    en: 'The file is a damaged or truncated zip archive and cannot be read: its directory (central directory) is not whole or not where its end record says.',
  },
  'package.bad-header': {
    da: 'Filen er et beskadiget eller afkortet zip-arkiv og kan ikke læses: delen {part} har ikke den lokale header, indholdsfortegnelsen angiver (signatur, navn eller placering passer ikke).',
    en: 'The file is a damaged or truncated zip archive and cannot be read: the part {part} does not have the local header its directory record gives (the signature, name or place does not match).',
  },
  'package.entry-outside': {
    da: 'Delen {part} kan ikke pakkes ud: zip-arkivet angiver, at dens data går ud over filen eller ind i indholdsfortegnelsen. Filen er et beskadiget eller afkortet zip-arkiv.',
    en: 'The part {part} cannot be unpacked: the zip archive says its data runs past the file or into the directory. The file is a damaged or truncated zip archive.',
  },
  'package.entry-overlap': {
    da: 'Zip-arkivet er beskadiget eller forfalsket: delene {other} og {part} ligger oven i hinanden i filen. Filen afvises.',
    en: 'The zip archive is damaged or forged: the entries {other} and {part} overlap in the file. The file is refused.',
  },
  'package.duplicate-entry': {
    da: 'Zip-arkivet har to dele med navnet {part}. Filen afvises.',
    en: 'The zip archive has two entries named {part}. The file is refused.',
  },
  'package.entry-encrypted': {
    da: 'Delen {part} er krypteret i zip-arkivet og kan ikke læses. Gem dokumentet i Word uden adgangskode.',
    en: 'The part {part} is encrypted in the zip archive and cannot be read. Save the document in Word without a password.',
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
    da: 'Filen indeholder {count:del|dele}; grænsen er {limit}. Filen afvises for at beskytte systemet.',
    en: 'The file holds {count:entry|entries}; the limit is {limit}. It is refused to protect the system.',
  },
  'package.entry-too-large': {
    da: 'Delen {part} fylder {size:byte|byte} udpakket; grænsen er {limit:byte|byte}.',
    en: 'The part {part} is {size:byte|bytes} unpacked; the limit is {limit:byte|bytes}.',
  },
  'package.total-too-large': {
    da: 'Filen fylder mere end {limit:byte|byte} udpakket. Filen afvises for at beskytte systemet.',
    en: 'The file unpacks to more than {limit:byte|bytes}. It is refused to protect the system.',
  },
  'package.ratio': {
    da: 'Delen {part} pakker ud til {ratio:gang|gange} sin størrelse (en zip-bombe?); grænsen er {limit}.',
    en: 'The part {part} unpacks to {ratio:time|times} its size (a zip bomb?); the limit is {limit}.',
  },
  'package.bad-entry': {
    da: 'Delen {part} kan ikke pakkes ud (zip-læserens tekniske besked: {detail}).',
    en: 'The part {part} cannot be unpacked (the zip reader says: {detail}).',
  },
  'package.entry-compression': {
    da: 'Delen {part} er pakket med en metode, som Word ikke bruger (kun "stored" og "deflate" læses).',
    en: 'The part {part} is packed with a method Word does not use (only "stored" and "deflate" are read).',
  },
  'package.entry-size': {
    da: 'Delen {part} pakker ud til {size:byte|byte}, men zip-arkivet siger {declared:byte|byte}: arkivet er beskadiget.',
    en: 'The part {part} unpacks to {size:byte|bytes}, but the zip archive says {declared:byte|bytes}: the archive is damaged.',
  },
  'package.entry-oversize': {
    da: 'Delen {part} pakker ud til mere end de {declared:byte|byte}, zip-arkivet angiver: arkivet er beskadiget eller forfalsket.',
    en: 'The part {part} unpacks to more than the {declared:byte|bytes} the zip archive declares: the archive is damaged or forged.',
  },
  'package.unsafe-name': {
    da: 'Zip-arkivet har et ugyldigt delnavn: {part}. Et delnavn må ikke begynde med / eller et drevbogstav, ikke indeholde \\, %2F, %5C, kontroltegn, tomme led eller led, der ender på punktum (som . og ..). Filen afvises.',
    en: 'The zip archive has an invalid entry name: {part}. An entry name must not start with / or a drive letter, nor hold \\, %2F, %5C, control characters, empty segments or segments ending in a dot (such as . and ..). The file is refused.',
  },
  'package.duplicate-name': {
    da: 'Zip-arkivet har to dele med samme navn, når der ses bort fra store og små bogstaver: {other} og {part}. Filen afvises.',
    en: 'The zip archive has two entries with the same name apart from upper and lower case: {other} and {part}. The file is refused.',
  },
  'package.derived-name': {
    da: 'Zip-arkivet har både delen {other} og delen {part}, der bruger den som mappe. Filen afvises.',
    en: 'The zip archive has both the entry {other} and the entry {part}, which uses it as a folder. The file is refused.',
  },
  'package.entry-count': {
    da: 'Zip-arkivet er beskadiget: slutposten siger {declared:del|dele}, men indholdsfortegnelsen har {found}.',
    en: 'The zip archive is damaged: its end record says {declared:entry|entries}, but its directory holds {found}.',
  },
  'package.crc': {
    da: 'Delen {part} er beskadiget: kontrolsummen (CRC) passer ikke til indholdet.',
    en: 'The part {part} is damaged: its checksum (CRC) does not match its content.',
  },
  'package.trailing-data': {
    da: 'Delen {part} er beskadiget: zip-arkivet angiver {count:byte|byte} mere, end de pakkede data fylder.',
    en: 'The part {part} is damaged: the zip archive declares {count:byte|bytes} more than its compressed data holds.',
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
    da: 'Felterne i {part} er indlejret dybere end {limit:niveau|niveauer}; skabelonen afvises.',
    en: 'The fields in {part} are nested deeper than {limit:level|levels}; the template is refused.',
  },

  // XML
  'xml.too-deep': {
    da: 'Delen {part} er indlejret dybere end {limit:niveau|niveauer}; filen afvises.',
    en: 'The part {part} is nested deeper than {limit:level|levels}; the file is refused.',
  },
  'xml.invalid-utf8': {
    da: 'Delen {part} er ikke gyldig UTF-8-tekst.',
    en: 'The part {part} is not valid UTF-8 text.',
  },
  'xml.invalid-utf16': {
    da: 'Delen {part} er ikke gyldig UTF-16-tekst.',
    en: 'The part {part} is not valid UTF-16 text.',
  },
  'xml.encoding-mismatch': {
    da: 'Delen {part} siger i sin XML-erklæring, at den er skrevet i {declared}, men den er skrevet i {actual}. Filen afvises.',
    en: 'The part {part} says in its XML declaration that it is written in {declared}, but it is written in {actual}. The file is refused.',
  },
  'xml.utf16-no-bom': {
    da: 'Delen {part} er skrevet i UTF-16 uden byte order mark (BOM), som XML kræver. Gem dokumentet igen i Word.',
    en: 'The part {part} is written in UTF-16 without the byte order mark (BOM) that XML requires. Save the document again in Word.',
  },
  'xml.doctype': {
    da: 'Delen {part} indeholder en DOCTYPE-erklæring; det er ikke tilladt i et Word-dokument og afvises af sikkerhedshensyn.',
    en: 'The part {part} contains a DOCTYPE declaration; that is not allowed in a Word document and is refused for security.',
  },
  'xml.malformed': {
    da: 'Delen {part} er ikke gyldig XML (XML-læserens tekniske besked: {detail}).',
    en: 'The part {part} is not well-formed XML (the XML reader says: {detail}).',
  },
  // The XML reader's common complaints, said in words (src/ooxml/xml.ts maps them).
  'xml.malformed.unclosed': {
    da: 'Delen {part} er ikke gyldig XML: elementet <{name}> lukkes aldrig (er filen afkortet?).',
    en: 'The part {part} is not well-formed XML: the element <{name}> is never closed (is the file truncated?).',
  },
  'xml.malformed.unmatched': {
    da: 'Delen {part} er ikke gyldig XML: slutmærket </{name}> passer ikke til det element, der er åbent.',
    en: 'The part {part} is not well-formed XML: the end tag </{name}> does not match the open element.',
  },
  'xml.malformed.close': {
    da: 'Delen {part} er ikke gyldig XML: elementet <{name}> er ikke lukket, hvor slutmærket for et ydre element står.',
    en: 'The part {part} is not well-formed XML: the element <{name}> is not closed where the end tag of an outer element stands.',
  },
  'xml.malformed.end': {
    da: 'Delen {part} er ikke gyldig XML: teksten slutter midt i et mærke (er filen afkortet?).',
    en: 'The part {part} is not well-formed XML: the text ends inside a tag (is the file truncated?).',
  },
  'xml.malformed.no-root': {
    da: 'Delen {part} er ikke gyldig XML: den indeholder intet element.',
    en: 'The part {part} is not well-formed XML: it holds no element.',
  },
  'xml.malformed.two-roots': {
    da: 'Delen {part} er ikke gyldig XML: der står mere end ét element på øverste niveau.',
    en: 'The part {part} is not well-formed XML: there is more than one element at the top level.',
  },
  'xml.malformed.text-outside': {
    da: 'Delen {part} er ikke gyldig XML: der står tekst uden for dokumentets element.',
    en: 'The part {part} is not well-formed XML: there is text outside the document element.',
  },
  'xml.malformed.entity': {
    da: 'Delen {part} er ikke gyldig XML: en tegnreference (&…;) er ukendt eller forkert skrevet.',
    en: 'The part {part} is not well-formed XML: a character reference (&…;) is unknown or misspelt.',
  },
  'xml.malformed.character': {
    da: 'Delen {part} er ikke gyldig XML: den indeholder et tegn, som XML ikke tillader.',
    en: 'The part {part} is not well-formed XML: it holds a character XML does not allow.',
  },
  'xml.malformed.duplicate-attribute': {
    da: 'Delen {part} er ikke gyldig XML: egenskaben {name} står to gange i samme element.',
    en: 'The part {part} is not well-formed XML: the attribute {name} appears twice in one element.',
  },
  'xml.malformed.attribute': {
    da: 'Delen {part} er ikke gyldig XML: en egenskab i et mærke er forkert skrevet (værdien skal stå i anførselstegn).',
    en: 'The part {part} is not well-formed XML: an attribute in a tag is written wrongly (its value must be quoted).',
  },
  'xml.encoding': {
    da: 'Delen {part} bruger tegnsættet {encoding}; kun UTF-8 og UTF-16 understøttes.',
    en: 'The part {part} uses the encoding {encoding}; only UTF-8 and UTF-16 are supported.',
  },
} as const satisfies Record<string, MessageText>;
