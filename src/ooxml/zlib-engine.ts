/**
 * One zlib engine used through its native handle, as node:zlib's own sync functions use it
 * (`processChunkSync`): `writeSync` into a caller's buffer, `reset` between streams. Creating
 * an engine per stream, as `deflateSync` and `inflateRawSync` do, sets up a stream object and
 * zlib's native state each time (some 270 KB of native memory for deflate); the PDF writer's
 * deflate (src/pdf/writer/deflate.ts) and the zip reader's inflate (src/ooxml/inflate.ts) keep
 * one per process instead.
 *
 * The handle is node:zlib's internal: where it is not there as expected (another Node version)
 * `engineOf` answers null, and the callers fall back to the public functions.
 */
import type { Deflate, InflateRaw } from 'node:zlib';

export interface ZlibHandle {
  writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void;
  reset(): void;
}

export interface ZlibEngine<S extends Deflate | InflateRaw> {
  /** Destroyed when the engine reported an error (the stream then emits it; handled here). */
  stream: S;
  handle: ZlibHandle;
  /** [available out, available in] after each write (node:zlib's `_writeState`). */
  state: Uint32Array;
}

/** The engine of a new zlib stream, or null where its handle is not as expected. */
export function engineOf<S extends Deflate | InflateRaw>(create: () => S): ZlibEngine<S> | null {
  try {
    const stream = create();
    // An error the engine reports destroys the stream, which then emits it: handled here (the
    // caller sees `stream.destroyed` and falls back), not thrown later.
    stream.on('error', () => undefined);
    const inner = stream as unknown as { _handle?: Partial<ZlibHandle>; _writeState?: unknown };
    const handle = inner._handle;
    const state = inner._writeState;
    return handle && typeof handle.writeSync === 'function' && typeof handle.reset === 'function' && state instanceof Uint32Array && state.length >= 2
      ? { stream, handle: handle as ZlibHandle, state }
      : null;
  } catch {
    return null;
  }
}
