/**
 * The training page's server side through Fastify's inject: the page and its files, the
 * training environment's access rule, the preview (pages, questions, codes with values,
 * findings, what a question adds), drafts shown in their letter, downloads, and the errors,
 * which name the template, the field and the place.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { newToken } from '../../src/server/auth.js';
import { docx, field, mergeField, p, questionIf } from '../helpers/build.js';
import { openDocx } from '../helpers/inspect.js';

const root = join(import.meta.dirname, '../..');
const templates = join(root, 'templates');
const karen = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as {
  fields: Record<string, unknown>;
  questions: Record<string, string>;
};
const fatima = JSON.parse(readFileSync(join(root, 'samples/sager/np_1011/fatima-briller.json'), 'utf8')) as Record<string, unknown>;
const kladde = readFileSync(join(root, 'samples/lint/np_1011-kladde.docx'));
const s751 = newToken('aarhus', { kommune: '751' });

interface PreviewJson {
  title: string;
  version: string;
  pages: Array<{ number: number; svg: string }>;
  problems: Array<{ message: string; field?: string; place?: string }>;
  questions: Array<{ key: string; text?: string; answer: string; enabled: boolean }>;
  codes: Array<{ paragraph: number; spans: Array<{ kind: string; text: string; value?: string }> }>;
  lint: Array<{ rule: string; severity: string; regression?: boolean; location: { paragraph?: number } }>;
  highlighted: number;
}

/** The text of an SVG page as the browser shows it. */
const svgText = (svg: string): string =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)]
    .map((m) => m[1]!)
    .join(' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const markedText = (svg: string): string =>
  [...svg.matchAll(/<text[^>]*class="tilfoejet"[^>]*>([^<]*)<\/text>/g)]
    .map((m) => m[1]!)
    .join(' ')
    .replace(/\s+/g, ' ');

let training: FastifyInstance;
let production: FastifyInstance;
beforeAll(async () => {
  training = await buildApp({ templatesDir: templates, credentials: [s751.credential], training: true });
  production = await buildApp({ templatesDir: templates, credentials: [s751.credential] });
});
afterAll(async () => {
  await training.close();
  await production.close();
});

const preview = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  training.inject({ method: 'POST', url: '/v1/preview', payload: body, headers });

describe('the page and its files', () => {
  it('serves a Danish page under a strict content security policy, with its script, stylesheet and fonts from this server', async () => {
    const page = await training.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'");
    expect(page.body).toContain('<html lang="da">');
    expect(page.body).not.toMatch(/https?:\/\//);
    const script = await training.inject({ method: 'GET', url: '/app.js' });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain('/v1/preview');
    const css = await training.inject({ method: 'GET', url: '/app.css' });
    expect(css.body).toContain('url("/fonts/LiberationSans-Regular.ttf")');
    const font = await training.inject({ method: 'GET', url: '/fonts/LiberationSans-Regular.ttf' });
    expect(font.statusCode).toBe(200);
    expect(font.rawPayload.readUInt32BE(0)).toBe(0x00010000);
  });

  it('serves only its own fonts', async () => {
    for (const url of ['/fonts/..%2F..%2Fpackage.json', '/fonts/LICENSE', '/fonts/LiberationSans-Regular.otf']) {
      const r = await training.inject({ method: 'GET', url });
      expect(r.statusCode).toBe(404);
    }
  });

  it('in training, this machine may preview without a credential; a credential still limits the municipality; production always asks', async () => {
    expect((await preview({ template: 'np_1004', context: karen })).statusCode).toBe(200);
    const other = await preview({ template: 'np_1011', kommune: '540', context: fatima }, { authorization: `Bearer ${s751.token}` });
    expect(other.statusCode).toBe(403);
    const remote = await training.inject({ method: 'POST', url: '/v1/preview', payload: { template: 'np_1004', context: karen }, remoteAddress: '10.1.2.3' });
    expect(remote.statusCode).toBe(401);
    // A page elsewhere that rebinds its own name to 127.0.0.1, or posts from another origin, is not this machine's browser.
    const rebound = await training.inject({
      method: 'POST',
      url: '/v1/preview',
      payload: { template: 'np_1004', context: karen },
      headers: { host: 'angriber.example:8080' },
    });
    expect(rebound.statusCode).toBe(401);
    const crossSite = await training.inject({
      method: 'POST',
      url: '/v1/preview',
      payload: { template: 'np_1004', context: karen },
      headers: { host: '127.0.0.1:8080', origin: 'https://angriber.example' },
    });
    expect(crossSite.statusCode).toBe(401);
    const sameSite = await training.inject({
      method: 'POST',
      url: '/v1/preview',
      payload: { template: 'np_1004', context: karen },
      headers: { host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' },
    });
    expect(sameSite.statusCode).toBe(200);
    const prod = await production.inject({ method: 'POST', url: '/v1/preview', payload: { template: 'np_1004', context: karen } });
    expect(prod.statusCode).toBe(401);
    expect(prod.json().title).toBe('Ikke logget ind');
  });

  it('lists the sample cases of a letter, the municipalities and the processes', async () => {
    const samples = (await training.inject({ method: 'GET', url: '/v1/samples?template=np_1004' })).json() as Array<{
      name: string;
      context: { fields: unknown };
    }>;
    expect(samples.map((s) => s.name)).toContain('karen-85-procent');
    expect(samples.find((s) => s.name === 'karen-85-procent')!.context).toEqual(karen);
    expect((await training.inject({ method: 'GET', url: '/v1/samples?template=np_9999' })).json()).toEqual([]);
    expect((await training.inject({ method: 'GET', url: '/v1/samples?template=../etc' })).statusCode).toBe(400);
    // A broken sample file is left out, not a failed list.
    const dir = mkdtempSync(join(tmpdir(), 'kp-samples-'));
    mkdirSync(join(dir, 'np_1004'));
    writeFileSync(join(dir, 'np_1004', 'god.json'), JSON.stringify(karen));
    writeFileSync(join(dir, 'np_1004', 'halv.json'), '{ "fields": ');
    const own = await buildApp({ templatesDir: templates, credentials: [], training: true, samplesDir: dir });
    const listed = (await own.inject({ method: 'GET', url: '/v1/samples?template=np_1004' })).json() as Array<{ name: string }>;
    await own.close();
    expect(listed.map((x) => x.name)).toEqual(['god']);
    // The folder above the samples (often the configuration's) is not reachable either.
    expect((await training.inject({ method: 'GET', url: '/v1/samples?template=..' })).statusCode).toBe(400);
    expect((await training.inject({ method: 'GET', url: '/v1/kommuner' })).json()).toEqual([{ kommune: '540', name: 'Sønderborg Kommune' }]);
    const processes = (await training.inject({ method: 'GET', url: '/v1/processes' })).json() as Array<{ id: string; variants: Array<{ id: string }> }>;
    expect(processes.find((x) => x.id === 'udvidet-helbredstillaeg')!.variants.map((v) => v.id)).toContain('briller');
  });
});

describe('POST /v1/preview', () => {
  it('draws the letter as SVG pages, with every question, the codes with their values and the findings', async () => {
    const r = await preview({ template: 'np_1004', context: karen });
    expect(r.statusCode).toBe(200);
    const body = r.json() as PreviewJson;
    expect(body.version).toBe('np_1004@5');
    expect(body.pages.length).toBe(2);
    const text = svgText(body.pages[0]!.svg);
    expect(text).toContain('Kære Karen');
    expect(text).not.toContain('tidligere givet dig afslag');
    expect(body.questions.map((q) => [q.key, q.answer, q.enabled])).toEqual([
      ['flettespoergsmaal-10031', 'J', true],
      ['flettespoergsmaal-10032', 'N', true],
      ['flettespoergsmaal-10033', 'J', true],
      ['flettespoergsmaal-10034', 'N', true],
    ]);
    expect(body.questions[3]!.text).toBe('Borgeren har tidligere fået afslag');
    const greeting = body.codes.find((c) => c.spans.some((s) => s.text === '{ MERGEFIELD Borger.Fornavn }'))!;
    expect(greeting.spans.find((s) => s.kind === 'field')!.value).toBe('Karen');
    expect(body.lint).toEqual([]);
    expect(body.problems).toEqual([]);
  });

  it('lists what the case lacks above the letter: each missing field with its template part, paragraph and its paragraph in the codes', async () => {
    const fields = { ...karen.fields, Bevilling: { ...(karen.fields['Bevilling'] as Record<string, unknown>) } } as Record<string, unknown>;
    delete (fields['Bevilling'] as Record<string, unknown>)['Fra'];
    delete fields['Klage'];
    const body = (await preview({ template: 'np_1004', context: { ...karen, fields } })).json() as PreviewJson & {
      missing: Array<{
        kind: string;
        name: string;
        template?: string;
        part?: string;
        paragraph?: number;
        code?: { part: string; story: string; paragraph: number };
      }>;
    };
    // The letter is drawn with placeholders ...
    expect(body.pages.map((pg) => svgText(pg.svg)).join(' ')).toContain('«MANGLER: Bevilling.Fra»');
    // ... and what it lacks is listed, not left to a yellow mark on some page.
    expect(body.missing).toEqual([
      {
        kind: 'field',
        name: 'Bevilling.Fra',
        message: 'Flettefeltet "Bevilling.Fra" har ingen værdi i sagskonteksten. Brevet dannes ikke.',
        template: 'np_1004',
        part: 'word/document.xml',
        paragraph: 3,
        instruction: 'MERGEFIELD Bevilling.Fra',
        code: { part: 'word/document.xml', story: expect.any(String), paragraph: 3 },
      },
      {
        kind: 'field',
        name: 'Klage.Frist',
        message: 'Flettefeltet "Klage.Frist" har ingen værdi i sagskonteksten. Brevet dannes ikke.',
        template: 'indholdselement klagevejledning',
        part: 'word/document.xml',
        paragraph: 2,
        instruction: 'MERGEFIELD Klage.Frist',
      },
    ]);
    // The code-view paragraph it links to holds the field.
    const code = body.missing[0]!.code!;
    const para = body.codes.find((c) => c.paragraph === code.paragraph && (c as { part?: string }).part === code.part)!;
    expect(para.spans.some((sp) => sp.kind === 'field' && sp.text.includes('MERGEFIELD Bevilling.Fra'))).toBe(true);
    expect(body.problems.map((x) => x.field)).toEqual(['Bevilling.Fra', 'Klage.Frist']);
  });

  it('draws a letter with a list from its sample case: a row per item, the region codes in the Alt+F9 view', async () => {
    const samples = (await training.inject({ method: 'GET', url: '/v1/samples?template=np_1017' })).json() as Array<{
      name: string;
      context: { fields: { Udgifter: unknown[] } };
    }>;
    expect(samples.map((x) => [x.name, x.context.fields.Udgifter.length]).sort()).toEqual([
      ['fatima-briller-tre-udgifter', 3],
      ['jens-tandprotese-en-udgift', 1],
      ['karen-briller-ingen-udgifter', 0],
      ['poul-briller-fem-udgifter', 5],
    ]);
    const r = (await preview({ template: 'np_1017', context: samples.find((x) => x.name === 'fatima-briller-tre-udgifter')!.context })).json() as PreviewJson;
    expect(r.problems).toEqual([]);
    const text = r.pages.map((pg) => svgText(pg.svg)).join(' ');
    for (const row of ['Nye brilleglas (progressive)', 'Brillestel', 'Synsprøve hos optiker', '2.492,40 kr.']) expect(text).toContain(row);
    const codes = r.codes.flatMap((c) => c.spans.filter((x) => x.kind !== 'text').map((x) => x.text)).join(' ');
    expect(codes).toContain('TableStart:Udgifter');
    expect(codes).toContain('TableEnd:Udgifter');
  });

  it("an administrator asking for a municipality the repository does not have gets 404 naming the known ones; a municipality's own credential still works", async () => {
    const unknown = await preview({ template: 'np_1004', kommune: '999', context: karen });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json().detail).toBe('Kommunen 999 findes ikke i skabelonarkivet. Kendte kommuner: 540.');
    expect((await training.inject({ method: 'GET', url: '/v1/templates?kommune=999' })).statusCode).toBe(404);
    expect((await training.inject({ method: 'GET', url: '/v1/templates/np_1004?kommune=999' })).statusCode).toBe(404);
    const letter = await training.inject({
      method: 'POST',
      url: '/v1/letters',
      payload: { template: 'np_1004', kommune: '999', context: karen, format: 'docx' },
    });
    expect(letter.statusCode).toBe(404);
    expect((await training.inject({ method: 'GET', url: '/v1/templates?kommune=540' })).statusCode).toBe(200);
    // Aarhus (751) has no overrides: its own credential gets the central templates, as before.
    const own = await production.inject({ method: 'GET', url: '/v1/templates', headers: { authorization: `Bearer ${s751.token}` } });
    expect(own.statusCode).toBe(200);
  });

  it('redraws with an answer changed, and marks exactly what the question adds', async () => {
    const yes = (
      await preview({ template: 'np_1004', context: { ...karen, questions: { ...karen.questions, 'flettespoergsmaal-10034': 'J' } } })
    ).json() as PreviewJson;
    expect(svgText(yes.pages[0]!.svg)).toContain('Vi har tidligere givet dig afslag.');
    expect(yes.highlighted).toBe(0);
    const marked = (await preview({ template: 'np_1004', context: karen, highlight: 'flettespoergsmaal-10034' })).json() as PreviewJson;
    expect(marked.highlighted).toBeGreaterThan(0);
    const m = markedText(marked.pages[0]!.svg);
    expect(m).toContain('Vi har tidligere givet dig afslag.');
    expect(m).toContain('ud fra de nye oplysninger.');
    expect(m).not.toContain('Karen');
    expect(m).not.toContain('helbredstillægskort');
    // The next paragraph begins with the same words ("Vi har"): it is not what the question adds.
    expect(m).not.toContain('beregnet din formue');
    // Words added inside a paragraph: the lines they are on, not the rest of the paragraph.
    const inline = (await preview({ template: 'np_1004', context: karen, highlight: 'flettespoergsmaal-10032' })).json() as PreviewJson;
    const im = inline.pages.map((pg) => markedText(pg.svg)).join(' ');
    expect(im).toContain('fodbehandling');
    expect(im.length).toBeLessThan(250);
    // The answer given for the marked question does not matter: it is shown as J.
    expect(svgText(marked.pages[0]!.svg)).toContain('Vi har tidligere givet dig afslag.');
  });

  it('draws the process and variant chosen on the page, not those of the sample case', async () => {
    const briller = JSON.parse(readFileSync(join(root, 'samples/sager/np_1014/fatima-briller.json'), 'utf8')) as Record<string, unknown>;
    const text = async (body: Record<string, unknown>) => {
      const r = (await preview({ template: 'np_1014', context: briller, ...body })).json() as PreviewJson;
      return { text: r.pages.map((pg) => svgText(pg.svg)).join(' '), problems: r.problems };
    };
    const own = await text({});
    expect(own.text).toContain('tilskud til nye briller, når din synsstyrke');
    expect(own.text).not.toContain('tandproteser én gang');
    const tand = await text({ variant: 'tandproteser' });
    expect(tand.text).toContain('tilskud til nye tandproteser én gang inden for fem år');
    expect(tand.text).not.toContain('når din synsstyrke');
    expect(tand.problems).toEqual([]);
    // A variant or process the letter is not made for is a problem the page shows, with its name.
    const fod = await text({ variant: 'fodbehandling' });
    expect(fod.problems.map((p) => p.message).join(' ')).toContain('fodbehandling');
    const other = await text({ process: 'personligt-tillaeg' });
    expect(other.problems.map((p) => p.message).join(' ')).toContain('personligt-tillaeg');
  });

  it("shows a municipality's override with its findings against the central template", async () => {
    const body = (await preview({ template: 'np_1011', kommune: '540', context: fatima })).json() as PreviewJson;
    expect(body.version).toBe('np_1011@3+540@1');
    expect(body.lint.map((f) => f.rule)).toContain('override-outdated');
  });

  it("shows a draft in the letter it is for, linted as the municipality's override of the central template", async () => {
    const body = (
      await preview({ docx: kladde.toString('base64'), name: 'np_1011-kladde.docx', draftOf: 'np_1011', kommune: '540', context: fatima })
    ).json() as PreviewJson;
    expect(body.version).toBe('np_1011@3, udkast til 540');
    const text = svgText(body.pages[0]!.svg);
    // The masterskabelon's letterhead around the draft's message.
    expect(text).toContain('Dato: 12. januar 2026');
    expect(text).toContain('Læs mere om helbredstillæg her');
    const rules = body.lint.map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['question-value', 'unknown-field', 'a11y-image-alt', 'a11y-link-text', 'variant-leak']));
    expect(body.lint.find((f) => f.rule === 'a11y-image-alt')).toMatchObject({ severity: 'error', regression: true });
    // The misspelt field cannot be filled: named, with its place.
    expect(body.problems.map((x) => x.message)).toContain('Flettefeltet "Svar.Frsit" findes ikke i kataloget.');
  });

  it('shows an own template on its own, with the questions it asks', async () => {
    const own = docx([p('Kære ', mergeField('Borger.Fornavn')), p(questionIf('flettespoergsmaal-10023', 'Send os regningen.'))]);
    const body = (
      await preview({
        docx: own.toString('base64'),
        name: 'mit-brev.docx',
        context: { fields: { Borger: { Fornavn: 'Ib' } }, questions: { 'flettespoergsmaal-10023': 'J' } },
      })
    ).json() as PreviewJson;
    expect(body.title).toBe('mit-brev.docx');
    expect(svgText(body.pages[0]!.svg)).toContain('Kære Ib Send os regningen.');
    expect(body.questions.map((q) => q.key)).toEqual(['flettespoergsmaal-10023']);
  });

  it('lints a draft made in the training environment for training: its keys are not an error there, a mix is', async () => {
    const unknownKeys = (f: Array<{ rule: string }>) => f.filter((x) => x.rule === 'question-unknown-key').length;
    const training = docx([p(questionIf('flettespoergsmaal-90023', 'Send os regningen.'))]);
    const tBody = (await preview({ docx: training.toString('base64'), name: 'trn.docx', context: { fields: {}, questions: {} } })).json() as PreviewJson;
    expect(unknownKeys(tBody.lint)).toBe(0);
    const mixed = docx([p(questionIf('flettespoergsmaal-90023', 'Send os regningen.')), p(questionIf('flettespoergsmaal-10024', 'Send os overslaget.'))]);
    const mBody = (await preview({ docx: mixed.toString('base64'), name: 'mix.docx', context: { fields: {}, questions: {} } })).json() as PreviewJson;
    expect(unknownKeys(mBody.lint)).toBe(1);
  });

  it('draws the letter with the answers its switches show, and returns that case for copying', async () => {
    const own = docx([p(questionIf('flettespoergsmaal-10023', 'Send os regningen.'))]);
    const body = (
      await preview({ docx: own.toString('base64'), name: 'mit-brev.docx', context: { fields: {}, questions: {} }, highlight: 'flettespoergsmaal-10023' })
    ).json() as PreviewJson & { context: { questions: Record<string, string> }; added: string };
    expect(body.context.questions).toEqual({ 'flettespoergsmaal-10023': 'N' });
    // The marked text is also given as text: the marking is not colour alone.
    expect(body.added).toBe('Send os regningen.');
    const chosen = (
      await preview({
        template: 'np_1014',
        context: JSON.parse(readFileSync(join(root, 'samples/sager/np_1014/fatima-briller.json'), 'utf8')),
        variant: 'tandproteser',
      })
    ).json() as { context: { variant: string; fields: { Sag: { Variant: string } } } };
    expect(chosen.context.variant).toBe('tandproteser');
    expect(chosen.context.fields.Sag.Variant).toBe('tandproteser');
  });

  it('errors name what is wrong, in Danish or in English', async () => {
    const unknown = await preview({ template: 'np_9999', context: karen });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toBe('Skabelonen "np_9999" findes ikke.');
    const en = await preview({ template: 'np_9999', context: karen }, { 'accept-language': 'en' });
    expect(en.json().detail).toBe('The template "np_9999" does not exist.');
    const broken = await preview({ docx: Buffer.from('ikke en docx').toString('base64'), name: 'kladde.docx', context: karen });
    expect(broken.statusCode).toBe(400);
    expect(JSON.stringify(broken.json().errors)).toContain('kladde.docx');
    const badContext = await preview({ template: 'np_1004', context: { ...karen, process: 7 } });
    expect(badContext.statusCode).toBe(400);
    expect(JSON.stringify(badContext.json().errors)).toContain('$.process');
    const neither = await preview({ context: karen });
    expect(neither.statusCode).toBe(400);
  });
});

