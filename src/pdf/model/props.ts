/**
 * Paragraph, run, table and cell properties as the layout needs them: resolved values in
 * points, read from WordprocessingML property elements (w:pPr, w:rPr, w:tblPr, w:tcPr...).
 * Each reader returns only what the element sets (a partial), so style layers merge by
 * spreading: docDefaults, then the style chain, then direct formatting.
 *
 * Each kind of property has its module, the style properties in ooxml/styles/ (where styles
 * are resolved) and the section's here; this one gathers them for the rest of the layout.
 */
export { color, twips, type Border } from '../../ooxml/styles/values.js';
export * from '../../ooxml/styles/para-props.js';
export * from '../../ooxml/styles/run-props.js';
export * from '../../ooxml/styles/table-props.js';
export * from './section-props.js';
