/** region-structure: TableStart/TableEnd markers that do not make a usable region. */
import type { Rule } from '../types.js';
import { fieldPlace } from '../helpers.js';
import { regionStructureMessages } from '../../i18n/messages/regions.js';

/** The renderer's texts (src/i18n/messages/regions.ts), by the problem's short name. */
const MESSAGES = Object.fromEntries(Object.entries(regionStructureMessages).map(([id, text]) => [id.slice('region.'.length), text]));

const CELL = (text: string): string => `<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr><w:p>${text}</w:p></w:tc>`;
const FIELD = (code: string): string =>
  `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ${code} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«${code.replace(/^MERGEFIELD /, '')}»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`;
const TABLE = (row: string): string =>
  `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>` +
  `<w:tr><w:trPr><w:tblHeader/></w:trPr>${CELL('<w:r><w:t>Beskrivelse</w:t></w:r>')}${CELL('<w:r><w:t>Tilskud</w:t></w:r>')}</w:tr><w:tr>${row}</w:tr></w:tbl><w:p/>`;

export const regionStructure: Rule = {
  meta: {
    id: 'region-structure',
    severity: 'error',
    category: 'fields',
    accessibility: false,
    description: {
      da: 'Koderne TableStart:<liste> og TableEnd:<liste> skal danne et område, der kan gentages for hvert element i listen: et TableStart med et TableEnd efter sig med samme navn, ikke krydsende andre områder, begge i samme række (den gentages) eller i første og sidste af flere rækker i samme tabel, eller begge i afsnit uden for tabeller. Brevet dannes ikke, så længe et område er i stykker.',
      en: 'The codes TableStart:<list> and TableEnd:<list> must make a region that can repeat for each item of the list: a TableStart followed by a TableEnd of the same name, not crossing other regions, both in one row (it repeats) or in the first and last of several rows of one table, or both in paragraphs outside tables. No letter is made while a region is broken.',
    },
    messages: MESSAGES,
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'start-without-end', part: 'word/document.xml', paragraph: 2 }],
        description: { da: 'Et område uden afslutning.', en: 'A region without an end.' },
        doc: { body: ['Du mangler at sende:', '{ MERGEFIELD TableStart:Dokumenter }{ MERGEFIELD Navn }', 'Send dem senest { MERGEFIELD Svar.Frist }.'] },
      },
      {
        valid: false,
        errors: [{ messageId: 'crossing', part: 'word/document.xml', paragraph: 3 }],
        description: { da: 'To områder der krydser hinanden.', en: 'Two regions that cross.' },
        doc: {
          body: [
            '{ MERGEFIELD TableStart:Udgifter }{ MERGEFIELD Beskrivelse }',
            '{ MERGEFIELD TableStart:Linjer }{ MERGEFIELD Tekst }',
            '{ MERGEFIELD TableEnd:Udgifter }',
            '{ MERGEFIELD TableEnd:Linjer }',
          ],
        },
      },
      {
        valid: false,
        errors: [{ messageId: 'boundary', part: 'word/document.xml', paragraph: 3 }],
        description: { da: 'Et område der begynder i en tabel og slutter efter den.', en: 'A region that begins in a table and ends after it.' },
        doc: {
          xml:
            TABLE(CELL(FIELD('MERGEFIELD TableStart:Udgifter') + FIELD('MERGEFIELD Beskrivelse')) + CELL(FIELD('MERGEFIELD Tilskud'))) +
            `<w:p>${FIELD('MERGEFIELD TableEnd:Udgifter')}</w:p>`,
        },
      },
      {
        valid: true,
        description: {
          da: 'Rækken gentages for hver udgift: begyndelse i første celle, slutning i sidste (som i Aspose).',
          en: 'The row repeats for each expense: start in the first cell, end in the last (as in Aspose).',
        },
        doc: {
          xml: TABLE(
            CELL(FIELD('MERGEFIELD TableStart:Udgifter') + FIELD('MERGEFIELD Beskrivelse')) +
              CELL(FIELD('MERGEFIELD Tilskud') + FIELD('MERGEFIELD TableEnd:Udgifter')),
          ),
        },
      },
      {
        valid: true,
        description: {
          da: 'Én række gentages for hver udgift: begge koder i første celle.',
          en: 'One row repeats for each expense: both codes in the first cell.',
        },
        doc: {
          xml: TABLE(
            CELL(FIELD('MERGEFIELD TableStart:Udgifter') + FIELD('MERGEFIELD Beskrivelse') + FIELD('MERGEFIELD TableEnd:Udgifter')) +
              CELL(FIELD('MERGEFIELD Tilskud')),
          ),
        },
      },
      {
        valid: true,
        description: { da: 'Afsnit der gentages for hvert manglende dokument.', en: 'Paragraphs that repeat for each missing document.' },
        doc: {
          body: [
            'Du mangler at sende:',
            '{ MERGEFIELD TableStart:Dokumenter }{ MERGEFIELD Navn }{ MERGEFIELD TableEnd:Dokumenter }',
            'Send dem senest { MERGEFIELD Svar.Frist }.',
          ],
        },
      },
    ],
  },
  create(ctx) {
    return {
      story(plan) {
        for (const p of plan.regionProblems) ctx.report(p.code.slice('region.'.length), p.params, fieldPlace(ctx.model, p.field));
      },
    };
  },
};
