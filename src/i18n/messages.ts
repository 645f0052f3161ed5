/**
 * Message catalog. Each id has a Danish and an English text with `{param}` placeholders.
 * Ids are stable: they are the `code` of diagnostics in JSON output and API errors.
 *
 * The texts live by area in `./messages/`; this module joins them into one catalog.
 */
import type { MessageText } from './message-text.js';
import { cliMessages } from './messages/cli.js';
import { batchQueueDescriptionMessages, cliDescriptionMessages } from './messages/cli-help.js';
import { commanderMessages } from './messages/commander.js';
import { composeMessages } from './messages/compose.js';
import { contextMessages } from './messages/context.js';
import { fieldCodeMessages } from './messages/fieldcode.js';
import { jsonMessages } from './messages/json.js';
import { limitMessages } from './messages/limits.js';
import { packageMessages } from './messages/package.js';
import { placeMessages } from './messages/places.js';
import { renderMessages } from './messages/render.js';
import { regionMessages } from './messages/regions.js';
import { repositoryMessages } from './messages/repository.js';
import { validationMessages } from './messages/validation.js';
import { serverMessages } from './messages/server.js';
import { batchMessages } from './messages/batch.js';
import { pdfMessages } from './messages/pdf.js';
import { lintNoticeMessages } from './messages/lint-notices.js';
import { lintCliMessages } from './messages/lint-cli.js';
import { problemTitleMessages } from './messages/problem-titles.js';
import { outputMessages } from './messages/output.js';
import { webTexts } from './messages/web.js';
import { prefixed } from './area.js';

const webMessages = prefixed('web', webTexts);

export const messages = {
  ...placeMessages,
  ...packageMessages,
  ...fieldCodeMessages,
  ...limitMessages,
  ...contextMessages,
  ...renderMessages,
  ...regionMessages,
  ...repositoryMessages,
  ...composeMessages,
  ...cliMessages,
  ...commanderMessages,
  ...cliDescriptionMessages,
  ...batchQueueDescriptionMessages,
  ...jsonMessages,
  ...validationMessages,
  ...serverMessages,
  ...batchMessages,
  ...pdfMessages,
  ...lintNoticeMessages,
  ...lintCliMessages,
  ...problemTitleMessages,
  ...outputMessages,
  ...webMessages,
} as const satisfies Record<string, MessageText>;

/** Ids that more than one area defines (`never` when there are none). */
type SharedIds<Areas extends readonly object[], Seen = never> = Areas extends readonly [infer First, ...infer Rest extends readonly object[]]
  ? (keyof First & Seen) | SharedIds<Rest, Seen | keyof First>
  : never;

/** One object literal refused a repeated id; spreading areas would not, so this check does. */
type AssertNoSharedIds<Shared extends never> = Shared;
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a check at compile time: it fails to build when two parts share an id
type CatalogIsDisjoint = AssertNoSharedIds<
  SharedIds<
    [
      typeof placeMessages,
      typeof packageMessages,
      typeof fieldCodeMessages,
      typeof limitMessages,
      typeof contextMessages,
      typeof renderMessages,
      typeof regionMessages,
      typeof repositoryMessages,
      typeof composeMessages,
      typeof cliMessages,
      typeof commanderMessages,
      typeof cliDescriptionMessages,
      typeof batchQueueDescriptionMessages,
      typeof jsonMessages,
      typeof validationMessages,
      typeof serverMessages,
      typeof batchMessages,
      typeof pdfMessages,
      typeof lintNoticeMessages,
      typeof lintCliMessages,
      typeof problemTitleMessages,
      typeof outputMessages,
      typeof webMessages,
    ]
  >
>;
