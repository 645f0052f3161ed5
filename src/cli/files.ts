/** File access for the CLI: clear errors, and letters written whole or not at all. */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { inputError } from '../diagnostics.js';

export function readInput(path: string, cwd: string): Uint8Array {
  try {
    return readFileSync(resolve(cwd, path));
  } catch {
    throw inputError('cli.file-not-found', { file: path });
  }
}

/** Writes through a temporary file and a rename, so a reader never sees half a letter. */
export function writeOutput(path: string, data: Uint8Array, cwd: string): void {
  const target = resolve(cwd, path);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw inputError('cli.write-failed', { file: path, detail: err instanceof Error ? err.message.split('\n')[0]! : String(err) });
  }
}
