/**
 * What a letter may use, from the template repository: the catalog (which processes provide
 * which fields, their types, the questions' defaults) and the template's own settings.
 */
import type { Catalog } from './catalog-types.js';

export interface LetterRules {
  catalog?: Catalog;
  /** Processes the template is used in. */
  processes?: readonly string[];
  /** Variants it serves. */
  variants?: readonly string[];
  /** Flettespørgsmål enabled (ticked) on the template. */
  questions?: readonly string[];
}
