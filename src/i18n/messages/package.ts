/** Reading the package: the zip archive, its limits and the XML of its parts. */
import type { MessageText } from '../index.js';

export const packageMessages = {
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
} as const satisfies Record<string, MessageText>;
