/**
 * The comparison of an IF field, as Word does it:
 * - both sides numbers (in the machine's symbols; a trailing grouping symbol is ignored) ->
 *   numeric comparison;
 * - `=` / `<>` with `?` or `*` in the right-hand side -> wildcard match (case-sensitive, wildcard.ts);
 * - otherwise text: `=` / `<>` exact and case-sensitive, `<` `<=` `>` `>=` by Danish collation
 *   (our reading; Word's exact text ordering is unverified, see docs/word-fields.md).
 */
import type { Operator } from '../fieldcode/index.js';
import type { FieldLocale } from '../format/locale.js';
import { parseLocaleNumber } from '../format/number.js';
import { matchWildcard } from './wildcard.js';

const collators = new Map<string, Intl.Collator>();

function collator(locale: FieldLocale): Intl.Collator {
  let c = collators.get(locale.id);
  if (!c) {
    c = new Intl.Collator(locale.id, { sensitivity: 'variant', numeric: false });
    collators.set(locale.id, c);
  }
  return c;
}

/**
 * A side read as a number, in the machine's symbols. A digit-grouping symbol at the end is
 * ignored: Word's calendar template compares `{ =G8 } = 0,""` (right-hand side `0,` on an
 * English machine) and takes it as 0 (the conformance corpus holds Word's results for it).
 */
function comparedNumber(text: string, locale: FieldLocale): number | undefined {
  const n = parseLocaleNumber(text, locale);
  if (n !== undefined || !text.endsWith(locale.group)) return n;
  return /\d$/.test(text.slice(0, -1)) ? parseLocaleNumber(text.slice(0, -1), locale) : undefined;
}

export function compare(left: string, op: Operator, right: string, locale: FieldLocale): boolean {
  if ((op === '=' || op === '<>') && /[?*]/.test(right)) {
    const match = matchWildcard(left, right);
    return op === '=' ? match : !match;
  }
  const a = comparedNumber(left, locale);
  const b = comparedNumber(right, locale);
  let order: number;
  if (a !== undefined && b !== undefined) {
    order = a === b ? 0 : a < b ? -1 : 1;
  } else if (op === '=' || op === '<>') {
    order = left === right ? 0 : 1;
  } else {
    order = collator(locale).compare(left, right);
  }
  switch (op) {
    case '=':
      return order === 0;
    case '<>':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}
