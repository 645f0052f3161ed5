/**
 * Bad input gets one clear Danish error and exit code 2: never a stack trace, never a hang,
 * never a partial file.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { execute } from '../../src/cli/main.js';
import { KpBrevError, loadTemplate } from '../../src/index.js';
import { parseContextBytes } from '../../src/context/context.js';
import { readZip, type ZipEntry } from '../../src/ooxml/zip.js';
import { writeZip } from '../../src/ooxml/zip-write.js';
import { docx, mergeField, p } from '../helpers/build.js';

const dir = mkdtempSync(join(tmpdir(), 'kp-brev-bad-'));
const good = docx([p('Hej ', mergeField('Navn'))]);
writeFileSync(join(dir, 'good.docx'), good);
writeFileSync(join(dir, 'case.json'), JSON.stringify({ fields: { Navn: 'Karen' } }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dir };
  const code = await execute(args, io);
  return { code, out, err };
}

/** Renders `file` and expects exit 2, one Danish message containing `expected`, no output file. */
async function refusedInput(name: string, bytes: Uint8Array | string, expected: RegExp, asContext = false): Promise<void> {
  writeFileSync(join(dir, name), bytes);
  const out = join(dir, `${name}.out.docx`);
  const args = asContext ? ['render', 'good.docx', '--context', name, '--out', out] : ['render', name, '--context', 'case.json', '--out', out];
  const r = await run(args);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(expected);
  expect(r.err).not.toMatch(/\n\s+at\s|Error:/);
  expect(existsSync(out)).toBe(false);
}

function entry(name: string, data: Buffer, over: Partial<ZipEntry> = {}): { name: string; reuse: ZipEntry } {
  const raw = deflateRawSync(data);
  return {
    name,
    reuse: { name, method: 8, crc32: crc32(data) >>> 0, compressedSize: raw.length, size: data.length, dosTime: 0, dosDate: 0x21, raw, ...over },
  };
}

/** The good template with document.xml replaced. */
function withDocument(xml: string | Buffer): Buffer {
  const src = readZip(good);
  return writeZip(
    src.order.map((n) =>
      n === 'word/document.xml' ? { name: n, data: typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml } : { name: n, reuse: src.entries.get(n)! },
    ),
  );
}

