/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The training page in English (issue 15): a browser that asks for English (Accept-Language
 * en-GB) gets the page, its client's words and the server's answers (problems, findings) in
 * English, from the i18n catalog; `?lang=en` does the same for a Danish browser, and the page's
 * language link goes back to Danish. Debian's Chromium, as web.e2e.test.ts.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needTool } from '../helpers/tools.js';
import { HANG_GUARD_MS } from '../helpers/wait.js';
import { startTrainingServer } from '../helpers/training-server.js';

const root = join(import.meta.dirname, '../..');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p) && spawnSync(p, ['--version']).status === 0);
const hasChromium = needTool('Chromium', CHROMIUM !== undefined, 'chromium');

/** Danish words of the page (not of the letter it draws, nor of the template's codes). */
const DANISH =
  /Brev og sag|Skabelon|Kommune|Sagskontekst|Eksempelsag|Hent |Brevet|Fund\b|Feltkoder|som i sagen|ingen kommune|Danner|opdateret|mangler|Vis feltet|Fejl \(|ny i overskrivningen|findes ikke|afsnit/;

/**
 * The page's own words: headings, labels, legends, buttons, help, links and the first option of
 * each list (the letter, the questions' texts, the codes and the catalog's names are the
 * templates' and the catalog's Danish).
 */
const pageWords = (page: Page): Promise<string> =>
  page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>('h1, h2, h3, h4, label:not(.kontakt), legend, button, .hjaelp, #fil-navn, #ingen-spoergsmaal, a'),
      ...[...document.querySelectorAll('select')].map((s) => s.options[0]).filter((o): o is HTMLOptionElement => o !== undefined),
    ]
      .filter((e) => e.lang !== 'da')
      .map((e) => e.textContent ?? '')
      .join('\n'),
  );

async function drawn(page: Page, version: string): Promise<void> {
  await page.waitForFunction(
    (v) =>
      /^The letter (is up to date|lacks)/.test(document.getElementById('status')?.textContent ?? '') &&
      document.getElementById('status')!.textContent!.includes(`(${v}`),
    version,
    { timeout: HANG_GUARD_MS },
  );
}

describe.skipIf(!hasChromium)('the training page in English', () => {
  let server: Awaited<ReturnType<typeof startTrainingServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTrainingServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM!,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGKILL');
  });

  it('follows Accept-Language: en, with the client and the server answering in English too', async () => {
    const context = await browser.newContext({ viewport: { width: 1500, height: 1000 }, locale: 'en-GB' });
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    page.on('requestfailed', (r) => failures.push(`${r.url()}: ${r.failure()?.errorText}`));
    await page.goto(server.url);
    await drawn(page, 'np_1001');
    expect(failures).toEqual([]);

    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.title()).toBe('kp-brev – letter preview');
    for (const heading of ['Letter and case', 'The letter', 'The template'])
      expect(await page.getByRole('heading', { name: heading, level: 2 }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Field codes (as Alt+F9 in Word)' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Download PDF' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Copy the case context' }).count()).toBe(1);
    expect(await page.getByLabel('Letter from the template archive').count()).toBe(1);
    expect(await page.$eval('#kommune', (s) => (s as HTMLSelectElement).options[0]!.textContent)).toBe('Central template (no municipality)');
    expect(await page.$eval('#proces', (s) => (s as HTMLSelectElement).options[0]!.textContent)).toBe('(as in the case)');
    // The status line's count and noun from the catalog's plural rule.
    expect(await page.textContent('#status')).toMatch(/^The letter is up to date: .+\(np_1001.*\), \d+ pages?\.$/);

    // A municipality's draft: the server's problems and findings in English, the client's words around them too.
    await page.selectOption('#kommune', '540');
    await page.setInputFiles('#fil', join(root, 'samples/lint/np_1011-kladde.docx'));
    await drawn(page, 'np_1011@3, udkast til 540');
    expect(await page.textContent('#fil-navn')).toBe('Using np_1011-kladde.docx');
    expect(await page.getByRole('heading', { name: 'To be fixed before the letter can be sent' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Show the field Svar.Frsit' }).count()).toBe(1);
    const errors = await page.textContent('#fund .fund-gruppe.fejl');
    expect(errors).toContain('Errors (6)');
    expect(errors).toContain('(new in the override)');
    expect(errors).toContain('Show paragraph');
    expect(await pageWords(page)).not.toMatch(DANISH);

    // The language link goes to the Danish page, though the browser asks for English.
    await page.getByRole('link', { name: 'Dansk' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'da', undefined, { timeout: HANG_GUARD_MS });
    expect(await page.getByRole('heading', { name: 'Brev og sag', level: 2 }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'English' }).getAttribute('href')).toBe('?lang=en');
    await context.close();
  });

  it('?lang=en gives a Danish browser the English page', async () => {
    const context = await browser.newContext({ viewport: { width: 1500, height: 1000 }, locale: 'da-DK' });
    const page = await context.newPage();
    await page.goto(`${server.url}/?lang=en`);
    await drawn(page, 'np_1001');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('heading', { name: 'Findings' }).count()).toBe(1);
    expect(await pageWords(page)).not.toMatch(DANISH);
    await context.close();
  });
});
