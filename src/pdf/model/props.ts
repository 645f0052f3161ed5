/**
 * Paragraph, run, table and cell properties as the layout needs them: resolved values in
 * points, read from WordprocessingML property elements (w:pPr, w:rPr, w:tblPr, w:tcPr...).
 * Each reader returns only what the element sets (a partial), so style layers merge by
 * spreading: docDefaults, then the style chain, then direct formatting.
 *
 * Each kind of property has its module; this one gathers them for the rest of the layout.
 */
export { border, color, twips, type Border } from './prop-values.js';
export * from './para-props.js';
export * from './run-props.js';
export * from './table-props.js';
export * from './section-props.js';
