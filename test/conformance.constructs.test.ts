/**
 * Issue 11: the constructs Word computes from the document itself, each on a hand-built
 * template, through the library's real paths (render: the letter's bytes; evaluateFields: the
 * value of each field as the letter is made). The corpus figures are in conformance.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { loadTemplate, type EvaluatedField } from '../src/index.js';
import { toContext } from '../src/context/context.js';
import { docx, field, mergeField, p, questionIf } from './helpers/build.js';

/** What evaluateFields gives for each field, by instruction. */
function evaluated(template: Buffer, context: unknown = {}): EvaluatedField[] {
  return loadTemplate(template, { name: 'test.docx' }).evaluateFields(toContext(context));
}

describe('evaluateFields: the values of the letter as it is made', () => {
  it('says which fields were computed, left to Word, or not reached (a branch not taken)', () => {
    const t = docx([
      p(questionIf('q', ['Ja ', mergeField('Navn')], ['Nej ', mergeField('Fornavn')])),
      p('Side ', field('PAGE')),
      p({ ...field('AUTONUM'), result: '1.' }),
    ]);
    const byInstr = new Map(evaluated(t, { fields: { Navn: 'Karen Jensen', Fornavn: 'Karen' }, questions: { q: 'J' } }).map((f) => [f.instruction, f]));
    expect(byInstr.get('MERGEFIELD Navn')).toMatchObject({ value: 'Karen Jensen', outcome: 'evaluated' });
    // The false branch is not in the letter: its field is not evaluated.
    expect(byInstr.get('MERGEFIELD Fornavn')).toMatchObject({ value: undefined, outcome: 'unreached' });
    expect(byInstr.get('PAGE')).toMatchObject({ outcome: 'live' });
    expect(byInstr.get('AUTONUM')).toMatchObject({ value: '1.', outcome: 'unlinked' });
    expect([...byInstr.values()].find((f) => f.type === 'IF')).toMatchObject({ value: 'Ja Karen Jensen', outcome: 'evaluated' });
  });

  it('marks a field the letter would be refused for', () => {
    const [f] = evaluated(docx([p(mergeField('Mangler'))]));
    expect(f).toMatchObject({ outcome: 'refused' });
  });
});
