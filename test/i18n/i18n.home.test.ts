/**
 * Every text a person reads is in the i18n catalog (src/i18n/): the counted nouns agree with
 * their number there ("1 fil", "2 filer"), and no module outside i18n/ picks a language's text
 * inline with `lang === 'en' ? … : …`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../src/i18n/index.js';

const src = join(import.meta.dirname, '../..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('one home for texts', () => {
  it('counts agree with their nouns in the catalog, in Danish and English', () => {
    expect(formatMessage('lint.stylish-files', { count: 1 }, 'da')).toBe('1 fil');
    expect(formatMessage('lint.stylish-files', { count: 2 }, 'da')).toBe('2 filer');
    expect(formatMessage('cli.pages', { pages: 1 }, 'en')).toBe('1 page');
    expect(formatMessage('lint.stylish-summary', { total: 3, errors: 1, warnings: 2, infos: 0, files: 1, count: 2 }, 'da')).toBe(
      '✖ 3 problemer (1 fejl, 2 advarsler, 0 info) i 1 af 2 filer',
    );
    expect(formatMessage('server.title.busy', {}, 'da')).toBe('Serveren er optaget');
    expect(formatMessage('pdf.columns', {}, 'en')).toBe('Columns are not supported; the text is set in one column.');
  });

  it('no module outside i18n/ chooses a text by `lang === …` inline', () => {
    const found: string[] = [];
    for (const file of sources(src)) {
      const name = relative(src, file).split('\\').join('/');
      if (name.startsWith('i18n/')) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/\blang\s*[!=]==\s*'(en|da)'\s*\?/.test(line) || /\bconst da = lang === 'da'/.test(line)) found.push(`${name}:${i + 1}`);
        });
    }
    expect(found).toEqual([]);
  });
});
