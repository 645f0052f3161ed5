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
};

export function cliText(lang: Lang): typeof da {
  return lang === 'en' ? en : da;
}
