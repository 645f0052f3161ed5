/**
 * How eagerly V8 optimises the code of a command that runs for a few seconds over many small
 * files (`kp-brev lint` and `kp-brev templates` over a repository).
 *
 * V8 compiles a function with its optimising compiler (TurboFan) once it has run a little; the
 * compile runs on background threads and is thrown away and redone when the function meets an
 * object shape it did not expect (a deopt). In a process that lives for seconds, that work does
 * not pay back: linting the 98-municipality repository (1000 .docx) spent about 3 s in TurboFan
 * jobs (`--trace-opt`), re-optimising the big walkers up to four times. Letting functions run
 * longer in the interpreter and the baseline compiler (Sparkplug) before TurboFan takes them
 * cut the run's CPU time by about a sixth on Node 20 (README, Speed; docs/decisions.md).
 *
 * The knob has another name in every V8 line, and V8 writes "unrecognized flag" to stderr for a
 * name it does not know, so the flag is chosen by V8's major version and left alone for a line
 * not measured. The server and batch runs are long-lived and keep V8's defaults; so do `render`
 * and the other one-letter commands (not measured).
 */
import { setFlagsFromString } from 'node:v8';

/** The flag for a V8 major version, if one was measured to help (undefined: V8's defaults). */
export function shortRunFlag(v8Version: string = process.versions.v8): string | undefined {
  const major = Number.parseInt(v8Version, 10);
  // Node 20 (V8 11.3): the budget of bytecode executed before a function is considered for
  // optimisation, 67,584 by default.
  if (major === 11) return '--interrupt-budget=1000000';
  // Node 22 (V8 12.4): calls before TurboFan (Maglev, its quick mid tier, still comes at 400).
  if (major === 12) return '--invocation-count-for-turbofan=10000';
  // Node 24 (V8 13.6): no gain measured; Maglev already takes most of the early work.
  return undefined;
}

let tuned = false;

/** Sets the flag for this process (once). Call before the command's work starts. */
export function tuneForShortRun(): void {
  if (tuned) return;
  tuned = true;
  const flag = shortRunFlag();
  if (flag) setFlagsFromString(flag);
}
