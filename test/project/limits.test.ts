/**
 * The limits on what one template or case may hold (src/limits.ts) apply alike in the library,
 * the CLI and the server: a generated input just over a limit is refused with a Danish message
 * naming the limit and how to raise it, one just under it works, and KP_BREV_LIMITS or the
 * `limits` option raises it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate, parseContextBytes, toContext } from '../../src/index.js';
import { buildDocx, type DocxParts } from '../../src/authoring/package.js';
import { DEFAULT_LIMITS, type Limits } from '../../src/limits.js';
import { DEFAULT_ZIP_LIMITS, readZip } from '../../src/ooxml/zip.js';
import { writeZip } from '../../src/ooxml/zip-write.js';
import { buildApp } from '../../src/server/app.js';
import { newToken } from '../../src/server/auth.js';
import { docx, mergeField, p } from '../helpers/build.js';
import { danishError } from '../helpers/errors.js';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'kp-brev-limits-'));
writeFileSync(join(dir, 'sag.json'), JSON.stringify({ fields: { Navn: 'Karen' } }));

/** A .docx stored without compression, so that a large, repetitive part is no zip bomb. */
function stored(parts: DocxParts): Buffer {
  const zip = readZip(buildDocx(parts), { ...DEFAULT_ZIP_LIMITS, maxRatio: Infinity });
  return writeZip(
    zip.order.map((name) => ({ name, data: Buffer.from(zip.read(name)) })),
    { level: 0 },
  );
}

const paragraphs = (n: number): string => '<w:p/>'.repeat(n);
const fields = (n: number): string => `<w:p>${'<w:fldSimple w:instr=" PAGE "/>'.repeat(n)}</w:p>`;
/** A body whose own elements number n (one paragraph of empty runs). */
const elements = (n: number): string => `<w:p>${'<w:r/>'.repeat(n - 1)}</w:p>`;

function cli(args: string[], env: Record<string, string> = {}): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin/kp-brev.js'), ...args], {
    encoding: 'utf8',
    cwd: dir,
    env: { ...process.env, KP_BREV_LANG: '', KP_BREV_LIMITS: '', ...env },
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

const raise = (name: keyof Limits): string => `Grænsen kan hæves med miljøvariablen KP_BREV_LIMITS="${name}=…"`;

describe('what a template holds', () => {
  it('paragraphs: one over the limit is refused, the limit itself loads', () => {
    const n = DEFAULT_LIMITS.paragraphs;
    expect(loadTemplate(stored({ body: paragraphs(n) })).stories.length).toBe(1);
    const text = danishError(() => loadTemplate(stored({ body: paragraphs(n + 1) }), { name: 'lang.docx' }));
    expect(text).toContain(`lang.docx, word/document.xml, linje 2`);
    expect(text).toContain(`Dokumentet har flere end ${n} afsnit ("paragraphs") og afvises for at beskytte systemet. ${raise('paragraphs')}`);
  });

  it('fields: one over the limit is refused, the limit itself loads', () => {
    const n = DEFAULT_LIMITS.fields;
    expect(loadTemplate(stored({ body: fields(n) })).fieldNodes.length).toBe(n);
    expect(danishError(() => loadTemplate(stored({ body: fields(n + 1) })))).toContain(`flere end ${n} felter ("fields")`);
  });

  it('elements: a body of more than the limit is refused; one well under it loads', () => {
    const n = DEFAULT_LIMITS.elements;
    expect(loadTemplate(stored({ body: elements(n - 1000) })).stories.length).toBe(1);
    expect(danishError(() => loadTemplate(stored({ body: elements(n + 1) })))).toContain(`flere end ${n} XML-elementer ("elements")`);
  });

  it('counts over all the parts of the package', () => {
    const t = stored({ body: paragraphs(6), header: paragraphs(5) });
    expect(loadTemplate(t, { limits: { paragraphs: 11 } }).stories.length).toBe(2);
    expect(danishError(() => loadTemplate(t, { limits: { paragraphs: 10 } }))).toContain('word/header1.xml');
  });

  it('bytes: a template larger than templateBytes is refused before it is unzipped', () => {
    const big = Buffer.alloc(DEFAULT_LIMITS.templateBytes + 1);
    expect(danishError(() => loadTemplate(big, { name: 'stor.docx' }))).toBe(
      `stor.docx: Skabelonen fylder ${big.length} byte; grænsen er ${DEFAULT_LIMITS.templateBytes} byte ("templateBytes"). ${raise('templateBytes')} (eller indstillingen limits til loadTemplate).`,
    );
  });
});

