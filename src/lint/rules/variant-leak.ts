/** variant-leak: text naming one variant outside any condition, in a template that serves several. */
import type { Rule } from '../types.js';
import { placeOfParagraph } from '../helpers.js';
import { remembered } from '../../memo.js';

export const variantLeak: Rule = {
  meta: {
    id: 'variant-leak',
    severity: 'warning',
    category: 'variants',
    accessibility: false,
    description: {
      da: 'En skabelon der bruges til flere varianter (fx manglerbrevet for briller, tandproteser og fodbehandling) må ikke nævne én variant uden for en betingelse; ellers står der "fodbehandling" i brevet om briller.',
      en: 'A template serving several variants (e.g. the manglerbrev for briller, tandproteser and fodbehandling) must not name one variant outside a condition; otherwise the letter about briller says "fodbehandling".',
    },
    messages: {
      leak: {
        da: 'Teksten nævner "{term}" (varianten {variant}) uden for en betingelse, men skabelonen bruges til: {variants}.',
        en: 'The text names "{term}" (the variant {variant}) outside a condition, but the template is used for: {variants}.',
      },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'leak', part: 'word/document.xml', paragraph: 1 }],
        description: {
          da: '"fodterapeut" står uden betingelse i et brev til tre varianter.',
          en: '"fodterapeut" stands unconditionally in a letter for three variants.',
        },
        doc: {
          body: ['Send os en henvisning til fodterapeut og en kopi af regningen.'],
          catalog:
            'processes:\n  - id: udvidet-helbredstillaeg\n    variants:\n      - id: briller\n        terms: [briller]\n      - id: fodbehandling\n        terms: [fodbehandling, fodterapeut]\n',
          settings: { processes: ['udvidet-helbredstillaeg'], variants: ['briller', 'fodbehandling'] },
        },
      },
      {
        valid: true,
        description: { da: 'Den variantbestemte tekst står i en betingelse.', en: 'The variant text stands in a condition.' },
        doc: {
          body: ['Send os { IF { MERGEFIELD Question:flettespoergsmaal-10025 } = "J" "en henvisning til fodterapeut og " }en kopi af regningen.'],
          catalog:
            'processes:\n  - id: udvidet-helbredstillaeg\n    variants:\n      - id: briller\n        terms: [briller]\n      - id: fodbehandling\n        terms: [fodbehandling, fodterapeut]\n',
          settings: { processes: ['udvidet-helbredstillaeg'], variants: ['briller', 'fodbehandling'] },
        },
      },
      {
        valid: true,
        description: { da: 'Teksten nævner alle varianter skabelonen bruges til.', en: 'The text names every variant the template serves.' },
        doc: {
          body: ['Du kan få tilskud til briller og fodbehandling, når du har helbredstillæg.'],
          catalog:
            'processes:\n  - id: udvidet-helbredstillaeg\n    variants:\n      - id: briller\n        terms: [briller]\n      - id: fodbehandling\n        terms: [fodbehandling, fodterapeut]\n',
          settings: { processes: ['udvidet-helbredstillaeg'], variants: ['briller', 'fodbehandling'] },
        },
      },
      {
        valid: false,
        errors: [{ messageId: 'leak', part: 'word/document.xml', paragraph: 1 }],
        description: {
          da: 'Kun varianter (--variant) uden proces: varianternes ord findes i katalogets processer.',
          en: "Variants only (--variant) without a process: the variants' terms are found in the catalog's processes.",
        },
        doc: {
          body: ['Send os en henvisning til fodterapeut og en kopi af regningen.'],
          catalog:
            'processes:\n  - id: udvidet-helbredstillaeg\n    variants:\n      - id: briller\n        terms: [briller]\n      - id: fodbehandling\n        terms: [fodbehandling, fodterapeut]\n',
          settings: { variants: ['briller', 'fodbehandling'] },
        },
      },
      {
        valid: true,
        description: {
          da: 'Et ord der blot begynder som en variants ord ("brillerne" er ikke "briller"): kun hele ord tæller.',
          en: 'A word that merely starts like a variant term ("brillerne" is not "briller"): only whole words count.',
        },
        doc: {
          body: ['Send os regningen for brillerne og en kopi af recepten.'],
          catalog:
            'processes:\n  - id: udvidet-helbredstillaeg\n    variants:\n      - id: briller\n        terms: [briller]\n      - id: fodbehandling\n        terms: [fodbehandling, fodterapeut]\n',
          settings: { processes: ['udvidet-helbredstillaeg'], variants: ['briller', 'fodbehandling'] },
        },
      },
    ],
  },
  create(ctx) {
    const { catalog, processes, variants } = ctx.settings;
    if (!catalog || variants.length < 2) return {};
    // The variants' terms: from the template's processes, or from any process of the catalog
    // when the template names none (a loose file linted with --variant only).
    const pool = processes.length
      ? processes.flatMap((pid) => catalog.processes.get(pid)?.variants ?? [])
      : [...catalog.processes.values()].flatMap((p) => p.variants);
    const terms: Array<{ term: string; variant: string; re: RegExp }> = [];
    for (const id of variants) {
      const v = pool.find((x) => x.id === id);
      if (!v) continue;
      for (const term of v.terms) {
        terms.push({ term, variant: v.id, re: wholeWord(term) });
      }
    }
    if (!terms.length) return {};
    return {
      paragraph(p) {
        const found = terms.filter((t) => t.re.test(p.text));
        if (!found.length) return;
        // Text that names every variant the template serves speaks to all of them.
        const named = new Set(found.map((t) => t.variant));
        if (variants.every((id) => named.has(id))) return;
        const t = found[0]!;
        ctx.report('leak', { term: t.term, variant: t.variant, variants: variants.join(', ') }, placeOfParagraph(ctx.model, p));
      },
    };
  },
};

/** A term as a whole word, case-insensitive; made once per term for every template of a run
 * (stateless: no g or y flag). */
const wholeWord = remembered((term: string): RegExp => {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu');
}, 1024);
