/** field-unsafe: a field the letter refuses: it reaches outside the document, runs something,
 * prompts the citizen or shows a wrong date (docs/word-fields.md). A type Word does not know is
 * refused too, but field-syntax names it (with the type it was probably meant to be). */
import type { FieldNode } from '../../ooxml/fields.js';
import { renderMessages } from '../../i18n/messages/render.js';
import { bookmarkNames, fieldRule, refusalParams, REFUSAL_MESSAGE } from '../../template/field-policy.js';
import type { MessageText } from '../../i18n/index.js';
import type { Rule } from '../types.js';
import { fieldPlace } from '../helpers.js';

/** One message per reason, worded as the refusal the letter would get. */
const MESSAGES = Object.fromEntries(
  Object.entries(REFUSAL_MESSAGE)
    .filter(([reason]) => reason !== 'unknown')
    .map(([reason, id]) => [reason, renderMessages[id as keyof typeof renderMessages]]),
) as Record<string, MessageText>;

/** Whether a field reaches the letter: not when it sits in the cached result of a field that is
 * computed (Word replaces that result), nor in the instruction of one that is unlinked. */
function reachesLetter(f: FieldNode, bookmarks: ReadonlySet<string>): boolean {
  for (let c = f; c.parent; c = c.parent) {
    const action = fieldRule(c.parent.parsed.instruction, bookmarks).action;
    if (!c.inInstruction && action === 'evaluate') return false;
    if (c.inInstruction && action === 'unlink') return false;
  }
  return true;
}

export const fieldUnsafe: Rule = {
  meta: {
    id: 'field-unsafe',
    severity: 'error',
    category: 'fields',
    accessibility: false,
    description: {
      da: 'Et felt som brevet afvises for: det henter indhold uden for brevet (DDE, INCLUDETEXT, INCLUDEPICTURE, LINK), kører noget (MACROBUTTON), beder borgeren om input (FILLIN, ASK), viser en forkert dato (DATE) eller er et link til en fil eller et program.',
      en: 'A field the letter is refused for: it fetches content from outside the letter (DDE, INCLUDETEXT, INCLUDEPICTURE, LINK), runs something (MACROBUTTON), asks the citizen for input (FILLIN, ASK), shows a wrong date (DATE) or is a link to a file or a program.',
    },
    messages: MESSAGES,
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'external', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'DDEAUTO starter et program, når brevet åbnes.', en: 'DDEAUTO starts a program when the letter is opened.' },
        doc: { body: ['{ DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe" }'] },
      },
      {
        valid: false,
        errors: [{ messageId: 'external', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'INCLUDETEXT henter tekst fra en fil på en anden computer.', en: 'INCLUDETEXT fetches text from a file on another computer.' },
        doc: { body: ['{ INCLUDETEXT "\\\\\\\\server\\\\del\\\\tekst.docx" }'] },
      },
      {
        valid: false,
        errors: [{ messageId: 'external', part: 'word/document.xml', paragraph: 1 }],
        description: {
          da: 'INCLUDEPICTURE henter et billede fra nettet og afslører, at brevet er åbnet.',
          en: 'INCLUDEPICTURE fetches a picture from the web and reveals that the letter was opened.',
        },
        doc: { body: ['{ INCLUDEPICTURE "http://example.com/spor.png" \\d }'] },
      },
      {
        valid: false,
        errors: [{ messageId: 'prompt', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'FILLIN beder borgeren om at skrive noget.', en: 'FILLIN asks the citizen to type something.' },
        doc: { body: ['Svar: { FILLIN "Skriv dit CPR-nummer" }'] },
      },
      {
        valid: false,
        errors: [{ messageId: 'link', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'Et link der åbner en fil.', en: 'A link that opens a file.' },
        doc: { body: ['{ HYPERLINK "file:///C:/Windows/System32/calc.exe" }'] },
      },
      {
        valid: true,
        description: { da: 'Sidetal: PAGE og NUMPAGES bliver felter i brevet.', en: 'Page numbers: PAGE and NUMPAGES stay fields in the letter.' },
        doc: { body: ['Side { PAGE } af { NUMPAGES }'] },
      },
      {
        valid: true,
        description: { da: 'Et link til en webadresse.', en: 'A link to a web address.' },
        doc: { body: ['Læs mere på { HYPERLINK "https://www.borger.dk" }'] },
      },
      {
        valid: true,
        description: {
          da: 'Et gammelt felt i den gemte visning af en betingelse tæller ikke: resultatet erstattes.',
          en: 'An old field in the saved display of a condition does not count: the result is replaced.',
        },
        doc: {
          xml: '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF "a" = "a" "Kære" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:fldSimple w:instr=" FILLIN Navn "><w:r><w:t>Kære</w:t></w:r></w:fldSimple><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
        },
      },
    ],
  },
  create(ctx) {
    const bookmarks = bookmarkNames(ctx.model.template.package, ctx.model.template.fieldNodes);
    return {
      field(f) {
        const rule = fieldRule(f.parsed.instruction, bookmarks);
        if (rule.action !== 'refuse' || !(rule.reason in MESSAGES) || !reachesLetter(f, bookmarks)) return;
        ctx.report(rule.reason, refusalParams(f.parsed.instruction), fieldPlace(ctx.model, f));
      },
    };
  },
};
