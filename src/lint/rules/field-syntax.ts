/** field-syntax: a field code that does not parse, or a field that never ends. Forms Word
 * evaluates although they are written loosely are field-fragile's (a warning), never errors. */
import { formatMessage } from '../../i18n/index.js';
import { isFragile } from '../../fieldcode/index.js';
import type { FieldNode } from '../../ooxml/fields.js';
import type { Rule } from '../types.js';
import { fieldPlace, inCachedResult, paragraphPlace } from '../helpers.js';
import { bookmarkNames } from '../../template/field-policy.js';
import { nearest } from '../../suggest.js';

/** Word's field types (Insert > Quick Parts > Field, ECMA-376 17.16.5, and the older ones Word
 * still reads). Any other first word is not a field Word knows. */
export const WORD_FIELD_TYPES: ReadonlySet<string> = new Set(
  (
    '= ADDIN ADDRESSBLOCK ADVANCE ASK AUTHOR AUTONUM AUTONUMLGL AUTONUMOUT AUTOTEXT AUTOTEXTLIST BARCODE BIBLIOGRAPHY ' +
    'BIDIOUTLINE CITATION COMMENTS COMPARE CONTROL CREATEDATE DATA DATABASE DATE DDE DDEAUTO DISPLAYBARCODE DOCPROPERTY ' +
    'DOCVARIABLE EDITTIME EMBED EQ FILENAME FILESIZE FILLIN FORMCHECKBOX FORMDROPDOWN FORMTEXT GLOSSARY GOTOBUTTON ' +
    'GREETINGLINE HTMLCONTROL HYPERLINK IF IMPORT INCLUDE INCLUDEPICTURE INCLUDETEXT INDEX INFO KEYWORDS LASTSAVEDBY LINK ' +
    'LISTNUM MACROBUTTON MERGEBARCODE MERGEFIELD MERGEREC MERGESEQ NEXT NEXTIF NOTEREF NUMCHARS NUMPAGES NUMWORDS OCX PAGE ' +
    'PAGEREF PRINT PRINTDATE PRIVATE QUOTE RD REF REVNUM SAVEDATE SECTION SECTIONPAGES SEQ SET SHAPE SKIPIF STYLEREF ' +
    'SUBJECT SYMBOL TA TC TEMPLATE TIME TITLE TOA TOC USERADDRESS USERINITIALS USERNAME XE'
  ).split(' '),
);

/** The Word field type nearest to a misspelt one, if it is near enough to be meant. */
export function nearestFieldType(type: string): string | undefined {
  return nearest(type, WORD_FIELD_TYPES);
}

