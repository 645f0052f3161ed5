/**
 * The lines of an NDJSON stream (a batch's cases: the server's request body, the CLI's cases
 * file), read as the caller asks for them (backpressure) and never holding more than `max`
 * bytes of one line. A line over the limit is reported as `tooLong` once the limit is passed,
 * without its text; a caller that stops there (the server) leaves the rest unread, one that
 * asks for the next line (the CLI) gets it after the long line's remaining bytes have been
 * skipped, not kept. A UTF-8 byte order mark before the first line is dropped; a line may end
 * in CRLF.
 */
import type { Readable } from 'node:stream';

export type NdjsonLine = { line: number; text: string } | { line: number; tooLong: true };

const NL = 0x0a;
const BOM = '\ufeff';

/** Waits until the stream has data, has ended, or has failed. */
function readable(input: Readable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      input.off('readable', done).off('end', done).off('error', done).off('close', done);
      resolve();
    };
    input.on('readable', done).on('end', done).on('error', done).on('close', done);
  });
}

export async function* ndjsonLines(input: Readable, max: number): AsyncGenerator<NdjsonLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let line = 0;
  /** Inside a line over the limit: its bytes up to the next newline are dropped. */
  let skipping = false;
  const text = (): string => {
    let t = Buffer.concat(parts, size).toString('utf8');
    if (line === 0 && t.startsWith(BOM)) t = t.slice(1);
    if (t.endsWith('\r')) t = t.slice(0, -1);
    parts = [];
    size = 0;
    return t;
  };
  for (;;) {
    const chunk = input.read() as Buffer | string | null;
    if (chunk === null) {
      if (input.errored) throw input.errored;
      if (input.readableEnded || input.destroyed) break;
      await readable(input);
      continue;
    }
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (;;) {
      const nl = bytes.indexOf(NL, start);
      if (skipping) {
        if (nl === -1) break;
        skipping = false;
        start = nl + 1;
        continue;
      }
      const piece = bytes.subarray(start, nl === -1 ? bytes.length : nl);
      if (size + piece.length > max) {
        parts = [];
        size = 0;
        yield { line: ++line, tooLong: true };
        if (nl === -1) {
          skipping = true;
          break;
        }
        start = nl + 1;
        continue;
      }
      if (piece.length) parts.push(piece);
      size += piece.length;
      if (nl === -1) break;
      const t = text();
      yield { line: ++line, text: t };
      start = nl + 1;
    }
  }
  if (size) {
    const t = text();
    yield { line: ++line, text: t };
  }
}
