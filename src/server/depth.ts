/**
 * How deeply a request may nest JSON. JSON.parse reads any depth, but what comes after it
 * recurses: copying the request into a render thread (structured clone), JSON.stringify, the
 * context's own checks. A body nested deeper than this is refused with a 400 before any of that
 * (a case context itself may nest 32 levels; a request wraps it in a few more).
 */
export const MAX_REQUEST_DEPTH = 64;

/** True when a parsed JSON value nests objects or arrays deeper than `limit` (iterative: no recursion). */
export function deeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const v = item.value;
    if (typeof v !== 'object' || v === null) continue;
    if (item.depth >= limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v))
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: item.depth + 1 });
  }
  return false;
}
