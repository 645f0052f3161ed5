/**
 * Inflating zip entries with one zlib engine per process, reset between entries, instead of a
 * new engine per entry as `inflateRawSync` makes (a stream object, zlib's native state and
 * 16 KB output chunks joined at the end: `kp-brev lint` over a repository inflates some 2,000
 * entries). The entry's declared size is known, so the output goes straight into one buffer of
 * that size and two bytes more: zlib finishing with room left is the whole stream, within the
 * declared size + 1 that zip.ts allows.
 *
 * It uses the engine's handle as `inflateRawSync` itself does (src/ooxml/zlib-engine.ts), like the
 * PDF writer's deflate (src/pdf/writer/deflate.ts). Whatever is not a clean finish
 * (the engine reports an error, the output does not fit, the handle is not there as expected
 * on another Node version) is answered `undefined`, and the caller inflates the entry the
 * usual way, which then tells what is wrong with the same words as before.
 */
import { constants, createInflateRaw, type InflateRaw } from 'node:zlib';
import { engineOf, type ZlibEngine } from './zlib-engine.js';

/** The engine; null where the handle is not as expected (then never tried again). */
let engine: ZlibEngine<InflateRaw> | null | undefined;

/**
 * A raw deflate stream inflated, when it ends cleanly within `size` + 1 bytes of output: the
 * bytes and how many bytes of `raw` the stream took. Otherwise undefined.
 */
export function inflateWithin(raw: Uint8Array, size: number): { data: Buffer; consumed: number } | undefined {
  const e = engine === undefined ? (engine = engineOf(createInflateRaw)) : engine;
  if (!e) return undefined;
  const out = Buffer.allocUnsafe(size + 2);
  try {
    e.handle.writeSync(constants.Z_FINISH, raw, 0, raw.length, out, 0, out.length);
  } catch {
    engine = undefined;
    return undefined;
  }
  if (e.stream.destroyed) {
    // A damaged stream: this engine is gone, the next entry gets a new one.
    engine = undefined;
    return undefined;
  }
  const availOut = e.state[0]!;
  const availIn = e.state[1]!;
  e.handle.reset();
  // No room left: more than size + 1 bytes (the usual way says so).
  if (availOut === 0) return undefined;
  return { data: out.subarray(0, out.length - availOut), consumed: raw.length - availIn };
}
