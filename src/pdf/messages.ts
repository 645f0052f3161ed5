/** The PDF's messages (`pdf.*`) are in the catalog: src/i18n/messages/pdf.ts. */
export { pdfMessages } from '../i18n/messages/pdf.js';
