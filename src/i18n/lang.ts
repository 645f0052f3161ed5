/**
 * The two languages and how one is chosen. Apart from the catalog (./index.ts), so that the
 * command line can pick a language for `--help` without loading every message.
 */
export type Lang = 'da' | 'en';

export function isLang(value: unknown): value is Lang {
  return value === 'da' || value === 'en';
}

/** Picks da or en from a `--lang` value or an Accept-Language header; Danish when unsure. */
export function pickLang(value: string | undefined | null): Lang {
  if (!value) return 'da';
  const tags = value
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((t) => t.tag && !Number.isNaN(t.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    if (tag === 'da' || tag.startsWith('da-')) return 'da';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'da';
}