export const fieldSyntax: Rule = {
  meta: {
    id: 'field-syntax',
    severity: 'error',
    category: 'fields',
    accessibility: false,
    description: {
      da: 'En feltkode som Word ikke kan udføre (en IF uden betingelse eller tekst, ukendt parameter eller formatering, en felttype Word ikke kender som MERGFIELD), eller et felt der aldrig slutter. Koder som Word udfører, selv om de er skrevet løst, er field-fragile (en advarsel).',
      en: 'A field code Word cannot evaluate (an IF without a condition or text, an unknown switch or format, a field type Word does not know such as MERGFIELD), or a field that never ends. Codes Word evaluates although they are written loosely are field-fragile (a warning).',
    },
    messages: {
      problem: { da: '{problem}', en: '{problemEn}' },
      unknownType: {
        da: 'Felttypen "{type}" findes ikke i Word; mente du {suggestion}? Word viser "Fejl! Bogmærke er ikke defineret." i brevet.',
        en: 'Word has no field type "{type}"; did you mean {suggestion}? Word shows "Error! Bookmark not defined." in the letter.',
      },
      unknownTypeNoHint: {
        da: 'Felttypen "{type}" findes ikke i Word; Word viser "Fejl! Bogmærke er ikke defineret." i brevet.',
        en: 'Word has no field type "{type}"; Word shows "Error! Bookmark not defined." in the letter.',
      },
      unclosed: {
        da: 'Et felt begynder her men slutter aldrig; Word ignorerer det.',
        en: 'A field begins here but never ends; Word ignores it.',
      },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'problem', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'Teksten der skal vises, mangler.', en: 'The text to show is missing.' },
        doc: { body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" }'] },
      },
      {
        valid: false,
        errors: [{ messageId: 'problem', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'En formatering Word ikke kender (\\* Fed).', en: 'A format Word does not know (\\* Fed).' },
        doc: { body: ['Kære { MERGEFIELD Borger.Fornavn \\* Fed }'] },
      },
      {
        valid: false,
        errors: [{ messageId: 'unknownType', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'MERGEFIELD stavet forkert (MERGFIELD).', en: 'MERGEFIELD misspelt (MERGFIELD).' },
        doc: { body: ['Kære { MERGFIELD Borger.Fornavn }'] },
      },
      {
        valid: false,
        errors: [{ messageId: 'problem', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'En kontakt som MERGEFIELD ikke kender (\\x).', en: 'A switch MERGEFIELD does not know (\\x).' },
        doc: { body: ['Kære { MERGEFIELD Borger.Fornavn \\x }'] },
      },
      {
        valid: false,
        errors: [{ messageId: 'unclosed', part: 'word/document.xml', paragraph: 1 }],
        description: {
          da: 'Et felt der begynder, men aldrig slutter (slutmærket er slettet).',
          en: 'A field that begins but never ends (its end mark was deleted).',
        },
        doc: {
          xml: '<w:p><w:r><w:t xml:space="preserve">Kære </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD Borger.Fornavn </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«Borger.Fornavn»</w:t></w:r></w:p>',
        },
      },
      {
        valid: true,
        description: { da: 'En korrekt betingelse.', en: 'A correct condition.' },
        doc: { body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Tekst" }'] },
      },
      {
        valid: true,
        description: {
          da: 'Formateringer Word selv skriver, som \\* MERGEFORMATINET på et billede.',
          en: 'Formats Word writes itself, such as \\* MERGEFORMATINET on a picture.',
        },
        doc: { body: ['{ SEQ Bilag \\* ALPHABETIC \\* MERGEFORMATINET }'] },
      },
      {
        valid: true,
        description: {
          da: 'Word-felter som sidetal, og et bogmærke brugt som felt ({ Frist } er en kort REF).',
          en: 'Word fields such as page numbers, and a bookmark used as a field ({ Frist } is a short REF).',
        },
        doc: {
          xml:
            '<w:p><w:bookmarkStart w:id="0" w:name="Frist"/><w:r><w:t>14 dage</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>' +
            '<w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> af </w:t></w:r><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>2</w:t></w:r></w:fldSimple></w:p>' +
            '<w:p><w:r><w:t xml:space="preserve">Svar inden </w:t></w:r><w:fldSimple w:instr=" Frist "><w:r><w:t>14 dage</w:t></w:r></w:fldSimple></w:p>',
        },
      },
    ],
  },
  create(ctx) {
    const bookmarks = bookmarkNames(ctx.model.template.package);
    // Within a story the syntax problems come first, then unknown field types, then unclosed
    // fields (the order of the findings at one place).
    let unknownTypes: FieldNode[] = [];
    return {
      field(f) {
        if (inCachedResult(f)) return;
        for (const p of f.parsed.problems) {
          if (isFragile(p)) continue;
          ctx.report(
            'problem',
            { problem: formatMessage(p.code, p.params, 'da'), problemEn: formatMessage(p.code, p.params, 'en') },
            { ...fieldPlace(ctx.model, f), offset: p.position.start },
          );
        }
        const ins = f.parsed.instruction;
        // A bare bookmark name is Word's short form of REF.
        if (ins.type === 'field' && ins.fieldType && !WORD_FIELD_TYPES.has(ins.fieldType) && !bookmarks.has(ins.fieldType)) unknownTypes.push(f);
      },
      'story:exit'(plan) {
        for (const f of unknownTypes) {
          const ins = f.parsed.instruction;
          if (ins.type !== 'field') continue;
          const suggestion = nearestFieldType(ins.fieldType);
          if (suggestion) ctx.report('unknownType', { type: ins.fieldType, suggestion }, fieldPlace(ctx.model, f));
          else ctx.report('unknownTypeNoHint', { type: ins.fieldType }, fieldPlace(ctx.model, f));
        }
        unknownTypes = [];
        const seen = new Set<number>();
        for (const i of plan.stray) {
          const tok = plan.story.tokens[i]!;
          if (tok.t !== 'item' || tok.kind !== 'begin' || seen.has(tok.para)) continue;
          seen.add(tok.para);
          ctx.report('unclosed', {}, paragraphPlace(ctx.model, plan.story, tok.para));
        }
      },
    };
  },
};
