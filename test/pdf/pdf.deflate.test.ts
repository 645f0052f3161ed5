/**
 * The content streams' deflate with one zlib engine per process (writer/deflate.ts) gives the
 * bytes `deflateSync` at level 6 gives, stream after stream: short and long, text-like and
 * random (output over the engine's 64 KB window of output, written in several pieces), empty.
 */
import { randomBytes } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflateContent } from '../../src/pdf/writer/deflate.js';

describe('deflate of content streams', () => {
  it('is byte for byte deflateSync at level 6, for streams one after another', () => {
    const text = (n: number): Buffer => {
      let s = '';
      for (let i = 0; s.length < n; i++) s += `BT /F1 10 Tf 1 0 0 1 ${(i * 7.31) % 500} ${700 - ((i * 13) % 600)} Tm <00${(i % 90) + 10}0042> Tj ET\n`;
      return Buffer.from(s.slice(0, n), 'latin1');
    };
    const inputs = [text(5000), Buffer.alloc(0), text(12), randomBytes(200_000), text(150_000), randomBytes(70_000), text(5000)];
    for (const input of inputs) {
      const out = deflateContent(input);
      expect(Buffer.from(out).equals(deflateSync(input, { level: 6 })), `${input.length} bytes`).toBe(true);
      expect(inflateSync(out).equals(input)).toBe(true);
    }
  });
});
