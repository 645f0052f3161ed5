/**
 * The tagged text (what a screen reader, reflow and copy-out get: poppler's `pdfinfo
 * -struct-text`) has the letter's words, paragraph by paragraph in reading order: no words run
 * together where a line wraps, a line break or a tab falls, and a word hyphenated at a soft
 * hyphen is one word. Checked against the .docx of the same letter by test/tools/tagged_text.py.
 */
import { describe, expect, it } from 'vitest';
import { buildDocx } from '../../src/authoring/package.js';
import { renderPdf, renderTemplatePdf } from '../../src/pdf/index.js';
import { bodyLines, hasTool, layOut, sampleLetters, taggedText } from '../helpers/pdf.js';
import { needTool } from '../helpers/tools.js';

const poppler = needTool('pdfinfo', hasTool('pdfinfo', ['-v']), 'poppler-utils');

describe.skipIf(!poppler)("tagged text = the letter's words, every sample letter and case", () => {
  const letters = sampleLetters();
  it.each(letters.map((l) => [l.name, l] as const))('%s', async (_name, l) => {
    const docx = l.template.render(l.context).docx;
    const { pdf } = await renderTemplatePdf(l.template, l.context, l.title ? { title: l.title } : {});
    const report = taggedText(pdf, docx);
    expect(report.run_together).toEqual([]);
    expect(report.mismatches).toEqual([]);
    expect(report.paragraphs.pdf).toBeGreaterThan(5);
  });
});

describe.skipIf(!poppler)('word boundaries that the page does not draw', () => {
  const run = (font: string, inner: string): string => `<w:r><w:rPr><w:rFonts w:ascii="${font}" w:hAnsi="${font}"/></w:rPr>${inner}</w:r>`;
  const letter = (font: string, words: number): Uint8Array =>
    buildDocx({
      body:
        `<w:p>${run(font, `<w:t xml:space="preserve">${'Ord '.repeat(words)}helbreds</w:t><w:softHyphen/><w:t xml:space="preserve">tillægskort og </w:t>`)}${run(font, '<w:t>mere ✓</w:t><w:tab/><w:t>efter</w:t><w:br/><w:t>ny linje</w:t>')}</w:p>` +
        `<w:p>${run(font, `<w:t xml:space="preserve">${'Langt ord '.repeat(20)}slut</w:t>`)}</w:p>`,
      title: 'Ordgrænser',
    });

  it.each(['Arial', 'Calibri', 'Times New Roman'])(
    '%s: a wrapped line, a soft hyphen at the break, a substituted glyph, a tab and a line break keep the words apart',
    async (font) => {
      // As many words before "helbreds" as make the first line break at the soft hyphen.
      let docx: Uint8Array | undefined;
      for (let n = 15; n < 40 && !docx; n++) {
        const candidate = letter(font, n);
        const first = bodyLines(layOut(candidate).letter.pages[0]!)[0]!;
        if (first.text.endsWith('helbreds\u00AD')) docx = candidate;
      }
      expect(docx, 'a letter whose first line breaks at the soft hyphen').toBeDefined();
      expect(bodyLines(layOut(docx!).letter.pages[0]!).length).toBeGreaterThanOrEqual(5);
      const { pdf } = await renderPdf(docx!);
      const report = taggedText(pdf, docx!);
      expect(report.mismatches).toEqual([]);
      expect(report.paragraphs).toEqual({ pdf: 2, docx: 2 });
    },
  );
});
