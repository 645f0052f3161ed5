/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The training page in a real Firefox: Debian's firefox-esr driven headless by puppeteer-core
 * over WebDriver BiDi (no browser download: `executablePath`, and puppeteer-core has no install
 * script), against `kp-brev serve --training` listening on loopback. playwright-core drives only
 * its own patched Firefox build, hence puppeteer here. The trainer's path of the Chromium test
 * (test/web/web.e2e.test.ts), with the same expected texts: the first letter is drawn, another
 * letter and its sample case are chosen, a flettespørgsmål is switched with the keyboard alone
 * and the letter's text changes, the text a question adds is marked, the letter is downloaded
 * as PDF and .docx through the page's buttons into a folder Firefox is told to save downloads
 * in (BiDi `browser.setDownloadBehavior`), an own draft with planted mistakes is dropped in and
 * its findings link to the field codes, and axe-core finds no serious or critical
 * accessibility violation.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PizZip from 'pizzip';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needTool } from '../helpers/tools.js';
import { HANG_GUARD_MS } from '../helpers/wait.js';
import { startTrainingServer } from '../helpers/training-server.js';

const root = join(import.meta.dirname, '../..');
const FIREFOX = ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => existsSync(p) && spawnSync(p, ['--version']).status === 0);
const hasFirefox = needTool('Firefox', FIREFOX !== undefined, 'firefox-esr');

/** The letter's text as the page draws it (all pages, whitespace collapsed). */
const letterText = (page: Page): Promise<string> =>
  page.$$eval('#sider svg text', (texts) =>
    texts
      .map((t) => t.textContent ?? '')
      .join(' ')
      .replace(/\s+/g, ' '),
  );

/** Waits until the page has drawn the letter again after the last change. */
async function drawn(page: Page, version: string): Promise<void> {
  await page.waitForFunction(
    // "Brevet er opdateret", or "Brevet mangler …" for a letter drawn with placeholders.
    (v: string) =>
      /^Brevet (er opdateret|mangler)/.test(document.getElementById('status')?.textContent ?? '') &&
      document.getElementById('status')!.textContent!.includes(`(${v}`),
    { timeout: HANG_GUARD_MS },
    version,
  );
}

