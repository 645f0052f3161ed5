/** LibreOffice, when the machine has it (.ci/run installs it): the second reader of our output. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HANG_GUARD_MS } from './wait.js';

export const soffice = ((): string | undefined => {
  for (const cmd of ['soffice', 'libreoffice']) {
    const r = spawnSync('which', [cmd], { encoding: 'utf8' });
    if (r.status === 0) return r.stdout.trim();
  }
  return undefined;
})();

/** Converts .docx files with one LibreOffice start; returns the text of each. */
export function libreOfficeText(files: Record<string, Uint8Array>): Record<string, string> {
  if (!soffice) throw new Error('LibreOffice is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-lo-'));
  const names = Object.keys(files);
  for (const name of names) writeFileSync(join(dir, `${name}.docx`), files[name]!);
  execFileSync(
    soffice,
    [
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'txt:Text (encoded):UTF8',
      '--outdir',
      dir,
      ...names.map((n) => join(dir, `${n}.docx`)),
    ],
    { stdio: 'pipe', timeout: HANG_GUARD_MS },
  );
  return Object.fromEntries(names.map((n) => [n, readFileSync(join(dir, `${n}.txt`), 'utf8').replace(/^\ufeff/, '')]));
}
