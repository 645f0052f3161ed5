/**
 * Rule examples as real .docx files. Each rule's `meta.examples` describe small documents in
 * Word's Alt+F9 notation (or raw WordprocessingML); this module builds them as Word saves
 * them (complex fields, w:instrText runs, styles with built-in names) so that the rule tester
 * and the generated docs/rules pages use one source.
 */
import { buildDocx } from '../authoring/package.js';
import { fieldXml } from '../authoring/fields.js';
import { parseBraceText } from '../compose/flettetekst.js';
import { parseCatalog } from '../repository/catalog.js';
import { defaultSettings } from './engine.js';
import type { ExampleDoc, LintSettings } from './types.js';
import { breakRunXml, textRunXml } from '../ooxml/runs.js';

/** Heading 2 and 3 as Word defines them (Heading 1 is in every built package). */
const HEADING_STYLES = [2, 3]
  .map(
    (n) =>
      `<w:style w:type="paragraph" w:styleId="Heading${n}"><w:name w:val="heading ${n}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/>` +
      `<w:pPr><w:keepNext/><w:spacing w:before="200"/><w:outlineLvl w:val="${n - 1}"/></w:pPr><w:rPr><w:b/><w:sz w:val="${30 - n * 2}"/></w:rPr></w:style>`,
  )
  .join('');

/** The hyperlink relationship examples refer to as r:id="rIdL". */
const LINK_REL =
  '<Relationship Id="rIdL" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.borger.dk/pension-og-efterloen" TargetMode="External"/>';

const EXAMPLE_TITLE = 'Eksempelbrev';

function textRuns(text: string): string {
  // **bold** spans become bold runs.
  let out = '';
  text.split(/(\*\*[^*]+\*\*)/).forEach((piece) => {
    if (!piece) return;
    const bold = piece.startsWith('**') && piece.endsWith('**') && piece.length > 4;
    const t = bold ? piece.slice(2, -2) : piece;
    out += textRunXml(t, bold ? '<w:rPr><w:b/></w:rPr>' : '');
  });
  return out;
}

/** One line of an example body: a paragraph, or several when ¶ occurs outside fields. */
export function exampleParagraph(line: string): string {
  const heading = /^(#{1,3}) /.exec(line);
  const pPr = heading ? `<w:pPr><w:pStyle w:val="Heading${heading[1]!.length}"/></w:pPr>` : '';
  const text = heading ? line.slice(heading[0].length) : line;
  let body = '';
  for (const part of parseBraceText(text, { paragraphs: true })) {
    if (typeof part === 'string') body += textRuns(part);
    else if (part.kind === 'field') body += fieldXml(part);
    else if (part.kind === 'para') body += `</w:p><w:p>${pPr}`;
    else if (part.kind === 'br') body += breakRunXml();
    else body += textRuns(part.text);
  }
  return `<w:p>${pPr}${body}</w:p>`;
}

/** The .docx an example describes. */
export function exampleDocx(doc: ExampleDoc): Buffer {
  const body = doc.xml ?? (doc.body ?? []).map(exampleParagraph).join('');
  return buildDocx({
    body,
    styles: HEADING_STYLES + (doc.styles ?? ''),
    title: doc.title === undefined ? EXAMPLE_TITLE : doc.title,
    lang: doc.lang === undefined ? 'da-DK' : doc.lang,
    ...(doc.coreLang !== undefined ? { coreLang: doc.coreLang } : {}),
    relationships: [LINK_REL, ...(doc.package?.relationships ?? [])],
    ...(doc.header !== undefined ? { header: doc.header } : {}),
    ...(doc.package?.settings !== undefined ? { settings: doc.package.settings } : {}),
    ...(doc.package?.parts !== undefined ? { parts: doc.package.parts } : {}),
  });
}

/** The lint settings an example runs with. */
export function exampleSettings(doc: ExampleDoc): LintSettings {
  return defaultSettings({
    ...(doc.catalog !== undefined ? { catalog: parseCatalog(doc.catalog, 'catalog.yaml') } : {}),
    ...doc.settings,
  });
}
