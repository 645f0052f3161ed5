/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The training page in a real browser: Debian's Chromium driven by playwright-core (no browser
 * download), against `kp-brev serve --training` listening on loopback. A trainer's path through
 * the page: the first letter is drawn, another letter and its sample case are chosen, a
 * flettespørgsmål is switched with the keyboard alone and the letter's text changes, the text a
 * question adds is marked, an own draft with planted mistakes is dropped in and its findings
 * link to the field codes, the letter is downloaded as PDF and .docx, and axe-core finds no
 * serious or critical accessibility violation. With KP_BREV_SCREENSHOTS=1 (npm run
 * web-screenshots) the page is photographed into docs/web/ for the README.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import PizZip from 'pizzip';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needTool } from '../helpers/tools.js';
import { HANG_GUARD_MS } from '../helpers/wait.js';
import { startTrainingServer } from '../helpers/training-server.js';

const root = join(import.meta.dirname, '../..');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p) && spawnSync(p, ['--version']).status === 0);
const hasChromium = needTool('Chromium', CHROMIUM !== undefined, 'chromium');
const SCREENSHOTS = process.env['KP_BREV_SCREENSHOTS'] === '1' ? join(root, 'docs/web') : undefined;

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
  // "Brevet er opdateret", or "Brevet mangler …" for a letter drawn with placeholders.
  await page.waitForFunction(
    (v) =>
      /^Brevet (er opdateret|mangler)/.test(document.getElementById('status')?.textContent ?? '') &&
      document.getElementById('status')!.textContent!.includes(`(${v}`),
    version,
    { timeout: HANG_GUARD_MS },
  );
}

