/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The training page in a real Firefox: Debian's firefox-esr driven headless by puppeteer-core
 * over WebDriver BiDi (no browser download: `executablePath`, and puppeteer-core has no install
 * script), against `kp-brev serve --training` listening on loopback. playwright-core drives only
 * its own patched Firefox build, hence puppeteer here. The trainer's path of the Chromium test
 * (test/web.e2e.test.ts), with the same expected texts: the first letter is drawn, another
 * letter and its sample case are chosen, a flettespørgsmål is switched with the keyboard alone
 * and the letter's text changes, and the PDF is downloaded through the page's button into a
 * folder Firefox is told to save downloads in (BiDi `browser.setDownloadBehavior`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needTool } from './helpers/tools.js';
import { startTrainingServer } from './helpers/training-server.js';

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
    (v: string) => (document.getElementById('status')?.textContent ?? '').startsWith('Brevet er opdateret') && document.getElementById('status')!.textContent!.includes(`(${v}`),
    { timeout: 20_000 },
    version,
  );
}

/** Waits for a finished download (Firefox writes `<name>.part` first, then renames it). */
async function downloaded(dir: string, name: string, timeoutMs = 20_000): Promise<Buffer> {
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
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) failures.push(`request outside the server: ${r.url()}`);
    });
    await page.goto(server.url);
    await drawn(page, 'np_1001');
    expect(failures).toEqual([]);
  }, 60_000);

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
    await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '').startsWith('Danner'), { timeout: 5_000 }).catch(() => undefined);
    await drawn(page, 'np_1004');
    expect(await checked()).toBe(true);
    expect(await letterText(page)).toContain('Vi har tidligere givet dig afslag');
    expect(failures).toEqual([]);
  });

  it("downloads the letter as a PDF through the page's button, with the answer given", async () => {
    await page.click('#hent-pdf');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'np_1004.pdf er hentet.', { timeout: 20_000 });
    const pdf = await downloaded(downloads, 'np_1004.pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    const pdftotext = spawnSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' });
    if (pdftotext.status === 0) expect(pdftotext.stdout.replace(/\s+/g, ' ')).toContain('Vi har tidligere givet dig afslag');
    expect(failures).toEqual([]);
  });
});
