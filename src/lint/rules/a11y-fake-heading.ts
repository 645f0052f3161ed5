/** a11y-fake-heading: a short paragraph made bold or large by hand to look like a heading. */
import type { Rule } from '../types.js';
import type { ParagraphModel } from '../model.js';
import type { StyleView } from '../styles.js';
import { placeOfParagraph } from '../helpers.js';

/** A style whose name says heading; without an outline level it is a11y-heading-outline's. */
export const HEADING_NAME = /^(?:heading|overskrift|titel|title|subtitle|undertitel)\b/i;

const MAX_WORDS = 8;

/** The closing of the example letters. */
const CLOSING = ['Med venlig hilsen', 'Jens Jensen'];

function words(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

/** Direct run formatting only: the run's own w:rPr without its character style. */
function direct(rPr: string): string {
  return rPr.replace(/<w:rStyle\b[^>]*\/>/, '');
}

/** Every run with text is bold or large by direct formatting, where the styles make it neither. */
function formattedByHand(p: ParagraphModel, styles: StyleView): boolean {
  const runs = p.runs.filter((r) => r.text.trim());
  if (!runs.length) return false;
  const styled = runs.map((r) => styles.look(p, /<w:rStyle\b[^>]*\/>/.exec(r.rPr)?.[0] ?? ''));
  const looks = runs.map((r) => styles.look(p, direct(r.rPr)));
  const bold = looks.every((l, i) => l.bold && !styled[i]!.bold);
  const large = looks.every((l, i) => l.size >= Math.max(28, styled[i]!.size + 4));
  return bold || large;
}

export const a11yFakeHeading: Rule = {
  meta: {
    id: 'a11y-fake-heading',
    severity: 'warning',
    category: 'accessibility',
    accessibility: true,
    description: {
      da: `Et kort afsnit (højst ${MAX_WORDS} ord, uden tegn til sidst) der med direkte formatering er gjort fed eller stor, så det ligner en overskrift, og som efterfølges af almindelig brødtekst. Skærmlæsere og den mærkede PDF kender det ikke som overskrift; brug en overskriftstypografi (WCAG 1.3.1). Fed eller stor skrift fra en typografi (fx Titel), afslutningen (de to sidste afsnit) og linjer med et nummer (Sagsnummer 2026-123) tælles ikke med.`,
      en: `A short paragraph (at most ${MAX_WORDS} words, no punctuation at the end) made bold or large by direct formatting so that it looks like a heading, followed by ordinary body text. Screen readers and the tagged PDF do not know it as a heading; use a heading style (WCAG 1.3.1). Bold or large type from a style (e.g. Title), the closing (the last two paragraphs) and lines with a number (Sagsnummer 2026-123) do not count.`,
    },
    messages: {
      fake: {
        da: '"{text}" ser ud som en overskrift, men er formateret med fed eller stor skrift; brug en overskriftstypografi.',
        en: '"{text}" looks like a heading but is formatted with bold or large type; use a heading style.',
      },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'fake', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'Fed tekst som overskrift.', en: 'Bold text as a heading.' },
        doc: { body: ['**Begrundelse**', 'Vi giver dig afslag, fordi din formue er for stor.', ...CLOSING] },
      },
      {
        valid: false,
        errors: [{ messageId: 'fake', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'Stor skrift (16 pkt.) sat direkte som overskrift.', en: 'Large type (16 pt) set directly as a heading.' },
        doc: {
          xml:
            '<w:p><w:r><w:rPr><w:sz w:val="32"/></w:rPr><w:t>Hvad sker der nu</w:t></w:r></w:p><w:p><w:r><w:t>Vi behandler din ansøgning inden for fire uger.</w:t></w:r></w:p>' +
            CLOSING.map((t) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`).join(''),
        },
      },
      {
        valid: true,
        description: { da: 'En rigtig overskrift.', en: 'A real heading.' },
        doc: { body: ['## Begrundelse', 'Vi giver dig afslag, fordi din formue er for stor.', ...CLOSING] },
      },
      {
        valid: true,
        description: {
          da: 'Titel-typografien gør teksten stor; det er typografiens, ikke direkte formatering.',
          en: 'The Title style makes the text large; that is the style, not direct formatting.',
        },
        doc: {
          xml:
            '<w:p><w:pPr><w:pStyle w:val="Titel"/></w:pPr><w:r><w:t>Afgørelse om helbredstillæg</w:t></w:r></w:p><w:p><w:r><w:t>Vi har behandlet din ansøgning.</w:t></w:r></w:p>' +
            CLOSING.map((t) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`).join(''),
          styles:
            '<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr><w:b/><w:sz w:val="56"/></w:rPr></w:style>',
        },
      },
      {
        valid: true,
        description: {
          da: 'En egen typografi ("Fremhævet afsnit", fed) gør teksten fed; kun direkte formatering tæller.',
          en: 'A custom style ("Fremhævet afsnit", bold) makes the text bold; only direct formatting counts.',
        },
        doc: {
          xml:
            '<w:p><w:pPr><w:pStyle w:val="Fremhaevet"/></w:pPr><w:r><w:t>Du skal ikke gøre noget</w:t></w:r></w:p><w:p><w:r><w:t>Vi udbetaler tilskuddet af sig selv.</w:t></w:r></w:p>' +
            CLOSING.map((t) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`).join(''),
          styles:
            '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Fremhaevet"><w:name w:val="Fremhævet afsnit"/><w:basedOn w:val="Normal"/><w:qFormat/><w:rPr><w:b/></w:rPr></w:style>',
        },
      },
      {
        valid: true,
        description: { da: 'Et fed sagsnummer øverst i brevet.', en: 'A bold case number at the top of the letter.' },
        doc: { body: ['**Sagsnummer 2026-123**', 'Vi har modtaget din ansøgning om helbredstillæg.', ...CLOSING] },
      },
      {
        valid: true,
        description: { da: 'Afsenderens navn med fed i afslutningen.', en: "The sender's name in bold in the closing." },
        doc: { body: ['Vi har modtaget din ansøgning.', 'Med venlig hilsen', '**Jens Jensen**', 'Sagsbehandler'] },
      },
      {
        valid: true,
        description: { da: 'En lang fed sætning er fremhævning, ikke en overskrift.', en: 'A long bold sentence is emphasis, not a heading.' },
        doc: { body: ['**Husk at sende regningen til os inden fjorten dage**', 'Vi udbetaler tilskuddet, når vi har regningen.', ...CLOSING] },
      },
      {
        valid: true,
        description: { da: 'En fed linje der efterfølges af en overskrift, ikke af brødtekst.', en: 'A bold line followed by a heading, not by body text.' },
        doc: { body: ['**Foreløbig afgørelse**', '## Begrundelse', 'Vi giver dig afslag, fordi din formue er for stor.', ...CLOSING] },
      },
    ],
  },
  create(ctx) {
    // The judgement needs the whole body: the closing is its last two paragraphs with text,
    // and a heading must be followed by body text.
    const main: ParagraphModel[] = [];
    const mainPart = ctx.model.template.package.mainPart;
    return {
      paragraph(p) {
        if (p.story.part === mainPart && !p.story.label) main.push(p);
      },
      'document:exit'(model) {
        const withText = main.filter((p) => p.text.trim() || p.fields.length);
        const closing = new Set(withText.slice(-2));
        for (let i = 0; i < main.length; i++) {
          const p = main[i]!;
          const text = p.text.trim();
          if (!text || p.fields.length || p.inTable || closing.has(p)) continue;
          if (/[.:;,!?]$/.test(text) || words(text).length > MAX_WORDS || /(?:^|\s)\d[\d./-]*(?:\s|$)/.test(text)) continue;
          if (ctx.styles.headingLevel(p) !== undefined || HEADING_NAME.test(ctx.styles.name(p.styleId) ?? '')) continue;
          if (!formattedByHand(p, ctx.styles)) continue;
          // Followed by ordinary body text (empty paragraphs between are skipped).
          let next: ParagraphModel | undefined;
          for (let j = i + 1; j < main.length && !next; j++) {
            const q = main[j]!;
            if (q.text.trim() || q.fields.length || q.objects) next = q;
          }
          if (!next || next.inTable || ctx.styles.headingLevel(next) !== undefined || formattedByHand(next, ctx.styles)) continue;
          ctx.report('fake', { text: text.slice(0, 60) }, placeOfParagraph(model, p));
        }
      },
    };
  },
};
