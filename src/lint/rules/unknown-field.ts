/** unknown-field: a MERGEFIELD name that is not in the catalog, nor a question, flettetekst or content element. */
import type { FieldNode } from '../../ooxml/fields.js';
import type { Rule } from '../types.js';
import { fieldPlace, inCachedResult, mergeFieldName } from '../helpers.js';
import { nearest } from '../../suggest.js';
import { isMarkerName, listProperty } from '../../template/regions/markers.js';
import { listsWithItemField } from '../../template/regions/catalog.js';
import { elementKeyOf, isCompositionName, MESSAGE_BODY_NAME, QUESTION_PREFIX } from '../../fieldcode/names.js';

export const unknownField: Rule = {
  meta: {
    id: 'unknown-field',
    severity: 'error',
    category: 'fields',
    accessibility: false,
    description: {
      da: 'Et flettefelt hvis navn ikke findes i kataloget og heller ikke er et flettespørgsmål, en flettetekst eller et indholdselement (ofte en stavefejl).',
      en: 'A merge field whose name is not in the catalog, nor a flettespørgsmål, flettetekst or content element (often a typo).',
    },
    messages: {
      unknown: { da: 'Flettefeltet "{field}" findes ikke i kataloget.', en: 'The merge field "{field}" is not in the catalog.' },
      element: { da: 'Indholdselementet "{id}" findes ikke.', en: 'The content element "{id}" does not exist.' },
      text: { da: 'Flettetekst "{id}" findes ikke.', en: 'The flettetekst "{id}" does not exist.' },
      unknownHint: {
        da: 'Flettefeltet "{field}" findes ikke i kataloget; mente du "{suggestion}"?',
        en: 'The merge field "{field}" is not in the catalog; did you mean "{suggestion}"?',
      },
      elementHint: {
        da: 'Indholdselementet "{id}" findes ikke; mente du "{suggestion}"?',
        en: 'The content element "{id}" does not exist; did you mean "{suggestion}"?',
      },
      textHint: { da: 'Flettetekst "{id}" findes ikke; mente du "{suggestion}"?', en: 'The flettetekst "{id}" does not exist; did you mean "{suggestion}"?' },
    },
    examples: [
      {
        valid: false,
        errors: [{ messageId: 'unknownHint', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'Fornavn er stavet forkert.', en: 'Fornavn is misspelt.' },
        doc: { body: ['Kære { MERGEFIELD Borger.Fornvn }'], catalog: 'fields:\n  - name: Borger.Fornavn\n    processes: "*"\n' },
      },
      {
        valid: true,
        description: { da: 'Feltet findes i kataloget.', en: 'The field is in the catalog.' },
        doc: { body: ['Kære { MERGEFIELD Borger.Fornavn }'], catalog: 'fields:\n  - name: Borger.Fornavn\n    processes: "*"\n' },
      },
      {
        valid: false,
        errors: [{ messageId: 'elementHint', part: 'word/document.xml', paragraph: 1 }],
        description: {
          da: 'Et indholdselement der ikke findes i skabelonarkivet (stavefejl).',
          en: 'A content element that does not exist in the template repository (a typo).',
        },
        doc: {
          body: ['{ MERGEFIELD Indholdselement:klagevejldning }'],
          catalog: 'fields:\n  - name: Borger.Fornavn\n    processes: "*"\n',
          settings: { elements: new Set(['klagevejledning', 'kontakt']) },
        },
      },
      {
        valid: false,
        errors: [{ messageId: 'textHint', part: 'word/document.xml', paragraph: 1 }],
        description: { da: 'En flettetekst der ikke findes i skabelonarkivet.', en: 'A flettetekst that does not exist in the template repository.' },
        doc: {
          body: ['{ MERGEFIELD Html:x-digital-posst }'],
          catalog: 'fields:\n  - name: Borger.Fornavn\n    processes: "*"\n',
          settings: { texts: new Set(['Html:x-digital-post', 'af-modtager']) },
        },
      },
      {
        valid: true,
        description: {
          da: 'Et gammelt felt i den gemte visning (resultatet) af en betingelse tæller ikke: Word erstatter resultatet, når brevet flettes.',
          en: 'An old field in the saved display (result) of a condition does not count: Word replaces the result when the letter is merged.',
        },
        doc: {
          xml: '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF "a" = "a" "Kære" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:fldSimple w:instr=" MERGEFIELD Gammel.Felt "><w:r><w:t>Kære</w:t></w:r></w:fldSimple><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
          catalog: 'fields:\n  - name: Borger.Fornavn\n    processes: "*"\n',
        },
      },
    ],
  },
  create(ctx) {
    const catalog = ctx.settings.catalog;
    if (!catalog) return {};
    /** The finding, with the nearest known name when one is near enough to be meant (a typo). */
    const report = (message: 'unknown' | 'element' | 'text', params: Record<string, string>, known: Iterable<string>, f: FieldNode): void => {
      const suggestion = nearest(params['field'] ?? params['id']!, known);
      ctx.report(suggestion ? `${message}Hint` : message, suggestion ? { ...params, suggestion } : params, fieldPlace(ctx.model, f));
    };
    return {
      field(f) {
        const name = mergeFieldName(f);
        if (!name || inCachedResult(f) || name.startsWith(QUESTION_PREFIX) || name === MESSAGE_BODY_NAME) return;
        const id = elementKeyOf(name);
        if (id !== undefined) {
          if (ctx.settings.elements.size && !ctx.settings.elements.has(id)) report('element', { id }, ctx.settings.elements, f);
          return;
        }
        if (isCompositionName(name)) {
          if (ctx.settings.texts.size && !ctx.settings.texts.has(name)) report('text', { id: name }, ctx.settings.texts, f);
          return;
        }
        if (ctx.settings.texts.has(name) || catalog.fields.has(name)) return;
        // Region markers, list counts and item fields are the region rules' to judge.
        if (isMarkerName(name) || listProperty(name) || ctx.model.template.regions?.regionOf(f) || listsWithItemField(name, catalog.lists).length) return;
        report('unknown', { field: name }, catalog.fields.keys(), f);
      },
    };
  },
};
