/**
 * A minimal but complete .docx from WordprocessingML pieces: for tests, fixtures and tools that
 * need exact control over the XML (the sample letters are built with the `docx` package).
 */
import { writeZip } from '../ooxml/zip-write.js';
import { escapeXml } from '../ooxml/xml.js';
import { runXml } from '../ooxml/runs.js';

const NS =
  'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" ' +
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ' +
  'xmlns:o="urn:schemas-microsoft-com:office:office" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  'xmlns:v="urn:schemas-microsoft-com:vml" ' +
  'xmlns:w10="urn:schemas-microsoft-com:office:word" ' +
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' +
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
  'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" ' +
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ' +
  'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" ' +
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" mc:Ignorable="w14"';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface DocxParts {
  /** Content of w:body before the final w:sectPr. */
  body: string;
  /** Default-type header and footer content (paragraphs). */
  header?: string;
  footer?: string;
  /** Footnotes (content of each, ids from 1). */
  footnotes?: string[];
  /**
   * Endnotes (content of each, ids from 1), saved as Word saves them: word/endnotes.xml with
   * the separator (-1) and continuation separator (0) endnotes, its relationship and content
   * type, the endnote styles, and `w:footnotePr`/`w:endnotePr` in settings naming the
   * separators. Word always writes footnotes.xml beside endnotes.xml, so it is written too
   * (separators only) when no footnotes are given. Refer to a note from the body with
   * {@link noteReferenceXml} and start its text with {@link noteRefXml}.
   */
  endnotes?: string[];
  /** Extra content of w:settings (e.g. a w:mailMerge element). */
  settings?: string;
  /** Extra styles (w:style elements). */
  styles?: string;
  /** Document default language (docDefaults and core properties); null: none at all. */
  lang?: string | null;
  /** The core properties' language when it differs from `lang` (null: none there). */
  coreLang?: string | null;
  title?: string | null;
  /** Extra relationships of the main part (w:Relationship elements), e.g. hyperlinks. */
  relationships?: string[];
  /** Content of word/numbering.xml (w:abstractNum and w:num elements). */
  numbering?: string;
  /** Media parts (word/media/<name>) with the relationship id the body refers to. */
  media?: Array<{ name: string; data: Uint8Array; rId: string }>;
  /** First-page header and footer (w:titlePg is set when one is given). */
  firstHeader?: string;
  firstFooter?: string;
  /** Replaces page size and margins of the final w:sectPr. */
  page?: string;
  /** The final w:sectPr's w:cols element (default `<w:cols w:space="708"/>`), e.g. `<w:cols w:num="2" w:space="708"/>`. */
  columns?: string;
  /**
   * Further parts as Word saves them beside the document (a chart's word/charts/chart1.xml,
   * SmartArt's word/diagrams/data1.xml ...): each with its content type and, when `rId` and
   * `type` (the relationship type: its last segment under the OOXML relationships URI, e.g.
   * "chart", "diagramData", or a whole URI) are given, a
   * relationship from the main part. `target` defaults to the name relative to word/.
   */
  parts?: Array<{ name: string; data: string | Uint8Array; contentType: string; rId?: string; type?: string; target?: string }>;
}

/** Content types of media that are not PNG or JPEG (Word saves logos as EMF, GIF ...). */
const MEDIA_TYPES: Record<string, string> = {
  gif: 'image/gif',
  emf: 'image/x-emf',
  wmf: 'image/x-wmf',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  svg: 'image/svg+xml',
};

/** Word's endnote styles (the built-in names; Danish Word shows them as Slutnotetekst and Slutnotehenvisning). */
const ENDNOTE_STYLES =
  '<w:style w:type="paragraph" w:styleId="EndnoteText"><w:name w:val="endnote text"/><w:basedOn w:val="Normal"/><w:link w:val="EndnoteTextChar"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>' +
  '<w:style w:type="character" w:customStyle="1" w:styleId="EndnoteTextChar"><w:name w:val="Endnote Text Char"/><w:link w:val="EndnoteText"/><w:uiPriority w:val="99"/><w:semiHidden/><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>' +
  '<w:style w:type="character" w:styleId="EndnoteReference"><w:name w:val="endnote reference"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>';

/** What Word writes in settings.xml (after w:characterSpacingControl) once a document has notes. */
const NOTE_SETTINGS =
  '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr><w:endnotePr><w:endnote w:id="-1"/><w:endnote w:id="0"/></w:endnotePr>';

