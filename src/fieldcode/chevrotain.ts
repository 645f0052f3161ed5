/**
 * Chevrotain, loaded from the single-file ES module its package ships (lib/chevrotain.mjs, the
 * same version's code with lodash-es inlined) instead of its package entry, which imports some
 * 700 modules of lodash-es one by one: about 0.9 s of CPU time at every start of the command
 * line, the server and each render thread, against some 25 ms for the one file (issue 19,
 * bench/startup.ts). The package does not export that file's path, so it is found beside the
 * entry that `chevrotain` resolves to; should a later version not ship it, the entry is used.
 *
 * Every module of the field-code parser takes chevrotain's values from here (one copy of its
 * classes); types still come from 'chevrotain'.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Chevrotain = typeof import('chevrotain');

function bundleUrl(): string | undefined {
  try {
    // lib/src/api.js → lib/chevrotain.mjs
    const file = join(dirname(createRequire(import.meta.url).resolve('chevrotain')), '..', 'chevrotain.mjs');
    return existsSync(file) ? pathToFileURL(file).href : undefined;
  } catch {
    return undefined;
  }
}

const url = bundleUrl();
const chevrotain: Chevrotain = url ? ((await import(url)) as Chevrotain) : await import('chevrotain');

export const { createToken, createTokenInstance, createSyntaxDiagramsCode, CstParser, Lexer } = chevrotain;
