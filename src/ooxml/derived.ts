/**
 * What later stages work out from a package once and keep for every letter made from it (the
 * PDF's paragraphs that no field changes, read and broken into lines: pdf/model/block-cache.ts),
 * counted in estimated bytes, so that whoever keeps the package (the repository's bounded cache
 * of compiled letters) counts it too. Kept per package object: a new template version is a new
 * package, so what was worked out from the old one is never used for it.
 */
export class Derived {
  /** Estimated bytes kept. */
  bytes = 0;
  private listener: ((delta: number) => void) | undefined;

  /** Counts what was added (or, negative, dropped). */
  grow(delta: number): void {
    if (!delta) return;
    this.bytes += delta;
    this.listener?.(delta);
  }

  /** Tells `fn` of every change from now on. */
  onGrow(fn: (delta: number) => void): void {
    this.listener = fn;
  }
}

const stores = new WeakMap<object, Derived>();

/** The derived store of a package (made on first use). */
export function derivedOf(pkg: object): Derived {
  let d = stores.get(pkg);
  if (!d) stores.set(pkg, (d = new Derived()));
  return d;
}
