/** region-field-outside: an item field of a list used outside that list's region. */
import { listProperty } from '../../template/regions/markers.js';
import type { RegionDef } from '../../template/regions/find.js';
import { catalogList, listsWithItemField, unqualified } from '../../template/regions/catalog.js';
import type { Rule } from '../types.js';
import { fieldPlace, inCachedResult, mergeFieldName } from '../helpers.js';
import { QUESTION_PREFIX } from '../../fieldcode/names.js';

const CATALOG =
  'processes:\n  - id: udvidet-helbredstillaeg\nfields:\n  - { name: Borger.Fornavn, processes: "*" }\nlists:\n  - name: Udgifter\n    processes: [udvidet-helbredstillaeg]\n    fields:\n      - { name: Beskrivelse, type: tekst }\n      - { name: Tilskud, type: beloeb }\n';

export const regionFieldOutside: Rule = {
  meta: {
    id: 'region-field-outside',
    severity: 'error',
    category: 'fields',
    accessibility: false,
    description: {
      da: 'Et felt i en listes elementer (fx Tilskud i Udgifter) brugt uden for listens område, eller <liste>:Nummer uden for området: der er intet aktuelt element at læse det i. Antallet, <liste>:Antal, kan stå overalt.',
      en: 'A field of a list’s items (e.g. Tilskud of Udgifter) used outside the list’s region, or <list>:Nummer outside the region: there is no current item to read it from. The count, <list>:Antal, can stand anywhere.',
    },
    messages: {
      outside: {
        da: 'Feltet "{field}" er et felt i listen "{list}" og kan kun stå inden for området TableStart:{list} … TableEnd:{list}.',
        en: 'The field "{field}" is a field of the list "{list}" and can only stand inside the region TableStart:{list} … TableEnd:{list}.',
      },
      number: {
        da: '"{field}" er nummeret på det aktuelle element og kan kun stå inden for området TableStart:{list} … TableEnd:{list}.',
        en: '"{field}" is the number of the current item and can only stand inside the region TableStart:{list} … TableEnd:{list}.',
      },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'outside', part: 'word/document.xml', paragraph: 2 }],
        description: { da: 'Tilskuddet står efter tabellen, uden for området.', en: 'The grant stands after the table, outside the region.' },
        doc: {
          body: ['{ MERGEFIELD TableStart:Udgifter }{ MERGEFIELD Beskrivelse }{ MERGEFIELD TableEnd:Udgifter }', 'Du får { MERGEFIELD Tilskud } i alt.'],
          catalog: CATALOG,
          settings: { processes: ['udvidet-helbredstillaeg'] },
        },
      },
      {
        valid: false,
        errors: [{ messageId: 'number', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'Et nummer uden for området.', en: 'A number outside the region.' },
        doc: { body: ['Udgift nr. { MERGEFIELD Udgifter:Nummer }'] },
      },
      {
        valid: true,
        description: { da: 'Antallet uden for området og felterne inden for det.', en: 'The count outside the region and the fields inside it.' },
        doc: {
          body: [
            'Du har søgt om tilskud til { MERGEFIELD Udgifter:Antal } udgifter:',
            '{ MERGEFIELD TableStart:Udgifter }{ MERGEFIELD Udgifter:Nummer }. { MERGEFIELD Beskrivelse }: { MERGEFIELD Tilskud }{ MERGEFIELD TableEnd:Udgifter }',
          ],
          catalog: CATALOG,
          settings: { processes: ['udvidet-helbredstillaeg'] },
        },
      },
    ],
  },
  create(ctx) {
    const catalog = ctx.settings.catalog;
    const regions = ctx.model.template.regions;
    return {
      field(f) {
        const name = mergeFieldName(f);
        if (!name || inCachedResult(f) || name.startsWith(QUESTION_PREFIX)) return;
        const enclosing: RegionDef[] = [];
        for (let r = regions?.regionOf(f); r; r = r.parent) enclosing.push(r);
        const prop = listProperty(name);
        if (prop) {
          const inside = enclosing.some((r) => r.name === prop.list || r.name.endsWith(`.${prop.list}`));
          if (prop.what === 'Nummer' && !inside) ctx.report('number', { field: name, list: prop.list }, fieldPlace(ctx.model, f));
          return;
        }
        if (!catalog || name.includes(':') || catalog.fields.has(name) || ctx.settings.texts.has(name)) return;
        const owners = listsWithItemField(name, catalog.lists);
        if (!owners.length) return;
        // Fine when an enclosing region's list (or the list it names) has the field.
        const ok = enclosing.some((r) => {
          const def = catalogList(r, catalog.lists);
          return !def || def.fields.has(unqualified(name, r.name));
        });
        if (!ok) ctx.report('outside', { field: name, list: owners[0]!.name }, fieldPlace(ctx.model, f));
      },
    };
  },
};
