/** Help texts of the CLI, Danish and English. */
import type { Lang } from '../i18n/index.js';

const da = {
  program: 'Brevskabeloner til KP (Kommunernes Pensionssystem): flet, tjek og vis breve.',
  version: 'vis versionen',
  help: 'vis hjælp',
  lang: 'sprog for meddelelser: da eller en',
  render: 'dan et brev ud fra en skabelon og en sagskontekst (JSON)',
  templateArg: 'skabelonen (.docx)',
  context: 'sagskonteksten (JSON-fil)',
  out: 'hvor brevet skrives (.docx)',
  preview: 'forhåndsvisning: felter uden værdi vises som gule pladsholdere i stedet for at afvise brevet',
  removeEmpty: 'fjern afsnit som betingelser har efterladt tomme',
  fields: 'vis alle felter i en skabelon, som Words Alt+F9-visning',
  format: 'uddataformat: text eller json',
  templateId: 'skabelonens id i skabelonarkivet, fx np_1011',
  kommune: 'kommunekode; kommunens overskrivninger bruges',
  templatesDir: 'skabelonarkivets mappe (standard: templates)',
  templates: 'vis skabelonerne i skabelonarkivet med deres status',
  previewCmd: 'dan et brev for hver eksempelsag og kombination af flettespørgsmål',
  samplesDir: 'mappen med eksempelsager (standard: samples/sager)',
  outDir: 'mappen brevene skrives i',
  remap: 'skriv nøglerne til flettespørgsmål om, fx fra træningsmiljøet til produktion',
  map: 'nøglekort (JSON: gammel nøgle → ny nøgle)',
};

const en: typeof da = {
  program: 'Letter templates for KP (Kommunernes Pensionssystem): merge, check and preview letters.',
  version: 'show the version',
  help: 'show help',
  lang: 'language of messages: da or en',
  render: 'make a letter from a template and a case context (JSON)',
  templateArg: 'the template (.docx)',
  context: 'the case context (JSON file)',
  out: 'where the letter is written (.docx)',
  preview: 'preview: fields without a value show as yellow placeholders instead of refusing the letter',
  removeEmpty: 'remove paragraphs that conditions left empty',
  fields: "list every field of a template, like Word's Alt+F9 view",
  format: 'output format: text or json',
  templateId: 'the template id in the template repository, e.g. np_1011',
  kommune: "municipality code; the municipality's overrides are used",
  templatesDir: 'folder of the template repository (default: templates)',
  templates: 'list the templates of the repository with their status',
  previewCmd: 'make a letter for every sample case and combination of flettespørgsmål',
  samplesDir: 'folder of sample cases (default: samples/sager)',
  outDir: 'folder the letters are written to',
  remap: 'rewrite flettespørgsmål keys, e.g. from the training environment to production',
  map: 'key map (JSON: old key -> new key)',
};

export function cliText(lang: Lang): typeof da {
  return lang === 'en' ? en : da;
}