describe('the template file', () => {
  it('is not a .docx', () => refusedInput('text.docx', 'Dette er ikke et Word-dokument', /ikke et Word-dokument \(\.docx\): den er ikke et zip-arkiv/));
  it('is empty', () => refusedInput('empty.docx', Buffer.alloc(0), /Filen er tom/));
  it('is a truncated zip', () => refusedInput('half.docx', good.subarray(0, Math.floor(good.length / 2)), /beskadiget eller afkortet zip-arkiv/));
  it('is an old .doc (OLE) file', () =>
    refusedInput('old.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /gamle Word-format \(\.doc\)/));
  it('is a zip but not a Word document', () =>
    refusedInput('other.docx', writeZip([{ name: 'hello.txt', data: Buffer.from('hej') }]), /\[Content_Types\]\.xml mangler/));

  it('is a zip bomb (huge entry)', () =>
    refusedInput('bomb.docx', writeZip([entry('[Content_Types].xml', Buffer.alloc(70 * 1024 * 1024, 0x20))]), /fylder 73400320 byte udpakket; grænsen er/));

  it('is a zip bomb (extreme compression ratio)', () =>
    refusedInput('ratio.docx', writeZip([entry('[Content_Types].xml', Buffer.alloc(20 * 1024 * 1024, 0x20))]), /zip-bombe/));

  it('lies about an entry size', async () => {
    const lying = withDocument('x');
    const src = readZip(lying);
    const bytes = writeZip(
      src.order.map((n) => (n === 'word/document.xml' ? entry(n, Buffer.alloc(1024 * 1024, 0x41), { size: 10 }) : { name: n, reuse: src.entries.get(n)! })),
    );
    await refusedInput('liar.docx', bytes, /word\/document\.xml pakker ud til mere end de 10 byte, zip-arkivet angiver/);
  });

  it('has too many entries', () => {
    const many = Array.from({ length: 2100 }, (_, i) => ({ name: `x/${i}.txt`, data: Buffer.from('a') }));
    return refusedInput('many.docx', writeZip(many), /2100 dele; grænsen er 2000/);
  });

  it('has a DOCTYPE (entity expansion)', () =>
    refusedInput(
      'doctype.docx',
      withDocument(
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>',
      ),
      /DOCTYPE-erklæring/,
    ));

  it('has an undeclared entity', () =>
    refusedInput(
      'entity.docx',
      withDocument(
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>',
      ),
      /ikke gyldig XML/,
    ));

  it('has XML that is not well-formed, with line and column', () =>
    refusedInput(
      'broken.docx',
      withDocument(
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\n<w:body><w:p><w:r><w:t>hej</w:r></w:p></w:body></w:document>',
      ),
      /word\/document\.xml, linje 2, kolonne \d+: Delen word\/document\.xml er ikke gyldig XML/,
    ));

  it('has invalid UTF-8', () =>
    refusedInput(
      'utf8.docx',
      withDocument(
        Buffer.concat([
          Buffer.from('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'),
          Buffer.from([0xc3, 0x28]),
          Buffer.from('</w:t></w:r></w:p></w:body></w:document>'),
        ]),
      ),
      /ikke gyldig UTF-8/,
    ));

  it('does not exist', async () => {
    const r = await run(['render', 'missing.docx', '--context', 'case.json', '--out', 'x.docx']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Filen missing.docx findes ikke');
  });
});

describe('the case context', () => {
  it('is not JSON', () => refusedInput('bad.json', '{ "fields": { "Navn": "Karen", } }', /Sagskonteksten er ikke gyldig JSON/, true));
  it('has a __proto__ key', () =>
    refusedInput('proto.json', '{ "fields": { "__proto__": { "polluted": true } } }', /forbudte nøgle "__proto__" \(\$\.fields\.__proto__\)/, true));
  it('has a constructor key', () =>
    refusedInput('ctor.json', '{ "fields": { "a": { "constructor": { "prototype": 1 } } } }', /forbudte nøgle "constructor"/, true));
  it('is invalid UTF-8', () => refusedInput('utf8.json', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), /ikke gyldig UTF-8/, true));
  it('has the wrong shape', () => refusedInput('shape.json', '{ "fields": [1, 2] }', /\$\.fields skal være et JSON-objekt/, true));
  it('answers a question with something other than J or N', () =>
    refusedInput('answer.json', '{ "questions": { "q1": "ja" } }', /besvaret med "ja"; svaret skal være "J" eller "N"/, true));
  it('is nested without end', () => refusedInput('deep.json', '{"fields":' + '{"a":'.repeat(40) + '1' + '}'.repeat(40) + '}', /indlejret dybere end 32/, true));

  it('gives English messages with --lang en', async () => {
    writeFileSync(join(dir, 'bad2.json'), '[1,2');
    const r = await run(['render', 'good.docx', '--context', 'bad2.json', '--out', 'y.docx', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/The case context is not valid JSON/);
  });

  it('never pollutes Object.prototype', () => {
    expect(() => parseContextBytes(Buffer.from('{"__proto__":{"polluted":1}}'))).toThrow(KpBrevError);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('the library refuses with diagnostics, not crashes', () => {
  it('throws KpBrevError of kind input for a bad package', () => {
    try {
      loadTemplate(Buffer.from('nope'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KpBrevError);
      expect((e as KpBrevError).kind).toBe('input');
    }
  });

  it('the good template still renders (the harness is sound)', async () => {
    const r = await run(['render', 'good.docx', '--context', 'case.json', '--out', 'ok.docx']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'ok.docx')).subarray(0, 2).toString()).toBe('PK');
  });
});
