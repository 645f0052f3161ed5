#!/usr/bin/env node
// `npm audit --omit=dev` for CI: a high or critical advisory in a production dependency fails the
// run unless docs/operations.md explains it (its GHSA id in the section "Audit exceptions").
// An advisory service that cannot be reached is a warning, or a failure with
// KP_BREV_AUDIT_REQUIRED=1. `judge()` is the decision, tested by test/project/supply-chain.test.ts.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERIOUS = new Set(['high', 'critical']);

/** The GHSA ids listed under the heading "Audit exceptions" of docs/operations.md. */
export function explainedAdvisories(docs) {
  const ids = new Set();
  let inSection = false;
  for (const line of docs.split('\n')) {
    if (/^#+ /.test(line)) inSection = /^#+ Audit exceptions\s*$/.test(line);
    else if (inSection) for (const id of line.match(/GHSA(?:-[a-z0-9]{4}){3}/g) ?? []) ids.add(id);
  }
  return ids;
}

/**
 * The verdict on `npm audit --json` output: { ok, lines }. `unreachable` when npm could not ask
 * the advisory service (its JSON then has `error`).
 */
export function judge(audit, docs) {
  if (audit.error) return { ok: false, unreachable: true, lines: [`npm audit: the advisory service could not be asked (${audit.error.summary || audit.message || audit.error.code || 'error'})`] };
  const explained = explainedAdvisories(docs);
  const lines = [];
  let ok = true;
  for (const [name, v] of Object.entries(audit.vulnerabilities ?? {})) {
    for (const via of v.via ?? []) {
      if (typeof via !== 'object' || !SERIOUS.has(via.severity)) continue;
      const id = /GHSA(?:-[a-z0-9]{4}){3}/.exec(via.url ?? '')?.[0] ?? String(via.source);
      if (explained.has(id)) lines.push(`${via.severity} ${id} in ${name}: explained in docs/operations.md`);
      else {
        ok = false;
        lines.push(`${via.severity} ${id} in ${name} (${via.range ?? '?'}): ${via.title ?? ''} — fix it, or explain it under "Audit exceptions" in docs/operations.md`);
      }
    }
  }
  const counts = audit.metadata?.vulnerabilities ?? {};
  lines.push(`npm audit --omit=dev: ${['critical', 'high', 'moderate', 'low'].map((s) => `${counts[s] ?? 0} ${s}`).join(', ')}`);
  return { ok, unreachable: false, lines };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  let out;
  try {
    out = execFileSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (err) {
    // npm audit exits 1 when it finds anything or cannot ask; its JSON says which.
    out = err.stdout ?? '';
  }
  let audit;
  try {
    audit = JSON.parse(out);
  } catch {
    audit = { error: { summary: 'npm audit printed no JSON' } };
  }
  const verdict = judge(audit, readFileSync(join(root, 'docs/operations.md'), 'utf8'));
  for (const line of verdict.lines) console.log(line);
  if (verdict.unreachable) {
    if (process.env.KP_BREV_AUDIT_REQUIRED === '1') process.exit(1);
    console.log('warning: no audit this run (set KP_BREV_AUDIT_REQUIRED=1 to fail instead)');
    process.exit(0);
  }
  process.exit(verdict.ok ? 0 : 1);
}
