import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/batch/group-commit.js';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('GroupCommit', () => {
  it('commits what arrives in one turn as one group, and what arrives during a commit as the next', async () => {
    const groups: number[][] = [];
    let release: () => void = () => undefined;
    const gc = new GroupCommit<number, string>(async (items) => {
      groups.push(items);
      await new Promise<void>((r) => (release = r));
      return items.map((i) => `ok ${i}`);
    });
    const first = [gc.commit(1), gc.commit(2), gc.commit(3)];
    while (groups.length < 1) await tick();
    const second = [gc.commit(4), gc.commit(5)];
    release();
    expect(await Promise.all(first)).toEqual(['ok 1', 'ok 2', 'ok 3']);
    while (groups.length < 2) await tick();
    release();
    expect(await Promise.all(second)).toEqual(['ok 4', 'ok 5']);
    expect(groups).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('fails the items of a group that throws, and goes on with the next group', async () => {
    let calls = 0;
    const gc = new GroupCommit<string, number>((items) => {
      if (calls++ === 0) throw new Error('disk full');
      return items.map((s) => s.length);
    });
    const a = gc.commit('a');
    const b = gc.commit('bb');
    await expect(a).rejects.toThrow('disk full');
    await expect(b).rejects.toThrow('disk full');
    expect(await gc.commit('ccc')).toBe(3);
  });

  it('property: every item gets its own result, groups never overlap, and arrival order is kept', async () => {
    await fc.assert(
      fc.asyncProperty(
        // A schedule: how many items arrive in each turn, and how many turns each commit takes.
        fc.array(fc.nat(6), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(3), { minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { maxLength: 12 }),
        async (arrivals, durations, failing) => {
          const groups: number[][] = [];
          let inFlight = 0;
          let overlap = false;
          const gc = new GroupCommit<number, number>(async (items) => {
            const g = groups.length;
            groups.push([...items]);
            if (inFlight++) overlap = true;
            for (let t = 0; t < durations[g % durations.length]!; t++) await tick();
            inFlight--;
            if (failing[g]) throw new Error(`group ${g}`);
            return items.map((i) => i * 10);
          });
          let next = 0;
          const settled: Array<Promise<{ item: number; ok: boolean; value?: number; group?: string }>> = [];
          for (const n of arrivals) {
            for (let k = 0; k < n; k++) {
              const item = next++;
              settled.push(
                gc.commit(item).then(
                  (value) => ({ item, ok: true, value }),
                  (err: Error) => ({ item, ok: false, group: err.message }),
                ),
              );
            }
            await tick();
          }
          const outcomes = await Promise.all(settled);
          expect(overlap).toBe(false);
          expect(groups.flat()).toEqual(Array.from({ length: next }, (_, i) => i));
          expect(groups.every((g) => g.length > 0)).toBe(true);
          for (const o of outcomes) {
            const g = groups.findIndex((items) => items.includes(o.item));
            if (failing[g]) expect(o).toEqual({ item: o.item, ok: false, group: `group ${g}` });
            else expect(o).toEqual({ item: o.item, ok: true, value: o.item * 10 });
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