/** Waits for a finished download (Firefox writes `<name>.part` first, then renames it). */
async function downloaded(dir: string, name: string, timeoutMs = HANG_GUARD_MS): Promise<Buffer> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const files = readdirSync(dir);
    if (files.includes(name) && !files.some((f) => f.endsWith('.part'))) return readFileSync(join(dir, name));
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} was not downloaded into ${dir} (found: ${readdirSync(dir).join(', ') || 'nothing'})`);
}

describe.skipIf(!hasFirefox)('the training page in Firefox', () => {
  let server: Awaited<ReturnType<typeof startTrainingServer>>;
  let browser: Browser;
  let page: Page;
  let downloads: string;
  const failures: string[] = [];

  beforeAll(async () => {
    server = await startTrainingServer();
    downloads = mkdtempSync(join(tmpdir(), 'kp-brev-firefox-'));
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: FIREFOX!,
      headless: true,
      // Release builds honour services.settings.server below only with this set; else they look
      // up firefox.settings.services.mozilla.com (Remote Settings) at start.
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
      defaultViewport: { width: 1500, height: 1000 },
      // Danish as the Chromium test's locale; no update, telemetry or other background requests.
      extraPrefsFirefox: {
        'intl.accept_languages': 'da-DK, da',
        'services.settings.server': 'data:,#remote-settings-dummy/v1',
        'app.update.disabledForTesting': true,
        'browser.safebrowsing.update.enabled': false,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
      },
    });
    // A context of its own, so that downloads are saved without a dialog into `downloads`.
    const context = await browser.createBrowserContext({ downloadBehavior: { policy: 'allow', downloadPath: downloads } });
    page = await context.newPage();
    page.on('pageerror', (e) => failures.push(e instanceof Error ? e.message : String(e)));
    page.on('requestfailed', (r) => failures.push(`${r.url()}: ${r.failure()?.errorText}`));
    // Nothing from a network: every request the page makes goes to the server it came from.
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
        failures.push(`request outside the server: ${r.url()}`);
    });
    await page.goto(server.url);
    await drawn(page, 'np_1001');
    expect(failures).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGKILL');
    if (downloads) rmSync(downloads, { recursive: true, force: true });
  });

  it('draws the first letter of the archive with its sample case, in the fonts the PDF embeds', async () => {
    expect(await page.title()).toContain('kp-brev');
    expect(await letterText(page)).toContain('Kære Karen');
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, ''));
    });
    expect(fonts).toContain('KP Liberation Sans');
    const codes = await page.$eval('#koder', (k) => k.textContent);
    expect(codes).toContain('{ MERGEFIELD Borger.Fornavn }');
    expect(codes).toContain('= Karen');
  });

  it('shows another letter and its sample case, and redraws the letter when a question is switched with the keyboard', async () => {
    await page.select('#skabelon', 'np_1004');
    await drawn(page, 'np_1004');
    expect(await page.$eval('#sag', (s) => (s as HTMLSelectElement).selectedOptions[0]!.textContent)).toBe('karen-85-procent');
    const before = await letterText(page);
    expect(before).toContain('Du får et helbredstillægskort');
    expect(before).not.toContain('tidligere givet dig afslag');

    const id = 'q-flettespoergsmaal-10034';
    const checked = (): Promise<boolean> => page.$eval(`#${id}`, (i) => (i as HTMLInputElement).checked);
    expect(await page.$eval(`#${id}`, (i) => i.getAttribute('role'))).toBe('switch');
    expect(await page.$eval(`label[for="${id}"]`, (l) => l.textContent)).toContain('Borgeren har tidligere fået afslag');
    expect(await checked()).toBe(false);
    // Keyboard alone: Tab from the top of the page to the switch, then Space.
    await page.keyboard.press('Escape');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate((want: string) => document.activeElement?.id === want, id);
    }
    expect(reached).toBe(true);
    // The space bar by its key value: puppeteer's BiDi keyboard does not know the code name 'Space'.
    await page.keyboard.press(' ');
    // The redraw has begun (or is already done): then wait for it to end. A condition, not a
    // pause that may be too short on a busy machine.
    await page.waitForFunction(
      () =>
        (document.getElementById('status')?.textContent ?? '').startsWith('Danner') ||
        [...document.querySelectorAll('#sider svg text')]
          .map((t) => t.textContent ?? '')
          .join(' ')
          .replace(/\s+/g, ' ')
          .includes('Vi har tidligere givet dig afslag'),
      { timeout: HANG_GUARD_MS },
    );
    await drawn(page, 'np_1004');
    expect(await checked()).toBe(true);
    expect(await letterText(page)).toContain('Vi har tidligere givet dig afslag');
    // The redraw keeps the focus on the switch, and says so in the live region.
    const focusedId = (): Promise<string | undefined> => page.evaluate(() => document.activeElement?.id);
    expect(await focusedId()).toBe(id);
    expect(await page.$eval('#status', (s) => s.textContent)).toContain('Brevet er opdateret');

    // What the question adds, marked on request: the next Tab stop is the question's marking button.
    expect(await page.$$eval('#sider rect.tilfoejet', (r) => r.length)).toBe(0);
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe(`${id}-marker`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('#sider rect.tilfoejet').length > 0, { timeout: HANG_GUARD_MS });
    const marked = await page.$$eval('#sider text.tilfoejet', (t) =>
      t
        .map((x) => x.textContent)
        .join(' ')
        .replace(/\s+/g, ' '),
    );
    expect(marked).toContain('tidligere givet dig afslag');
    expect(marked).not.toContain('Kære');
    // Not colour alone: the button is pressed, the focus stays on it, and the status quotes the marked text.
    const pressed = (key: string): Promise<string | null> => page.$eval(`#${key}-marker`, (b) => b.getAttribute('aria-pressed'));
    expect(await pressed(id)).toBe('true');
    expect(await focusedId()).toBe(`${id}-marker`);
    await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '').includes('Markeret'), { timeout: HANG_GUARD_MS });
    expect(await page.$eval('#status', (s) => s.textContent)).toContain('tidligere givet dig afslag');
    // Marking a question answered N answers it J (the letter shows what it adds, and the switch says so).
    const fod = 'q-flettespoergsmaal-10032';
    expect(await page.$eval(`#${fod}`, (i) => (i as HTMLInputElement).checked)).toBe(false);
    await page.click(`#${fod}-marker`);
    await page.waitForFunction(() => (document.getElementById('q-flettespoergsmaal-10032') as HTMLInputElement | null)?.checked === true, {
      timeout: HANG_GUARD_MS,
    });
    await page.waitForFunction(() => document.querySelectorAll('#sider text.tilfoejet').length > 0, { timeout: HANG_GUARD_MS });
    expect(await page.$$eval('#sider text.tilfoejet', (t) => t.map((x) => x.textContent).join(' '))).toContain('fodbehandling');
    expect(await pressed(id)).toBe('false');
    // Back to the first marking (and the 10032 answer back to N), as in the Chromium test.
    await page.click(`#${fod}`);
    await page.click(`#${id}-marker`);
    await page.waitForFunction(
      () =>
        document.getElementById('q-flettespoergsmaal-10034-marker')?.getAttribute('aria-pressed') === 'true' &&
        (document.getElementById('q-flettespoergsmaal-10032') as HTMLInputElement).checked === false,
      { timeout: HANG_GUARD_MS },
    );
    await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '').includes('Markeret'), { timeout: HANG_GUARD_MS });
    expect(failures).toEqual([]);
  });

  it("downloads the letter as a PDF and as a .docx through the page's buttons, with the answers given", async () => {
    await page.click('#hent-pdf');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'np_1004.pdf er hentet.', { timeout: HANG_GUARD_MS });
    const pdf = await downloaded(downloads, 'np_1004.pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    const pdftotext = spawnSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' });
    if (needTool('pdftotext', pdftotext.status === 0, 'poppler-utils'))
      expect(pdftotext.stdout.replace(/\s+/g, ' ')).toContain('Vi har tidligere givet dig afslag');

    // The file name is the one Firefox saved under (the page's `download` attribute); puppeteer
    // over BiDi has no download event with a suggested name, so the folder is watched instead.
    await page.click('#hent-docx');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'np_1004.docx er hentet.', { timeout: HANG_GUARD_MS });
    const xml = new PizZip(await downloaded(downloads, 'np_1004.docx')).file('word/document.xml')!.asText();
    expect(xml).toContain('Vi har tidligere givet dig afslag');
    expect(xml).toContain('Karen');
    expect(await page.$eval('#status', (s) => s.textContent)).toBe('np_1004.docx er hentet.');
    expect(failures).toEqual([]);
  });

  it('lists a field the case lacks above the letter, says so in the status line, and links to the field in the codes', async () => {
    const ctx = JSON.parse(await page.$eval('#kontekst', (t) => (t as HTMLTextAreaElement).value)) as { fields: { Bevilling: Record<string, unknown> } };
    delete ctx.fields.Bevilling['Fra'];
    // As typing does: the value changes and an input event follows.
    await page.$eval(
      '#kontekst',
      (t, text) => {
        (t as HTMLTextAreaElement).value = text;
        t.dispatchEvent(new Event('input', { bubbles: true }));
      },
      JSON.stringify(ctx, null, 2),
    );
    await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '').startsWith('Brevet mangler 1 felt (Bevilling.Fra)'), {
      timeout: HANG_GUARD_MS,
    });
    expect(await letterText(page)).toContain('«MANGLER: Bevilling.Fra»');
    expect(await page.$eval('#mangler', (m) => m.textContent)).toContain('np_1004, afsnit 3: Flettefeltet "Bevilling.Fra" har ingen værdi i sagskonteksten.');
    let link: ElementHandle | null = null;
    for (const until = Date.now() + HANG_GUARD_MS; !link && Date.now() < until;) {
      link = await page.$('::-p-aria([name="Vis feltet Bevilling.Fra"][role="link"])');
      if (!link) await new Promise((r) => setTimeout(r, 100));
    }
    expect(link).not.toBeNull();
    await link!.click();
    const focused = await page.evaluate(() => ({ id: document.activeElement?.id, text: document.activeElement?.textContent }));
    expect(focused.id).toMatch(/^afsnit-word-document-xml-.*-3$/);
    expect(focused.text).toContain('{ MERGEFIELD Bevilling.Fra }');
    // The sample case again: nothing lacking, nothing listed.
    await page.$eval('#sag', (s) => {
      const select = s as HTMLSelectElement;
      select.selectedIndex = [...select.options].findIndex((o) => o.textContent === 'karen-85-procent');
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '').startsWith('Brevet er opdateret'), { timeout: HANG_GUARD_MS });
    expect(await page.$('#mangler')).toBeNull();
    expect(failures).toEqual([]);
  });

  it("shows a municipality's dropped-in draft in the letter, with its findings against the central template", async () => {
    await page.select('#kommune', '540');
    await drawn(page, 'np_1004');
    // BiDi `input.setFiles` on the file input, as playwright's setInputFiles.
    const file = (await page.$('input#fil'))!;
    await file.uploadFile(join(root, 'samples/lint/np_1011-kladde.docx'));
    // Named after np_1011, so taken as a draft of it: shown in its masterskabelon with its sample case.
    await drawn(page, 'np_1011@3, udkast til 540');
    expect(await page.$eval('#udkast-til', (i) => (i as HTMLInputElement).value)).toBe('np_1011');
    expect(await letterText(page)).toContain('Vi mangler dokumentation til din ansøgning');
    // The misspelt field is refused in the letter, and named.
    expect(await page.$eval('#problemer', (p) => p.textContent)).toContain('Flettefeltet "Svar.Frsit" findes ikke i kataloget');
    // ... with a link to the field in the template's codes, found by its role and accessible name
    // (puppeteer's ARIA selector: BiDi `browsingContext.locateNodes` by accessibility). Queried
    // from here in a loop rather than with waitForSelector: that polls inside the page through
    // a binding back to puppeteer, and in about one run in five it never saw the link within
    // 5 s although the same locateNodes query, made directly, found it at once.
    let link: ElementHandle | null = null;
    for (const until = Date.now() + HANG_GUARD_MS; !link && Date.now() < until;) {
      link = await page.$('::-p-aria([name="Vis feltet Svar.Frsit"][role="link"])');
      if (!link) await new Promise((r) => setTimeout(r, 100));
    }
    expect(link).not.toBeNull();
    await link!.click();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('{ MERGEFIELD Svar.Frsit }');
    const errors = await page.$eval('#fund .fund-gruppe.fejl', (g) => g.textContent);
    expect(errors).toContain('Fejl (6)');
    expect(errors).toContain('sammenlignes med "Ja"');
    expect(errors).toContain('question-value');
    expect(errors).toContain('Et billede har ingen alternativ tekst');
    // What the override adds to the central template is the municipality's to answer for.
    expect(errors).toContain('(ny i overskrivningen)');
    expect(await page.$eval('#fund', (f) => f.textContent)).toContain('override-outdated');
    // The link scrolls to the paragraph in the field-code view and moves the focus there.
    const links = await page.$$('#fund li:has(a)');
    const texts = await Promise.all(links.map((li) => li.evaluate((l) => l.textContent ?? '')));
    const item = links.filter((_, i) => texts[i]!.includes('question-value'));
    expect(item.length).toBeGreaterThan(0);
    await (await item[0]!.$('a'))!.click();
    const focused = await page.evaluate(() => ({ id: document.activeElement?.id, text: document.activeElement?.textContent }));
    expect(focused.id).toMatch(/^afsnit-word-document-xml--8$/);
    expect(focused.text).toContain('Question:flettespoergsmaal-10025 } = "Ja"');
    expect(failures).toEqual([]);
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    // The page's CSP (script-src 'self') refuses an injected <script> tag, and Chromium's
    // bypassCSP (page.setBypassCSP) is CDP-only, which Firefox does not speak. A BiDi
    // `script.evaluate` runs with the WebDriver's authority, outside the page's CSP: the axe
    // source is evaluated in the page's own realm, and the page keeps its CSP throughout.
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => {
      type Violation = { id: string; impact: string; nodes: Array<{ target: string[] }> };
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: Violation[] }> } }).axe;
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
    });
    const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious).toEqual([]);
    expect(failures).toEqual([]);
  });
});
