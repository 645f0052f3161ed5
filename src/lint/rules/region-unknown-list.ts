/** region-unknown-list: a region over a list the letter's processes do not provide. */
import { provides } from '../../template/catalog-types.js';
import { nearest } from '../../suggest.js';
import { listProperty } from '../../template/regions/markers.js';
import type { RegionDef } from '../../template/regions/find.js';
import { catalogList } from '../../template/regions/catalog.js';
import type { Rule } from '../types.js';
import { fieldPlace, inCachedResult, mergeFieldName } from '../helpers.js';

const CATALOG =
  'processes:\n  - id: udvidet-helbredstillaeg\n  - id: helbredstillaegskort\nlists:\n  - name: Udgifter\n    processes: [udvidet-helbredstillaeg]\n    fields:\n      - { name: Beskrivelse, type: tekst }\n      - { name: Tilskud, type: beloeb }\n';

export const regionUnknownList: Rule = {
  meta: {
    id: 'region-unknown-list',
    severity: 'error',
    category: 'fields',
    accessibility: false,
    description: {
      da: 'Et område (TableStart:<liste>) eller et antal (<liste>:Antal) over en liste, som kataloget ikke har, eller som en af de processer brevet bruges i ikke har. Brevet dannes ikke for sådan en sag.',
      en: 'A region (TableStart:<list>) or a count (<list>:Antal) over a list the catalog does not have, or that one of the processes the letter is used in does not provide. No letter is made for such a case.',
    },
    messages: {
      unknown: { da: 'Listen "{list}" findes ikke i kataloget.', en: 'The list "{list}" is not in the catalog.' },
      unknownHint: {
        da: 'Listen "{list}" findes ikke i kataloget; mente du "{suggestion}"?',
        en: 'The list "{list}" is not in the catalog; did you mean "{suggestion}"?',
      },
      process: {
        da: 'Listen "{list}" findes ikke i processen "{process}" (den findes kun i: {provided}).',
        en: 'The list "{list}" does not exist in the process "{process}" (it exists only in: {provided}).',
      },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'process', part: 'word/document.xml', paragraph: 2 }],
        description: {
          da: 'Udgifterne findes kun i processen udvidet helbredstillæg.',
          en: 'The expenses exist only in the extended health supplement process.',
        },
        doc: {
          body: [
            'Du har søgt om tilskud til:',
            '{ MERGEFIELD TableStart:Udgifter }{ MERGEFIELD Beskrivelse }{ MERGEFIELD TableEnd:Udgifter }',
            'Med venlig hilsen',
          ],
          catalog: CATALOG,
          settings: { processes: ['helbredstillaegskort'] },
        },
      },
      {
        valid: false,
        errors: [{ messageId: 'unknownHint', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'En stavefejl i listens navn.', en: 'A typo in the list name.' },
        doc: {
          body: ['Du har søgt om tilskud til { MERGEFIELD Udgiftr:Antal } udgifter.'],
          catalog: CATALOG,
          settings: { processes: ['udvidet-helbredstillaeg'] },
        },
      },
      {
        valid: true,
        description: {
          da: 'Samme område i et brev i processen udvidet helbredstillæg.',
          en: 'The same region in a letter of the extended health supplement process.',
        },
        doc: {
          body: [
            'Du har søgt om tilskud til:',
            '{ MERGEFIELD TableStart:Udgifter }{ MERGEFIELD Beskrivelse }{ MERGEFIELD TableEnd:Udgifter }',
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
    if (!catalog) return {};
    const known = (): Iterable<string> => catalog.lists.keys();
    const judge = (list: string, def: ReturnType<typeof catalogList>, place: ReturnType<typeof fieldPlace>): void => {
      if (!def) {
        const suggestion = nearest(list, known());
        ctx.report(suggestion ? 'unknownHint' : 'unknown', suggestion ? { list, suggestion } : { list }, place);
        return;
      }
      for (const process of ctx.settings.processes) {
        if (!provides(def, process)) ctx.report('process', { list, process, provided: def.processes === '*' ? '*' : def.processes.join(', ') }, place);
      }
    };
    const regions = ctx.model.template.regions;
    return {
      region(r) {
        judge(r.name, catalogList(r, catalog.lists), fieldPlace(ctx.model, r.start));
      },
      // `Udgifter:Antal` outside the lists' regions names a list of the case.
      field(f) {
        const name = mergeFieldName(f);
        const prop = name ? listProperty(name) : undefined;
        if (!prop || prop.what !== 'Antal' || inCachedResult(f)) return;
        let region: RegionDef | undefined = regions?.regionOf(f);
        let def = undefined;
        for (; region && !def; region = region.parent) def = catalogList(region, catalog.lists)?.lists.get(prop.list);
        judge(prop.list, def ?? catalog.lists.get(prop.list), fieldPlace(ctx.model, f));
      },
    };
  },
};
