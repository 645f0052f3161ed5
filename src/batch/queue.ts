/**
 * Batches over the PostgreSQL ledger (../ledger/pg-ledger.ts): `enqueue` loads a cases file into
 * a run (idempotent), `work` claims and makes cases until the run has none left, any number of
 * workers on any machines at once. A letter is written to a temporary name unique to its claim,
 * fsynced, and renamed into place only inside the transaction that records it, while the claim
 * still holds: a fenced-off worker's letter never replaces the one in the ledger.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { toContext } from '../context/context.js';
import { KpBrevError, registeredDiagnostic } from '../diagnostics.js';
import type { Lang } from '../i18n/index.js';
import { BATCH_LINE_BYTES } from '../limits.js';
import type { Claim, EnqueueResult, LedgerCase, Outcome, PgLedger } from '../ledger/pg-ledger.js';
import type { RenderPool } from '../service/pool.js';
import type { RenderOutcome } from '../service/render-task.js';
import { item, readCase } from './batch.js';
import { GroupCommit } from './group-commit.js';
import { sha256 } from './manifest.js';
import { ndjsonLines } from './ndjson.js';

export interface EnqueueSummary extends Omit<EnqueueResult, 'changed'> {
  /** Lines whose id was already used by another case of the file (not enqueued). */
  duplicates: number;
  /** Cases made (or being made) whose line has changed: reported, not made again. */
  changed: Array<{ kommune: string; caseId: string; line: number }>;
}

/**
 * Loads a cases file into a run (idempotent: the same file again adds nothing). A corrected file
 * is accepted: new cases are added, cases still waiting take their new line, failed cases are
 * queued again from it with `retryFailed`, and made cases whose line changed are reported.
 */
export async function enqueueFile(
  ledger: PgLedger,
  opts: { run: string; template: string; kommune?: string | undefined; format: string; cases: string; requestedBy: string; lang?: Lang; retryFailed?: boolean },
): Promise<EnqueueSummary> {
  const lang = opts.lang ?? 'da';
  const seen = new Set<string>();
  const summary: EnqueueSummary = { added: 0, already: 0, retried: 0, updated: 0, failedEarlier: 0, duplicates: 0, changed: [] };
  let batch: LedgerCase[] = [];
  const flush = async (): Promise<void> => {
    const r = await ledger.enqueue(batch, { retryFailed: opts.retryFailed === true });
    summary.added += r.added;
    summary.already += r.already;
    summary.retried += r.retried;
    summary.updated += r.updated;
    summary.failedEarlier += r.failedEarlier;
    summary.changed.push(...r.changed);
    batch = [];
  };
  for await (const next of ndjsonLines(createReadStream(opts.cases), BATCH_LINE_BYTES)) {
    if ('text' in next && !next.text.trim()) continue;
    const c = readCase(next);
    const kommune = 'value' in c && typeof c.value['kommune'] === 'string' ? c.value['kommune'] : (opts.kommune ?? '');
    const key = `${kommune} ${c.id}`;
    if (seen.has(key)) {
      summary.duplicates++;
      continue;
    }
    seen.add(key);
    const base = {
      run: opts.run,
      kommune,
      template: opts.template,
      caseId: c.id,
      caseSha256: c.sha256,
      line: c.line,
      format: opts.format,
      requestedBy: opts.requestedBy,
    };
    batch.push('bad' in c ? { ...base, failed: { reason: 'bad-case', problems: [item(c.bad, lang)] } } : { ...base, input: c.value });
    if (batch.length >= 500) await flush();
  }
  await flush();
  return summary;
}

export interface WorkSummary {
  made: number;
  failed: number;
  /** Commits refused because the claim had been fenced off (lease run out, case claimed again). */
  fenced: number;
  /** Temporary files of claims no longer held (a worker killed while writing), removed. */
  abandoned: number;
  /** Cases claimed ahead and given back unmade when the worker was stopped. */
  released: number;
}

/** A letter's temporary name: `<letter>.<lease token>.tmp` (the token of the claim that writes it). */
const TEMPORARY = /^.+\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.tmp$/;

/**
 * Removes the temporary letters in `out` whose claim no case holds any more: their worker was
 * killed, or was fenced off and can no longer commit them. A file whose token a case still
 * holds is left alone (its worker may be writing it), as is every file not named as ours.
 */
