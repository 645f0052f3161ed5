/**
 * `node --import <this file>` with KP_BREV_MODULE_LOG=<file>: writes the URL of every module the
 * process loads to that file, one a line. ES modules are seen by a load hook (in the loader
 * thread that module.register starts); CommonJS modules, which Node 20 loads through require
 * without the hooks, are read from require.cache when the process exits. test/project/startup.test.ts
 * uses it to check that a command loads only what it needs.
 */
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';

const log = process.env['KP_BREV_MODULE_LOG'];

/** The loader thread: every ES module (and CommonJS entry imported from one) as it is loaded. */
export async function load(url, context, nextLoad) {
  if (log) appendFileSync(log, url + '\n');
  return nextLoad(url, context);
}

if (isMainThread && log) {
  register(import.meta.url);
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => {
    appendFileSync(log, Object.keys(cache).map((file) => pathToFileURL(file).href + '\n').join(''));
  });
}
