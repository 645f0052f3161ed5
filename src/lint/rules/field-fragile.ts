/**
 * field-fragile: a field code that Word evaluates although it is written loosely (an IF without
 * a comparison, extra arguments, a quotation mark never closed, a switch in the middle, braces
 * typed as text, no space before a nested field). kp-brev evaluates it as Word does
 * (docs/word-fields.md, Syntax), so it is a warning, never an error: the letter comes out as
 * Word shows it, but the code probably does not say what its author meant.
 */
import { formatMessage } from '../../i18n/index.js';
import { isFragile } from '../../fieldcode/index.js';
import type { Rule } from '../types.js';
import { fieldPlace, inCachedResult } from '../helpers.js';

const P = (inner: string): string => `<w:p>${inner}</w:p>`;
const R = (text: string): string => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const FIELD = (instr: string, result: string): string =>
  `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">${instr}</w:instrText></w:r>` +
  `<w:r><w:fldChar w:fldCharType="separate"/></w:r>${R(result)}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;

export const fieldFragile: Rule = {
  meta: {
    id: 'field-fragile',
    severity: 'warning',
    category: 'fields',
    accessibility: false,
    description: {
      da: 'En feltkode som Word godt kan udføre, men som er skrevet løst: IF uden sammenligning, argumenter i overskud, et anførselstegn der aldrig lukkes, en parameter midt i IF, tuborgklammer skrevet som tekst, intet mellemrum før et indlejret felt. kp-brev fletter den som Word, men den siger næppe det, forfatteren mente.',
      en: 'A field code Word does evaluate but that is written loosely: an IF without a comparison, extra arguments, a quotation mark never closed, a switch in the middle of an IF, braces typed as text, no space before a nested field. kp-brev merges it as Word does, but it hardly says what its author meant.',
    },
    messages: { fragile: { da: '{problem}', en: '{problemEn}' } },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'fragile', part: 'word/document.xml', paragraph: 1 }],
        description: {
          da: 'Sammenligningen mangler (= er glemt): Word viser altid "J".',
          en: 'The comparison is missing (= is forgotten): Word always shows "J".',
        },
        doc: { body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } "J" "Tekst" }'] },
      },
      {
        valid: false,
        errors: [{ messageId: 'fragile', part: 'word/document.xml', paragraph: 1 }],
        description: {
          da: 'Anførselstegnet lukkes aldrig: Word tager resten af koden med i teksten.',
          en: 'The quotation mark is never closed: Word takes the rest of the code into the text.',
        },
        doc: { body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Tekst }'] },
      },
      {
        valid: false,
        errors: [
          { messageId: 'fragile', part: 'word/document.xml', paragraph: 1 },
          { messageId: 'fragile', part: 'word/document.xml', paragraph: 1 },
          { messageId: 'fragile', part: 'word/document.xml', paragraph: 1 },
        ],
        description: {
          da: 'Tuborgklammer skrevet på tastaturet er ikke et felt: Word viser "REF".',
          en: 'Braces typed on the keyboard are not a field: Word shows "REF".',
        },
        doc: { xml: P(FIELD(' IF { REF Frist } = "" "Tom" "Ikke tom" ', 'REF')) },
      },
      {
        valid: false,
        errors: [{ messageId: 'fragile', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'En tekst i overskud efter falsk-teksten, som Word ser bort fra.', en: 'An extra text after the false text, which Word ignores.' },
        doc: { body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Ja" "Nej" "Måske" }'] },
      },
      {
        valid: true,
        description: {
          da: 'En korrekt betingelse med sammenligning og tekster i anførselstegn.',
          en: 'A correct condition with a comparison and quoted texts.',
        },
        doc: { body: ['{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Tekst" "" }'] },
      },
    ],
  },
  create(ctx) {
    return {
      field(f) {
        if (inCachedResult(f)) return;
        for (const p of f.parsed.problems) {
          if (!isFragile(p)) continue;
          ctx.report(
            'fragile',
            { problem: formatMessage(p.code, p.params, 'da'), problemEn: formatMessage(p.code, p.params, 'en') },
            { ...fieldPlace(ctx.model, f), offset: p.position.start },
          );
        }
      },
    };
  },
};