export async function removeAbandoned(ledger: PgLedger, out: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(out);
  } catch {
    return 0;
  }
  const found = names.map((n) => ({ n, m: TEMPORARY.exec(n) })).filter((x) => x.m);
  if (!found.length) return 0;
  const live = await ledger.liveTokens([...new Set(found.map((x) => x.m![1]!))]);
  let removed = 0;
  for (const { n, m } of found) {
    if (live.has(m![1]!)) continue;
    await rm(join(out, n), { force: true });
    removed++;
  }
  return removed;
}

/** Cases claimed ahead at most, and letters made but not yet recorded at most, per worker. */
const MAX_AHEAD = 64;
const MAX_UNRECORDED = 256;

/**
 * Makes the cases of a run until none is left to claim (or `signal` asks it to stop), in three
 * stages that overlap: claims ahead, so that a render thread never waits for the database; the
 * render pool, kept busy with twice its threads' cases; and the commits, in groups, which a render
 * thread does not wait for either (each letter is still fsynced and its row committed before the
 * case counts as made).
 *
 * Claims ahead: a claim of `claim` cases (4 by default) is asked for when fewer than that many are
 * waiting; each time the render pool had a free place and none was waiting, the claim size doubles,
 * up to 64 and to what this worker makes in a quarter of the lease. A claim whose lease has run out
 * (by this process's clock, which errs early) before its turn is not made: it is counted as
 * fenced, and made by whoever claims it next. Claims not yet started when the worker stops (a
 * failure, or `signal`) are given back to the run at once.
 */