describe('what a case holds', () => {
  it('a text of valueLength characters is taken, one more is refused with its path', () => {
    const n = DEFAULT_LIMITS.valueLength;
    expect(toContext({ fields: { Navn: 'x'.repeat(n) } }).fields['Navn']).toHaveLength(n);
    expect(danishError(() => toContext({ fields: { Borger: { Navn: 'x'.repeat(n + 1) } } }))).toContain(
      `Teksten i $.fields.Borger.Navn har ${n + 1} tegn; grænsen er ${n} tegn ("valueLength"). ${raise('valueLength')}`,
    );
    expect(danishError(() => toContext({ fields: { ['k'.repeat(n + 1)]: 'x' } }))).toContain('("valueLength")');
  });

  it('a case file larger than caseBytes is refused', () => {
    const value = 'x'.repeat(900_000);
    const fieldsOf = (count: number): Record<string, string> => Object.fromEntries(Array.from({ length: count }, (_, i) => [`F${i}`, value]));
    const over = Buffer.from(JSON.stringify({ fields: fieldsOf(6) }));
    expect(over.length).toBeGreaterThan(DEFAULT_LIMITS.caseBytes);
    expect(danishError(() => parseContextBytes(over, 'sag.json'))).toContain(
      `sag.json: Sagskonteksten fylder ${over.length} byte; grænsen er ${DEFAULT_LIMITS.caseBytes} byte ("caseBytes")`,
    );
    expect(Object.keys(parseContextBytes(Buffer.from(JSON.stringify({ fields: fieldsOf(5) }))).fields)).toHaveLength(5);
  });

  it('a letter may merge mergedText characters; one long value in many fields is refused', () => {
    const value = 'x'.repeat(DEFAULT_LIMITS.valueLength);
    const times = DEFAULT_LIMITS.mergedText / value.length;
    const template = (n: number): Buffer => docx(Array.from({ length: n }, () => p(mergeField('Navn'))));
    const ok = loadTemplate(template(times)).render(toContext({ fields: { Navn: value } }));
    expect(ok.stats.merged).toBe(times);
    expect(danishError(() => loadTemplate(template(times + 1), { name: 'mange.docx' }).render(toContext({ fields: { Navn: value } })))).toContain(
      `mange.docx, word/document.xml, afsnit ${times + 1}: Brevet bliver for stort: flettefelterne giver tilsammen flere end ${DEFAULT_LIMITS.mergedText} tegn ("mergedText")`,
    );
  });
});

describe('raising a limit', () => {
  const t = stored({ body: paragraphs(20) });

  it('through the limits option of loadTemplate', () => {
    expect(danishError(() => loadTemplate(t, { limits: { paragraphs: 19 } }))).toContain('flere end 19 afsnit');
    expect(loadTemplate(t, { limits: { paragraphs: 20 } }).stories.length).toBe(1);
  });

  it('through KP_BREV_LIMITS, which the CLI reads too', () => {
    writeFileSync(join(dir, 'tyve.docx'), t);
    const low = cli(['fields', 'tyve.docx'], { KP_BREV_LIMITS: 'paragraphs=19' });
    expect(low.code).toBe(2);
    expect(low.err).toContain(`tyve.docx, word/document.xml, linje 2`);
    expect(low.err).toContain(`flere end 19 afsnit ("paragraphs") og afvises for at beskytte systemet. ${raise('paragraphs')}`);
    expect(cli(['fields', 'tyve.docx'], { KP_BREV_LIMITS: 'paragraphs=20, fields=5' }).code).toBe(0);
    const bad = cli(['fields', 'tyve.docx'], { KP_BREV_LIMITS: 'afsnit=20' });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Miljøvariablen KP_BREV_LIMITS kan ikke læses ved "afsnit=20"');
    expect(bad.err).toContain('templateBytes, caseBytes, elements, paragraphs, fields, valueLength, mergedText');
  });

  it('kp-brev render refuses a case over valueLength (exit 2) and takes it once raised', () => {
    writeFileSync(join(dir, 'navn.docx'), docx([p('Navn: ', mergeField('Navn'))]));
    writeFileSync(join(dir, 'lang.json'), JSON.stringify({ fields: { Navn: 'abc'.repeat(100) } }));
    const r = cli(['render', 'navn.docx', '--context', 'lang.json', '--out', 'navn.docx.out.docx'], { KP_BREV_LIMITS: 'valueLength=299' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('lang.json: Teksten i $.fields.Navn har 300 tegn; grænsen er 299 tegn ("valueLength")');
    expect(cli(['render', 'navn.docx', '--context', 'lang.json', '--out', 'navn.docx.out.docx'], { KP_BREV_LIMITS: 'valueLength=300' }).code).toBe(0);
  });
});

describe('the server applies the same limits', () => {
  const token = newToken('sonderborg', { kommune: '540' });
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    app = await buildApp({ templatesDir: join(root, 'templates'), credentials: [token.credential] });
  });
  afterAll(async () => {
    await app.close();
  });

  it('lint refuses a template over the paragraph limit with the message', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/v1/lint?name=lang.docx',
      payload: stored({ body: paragraphs(DEFAULT_LIMITS.paragraphs + 1) }),
      headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/octet-stream' },
    });
    expect(r.statusCode).toBe(400);
    expect(JSON.stringify(r.json())).toContain(`flere end ${DEFAULT_LIMITS.paragraphs} afsnit`);
  });

  it('a letter request with a value over valueLength is refused with the message', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/v1/letters',
      payload: { template: 'np_1004', context: { fields: { Navn: 'x'.repeat(DEFAULT_LIMITS.valueLength + 1) } }, format: 'docx' },
      headers: { authorization: `Bearer ${token.token}` },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0]).toMatchObject({ code: 'context.value-too-long' });
    expect(r.json().errors[0].message).toContain('("valueLength")');
  });
});