describe.skipIf(!hasChromium)('the training page in Chromium', () => {
  let server: Awaited<ReturnType<typeof startTrainingServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startTrainingServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM!,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
    });
    // bypassCSP only so that axe-core can be injected; the page itself runs under its own CSP.
    context = await browser.newContext({ viewport: { width: 1500, height: 1000 }, acceptDownloads: true, bypassCSP: true, locale: 'da-DK' });
    page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
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
  });

  it('draws the first letter of the archive with its sample case, in the fonts the PDF embeds', async () => {
    expect(await page.title()).toContain('kp-brev');
    expect(await letterText(page)).toContain('Kære Karen');
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, ''));
    });
    expect(fonts).toContain('KP Liberation Sans');
    // The Alt+F9 view shows the codes with the value each field has for this case.
    const codes = await page.textContent('#koder');
    expect(codes).toContain('{ MERGEFIELD Borger.Fornavn }');
    expect(codes).toContain('= Karen');
  });

  it('shows another letter and its sample case, and redraws the letter when a question is switched with the keyboard', async () => {
    await page.selectOption('#skabelon', 'np_1004');
    await drawn(page, 'np_1004');
    expect(await page.$eval('#sag', (s) => (s as HTMLSelectElement).selectedOptions[0]!.textContent)).toBe('karen-85-procent');
    const before = await letterText(page);
    expect(before).toContain('Du får et helbredstillægskort');
    expect(before).not.toContain('tidligere givet dig afslag');

    // Every enabled question is a switch with its text.
    const sw = page.getByRole('switch', { name: 'Borgeren har tidligere fået afslag' });
    expect(await sw.isChecked()).toBe(false);
    // Keyboard alone: Tab from the top of the page to the switch, then Space.
    await page.keyboard.press('Escape');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.id === 'q-flettespoergsmaal-10034');
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Space');
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
      undefined,
      { timeout: HANG_GUARD_MS },
    );
    await drawn(page, 'np_1004');
    expect(await sw.isChecked()).toBe(true);
    const after = await letterText(page);
    expect(after).toContain('Vi har tidligere givet dig afslag');
    // The redraw keeps the focus on the switch, and says so in the live region.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q-flettespoergsmaal-10034');
    expect(await page.locator('#status').textContent()).toContain('Brevet er opdateret');

    // What the question adds, marked on request: the next Tab stop is the question's marking button.
    expect(await page.locator('#sider rect.tilfoejet').count()).toBe(0);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q-flettespoergsmaal-10034-marker');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('#sider rect.tilfoejet').length > 0, undefined, { timeout: HANG_GUARD_MS });
    const marked = await page.$$eval('#sider text.tilfoejet', (t) =>
      t
        .map((x) => x.textContent)
        .join(' ')
        .replace(/\s+/g, ' '),
    );
    expect(marked).toContain('tidligere givet dig afslag');
    expect(marked).not.toContain('Kære');
    // Not colour alone: the button is pressed, the focus stays on it, and the status quotes the marked text.
    const marker = page.locator('#q-flettespoergsmaal-10034-marker');
    expect(await marker.getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q-flettespoergsmaal-10034-marker');
    await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '').includes('Markeret'), undefined, { timeout: HANG_GUARD_MS });
    expect(await page.locator('#status').textContent()).toContain('tidligere givet dig afslag');
    // Marking a question answered N answers it J (the letter shows what it adds, and the switch says so).
    const fod = page.locator('#q-flettespoergsmaal-10032');
    expect(await fod.isChecked()).toBe(false);
    await page.click('#q-flettespoergsmaal-10032-marker');
    await page.waitForFunction(() => (document.getElementById('q-flettespoergsmaal-10032') as HTMLInputElement | null)?.checked === true, undefined, {
      timeout: HANG_GUARD_MS,
    });
    await page.waitForFunction(() => document.querySelectorAll('#sider text.tilfoejet').length > 0, undefined, { timeout: HANG_GUARD_MS });
    expect(await page.$$eval('#sider text.tilfoejet', (t) => t.map((x) => x.textContent).join(' '))).toContain('fodbehandling');
    expect(await marker.getAttribute('aria-pressed')).toBe('false');
    // Back to the first marking for the screenshot (and the 10032 answer back to N).
    await page.click('#q-flettespoergsmaal-10032');
    await page.click('#q-flettespoergsmaal-10034-marker');
    await page.waitForFunction(
      () =>
        document.getElementById('q-flettespoergsmaal-10034-marker')?.getAttribute('aria-pressed') === 'true' &&
        (document.getElementById('q-flettespoergsmaal-10032') as HTMLInputElement).checked === false,
      undefined,
      { timeout: HANG_GUARD_MS },
    );
    await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '').includes('Markeret'), undefined, { timeout: HANG_GUARD_MS });
    if (SCREENSHOTS) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.evaluate(() => {
        document.querySelectorAll('main > section').forEach((s) => (s.scrollTop = 0));
        document.getElementById('spoergsmaal')!.scrollIntoView({ block: 'start' });
      });
      await page.screenshot({ path: join(SCREENSHOTS, 'forhaandsvisning.png') });
    }
  });

  it('downloads the letter as a PDF and as a .docx with the answers given', async () => {
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.click('#hent-pdf')]);
    expect(pdf.suggestedFilename()).toBe('np_1004.pdf');
    const pdfBytes = readFileSync((await pdf.path())!);
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdftotext = spawnSync('pdftotext', ['-', '-'], { input: pdfBytes, encoding: 'utf8' });
    if (needTool('pdftotext', pdftotext.status === 0, 'poppler-utils'))
      expect(pdftotext.stdout.replace(/\s+/g, ' ')).toContain('Vi har tidligere givet dig afslag');

    const [docx] = await Promise.all([page.waitForEvent('download'), page.click('#hent-docx')]);
    expect(docx.suggestedFilename()).toBe('np_1004.docx');
    const xml = new PizZip(readFileSync((await docx.path())!)).file('word/document.xml')!.asText();
    expect(xml).toContain('Vi har tidligere givet dig afslag');
    expect(xml).toContain('Karen');
    expect(await page.textContent('#status')).toBe('np_1004.docx er hentet.');
  });

  it('lists a field the case lacks above the letter, says so in the status line, and links to the field in the codes', async () => {
    const ctx = JSON.parse(await page.inputValue('#kontekst')) as { fields: { Bevilling: Record<string, unknown> } };
    delete ctx.fields.Bevilling['Fra'];
    await page.fill('#kontekst', JSON.stringify(ctx, null, 2));
    await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '').startsWith('Brevet mangler 1 felt (Bevilling.Fra)'), undefined, {
      timeout: HANG_GUARD_MS,
    });
    expect(await page.textContent('#status')).not.toContain('opdateret');
    expect(await letterText(page)).toContain('«MANGLER: Bevilling.Fra»');
    const listed = await page.textContent('#mangler');
    expect(listed).toContain('Det mangler i sagskonteksten');
    expect(listed).toContain('np_1004, afsnit 3: Flettefeltet "Bevilling.Fra" har ingen værdi i sagskonteksten.');
    await page.getByRole('link', { name: 'Vis feltet Bevilling.Fra' }).click();
    const focused = await page.evaluate(() => ({ id: document.activeElement?.id, text: document.activeElement?.textContent }));
    expect(focused.id).toMatch(/^afsnit-word-document-xml-.*-3$/);
    expect(focused.text).toContain('{ MERGEFIELD Bevilling.Fra }');
    // The sample case again: nothing lacking, nothing listed.
    await page.selectOption('#sag', { label: 'karen-85-procent' });
    await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '').startsWith('Brevet er opdateret'), undefined, {
      timeout: HANG_GUARD_MS,
    });
    expect(await page.locator('#mangler').count()).toBe(0);
  });

  it("shows a municipality's dropped-in draft in the letter, with its findings against the central template", async () => {
    await page.selectOption('#kommune', '540');
    await drawn(page, 'np_1004');
    await page.setInputFiles('#fil', join(root, 'samples/lint/np_1011-kladde.docx'));
    // Named after np_1011, so taken as a draft of it: shown in its masterskabelon with its sample case.
    await drawn(page, 'np_1011@3, udkast til 540');
    expect(await page.inputValue('#udkast-til')).toBe('np_1011');
    expect(await letterText(page)).toContain('Vi mangler dokumentation til din ansøgning');
    // The misspelt field is refused in the letter, and named.
    expect(await page.textContent('#problemer')).toContain('Flettefeltet "Svar.Frsit" findes ikke i kataloget');
    // ... with a link to the field in the template's codes (the composed letter's paragraph numbers mean little here).
    await page.getByRole('link', { name: 'Vis feltet Svar.Frsit' }).click();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('{ MERGEFIELD Svar.Frsit }');
    const errors = await page.textContent('#fund .fund-gruppe.fejl');
    expect(errors).toContain('Fejl (6)');
    expect(errors).toContain('sammenlignes med "Ja"');
    expect(errors).toContain('question-value');
    expect(errors).toContain('Et billede har ingen alternativ tekst');
    // What the override adds to the central template is the municipality's to answer for.
    expect(errors).toContain('(ny i overskrivningen)');
    expect(await page.textContent('#fund')).toContain('override-outdated');
    // The link scrolls to the paragraph in the field-code view and moves the focus there.
    await page.locator('#fund li', { hasText: 'question-value' }).getByRole('link').click();
    const focused = await page.evaluate(() => ({ id: document.activeElement?.id, text: document.activeElement?.textContent }));
    expect(focused.id).toMatch(/^afsnit-word-document-xml--8$/);
    expect(focused.text).toContain('Question:flettespoergsmaal-10025 } = "Ja"');
    if (SCREENSHOTS) {
      await page.evaluate(() => ((document.getElementById('brev') as HTMLElement).scrollTop = 0));
      await page.screenshot({ path: join(SCREENSHOTS, 'fund.png') });
    }
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(async () => {
      type Violation = { id: string; impact: string; nodes: Array<{ target: string[] }> };
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: Violation[] }> } }).axe;
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
    });
    const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious).toEqual([]);
  });

  it('answers in the status live region and shows a clear message for a context that is not JSON', async () => {
    expect(await page.getAttribute('#status', 'aria-live')).toBe('polite');
    await page.fill('#kontekst', '{ "fields": ');
    await page.waitForFunction(() => (document.getElementById('kontekst-fejl')?.textContent ?? '').length > 0, undefined, { timeout: HANG_GUARD_MS });
    expect(await page.textContent('#kontekst-fejl')).toContain('Sagskonteksten er ikke gyldig JSON');
    expect(await page.getAttribute('#kontekst', 'aria-invalid')).toBe('true');
  });
});
