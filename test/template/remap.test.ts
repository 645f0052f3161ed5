/** remap-keys: flettespørgsmål keys rewritten across split runs and in w:fldSimple, round trip. */
import { describe, expect, it } from 'vitest';
import { KpBrevError, loadTemplate } from '../../src/index.js';
import { remapQuestionKeys } from '../../src/template/remap.js';
import { toContext } from '../../src/context/context.js';
import { docx, mergeField, p, questionIf } from '../helpers/build.js';
import { openDocx } from '../helpers/inspect.js';

const training = docx([
  p(questionIf('flettespoergsmaal-90023', 'Vi mangler regningen.')),
  p(questionIf('flettespoergsmaal-90026', ['Vi mangler dokumentation for betaling.'])),
  `<w:p><w:fldSimple w:instr=" MERGEFIELD Question:flettespoergsmaal-90023 "><w:r><w:t>N</w:t></w:r></w:fldSimple></w:p>`,
  p('Kære ', mergeField('Borger.Fornavn')),
]);
const toProduction = { 'flettespoergsmaal-90023': 'flettespoergsmaal-10023', 'flettespoergsmaal-90026': 'flettespoergsmaal-10026' };
const toTraining = Object.fromEntries(Object.entries(toProduction).map(([a, b]) => [b, a]));
const instructions = (bytes: Uint8Array): string[] =>
  loadTemplate(bytes)
    .fields()
    .map((f) => f.instruction);

describe('remap-keys', () => {
  it('rewrites keys split over many runs and in w:fldSimple', () => {
    const result = remapQuestionKeys(loadTemplate(training), toProduction);
    expect(result.changed).toEqual(
      new Map([
        ['flettespoergsmaal-90023', 2],
        ['flettespoergsmaal-90026', 1],
      ]),
    );
    const ins = instructions(result.docx);
    expect(ins.join('\n')).not.toContain('900');
    expect(ins).toContain('MERGEFIELD Question:flettespoergsmaal-10023');
    expect(ins.filter((i) => i.startsWith('IF { MERGEFIELD Question:flettespoergsmaal-10026 } = "J"'))).toHaveLength(1);
    // The production letter answers by production keys.
    const letter = openDocx(
      loadTemplate(result.docx).render(toContext({ fields: { Borger: { Fornavn: 'K' } }, questions: { 'flettespoergsmaal-10023': 'J' } })).docx,
    );
    expect(letter.texts()).toEqual(['Vi mangler regningen.', '', 'J', 'Kære K']);
  });

  it('round-trips: training → production → training gives the same field codes', () => {
    const there = remapQuestionKeys(loadTemplate(training), toProduction).docx;
    const back = remapQuestionKeys(loadTemplate(there), toTraining).docx;
    expect(instructions(back)).toEqual(instructions(training));
  });

  it('refuses keys missing from the map and names them', () => {
    try {
      remapQuestionKeys(loadTemplate(training), { 'flettespoergsmaal-90023': 'flettespoergsmaal-10023' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KpBrevError);
      expect((e as KpBrevError).describe('da')).toContain('Nøglen "flettespoergsmaal-90026" findes ikke i nøglekortet; filen ændres ikke.');
    }
  });
});
