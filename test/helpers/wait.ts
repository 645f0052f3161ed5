/**
 * Waiting for a condition, never for a duration (the 2-core test machine is often busy: a
 * test that sleeps for "long enough" or asserts "fast enough" fails there for the wrong
 * reason). A limit on waiting is a hang guard only: generous, never reached by a working
 * program on a loaded machine, and never a claim about speed (that is bench/'s business).
 */

/** The hang guard for one wait: far beyond anything a working program needs, even on a busy machine. */
export const HANG_GUARD_MS = 240_000;

/**
 * Asks `check` again (every `every` ms) until it gives a value other than undefined, null or
 * false, and returns that value. Gives up with an error naming `what` after `guardMs`.
 */
export async function until<T>(
  what: string,
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  opts: { every?: number; guardMs?: number } = {},
): Promise<T> {
  const every = opts.every ?? 50;
  const end = Date.now() + (opts.guardMs ?? HANG_GUARD_MS);
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}