/** The run in the body that refers to endnote `id` (superscript number in Word). */
export function noteReferenceXml(id: number, kind: 'endnote' | 'footnote' = 'endnote'): string {
  const style = kind === 'endnote' ? 'EndnoteReference' : 'FootnoteReference';
  return runXml(`<w:rPr><w:rStyle w:val="${style}"/></w:rPr>`, `<w:${kind}Reference w:id="${id}"/>`);
}

/** The run that starts a note's own text: the note's number (w:endnoteRef / w:footnoteRef). */
export function noteRefXml(kind: 'endnote' | 'footnote' = 'endnote'): string {
  const style = kind === 'endnote' ? 'EndnoteReference' : 'FootnoteReference';
  return runXml(`<w:rPr><w:rStyle w:val="${style}"/></w:rPr>`, `<w:${kind}Ref/>`);
}

export function buildDocx(parts: DocxParts): Buffer {
  const files: Array<{ name: string; data: string }> = [];
  const overrides: string[] = [];
  const rels: string[] = [
    `<Relationship Id="rIdStyles" Type="${REL}/styles" Target="styles.xml"/>`,
    `<Relationship Id="rIdSettings" Type="${REL}/settings" Target="settings.xml"/>`,
    ...(parts.relationships ?? []),
  ];
  const override = (part: string, type: string): void => {
    overrides.push(`<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.${type}"/>`);
  };
  override('word/document.xml', 'wordprocessingml.document.main+xml');
  override('word/styles.xml', 'wordprocessingml.styles+xml');
  override('word/settings.xml', 'wordprocessingml.settings+xml');
  let sectRefs = '';
  if (parts.header !== undefined) {
    files.push({ name: 'word/header1.xml', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr ${NS}>${parts.header}</w:hdr>` });
    override('word/header1.xml', 'wordprocessingml.header+xml');
    rels.push(`<Relationship Id="rIdHeader1" Type="${REL}/header" Target="header1.xml"/>`);
    sectRefs += '<w:headerReference w:type="default" r:id="rIdHeader1"/>';
  }
  if (parts.footer !== undefined) {
    files.push({ name: 'word/footer1.xml', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr ${NS}>${parts.footer}</w:ftr>` });
    override('word/footer1.xml', 'wordprocessingml.footer+xml');
    rels.push(`<Relationship Id="rIdFooter1" Type="${REL}/footer" Target="footer1.xml"/>`);
    sectRefs += '<w:footerReference w:type="default" r:id="rIdFooter1"/>';
  }
  if (parts.firstHeader !== undefined) {
    files.push({ name: 'word/header2.xml', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr ${NS}>${parts.firstHeader}</w:hdr>` });
    override('word/header2.xml', 'wordprocessingml.header+xml');
    rels.push(`<Relationship Id="rIdHeader2" Type="${REL}/header" Target="header2.xml"/>`);
    sectRefs += '<w:headerReference w:type="first" r:id="rIdHeader2"/>';
  }
  if (parts.firstFooter !== undefined) {
    files.push({ name: 'word/footer2.xml', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr ${NS}>${parts.firstFooter}</w:ftr>` });
    override('word/footer2.xml', 'wordprocessingml.footer+xml');
    rels.push(`<Relationship Id="rIdFooter2" Type="${REL}/footer" Target="footer2.xml"/>`);
    sectRefs += '<w:footerReference w:type="first" r:id="rIdFooter2"/>';
  }
  if (parts.numbering !== undefined) {
    files.push({
      name: 'word/numbering.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering ${NS}>${parts.numbering}</w:numbering>`,
    });
    override('word/numbering.xml', 'wordprocessingml.numbering+xml');
    rels.push(`<Relationship Id="rIdNumbering" Type="${REL}/numbering" Target="numbering.xml"/>`);
  }
  for (const m of parts.media ?? []) rels.push(`<Relationship Id="${m.rId}" Type="${REL}/image" Target="media/${m.name}"/>`);
  const mediaDefaults = [
    ...new Set((parts.media ?? []).map((m) => /\.([a-z]+)$/i.exec(m.name)?.[1]?.toLowerCase() ?? '').filter((ext) => MEDIA_TYPES[ext])),
  ].map((ext) => `<Default Extension="${ext}" ContentType="${MEDIA_TYPES[ext]}"/>`);
  for (const extra of parts.parts ?? []) {
    overrides.push(`<Override PartName="/${extra.name}" ContentType="${extra.contentType}"/>`);
    if (extra.rId && extra.type)
      rels.push(
        `<Relationship Id="${extra.rId}" Type="${extra.type.includes('://') ? extra.type : `${REL}/${extra.type}`}" Target="${extra.target ?? extra.name.replace(/^word\//, '')}"/>`,
      );
  }
  const footnotes = parts.footnotes ?? (parts.endnotes ? [] : undefined);
  if (footnotes) {
    const notes = [
      `<w:footnote w:type="separator" w:id="-1"><w:p>${runXml('', '<w:separator/>')}</w:p></w:footnote>`,
      `<w:footnote w:type="continuationSeparator" w:id="0"><w:p>${runXml('', '<w:continuationSeparator/>')}</w:p></w:footnote>`,
      ...footnotes.map((n, i) => `<w:footnote w:id="${i + 1}">${n}</w:footnote>`),
    ].join('');
    files.push({ name: 'word/footnotes.xml', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes ${NS}>${notes}</w:footnotes>` });
    override('word/footnotes.xml', 'wordprocessingml.footnotes+xml');
    rels.push(`<Relationship Id="rIdFootnotes" Type="${REL}/footnotes" Target="footnotes.xml"/>`);
  }
  if (parts.endnotes) {
    const separator = '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>';
    const notes = [
      `<w:endnote w:type="separator" w:id="-1"><w:p>${separator}${runXml('', '<w:separator/>')}</w:p></w:endnote>`,
      `<w:endnote w:type="continuationSeparator" w:id="0"><w:p>${separator}${runXml('', '<w:continuationSeparator/>')}</w:p></w:endnote>`,
      ...parts.endnotes.map((n, i) => `<w:endnote w:id="${i + 1}">${n}</w:endnote>`),
    ].join('');
    files.push({ name: 'word/endnotes.xml', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:endnotes ${NS}>${notes}</w:endnotes>` });
    override('word/endnotes.xml', 'wordprocessingml.endnotes+xml');
    rels.push(`<Relationship Id="rIdEndnotes" Type="${REL}/endnotes" Target="endnotes.xml"/>`);
  }
  const lang = parts.lang === undefined ? 'da-DK' : parts.lang;
  const langXml = lang ? `<w:lang w:val="${lang}" w:eastAsia="en-US" w:bidi="ar-SA"/>` : '';
  const styles =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles ${NS}>` +
    `<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:sz w:val="22"/>${langXml}</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>` +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>' +
    (parts.endnotes ? ENDNOTE_STYLES : '') +
    (parts.styles ?? '') +
    '</w:styles>';
  const settings = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings ${NS}>${parts.settings ?? ''}<w:defaultTabStop w:val="1304"/><w:characterSpacingControl w:val="doNotCompress"/>${parts.endnotes ? NOTE_SETTINGS : ''}<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`;
  const document =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NS}><w:body>${parts.body}` +
    `<w:sectPr>${sectRefs}${parts.page ?? '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1701" w:right="1134" w:bottom="1701" w:left="1134" w:header="708" w:footer="708" w:gutter="0"/>'}${parts.columns ?? '<w:cols w:space="708"/>'}${parts.firstHeader !== undefined || parts.firstFooter !== undefined ? '<w:titlePg/>' : ''}</w:sectPr></w:body></w:document>`;
  const core =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    (parts.title ? `<dc:title>${escapeXml(parts.title)}</dc:title>` : '') +
    ((parts.coreLang === undefined ? lang : parts.coreLang) ? `<dc:language>${parts.coreLang === undefined ? lang : parts.coreLang}</dc:language>` : '') +
    '</cp:coreProperties>';
  const contentTypes =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/><Default Extension="jpg" ContentType="image/jpeg"/>' +
    mediaDefaults.join('') +
    overrides.join('') +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>';
  const rootRels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>';
  const docRels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    rels.join('') +
    '</Relationships>';
  const all = [
    { name: '[Content_Types].xml', data: contentTypes },
    { name: '_rels/.rels', data: rootRels },
    { name: 'docProps/core.xml', data: core },
    { name: 'word/document.xml', data: document },
    { name: 'word/_rels/document.xml.rels', data: docRels },
    { name: 'word/styles.xml', data: styles },
    { name: 'word/settings.xml', data: settings },
    ...files,
  ];
  const extras = (parts.parts ?? []).map((x) => ({ name: x.name, data: typeof x.data === 'string' ? Buffer.from(x.data, 'utf8') : Buffer.from(x.data) }));
  return writeZip([
    ...all.map((f) => ({ name: f.name, data: Buffer.from(f.data, 'utf8') })),
    ...(parts.media ?? []).map((m) => ({ name: `word/media/${m.name}`, data: Buffer.from(m.data) })),
    ...extras,
  ]);
}
