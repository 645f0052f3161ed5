/** region-item-field: a field in a region that is neither an item field of its lists nor a case field. */
import { nearest } from '../../suggest.js';
import { isMarkerName, listProperty } from '../../template/regions/markers.js';
import type { RegionDef } from '../../template/regions/find.js';
import { catalogList, listsWithItemField, unqualified } from '../../template/regions/catalog.js';
import type { ListDef } from '../../template/catalog-types.js';
import type { Rule } from '../types.js';
import { fieldPlace, inCachedResult, mergeFieldName } from '../helpers.js';
import { isCompositionName, QUESTION_PREFIX } from '../../fieldcode/names.js';

const CATALOG =
  'processes:\n  - id: udvidet-helbredstillaeg\nfields:\n  - { name: Borger.Fornavn, processes: "*" }\nlists:\n  - name: Udgifter\n    processes: [udvidet-helbredstillaeg]\n    fields:\n      - { name: Beskrivelse, type: tekst }\n      - { name: Overslag, type: beloeb }\n      - { name: Tilskud, type: beloeb }\n';

export const regionItemField: Rule = {
  meta: {
    id: 'region-item-field',
    severity: 'error',
    category: 'fields',
    accessibility: false,
    description: {
      da: 'Et flettefelt inden for et område (TableStart:<liste> … TableEnd:<liste>), som hverken er et felt i listens elementer (eller i en ydre listes) eller et flettefelt i kataloget. Inden for et område læses et navn først i det aktuelle element, så i de ydre elementer og til sidst i sagen.',
      en: 'A merge field inside a region (TableStart:<list> … TableEnd:<list>) that is neither a field of the list’s items (or of an enclosing list’s) nor a merge field of the catalog. Inside a region a name is read from the current item first, then the enclosing items, then the case.',
    },
    messages: {
      unknown: {
        da: 'Feltet "{field}" er hverken et felt i listen "{list}" eller et flettefelt i kataloget.',
        en: 'The field "{field}" is neither a field of the list "{list}" nor a merge field of the catalog.',
      },
      unknownHint: {
        da: 'Feltet "{field}" er hverken et felt i listen "{list}" eller et flettefelt i kataloget; mente du "{suggestion}"?',
        en: 'The field "{field}" is neither a field of the list "{list}" nor a merge field of the catalog; did you mean "{suggestion}"?',
      },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'unknownHint', part: 'word/document.xml', paragraph: 2 }],
        description: { da: 'Tilskud er stavet forkert.', en: 'Tilskud is misspelt.' },
        doc: {
          body: [
            'Vi har beregnet dit tilskud:',
            '{ MERGEFIELD TableStart:Udgifter }{ MERGEFIELD Beskrivelse }: { MERGEFIELD Tilskudd }{ MERGEFIELD TableEnd:Udgifter }',
            'Med venlig hilsen',
          ],
          catalog: CATALOG,
          settings: { processes: ['udvidet-helbredstillaeg'] },
        },
      },
      {
        valid: true,
        description: { da: 'Felter fra elementet og fra sagen.', en: 'Fields of the item and of the case.' },
        doc: {
          body: [
            'Vi har beregnet dit tilskud:',
            '{ MERGEFIELD TableStart:Udgifter }{ MERGEFIELD Beskrivelse }: { MERGEFIELD Tilskud } til { MERGEFIELD Borger.Fornavn }{ MERGEFIELD TableEnd:Udgifter }',
            'Med venlig hilsen',
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
    if (!catalog || !regions) return {};
    return {
      field(f) {
        const region = regions.regionOf(f);
        const name = mergeFieldName(f);
        if (!region || !name || inCachedResult(f) || name.startsWith(QUESTION_PREFIX) || isCompositionName(name) || isMarkerName(name) || listProperty(name))
          return;
        if (catalog.fields.has(name) || ctx.settings.texts.has(name)) return;
        const defs: Array<{ region: RegionDef; def: ListDef | undefined }> = [];
        for (let r: RegionDef | undefined = region; r; r = r.parent) defs.push({ region: r, def: catalogList(r, catalog.lists) });
        // A list the catalog lacks is region-unknown-list's finding; its fields cannot be judged.
        if (defs.some((d) => !d.def)) return;
        if (defs.some(({ region: r, def }) => def!.fields.has(unqualified(name, r.name)))) return;
        // Another list's item field is region-field-outside's finding.
        if (listsWithItemField(name, catalog.lists).length) return;
        const suggestion = nearest(name, [...defs.flatMap((d) => [...d.def!.fields.keys()]), ...catalog.fields.keys()]);
        const params = { field: name, list: region.name };
        ctx.report(suggestion ? 'unknownHint' : 'unknown', suggestion ? { ...params, suggestion } : params, fieldPlace(ctx.model, f));
      },
    };
  },
};
