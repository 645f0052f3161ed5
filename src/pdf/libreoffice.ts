/**
 * LibreOffice as a PDF engine, for comparison only (`--pdf-engine libreoffice`, the fidelity
 * tests and the benchmark): the filled .docx converted by `soffice --headless`, with a
 * private profile so that runs never share state with a desktop LibreOffice.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inputError } from '../diagnostics.js';

let found: string | null | undefined;

/** The soffice executable, or null when LibreOffice is not installed. */
export function findSoffice(): string | null {
  if (found !== undefined) return found;
  for (const name of ['soffice', 'libreoffice']) {
    const r = spawnSync('which', [name], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return (found = r.stdout.trim());
  }
  return (found = null);
}

/** Converts .docx files to PDF in one LibreOffice run; returns the PDFs in order. */
export function convertWithLibreOffice(docs: Uint8Array[], timeoutMs = 300_000): Uint8Array[] {
  const soffice = findSoffice();
  if (!soffice) throw inputError('cli.no-libreoffice');
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-lo-'));
  try {
    const names = docs.map((d, i) => {
      const file = join(dir, `brev-${i}.docx`);
      writeFileSync(file, d);
      return file;
    });
    try {
      execFileSync(
        soffice,
        [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...names],
        {
          stdio: 'pipe',
          timeout: timeoutMs,
        },
      );
    } catch (err) {
      throw inputError('cli.libreoffice-failed', { detail: err instanceof Error ? err.message.split('\n')[0]! : String(err) });
    }
    return names.map((f) => readFileSync(f.replace(/\.docx$/, '.pdf')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
