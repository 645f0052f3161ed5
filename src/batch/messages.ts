/** The batch runs' messages (`batch.*`) are in the catalog: src/i18n/messages/batch.ts. */
export { batchMessages } from '../i18n/messages/batch.js';
