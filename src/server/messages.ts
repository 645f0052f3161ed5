/** The render API's messages (`server.*`) are in the catalog: src/i18n/messages/server.ts. */
export { serverMessages } from '../i18n/messages/server.js';
