/**
 * Fields in endnotes (word/endnotes.xml): read, listed with their note, evaluated and unlinked,
 * on a template saved the way Word saves endnotes (separator notes -1 and 0, relationship,
 * content type, endnote styles, w:endnotePr in settings).
 */
import { describe, expect, it } from 'vitest';
import { fieldsCommand } from '../../src/cli/fields.js';
import type { Io } from '../../src/cli/io.js';
import { KpBrevError, loadTemplate } from '../../src/index.js';
import { toContext } from '../../src/context/context.js';
import { readZip } from '../../src/ooxml/zip.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bold, docx, field, mergeField, noteReferenceXml, noteRefXml, p, pStyled, questionIf, raw, renderDocx } from '../helpers/build.js';

const NOTE = '<w:pPr><w:pStyle w:val="EndnoteText"/></w:pPr>';
const Q = 'flettespoergsmaal-10023';

const template = docx(
  [p('Kære ', mergeField('Borger.Fornavn'), '.', raw(noteReferenceXml(1))), p('Vi har modtaget din ansøgning.', raw(noteReferenceXml(2)))],
  {
    endnotes: [
      pStyled(NOTE, raw(noteRefXml()), ' Din sagsbehandler er ', mergeField('Sagsbehandler.Navn', { switches: '\\* Upper' }), '.'),
      pStyled(NOTE, raw(noteRefXml()), ' ', questionIf(Q, ['Vi mangler ', bold('en kopi af regningen'), '.'], 'Vi har alt, hvad vi skal bruge.')),
    ],
  },
);
const context = { fields: { Borger: { Fornavn: 'Karen' }, Sagsbehandler: { Navn: 'Line Kristensen' } } };

describe('the test builder saves endnotes as Word does', () => {
  it('endnotes.xml with the separators, its relationship and content type, the styles and endnotePr', () => {
    const zip = readZip(template);
    const part = (name: string): string => Buffer.from(zip.read(name)).toString('utf8');
    const notes = part('word/endnotes.xml');
    expect(notes).toMatch(/<w:endnote w:type="separator" w:id="-1">.*<w:separator\/>/);
    expect(notes).toMatch(/<w:endnote w:type="continuationSeparator" w:id="0">.*<w:continuationSeparator\/>/);
    expect(notes).toContain('<w:endnote w:id="1">');
    expect(part('word/_rels/document.xml.rels')).toContain(
      'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"',
    );
    expect(part('[Content_Types].xml')).toContain(
      '<Override PartName="/word/endnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"/>',
    );
    expect(part('word/settings.xml')).toContain('<w:endnotePr><w:endnote w:id="-1"/><w:endnote w:id="0"/></w:endnotePr>');
    expect(part('word/styles.xml')).toContain('w:styleId="EndnoteReference"');
    // Word writes footnotes.xml beside endnotes.xml.
    expect(zip.order).toContain('word/footnotes.xml');
    expect(part('word/document.xml')).toContain('<w:endnoteReference w:id="1"/>');
  });
});

