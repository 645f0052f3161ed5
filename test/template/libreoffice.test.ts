/**
 * The letters we write open in LibreOffice and say what they should. (Word is not available
 * here; LibreOffice is the strict second reader.) Skips, visibly, only without LibreOffice.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../src/index.js';
import { parseContextText, toContext } from '../../src/context/context.js';
import { bold, docx, field, mergeField, p, paragraphBreak, questionIf } from '../helpers/build.js';
import { libreOfficeText, soffice } from '../helpers/libreoffice.js';
import { needTool } from '../helpers/tools.js';
import { readdirSync } from 'node:fs';
import { TemplateRepository } from '../../src/repository/repository.js';

const root = join(import.meta.dirname, '../..');

const hasSoffice = needTool('LibreOffice', soffice !== undefined, 'libreoffice-writer-nogui');

describe.skipIf(!hasSoffice)('LibreOffice opens the letters', () => {
  it('the sample letter for both cases, and golden templates with multi-paragraph branches, tables and text boxes', () => {
    const sample = loadTemplate(readFileSync(join(root, 'samples/enkeltbrev/bevilling-helbredstillaegskort.docx')));
    const ctx = (name: string) => parseContextText(readFileSync(join(root, `samples/enkeltbrev/${name}.json`), 'utf8'));
    const branches = loadTemplate(
      docx([
        p('Indledning.'),
        p(questionIf('q', ['Første ', bold('afsnit'), '.', paragraphBreak(), 'Andet afsnit.', paragraphBreak()]), 'Afslutning ', mergeField('Navn'), '.'),
        `<w:tbl><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:tc>${p('Celle: ', field(' IF ', mergeField('Navn'), ' = "K*" "K-navn" "andet" '))}</w:tc></w:tr></w:tbl>`,
        p('Slut'),
      ]),
    );
    const texts = libreOfficeText({
      karen: sample.render(ctx('karen-jensen')).docx,
      poul: sample.render(ctx('poul-nielsen')).docx,
      yes: branches.render(toContext({ fields: { Navn: 'Karen' }, questions: { q: 'J' } })).docx,
      no: branches.render(toContext({ fields: { Navn: 'Ole' }, questions: { q: 'N' } })).docx,
    });
    expect(texts['karen']).toContain('Din personlige tillægsprocent er 85 %. Derfor dækker kortet en del af din egen betaling, ikke hele beløbet.');
    expect(texts['karen']).toContain('Det højeste beløb, du kan få i tilskud i 2026, er 21.528,00 kr.');
    expect(texts['poul']).toContain('c/o Bo Nielsen');
    expect(texts['poul']).not.toContain('MERGEFIELD');
    expect(texts['yes']!.split('\n').filter(Boolean)).toEqual(['Indledning.', 'Første afsnit.', 'Andet afsnit.', 'Afslutning Karen.', 'Celle: K-navn', 'Slut']);
    expect(texts['no']!.split('\n').filter(Boolean)).toEqual(['Indledning.', 'Afslutning Ole.', 'Celle: andet', 'Slut']);
  });
});

describe.skipIf(!hasSoffice)('LibreOffice opens the composed letters', () => {
  it('every sample letter of the repository, with its first sample case', () => {
    const repo = TemplateRepository.open(join(root, 'templates'));
    const files: Record<string, Uint8Array> = {};
    const expected: Record<string, string> = {};
    for (const b of repo.central.beskedskabeloner) {
      const dir = join(root, 'samples/sager', b.id);
      const first = readdirSync(dir).sort()[0]!;
      const context = parseContextText(readFileSync(join(dir, first), 'utf8'));
      files[b.id] = repo.compile(b.id).template.render(context).docx;
      expected[b.id] = String((context.fields['Sag'] as Record<string, unknown>)['Nummer']);
    }
    const texts = libreOfficeText(files);
    for (const id of Object.keys(files)) {
      expect(texts[id], id).toContain(expected[id]);
      expect(texts[id], id).toContain('Med venlig hilsen');
      expect(texts[id], id).not.toMatch(/MERGEFIELD|«/);
    }
    expect(texts['np_1031']).toContain('være skriftlig og underskrevet af borgeren');
  });
});