export async function work(
  ledger: PgLedger,
  pool: RenderPool,
  opts: {
    run: string;
    templatesDir: string;
    out?: string;
    inLedger?: boolean;
    lang?: Lang;
    claim?: number;
    leaseSeconds?: number;
    worker?: string;
    idleMs?: number;
    /** Stops claiming, gives back what was claimed ahead, and returns once what is under way is recorded. */
    signal?: AbortSignal;
  },
): Promise<WorkSummary> {
  const lang = opts.lang ?? 'da';
  const out = opts.out !== undefined ? resolve(opts.out) : undefined;
  if (!out && !opts.inLedger) throw new Error('work: give out or inLedger');
  const toFiles = out !== undefined && !opts.inLedger;
  const worker = opts.worker ?? `${hostname()}:${process.pid}`;
  const leaseSeconds = opts.leaseSeconds ?? 60;
  const summary: WorkSummary = { made: 0, failed: 0, fenced: 0, abandoned: 0, released: 0 };
  if (toFiles) {
    await mkdir(out, { recursive: true });
    summary.abandoned += await removeAbandoned(ledger, out);
  }
  // Outcomes are recorded in groups (one transaction, one flush of PostgreSQL's log, one fsync
  // of the folder per group), as the file ledger groups its manifest lines.
  const committer = new GroupCommit<{ claim: Claim; outcome: Outcome; place?: () => Promise<void> }, boolean>((group) =>
    ledger.finishMany(group, async () => {
      if (toFiles) await fsyncDirAsync(out);
    }),
  );
  const renderLimit = Math.max(2, pool.load().threads * 2);
  const minClaim = Math.max(1, opts.claim ?? 4);

  // Wakes the loop below when a claim, a render or a commit ends.
  let wake: () => void = () => undefined;
  const nudge = (): void => wake();

  let failure: unknown;
  const ready: Claim[] = [];
  let rendering = 0;
  const unrecorded = new Set<Promise<void>>();
  let claimSize = minClaim;
  let claiming: Promise<void> | undefined;
  /** The render pool had room while the claim under way was awaited. */
  let starved = false;
  /** The last claim found nothing: claim again once what is under way is done. */
  let dry = false;
  // Letters rendered per second (smoothed), for the claim size's bound by the lease.
  let rate = 0;
  let lastRendered = 0;

  const refill = (): void => {
    if (claiming || dry || failure !== undefined || opts.signal?.aborted || ready.length >= claimSize) return;
    claiming = ledger
      .claim(opts.run, worker, claimSize, leaseSeconds)
      .then(
        (claims) => {
          ready.push(...claims);
          dry = !claims.length;
          // The render pool waited for this claim: claim more at a time, within a quarter of the lease.
          if (starved) claimSize = Math.min(MAX_AHEAD, Math.max(minClaim, Math.floor((rate * leaseSeconds) / 4)), claimSize * 2);
          starved = false;
        },
        (err: unknown) => void (failure ??= err),
      )
      .finally(() => {
        claiming = undefined;
        nudge();
      });
  };

  /** Records an outcome; false when the claim was fenced off. */
  const record = async (claim: Claim, outcome: Outcome, place?: () => Promise<void>): Promise<boolean> => {
    if (await committer.commit({ claim, outcome, ...(place ? { place } : {}) })) {
      if (outcome.ok) summary.made++;
      else summary.failed++;
      return true;
    }
    summary.fenced++;
    return false;
  };

  const make = async (claim: Claim): Promise<void> => {
    const { id: _id, kommune: _k, ...rest } = claim.input;
    void _id;
    void _k;
    let outcome: RenderOutcome;
    try {
      outcome = await pool.run({
        dir: opts.templatesDir,
        template: claim.template,
        kommune: claim.kommune || undefined,
        context: toContext(rest),
        format: claim.format as 'pdf' | 'docx',
        lang,
        automatic: true,
      });
    } catch (err) {
      const diagnostics =
        err instanceof KpBrevError
          ? err.diagnostics
          : [registeredDiagnostic('server.internal', { detail: err instanceof Error ? err.message : String(err) }, undefined, 'error')];
      outcome = { ok: false, reason: err instanceof KpBrevError ? 'bad-context' : 'internal', diagnostics };
    } finally {
      // The render thread's place is free: the next case starts while this one is recorded.
      rendering--;
      const now = performance.now();
      if (lastRendered) rate = rate * 0.9 + (1000 / Math.max(1, now - lastRendered)) * 0.1;
      lastRendered = now;
      nudge();
    }
    if (!outcome.ok) return void (await record(claim, { ok: false, reason: outcome.reason, problems: outcome.diagnostics.map((d) => item(d, lang)) }));
    const file = `${claim.kommune ? `${claim.kommune}-` : ''}${claim.caseId}.${claim.format}`;
    const letter = { ok: true as const, sha256: sha256(outcome.bytes), version: outcome.version, pages: outcome.pages };
    // Into the ledger's row (bytea), in the transaction that records the letter.
    if (!toFiles) return void (await record(claim, { ...letter, file: null, bytes: outcome.bytes }));
    const target = join(out, file);
    const tmp = `${target}.${claim.token}.tmp`;
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(outcome.bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (!(await record(claim, { ...letter, file }, () => rename(tmp, target)))) await rm(tmp, { force: true });
  };

  const start = (claim: Claim): void => {
    rendering++;
    const p: Promise<void> = make(claim)
      .catch((err: unknown) => void (failure ??= err))
      .finally(() => {
        unrecorded.delete(p);
        nudge();
      });
    unrecorded.add(p);
  };

  opts.signal?.addEventListener('abort', nudge);
  for (;;) {
    const stopping = failure !== undefined || opts.signal?.aborted === true;
    if (!stopping) {
      // Start cases while the render pool has room.
      while (rendering < renderLimit && unrecorded.size < MAX_UNRECORDED && ready.length) {
        const claim = ready.shift()!;
        // Its lease ran out while it waited: whoever claims it next makes it.
        if (Date.now() >= claim.until) summary.fenced++;
        else start(claim);
      }
      refill();
      if (rendering < renderLimit && !ready.length && claiming) starved = true;
    }
    if (rendering || unrecorded.size || claiming) {
      const woken = new Promise<void>((r) => (wake = r));
      if (stopping && !unrecorded.size && claiming) await claiming;
      else await woken;
      continue;
    }
    if (stopping) {
      // Nothing under way: what was claimed ahead goes back to the run.
      summary.released += await ledger.release(ready.splice(0)).catch(() => 0);
      if (failure !== undefined) throw failure;
      return summary;
    }
    if (ready.length) continue;
    // Nothing claimed and nothing under way: cases waiting (the claim looked at municipalities
    // that had run out) are claimed at once, and cases claimed by others may come back when
    // their lease runs out.
    const openCases = await ledger.pool.query<{ state: string }>(
      `SELECT state FROM kp_brev_letters WHERE run = $1 AND state IN ('pending', 'claimed') ORDER BY state DESC LIMIT 1`,
      [opts.run],
    );
    if (openCases.rows[0]?.state === 'pending') {
      dry = false;
      continue;
    }
    if (!openCases.rowCount) {
      // What workers killed during the run left behind.
      if (toFiles) summary.abandoned += await removeAbandoned(ledger, out);
      return summary;
    }
    await new Promise((r) => setTimeout(r, opts.idleMs ?? 500));
    dry = false;
  }
}

/** fsyncDir without blocking the event loop (render threads' results keep arriving meanwhile). */
async function fsyncDirAsync(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