describe('fields in endnotes', () => {
  it('a MERGEFIELD and an IF in endnotes are evaluated and unlinked; the notes and their references stay', () => {
    const yes = renderDocx(template, { ...context, questions: { [Q]: 'J' } });
    expect(yes.fieldInstructions('word/endnotes.xml')).toEqual([]);
    expect(yes.xml('word/endnotes.xml')).not.toMatch(/MERGEFIELD|w:instrText|w:fldChar|«/);
    // Separator paragraphs, then one paragraph per note.
    expect(yes.texts('word/endnotes.xml')).toEqual(['', '', ' Din sagsbehandler er LINE KRISTENSEN.', ' Vi mangler en kopi af regningen.']);
    const [, , first, second] = yes.paragraphs('word/endnotes.xml');
    expect(first!.style).toBe('EndnoteText');
    expect(first!.runs[0]!.rPr).toContain('EndnoteReference');
    expect(yes.xml('word/endnotes.xml')).toMatch(/<w:endnote w:id="1">.*<w:endnoteRef\/>.*LINE KRISTENSEN.*<\/w:endnote><w:endnote w:id="2">/);
    // The branch keeps its own formatting.
    expect(second!.runs.filter((r) => r.bold).map((r) => r.text)).toEqual(['en kopi af regningen']);
    expect(yes.xml('word/endnotes.xml')).toMatch(/<w:endnote w:type="separator" w:id="-1">.*<w:separator\/>/);
    expect(yes.xml('word/document.xml')).toContain('<w:endnoteReference w:id="2"/>');
    expect(yes.texts()).toEqual(['Kære Karen.', 'Vi har modtaget din ansøgning.']);

    const no = renderDocx(template, { ...context, questions: { [Q]: 'N' } });
    expect(no.texts('word/endnotes.xml').at(-1)).toBe(' Vi har alt, hvad vi skal bruge.');
    expect(no.fieldInstructions('word/endnotes.xml')).toEqual([]);
  });

  it('a PAGE field in an endnote stays live while a merge field beside it is filled', () => {
    const t = docx([p('x', raw(noteReferenceXml(1)))], {
      endnotes: [pStyled(NOTE, raw(noteRefXml()), ' Side ', field(' PAGE '), ' – ', mergeField('Navn'))],
    });
    const letter = renderDocx(t, { fields: { Navn: 'Karen' } });
    expect(letter.fieldInstructions('word/endnotes.xml')).toEqual(['PAGE']);
    expect(letter.xml('word/endnotes.xml')).toContain('Karen');
  });

  it('a field missing from the case refuses the letter and names the endnote', () => {
    const t = loadTemplate(template, { name: 'np_test.docx' });
    let error: KpBrevError | undefined;
    try {
      t.render(toContext({ fields: { Borger: { Fornavn: 'Karen' } } }));
    } catch (e) {
      error = e as KpBrevError;
    }
    expect(error).toBeInstanceOf(KpBrevError);
    expect(error!.diagnostics).toHaveLength(1);
    expect(error!.diagnostics[0]!.location).toMatchObject({ part: 'word/endnotes.xml', story: 'slutnote 1', paragraph: 1 });
    expect(error!.describe('da')).toContain('Flettefeltet "Sagsbehandler.Navn" har ingen værdi');
  });

  it('template.fields() lists them with their part and note', () => {
    const fields = loadTemplate(template).fields();
    const inNotes = fields
      .filter((f) => f.part === 'word/endnotes.xml')
      .map((f) => ({ story: f.story, paragraph: f.paragraph, depth: f.depth, instruction: f.instruction }));
    expect(inNotes).toEqual([
      { story: 'slutnote 1', paragraph: 1, depth: 0, instruction: 'MERGEFIELD Sagsbehandler.Navn \\* Upper' },
      {
        story: 'slutnote 2',
        paragraph: 1,
        depth: 0,
        instruction: `IF { MERGEFIELD Question:${Q} } = "J" "Vi mangler en kopi af regningen." "Vi har alt, hvad vi skal bruge."`,
      },
      { story: 'slutnote 2', paragraph: 1, depth: 1, instruction: `MERGEFIELD Question:${Q}` },
    ]);
  });

  it('`kp-brev fields` shows them with the note', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-brev-endnotes-'));
    writeFileSync(join(dir, 'noter.docx'), template);
    let out = '';
    const io: Io = { stdout: (t) => void (out += t), stderr: () => undefined, cwd: dir };
    expect(await fieldsCommand('noter.docx', { format: 'text' }, io, 'da')).toBe(0);
    const lines = out.split('\n');
    expect(lines.some((l) => /^word\/endnotes\.xml \(slutnote 1\) afsnit 1 +\{ MERGEFIELD Sagsbehandler\.Navn \\\* Upper \}$/.test(l))).toBe(true);
    expect(lines.some((l) => /^word\/endnotes\.xml \(slutnote 2\) afsnit 1 +\{ IF \{ MERGEFIELD Question:flettespoergsmaal-10023 \} = "J"/.test(l))).toBe(true);
    expect(out).toContain('4 felter i noter.docx, 0 med fejl.');

    out = '';
    await fieldsCommand('noter.docx', { format: 'json' }, io, 'da');
    const json = JSON.parse(out) as Array<{ part: string; story?: string; type: string }>;
    expect(json.filter((f) => f.part === 'word/endnotes.xml').map((f) => `${f.story} ${f.type}`)).toEqual([
      'slutnote 1 MERGEFIELD',
      'slutnote 2 IF',
      'slutnote 2 MERGEFIELD',
    ]);
  });
});
