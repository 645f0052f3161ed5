/**
 * The PDF file written directly: numbered objects, the cross-reference table and the trailer,
 * in the syntax @cantoo/pdf-lib writes (the letters' bytes stayed the same when the writer
 * stopped building the library's object graph per letter: docs/decisions.md, "PDF: what is done
 * once"). Objects are text (latin1) and byte chunks; chunks that are the same in every letter
 * (font programs, the ICC profile, a font's dictionaries) are made once and copied.
 */

/** A piece of an object: PDF syntax as latin1 text, or bytes (stream data, prepared objects). */
export type Chunk = string | Uint8Array;

const HEADER_TAIL = '\n%\x81\x81\x81\x81\n\n';

export class PdfFile {
  /** Object n's chunks at index n (0 is the free list head). */
  private readonly objects: Array<Chunk[] | undefined> = [undefined];

  /** Reserves the next object number. */
  reserve(): number {
    this.objects.push(undefined);
    return this.objects.length - 1;
  }

  /** Sets a reserved object's content (a dictionary, an array, a stream ...). */
  set(n: number, ...chunks: Chunk[]): void {
    this.objects[n] = chunks;
  }

  /** A new object with this content; its number. */
  add(...chunks: Chunk[]): number {
    const n = this.reserve();
    this.objects[n] = chunks;
    return n;
  }

  /** The file: header, objects in number order, cross-reference table, trailer (`trailer` lists the trailer dictionary's entries after /Size). */
  bytes(version: string, trailer: Array<[string, string]>): Uint8Array {
    const head = `%PDF-${version}${HEADER_TAIL}`;
    const count = this.objects.length;
    const offsets = new Array<number>(count);
    let size = head.length;
    for (let n = 1; n < count; n++) {
      offsets[n] = size;
      size += String(n).length + 7; // "n 0 obj\n"
      for (const c of this.objects[n] ?? []) size += c.length;
      size += 9; // "\nendobj\n\n"
    }
    let tail = `xref\n0 ${count}\n0000000000 65535 f \n`;
    for (let n = 1; n < count; n++) tail += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
    tail += `\ntrailer\n${dict([['Size', String(count)], ...trailer])}\n\nstartxref\n${size}\n%%EOF`;
    const out = Buffer.allocUnsafe(size + tail.length);
    let at = out.write(head, 0, 'latin1');
    for (let n = 1; n < count; n++) {
      at += out.write(`${n} 0 obj\n`, at, 'latin1');
      for (const c of this.objects[n] ?? []) at += typeof c === 'string' ? out.write(c, at, 'latin1') : (out.set(c, at), c.length);
      at += out.write('\nendobj\n\n', at, 'latin1');
    }
    out.write(tail, at, 'latin1');
    return out;
  }
}

/** A dictionary as the library writes it: `<<`, one `/Key value` a line, `>>`. */
export function dict(entries: ReadonlyArray<readonly [string, string]>): string {
  let s = '<<\n';
  for (const [k, v] of entries) s += `${name(k)} ${v}\n`;
  return s + '>>';
}

/** An array as the library writes it: `[ a b ]`. */
export function array(values: readonly string[]): string {
  let s = '[ ';
  for (const v of values) s += v + ' ';
  return s + ']';
}

export const ref = (n: number): string => `${n} 0 R`;

/** A stream object's content: its dictionary with /Length last, and the data. */
export function stream(entries: ReadonlyArray<readonly [string, string]>, data: Uint8Array): Chunk[] {
  return [`${dict([...entries, ['Length', String(data.length)]])}\nstream\n`, data, '\nendstream'];
}

const IRREGULAR = new Set('()<>[]{}/%#'.split('').map((c) => c.charCodeAt(0)));

/** A name object: `/Name`, characters outside `!`..`~` and delimiters as `#xx`. */
export function name(n: string): string {
  let s = '/';
  for (let i = 0; i < n.length; i++) {
    const c = n.charCodeAt(i);
    s += c >= 0x21 && c <= 0x7e && !IRREGULAR.has(c) ? n[i] : `#${c.toString(16).padStart(2, '0').toUpperCase()}`;
  }
  return s;
}

/** A number as the library writes it (decimal, never exponential notation). */
export function num(value: number): string {
  let s = String(value);
  if (Math.abs(value) < 1) {
    const e = parseInt(value.toString().split('e-')[1]!);
    if (e) {
      let v = value < 0 ? -value : value;
      v *= Math.pow(10, e - 1);
      s = '0.' + new Array(e).join('0') + v.toString().substring(2);
      if (value < 0) s = '-' + s;
    }
  } else {
    let e = parseInt(value.toString().split('+')[1]!);
    if (e > 20) {
      e -= 20;
      s = (value / Math.pow(10, e)).toString() + new Array(e + 1).join('0');
    }
  }
  return s;
}

/** A date as a PDF date string `(D:YYYYMMDDHHmmSSZ)`, UTC. */
export function pdfDate(d: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `(D:${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z)`;
}
