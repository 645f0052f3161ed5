/** override-outdated: an override based on an older version of its central template. */
import type { Rule } from '../types.js';

export const overrideOutdated: Rule = {
  meta: {
    id: 'override-outdated',
    severity: 'warning',
    category: 'override',
    accessibility: false,
    description: {
      da: 'Kommunens overskrivning bygger på en ældre version af den centrale skabelon. KOMBIT har ændret den centrale skabelon siden; gennemgå ændringerne og opdater overskrivningen.',
      en: "The municipality's override is based on an older version of the central template. KOMBIT has changed the central template since; review the changes and update the override.",
    },
    messages: {
      outdated: {
        da: 'Overskrivningen af {id} bygger på version {basedOn}, men den centrale er nu version {central}.',
        en: 'The override of {id} is based on version {basedOn}, but the central one is now version {central}.',
      },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'outdated' }],
        description: { da: 'Lavet ud fra version 2; den centrale er version 3.', en: 'Made from version 2; the central one is version 3.' },
        doc: { body: ['Tekst.'], settings: { override: { kommune: '540', id: 'np_1011', basedOn: 2, centralVersion: 3 } } },
      },
      {
        valid: true,
        description: { da: 'Lavet ud fra den nuværende version.', en: 'Made from the current version.' },
        doc: { body: ['Tekst.'], settings: { override: { kommune: '540', id: 'np_1011', basedOn: 3, centralVersion: 3 } } },
      },
    ],
  },
  create(ctx) {
    return {
      // The settings' account of the override, not the document.
      document(model) {
        const o = ctx.settings.override;
        if (o && o.basedOn < o.centralVersion) ctx.report('outdated', { id: o.id, basedOn: o.basedOn, central: o.centralVersion }, { template: model.file });
      },
    };
  },
};
