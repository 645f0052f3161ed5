/** All rules, in the order they report. */
import { registerMessages } from '../../i18n/index.js';
import type { Rule } from '../types.js';
import { a11yContrast } from './a11y-contrast.js';
import { a11yDocLanguage } from './a11y-doc-language.js';
import { a11yDocTitle } from './a11y-doc-title.js';
import { a11yEmptyParagraphs } from './a11y-empty-paragraphs.js';
import { a11yFakeHeading } from './a11y-fake-heading.js';
import { a11yFloatingObjects } from './a11y-floating-objects.js';
import { a11yHeadingOrder } from './a11y-heading-order.js';
import { a11yHeadingOutline } from './a11y-heading-outline.js';
import { a11yImageAlt } from './a11y-image-alt.js';
import { a11yLinkText } from './a11y-link-text.js';
import { a11yMergedCells } from './a11y-merged-cells.js';
import { a11ySmallText } from './a11y-small-text.js';
import { a11yTableHeader } from './a11y-table-header.js';
import { blankLineConditions } from './blank-line-conditions.js';
import { contextField } from './context-field.js';
import { datePictureMinutes } from './date-picture-minutes.js';
import { fieldFragile } from './field-fragile.js';
import { fieldStructure } from './field-structure.js';
import { fieldSyntax } from './field-syntax.js';
import { fieldTypographicQuotes } from './field-typographic-quotes.js';
import { fieldUnsafe } from './field-unsafe.js';
import { externalReference } from './external-reference.js';
import { overrideOutdated } from './override-outdated.js';
import { questionNotEnabled } from './question-not-enabled.js';
import { questionUnknownKey } from './question-unknown-key.js';
import { questionUnused } from './question-unused.js';
import { questionValue } from './question-value.js';
import { regionFieldOutside } from './region-field-outside.js';
import { regionItemField } from './region-item-field.js';
import { regionStructure } from './region-structure.js';
import { regionUnknownList } from './region-unknown-list.js';
import { trackedChanges } from './tracked-changes.js';
import { unknownField } from './unknown-field.js';
import { variantLeak } from './variant-leak.js';

export const RULES: readonly Rule[] = [
  fieldSyntax,
  fieldFragile,
  datePictureMinutes,
  fieldStructure,
  fieldUnsafe,
  externalReference,
  unknownField,
  contextField,
  regionStructure,
  regionUnknownList,
  regionItemField,
  regionFieldOutside,
  questionNotEnabled,
  questionUnused,
  questionUnknownKey,
  questionValue,
  blankLineConditions,
  variantLeak,
  a11yImageAlt,
  a11yTableHeader,
  a11yHeadingOrder,
  a11yEmptyParagraphs,
  a11yContrast,
  a11yDocTitle,
  a11yDocLanguage,
  a11yLinkText,
  a11yFloatingObjects,
  a11yMergedCells,
  a11yHeadingOutline,
  a11yFakeHeading,
  a11ySmallText,
  fieldTypographicQuotes,
  trackedChanges,
  overrideOutdated,
];

for (const rule of RULES) registerMessages(`lint.${rule.meta.id}`, rule.meta.messages);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
