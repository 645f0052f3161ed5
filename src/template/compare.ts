/**
 * The comparison of an IF field, as Word does it:
 * - both sides numbers (in the field's locale) -> numeric comparison;
 * - `=` / `<>` with `?` or `*` in the right-hand side -> wildcard match (case-sensitive);
 * - otherwise text: `=` / `<>` exact and case-sensitive, `<` `<=` `>` `>=` by Danish collation
 *   (our reading; Word's exact text ordering is unverified, see docs/word-fields.md).
 */
import type { Operator } from '../fieldcode/index.js';
import type { FieldLocale } from '../format/locale.js';
import { parseLocaleNumber } from '../format/number.js';

const collators = new Map<string, Intl.Collator>();

function collator(locale: FieldLocale): Intl.Collator {
  let c = collators.get(locale.id);
  if (!c) {
    c = new Intl.Collator(locale.id, { sensitivity: 'variant', numeric: false });
    collators.set(locale.id, c);
  }
  return c;
}

export function compare(left: string, op: Operator, right: string, locale: FieldLocale): boolean {
  if ((op === '=' || op === '<>') && /[?*]/.test(right)) {
    const match = wildcard(right).test(left);
    return op === '=' ? match : !match;
  }
  const a = parseLocaleNumber(left, locale);
  const b = parseLocaleNumber(right, locale);
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

const wildcardCache = new Map<string, RegExp>();

function wildcard(pattern: string): RegExp {
  let re = wildcardCache.get(pattern);
  if (!re) {
    const body = Array.from(pattern)
      .map((ch) => (ch === '*' ? '[\\s\\S]*' : ch === '?' ? '[\\s\\S]' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, 'u');
    if (wildcardCache.size < 1000) wildcardCache.set(pattern, re);
  }
  return re;
}