describe('POST /v1/preview/letter', () => {
  it('downloads the previewed letter as .docx and PDF, a draft within its letter', async () => {
    const d = await training.inject({
      method: 'POST',
      url: '/v1/preview/letter',
      payload: { template: 'np_1004', context: { ...karen, questions: { ...karen.questions, 'flettespoergsmaal-10034': 'J' } }, format: 'docx' },
    });
    expect(d.statusCode).toBe(200);
    expect(d.headers['content-disposition']).toBe('attachment; filename="np_1004.docx"');
    expect(openDocx(d.rawPayload).texts().join('\n')).toContain('Vi har tidligere givet dig afslag.');
    const pdf = await training.inject({ method: 'POST', url: '/v1/preview/letter', payload: { template: 'np_1004', context: karen } });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const draft = await training.inject({
      method: 'POST',
      url: '/v1/preview/letter',
      payload: {
        docx: kladde.toString('base64'),
        name: 'np_1011-kladde.docx',
        draftOf: 'np_1011',
        kommune: '540',
        context: fatima,
        format: 'docx',
        preview: true,
      },
    });
    expect(draft.statusCode).toBe(200);
    expect(draft.headers['content-disposition']).toBe('attachment; filename="np_1011.docx"');
    expect(openDocx(draft.rawPayload).texts().join('\n')).toContain('Læs mere om helbredstillæg her');
  });

  it('refuses a draft holding a field that reaches outside the letter (422, naming it); its preview holds a placeholder, never the field', async () => {
    const own = docx([p('Kære ', mergeField('Borger.Fornavn')), p('Se ', field(' DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe" '))]).toString(
      'base64',
    );
    const context = { fields: { Borger: { Fornavn: 'Ib' } }, questions: {} };
    const refused = await training.inject({ method: 'POST', url: '/v1/preview/letter', payload: { docx: own, name: 'kladde.docx', context, format: 'docx' } });
    expect(refused.statusCode).toBe(422);
    expect(JSON.stringify(refused.json().errors)).toContain('Feltet DDEAUTO henter indhold uden for brevet');
    const shown = await training.inject({
      method: 'POST',
      url: '/v1/preview/letter',
      payload: { docx: own, name: 'kladde.docx', context, format: 'docx', preview: true },
    });
    expect(shown.statusCode).toBe(200);
    expect(openDocx(shown.rawPayload).fieldInstructions()).toEqual([]);
    expect(openDocx(shown.rawPayload).texts()).toContain('Se «AFVIST FELT: DDEAUTO»');
    const page = (await preview({ docx: own, name: 'kladde.docx', context })).json() as PreviewJson;
    expect(page.lint.map((f) => f.rule)).toContain('field-unsafe');
  });

  it('refuses a letter that would go out with a missing field (422, naming it), and draws it with a placeholder when asked for a preview', async () => {
    const fields = { ...karen.fields };
    delete fields['Klage'];
    const refused = await training.inject({
      method: 'POST',
      url: '/v1/preview/letter',
      payload: { template: 'np_1004', context: { ...karen, fields }, format: 'docx' },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toBe('Brevet fra np_1004 dannes ikke: 1 fejl.');
    expect(refused.json().errors[0]).toMatchObject({ field: 'Klage.Frist', template: 'indholdselement klagevejledning', place: 'word/document.xml, afsnit 2' });
    const shown = await training.inject({
      method: 'POST',
      url: '/v1/preview/letter',
      payload: { template: 'np_1004', context: { ...karen, fields }, format: 'docx', preview: true },
    });
    expect(shown.statusCode).toBe(200);
    expect(openDocx(shown.rawPayload).texts().join('\n')).toContain('«MANGLER: Klage.Frist»');
  });
});
