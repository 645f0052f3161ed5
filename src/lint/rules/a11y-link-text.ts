/** a11y-link-text: link text that says nothing. */
import { lookupField } from '../../context/context.js';
import type { Rule } from '../types.js';
import { mergeFieldName, paragraphPlace } from '../helpers.js';

const VAGUE = new Set([
  'her',
  'klik her',
  'tryk her',
  'læs mere',
  'læs mere her',
  'se her',
  'link',
  'linket',
  'mere',
  'here',
  'click here',
  'read more',
  'more',
  'this link',
]);

export const a11yLinkText: Rule = {
  meta: {
    id: 'a11y-link-text',
    severity: 'warning',
    category: 'accessibility',
    accessibility: true,
    description: {
      da: 'Linktekst der ikke siger noget ("her", "klik her", "læs mere" eller en bar webadresse). Linket skal give mening alene, fx når en skærmlæser viser en liste over links (WCAG 2.4.4). Flettefelter i linkteksten vurderes med en eksempelsag.',
      en: 'Link text that says nothing ("her", "klik her", "læs mere" or a bare web address). A link must make sense on its own, e.g. in a screen reader\'s list of links (WCAG 2.4.4). Merge fields in the link text are judged with a sample case.',
    },
    messages: {
      vague: { da: 'Linkteksten "{text}" siger ikke, hvor linket fører hen.', en: 'The link text "{text}" does not say where the link leads.' },
      url: {
        da: 'Linkteksten er en bar webadresse ("{text}"); skriv hvad siden handler om.',
        en: 'The link text is a bare web address ("{text}"); say what the page is about.',
      },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'vague', part: 'word/document.xml', paragraph: 1 }],
        description: { da: '"Klik her" som linktekst.', en: '"Klik her" as link text.' },
        doc: {
          xml: '<w:p><w:r><w:t xml:space="preserve">Læs om reglerne: </w:t></w:r><w:hyperlink r:id="rIdL" w:history="1"><w:r><w:t>klik her</w:t></w:r></w:hyperlink></w:p>',
        },
      },
      {
        valid: false,
        errors: [{ messageId: 'vague', part: 'word/document.xml', paragraph: 1 }],
        description: {
          da: 'Linkteksten er et flettefelt, der i eksempelsagen bliver "her".',
          en: 'The link text is a merge field that becomes "her" in the sample case.',
        },
        doc: {
          xml: '<w:p><w:r><w:t xml:space="preserve">Læs om reglerne </w:t></w:r><w:hyperlink r:id="rIdL" w:history="1"><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD Kommune.LinkTekst </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«Kommune.LinkTekst»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink></w:p>',
          settings: { sample: { fields: { Kommune: { LinkTekst: 'her' } }, questions: {} } },
        },
      },
      {
        valid: false,
        errors: [{ messageId: 'url', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'En bar webadresse som linktekst.', en: 'A bare web address as link text.' },
        doc: {
          xml: '<w:p><w:r><w:t xml:space="preserve">Læs reglerne på </w:t></w:r><w:hyperlink r:id="rIdL" w:history="1"><w:r><w:t>https://www.borger.dk/pension-og-efterloen</w:t></w:r></w:hyperlink></w:p>',
        },
      },
      {
        valid: true,
        description: { da: 'Linkteksten siger hvad siden handler om.', en: 'The link text says what the page is about.' },
        doc: {
          xml: '<w:p><w:r><w:t xml:space="preserve">Læs </w:t></w:r><w:hyperlink r:id="rIdL" w:history="1"><w:r><w:t>reglerne om helbredstillæg på borger.dk</w:t></w:r></w:hyperlink></w:p>',
        },
      },
    ],
  },
  create(ctx) {
    return {
      link(link) {
        let text = link.text;
        // Fields in the link text: their value in a sample case, else what Word showed last.
        for (const f of link.fields) {
          const name = mergeFieldName(f);
          const sample = name && ctx.settings.sample ? lookupField(ctx.settings.sample.fields, name) : undefined;
          text += sample?.found && sample.value !== undefined ? String(sample.value ?? '') : '';
        }
        const t = text.trim().replace(/[.:!]+$/, '');
        if (!t) return;
        if (VAGUE.has(t.toLowerCase())) ctx.report('vague', { text: t }, paragraphPlace(ctx.model, link.story, link.index));
        else if (/^(https?:\/\/|www\.)\S+$/i.test(t)) ctx.report('url', { text: t }, paragraphPlace(ctx.model, link.story, link.index));
      },
    };
  },
};
