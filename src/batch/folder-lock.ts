/**
 * One run at a time in a batch's output folder (the file ledger): `.kp-brev-batch.lock` names
 * the run that holds the folder (a random token, its machine and process) and is touched every
 * few seconds while the run lives. A run started in a folder another live run holds is refused;
 * one whose holder is dead (its process gone on this machine, or no sign of life for a minute
 * from another machine) takes the folder over. Holding the folder is what makes it safe to
 * remove the temporary letters a killed run left: no other run is writing any.
 *
 * A run paused past that minute and resumed finds the folder taken over at its next letter or
 * manifest line and stops (fencing), so two runs never record the same folder.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { KpBrevError, registeredDiagnostic } from '../diagnostics.js';

export const LOCK_FILE = '.kp-brev-batch.lock';
const HEARTBEAT_MS = 5_000;
/** No sign of life for this long: the holder on another machine is taken for dead. */
export const STALE_MS = 60_000;

interface Holder {
  token: string;
  host: string;
  pid: number;
  started: string;
}

function read(path: string): { holder: Holder | undefined; ageMs: number } | undefined {
  try {
    const ageMs = Date.now() - statSync(path).mtimeMs;
    try {
      return { holder: JSON.parse(readFileSync(path, 'utf8')) as Holder, ageMs };
    } catch {
      return { holder: undefined, ageMs };
    }
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the lock's holder may still be running. */
function alive(found: { holder: Holder | undefined; ageMs: number }): boolean {
  if (found.ageMs > STALE_MS) return false;
  // Being written this instant (or cut short by a crash a moment ago): taken as alive.
  if (!found.holder) return true;
  if (found.holder.host === hostname()) return processAlive(found.holder.pid);
  return true;
}

export class FolderLock {
  private readonly timer: NodeJS.Timeout;
  private lost = false;

  private constructor(
    readonly dir: string,
    private readonly token: string,
  ) {
    this.timer = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  private get path(): string {
    return join(this.dir, LOCK_FILE);
  }

  /** Takes the folder for this run, or refuses (`batch.folder-busy`) while another live run holds it. */
  static acquire(dir: string): FolderLock {
    const path = join(dir, LOCK_FILE);
    const me: Holder = { token: randomUUID(), host: hostname(), pid: process.pid, started: new Date().toISOString() };
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        try {
          writeSync(fd, JSON.stringify(me) + '\n');
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        return new FolderLock(dir, me.token);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const found = read(path);
      if (!found) continue;
      if (alive(found)) throw busy(dir, found);
      // The holder is dead: move its lock aside (only one taker succeeds) and try again.
      const aside = `${path}.${me.token}`;
      try {
        renameSync(path, aside);
      } catch {
        continue;
      }
      const moved = read(aside);
      if (found.holder && moved?.holder?.token !== found.holder.token) {
        // Another taker's fresh lock was moved, not the dead one: put it back.
        try {
          linkSync(aside, path);
        } catch {
          // A third run holds the folder now.
        }
        rmSync(aside, { force: true });
        const now = read(path);
        throw busy(dir, now ?? { holder: moved?.holder, ageMs: 0 });
      }
      rmSync(aside, { force: true });
    }
    throw busy(dir, read(path) ?? { holder: undefined, ageMs: 0 });
  }

  /** Throws `batch.folder-taken` when another run has taken the folder over (this run was paused past the limit). */
  check(): void {
    if (!this.lost) {
      const found = read(this.path);
      this.lost = found?.holder?.token !== this.token && !(found && !found.holder);
    }
    if (this.lost) throw new KpBrevError('input', [registeredDiagnostic('batch.folder-taken', { dir: this.dir }, undefined, 'error')]);
  }

  /**
   * Removes the temporary letters (`<id>.<format>.tmp`) a killed run left in the folder: only
   * while this run holds it, only names this run's letters would have.
   */
  removeAbandoned(format: string): number {
    this.check();
    const name = new RegExp(`^[A-Za-z0-9_.-]+\\.${format}\\.tmp$`);
    let removed = 0;
    for (const f of readdirSync(this.dir)) {
      if (!name.test(f)) continue;
      rmSync(join(this.dir, f), { force: true });
      removed++;
    }
    return removed;
  }

  release(): void {
    clearInterval(this.timer);
    if (this.lost) return;
    const found = read(this.path);
    if (found?.holder?.token === this.token) unlinkSync(this.path);
  }

  private beat(): void {
    try {
      const found = read(this.path);
      if (found?.holder?.token !== this.token) {
        this.lost = true;
        return;
      }
      const now = new Date();
      utimesSync(this.path, now, now);
    } catch {
      // The folder is gone or unreadable: the run's own writes will say so.
    }
  }
}

function busy(dir: string, found: { holder: Holder | undefined; ageMs: number }): KpBrevError {
  const h = found.holder;
  const who = h ? `${h.host}, pid ${h.pid}` : '?';
  return new KpBrevError('input', [
    registeredDiagnostic(
      'batch.folder-busy',
      { dir, who, seconds: Math.round(found.ageMs / 1000), stale: STALE_MS / 1000, lock: LOCK_FILE },
      undefined,
      'error',
    ),
  ]);
}
