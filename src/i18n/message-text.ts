/**
 * One message of the catalog in both languages, in a module of its own so that the catalog's parts (messages.ts,
 * messages/) can name it without importing the index that reads them.
 */
export interface MessageText {
  da: string;
  en: string;
}
