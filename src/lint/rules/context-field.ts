/** context-field: a field that one of the template's processes does not provide. */
import { provides } from '../../template/catalog-types.js';
import type { Rule } from '../types.js';
import { fieldPlace, inCachedResult, mergeFieldName } from '../helpers.js';

export const contextField: Rule = {
  meta: {
    id: 'context-field',
    severity: 'error',
    category: 'fields',
    accessibility: false,
    description: {
      da: 'Et kontekstafhængigt flettefelt som en af de processer skabelonen bruges i ikke har; feltet kan ikke flyttes til breve i andre processer.',
      en: 'A context-dependent merge field that one of the processes the template is used in does not provide; it cannot be moved to letters of other processes.',
    },
    messages: {
      missing: {
        da: 'Flettefeltet "{field}" findes ikke i processen "{process}" (det findes kun i: {provided}).',
        en: 'The merge field "{field}" does not exist in the process "{process}" (it exists only in: {provided}).',
      },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'missing', part: 'word/document.xml', paragraph: 1 }],
        description: {
          da: 'Rådighedsberegningen findes kun i processen personligt tillæg.',
          en: 'The disposable-income calculation exists only in the personal supplement process.',
        },
        doc: {
          body: ['Dit rådighedsbeløb er { MERGEFIELD Raadighedsberegning.Beloeb }.'],
          catalog:
            'processes:\n  - id: helbredstillaegskort\n  - id: personligt-tillaeg\nfields:\n  - name: Raadighedsberegning.Beloeb\n    type: beloeb\n    processes: [personligt-tillaeg]\n',
          settings: { processes: ['helbredstillaegskort'] },
        },
      },
      {
        valid: true,
        description: { da: 'Samme felt i et brev i processen personligt tillæg.', en: 'The same field in a letter of the personal supplement process.' },
        doc: {
          body: ['Dit rådighedsbeløb er { MERGEFIELD Raadighedsberegning.Beloeb }.'],
          catalog:
            'processes:\n  - id: helbredstillaegskort\n  - id: personligt-tillaeg\nfields:\n  - name: Raadighedsberegning.Beloeb\n    type: beloeb\n    processes: [personligt-tillaeg]\n',
          settings: { processes: ['personligt-tillaeg'] },
        },
      },
      {
        valid: true,
        description: {
          da: 'Feltet står kun i den gemte visning (resultatet) af en betingelse, som Word erstatter ved fletningen.',
          en: 'The field stands only in the saved display (result) of a condition, which Word replaces when merging.',
        },
        doc: {
          xml: '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF "a" = "a" "Tekst" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:fldSimple w:instr=" MERGEFIELD Raadighedsberegning.Beloeb "><w:r><w:t>Tekst</w:t></w:r></w:fldSimple><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
          catalog:
            'processes:\n  - id: helbredstillaegskort\n  - id: personligt-tillaeg\nfields:\n  - name: Raadighedsberegning.Beloeb\n    type: beloeb\n    processes: [personligt-tillaeg]\n',
          settings: { processes: ['helbredstillaegskort'] },
        },
      },
    ],
  },
  create(ctx) {
    const catalog = ctx.settings.catalog;
    if (!catalog || !ctx.settings.processes.length) return {};
    return {
      field(f) {
        const name = mergeFieldName(f);
        const def = name ? catalog.fields.get(name) : undefined;
        if (!def || inCachedResult(f)) return;
        for (const process of ctx.settings.processes) {
          if (!provides(def, process)) {
            ctx.report('missing', { field: name!, process, provided: def.processes === '*' ? '*' : def.processes.join(', ') }, fieldPlace(ctx.model, f));
          }
        }
      },
    };
  },
};
