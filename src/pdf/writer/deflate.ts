/**
 * Deflate of the pages' content streams (zlib level 6) with one zlib engine per process, reset
 * between streams, instead of a new engine per stream as `deflateSync` makes: the output is the
 * same bytes (the same zlib, the same parameters, a fresh stream state after each reset), but
 * a letter no longer pays for setting up a Deflate stream object and zlib's native state
 * (some 270 KB of native memory, which also counts towards V8's garbage collection) twice.
 *
 * It uses the engine's handle as `deflateSync` itself does (src/ooxml/zlib-engine.ts);
 * where that handle is not there as expected (another Node version), or the engine reports an
 * error, it falls back to `deflateSync`.
 */
import { constants, createDeflate, deflateSync, type Deflate } from 'node:zlib';
import { engineOf, type ZlibEngine } from '../../ooxml/zlib-engine.js';

const LEVEL = 6;

/** The engine; null where the handle is not as expected or it reported an error (then the usual way). */
let engine: ZlibEngine<Deflate> | null | undefined;
/** Where each write lands before it is copied out (one per process). */
let scratch: Buffer | undefined;

/** `deflateSync(data, { level: 6 })`, byte for byte. */
export function deflateContent(data: Uint8Array): Buffer {
  const e = engine === undefined ? (engine = engineOf(() => createDeflate({ level: LEVEL }))) : engine;
  if (!e) return deflateSync(data, { level: LEVEL });
  scratch ??= Buffer.allocUnsafe(64 * 1024);
  const out = scratch;
  const chunks: Buffer[] = [];
  let total = 0;
  let inOff = 0;
  let inLen = data.length;
  try {
    for (;;) {
      e.handle.writeSync(constants.Z_FINISH, data, inOff, inLen, out, 0, out.length);
      if (e.stream.destroyed) throw new Error('zlib');
      const availOut = e.state[0]!;
      const availIn = e.state[1]!;
      const have = out.length - availOut;
      chunks.push(Buffer.from(out.subarray(0, have)));
      total += have;
      inOff += inLen - availIn;
      inLen = availIn;
      // Z_FINISH is done when zlib left room in the output.
      if (availOut !== 0) break;
    }
    e.handle.reset();
  } catch {
    // The engine is not usable (it reported an error): this and later streams the usual way.
    engine = null;
    return deflateSync(data, { level: LEVEL });
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}
