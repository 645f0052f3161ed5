/**
 * Images as PDF image XObjects, prepared once per process for each distinct image (a
 * master's logo is the same bytes in every letter): JPEG passes through (DCTDecode), PNG is
 * decoded (pngjs) into colour samples and an alpha mask, both deflated.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';

export interface PreparedImage {
  width: number;
  height: number;
  colorSpace: 'DeviceRGB' | 'DeviceGray' | 'DeviceCMYK';
  bitsPerComponent: number;
  filter: 'DCTDecode' | 'FlateDecode';
  data: Buffer;
  /** Inverted CMYK (Adobe JPEG). */
  decode?: number[];
  /** Alpha channel (FlateDecode, DeviceGray, 8 bits). */
  smask?: Buffer;
}

const cache = new Map<string, PreparedImage | Error>();
const hashes = new WeakMap<Uint8Array, string>();

function jpeg(bytes: Uint8Array): PreparedImage {
  const b = Buffer.from(bytes);
  let p = 2;
  let adobe = false;
  while (p + 4 < b.length) {
    if (b[p] !== 0xff) throw new Error('not a JPEG marker');
    const marker = b[p + 1]!;
    const len = b.readUInt16BE(p + 2);
    if (marker === 0xee) adobe = true;
    // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = b.readUInt16BE(p + 5);
      const width = b.readUInt16BE(p + 7);
      const comps = b[p + 9]!;
      const colorSpace = comps === 1 ? 'DeviceGray' : comps === 4 ? 'DeviceCMYK' : 'DeviceRGB';
      return {
        width,
        height,
        colorSpace,
        bitsPerComponent: 8,
        filter: 'DCTDecode',
        data: b,
        ...(comps === 4 && adobe ? { decode: [1, 0, 1, 0, 1, 0, 1, 0] } : {}),
      };
    }
    p += 2 + len;
  }
  throw new Error('no JPEG frame header');
}

/** PNG samples and alpha; `flatten`: translucent pixels composited onto white (PDF/A-1 has no soft masks). */
function png(bytes: Uint8Array, flatten: boolean): PreparedImage {
  const img = PNG.sync.read(Buffer.from(bytes));
  const n = img.width * img.height;
  const rgb = Buffer.alloc(n * 3);
  const alpha = Buffer.alloc(n);
  let translucent = false;
  for (let i = 0; i < n; i++) {
    rgb[i * 3] = img.data[i * 4]!;
    rgb[i * 3 + 1] = img.data[i * 4 + 1]!;
    rgb[i * 3 + 2] = img.data[i * 4 + 2]!;
    const a = img.data[i * 4 + 3]!;
    alpha[i] = a;
    if (a === 255) continue;
    translucent = true;
    if (flatten) for (let c = 0; c < 3; c++) rgb[i * 3 + c] = Math.round((rgb[i * 3 + c]! * a + 255 * (255 - a)) / 255);
  }
  return {
    width: img.width,
    height: img.height,
    colorSpace: 'DeviceRGB',
    bitsPerComponent: 8,
    filter: 'FlateDecode',
    data: deflateSync(rgb),
    ...(translucent && !flatten ? { smask: deflateSync(alpha) } : {}),
  };
}

/** The XObject data for an image, or an Error when it cannot be decoded; `flatten`: no alpha mask (PDF/A-1). */
export function prepareImage(bytes: Uint8Array, format: 'png' | 'jpeg', flatten = false): PreparedImage | Error {
  // The same bytes (a package's image, read once per package) are hashed once.
  let hash = hashes.get(bytes);
  if (hash === undefined) hashes.set(bytes, (hash = createHash('sha1').update(bytes).digest('hex')));
  const key = hash + (flatten ? ':flat' : '');
  let p = cache.get(key);
  if (!p) {
    try {
      p = format === 'jpeg' ? jpeg(bytes) : png(bytes, flatten);
    } catch (err) {
      p = err instanceof Error ? err : new Error(String(err));
    }
    cache.set(key, p);
  }
  return p;
}
