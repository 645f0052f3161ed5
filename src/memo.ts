/**
 * A pure function of one key, remembered for the process: a run over a repository meets the
 * same few keys (colours, paragraph properties, part names, terms) in every template. Bounded:
 * when full it forgets everything at once, which costs nothing per call (keeping a
 * least-recently-used order would).
 */
export function remembered<K, V>(compute: (key: K) => V, limit: number): (key: K) => V {
  const known = new Map<K, V>();
  return (key: K): V => {
    const hit = known.get(key);
    if (hit !== undefined || known.has(key)) return hit as V;
    const value = compute(key);
    if (known.size >= limit) known.clear();
    known.set(key, value);
    return value;
  };
}
