/** blank-line-conditions: codes in paragraphs that hold nothing else leave empty lines when answered N. */
import { argumentText, type Argument } from '../../fieldcode/index.js';
import type { Rule } from '../types.js';
import type { ParagraphModel } from '../model.js';
import { placeOfParagraph } from '../helpers.js';

const R = (inner: string): string => `<w:r>${inner}</w:r>`;
/** `{ IF { MERGEFIELD Question:<key> } = "J" "<text>" }` as Word saves it. */
const IF_QUESTION = (key: string, text: string): string =>
  R('<w:fldChar w:fldCharType="begin"/>') +
  R('<w:instrText xml:space="preserve"> IF </w:instrText>') +
  R('<w:fldChar w:fldCharType="begin"/>') +
  R(`<w:instrText xml:space="preserve"> MERGEFIELD Question:${key} </w:instrText>`) +
  R('<w:fldChar w:fldCharType="separate"/>') +
  R(`<w:instrText>«Question:${key}»</w:instrText>`) +
  R('<w:fldChar w:fldCharType="end"/>') +
  R(`<w:instrText xml:space="preserve"> = "J" "${text}" </w:instrText>`) +
  R('<w:fldChar w:fldCharType="end"/>');

function emptyBranch(arg: Argument | undefined): boolean {
  if (!arg) return true;
  return arg.parts.every((p) => p.type === 'text') && argumentText(arg).replace(/[\r\s]/g, '') === '';
}

export const blankLineConditions: Rule = {
  meta: {
    id: 'blank-line-conditions',
    severity: 'warning',
    category: 'questions',
    accessibility: false,
    description: {
      da: 'En betingelse der står alene i sit afsnit efterlader en tom linje, når den ikke er opfyldt (fx når et flettespørgsmål besvares N). Skriv koderne i forlængelse af hinanden og af den tekst der følger, som KP-vejledningen anbefaler, eller hæng dem på afsnittet før med afsnitstegnet først i teksten.',
      en: 'A condition alone in its paragraph leaves an empty line when it does not hold (e.g. when a flettespørgsmål is answered N). Write the codes back to back and run them into the text that follows, as the KP guide advises, or hang them on the paragraph before with the paragraph mark first in their text.',
    },
    messages: {
      blank: {
        da: 'Afsnittet indeholder kun betingelser og bliver en tom linje, når ingen af dem er opfyldt. Flyt koderne ind i det næste afsnit eller ind i teksten.',
        en: 'The paragraph holds only conditions and becomes an empty line when none of them holds. Move the codes into the next paragraph or into the text.',
      },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'blank', part: 'word/document.xml', paragraph: 2 }],
        description: {
          da: 'Tom tekst når betingelsen er opfyldt (svaret J), alene i sit afsnit.',
          en: 'Empty text when the condition holds (answer J), alone in its paragraph.',
        },
        doc: {
          body: [
            'Vi har modtaget din ansøgning.',
            '{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "" "Vi mangler stadig regningen." }',
            'Send det senest om 14 dage.',
          ],
        },
      },
      {
        valid: true,
        description: {
          da: 'En betingelse alene i sit afsnit, men med tekst i begge tilfælde.',
          en: 'A condition alone in its paragraph, but with text either way.',
        },
        doc: {
          body: [
            'Vi har modtaget din ansøgning.',
            '{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Vi har regningen." "Vi mangler stadig regningen." }',
            'Send det senest om 14 dage.',
          ],
        },
      },
      {
        valid: false,
        errors: [
          { messageId: 'blank', part: 'word/document.xml', paragraph: 1 },
          { messageId: 'blank', part: 'word/document.xml', paragraph: 2 },
        ],
        description: { da: 'To spørgsmål på hver sin linje.', en: 'Two questions on lines of their own.' },
        doc: {
          body: [
            '{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Vi mangler regningen." }',
            '{ IF { MERGEFIELD Question:flettespoergsmaal-10024 } = "J" "Vi mangler overslaget." }',
            'Send det senest om 14 dage.',
          ],
        },
      },
      {
        valid: true,
        description: { da: 'Koderne i forlængelse af hinanden og af teksten.', en: 'The codes back to back and run into the text.' },
        doc: {
          body: [
            '{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "Vi mangler regningen.¶" }{ IF { MERGEFIELD Question:flettespoergsmaal-10024 } = "J" "Vi mangler overslaget.¶" }Send det senest om 14 dage.',
          ],
        },
      },
      {
        valid: true,
        description: {
          da: 'En betingelse der er det eneste i en tabelcelle: cellen har et afsnit under alle omstændigheder.',
          en: 'A condition that is all a table cell holds: the cell has a paragraph whatever happens.',
        },
        doc: {
          xml:
            '<w:tbl><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>Bilag</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Status</w:t></w:r></w:p></w:tc></w:tr>' +
            `<w:tr><w:tc><w:p><w:r><w:t>Regning</w:t></w:r></w:p></w:tc><w:tc><w:p>${IF_QUESTION('flettespoergsmaal-10023', 'Mangler')}</w:p></w:tc></w:tr></w:tbl><w:p/>`,
        },
      },
      {
        valid: true,
        description: {
          da: 'Valgfrie afsnit hængt på afsnittet før, hvert med sit eget afsnitstegn først.',
          en: 'Optional paragraphs hung on the paragraph before, each starting with its own paragraph mark.',
        },
        doc: {
          body: [
            'Vi mangler følgende fra dig:{ IF { MERGEFIELD Question:flettespoergsmaal-10023 } = "J" "¶en kopi af regningen" }{ IF { MERGEFIELD Question:flettespoergsmaal-10024 } = "J" "¶et prisoverslag" }',
            'Send det senest om 14 dage.',
          ],
        },
      },
    ],
  },
  create(ctx) {
    // A paragraph whose mark lies inside a field disappears with the field when the condition
    // fails, so what Word shows as one paragraph is a group: every paragraph up to and
    // including the next mark outside fields. The group is a blank line when it has no static
    // text or objects and every field reaching into it is an IF that can render nothing.
    let group: ParagraphModel[] = [];
    return {
      story() {
        group = [];
      },
      paragraph(p) {
        group.push(p);
        if (p.markInField) return;
        const members = group;
        group = [];
        if (members.some((m) => m.objects || m.text.trim() !== '')) return;
        // The only content of a table cell: the cell keeps a paragraph whatever the answer.
        const cell = members[0]!.cell;
        if (cell && cell.paragraphs.length === members.length && members.every((m) => m.cell === cell)) return;
        const fields = new Set(members.flatMap((m) => m.overlapping));
        if (!fields.size) return;
        const canBeEmpty = [...fields].every((f) => {
          const ins = f.parsed.instruction;
          return ins.type === 'IF' && (emptyBranch(ins.falseText) || emptyBranch(ins.trueText));
        });
        if (canBeEmpty) ctx.report('blank', {}, placeOfParagraph(ctx.model, members[0]!));
      },
    };
  },
};
