import { afterAll, describe, expect, it } from 'vitest';
import { threadHeapLimitMb, WorkerPool } from '../../src/service/pool.js';

describe('render threads run with a heap limit under 2 GB (issue 16: memory of the render API)', () => {
  it('is just under 2 GB with the default cache, and leaves room for a larger cache', () => {
    expect(threadHeapLimitMb({})).toBe(2000);
    expect(threadHeapLimitMb({ KP_BREV_CACHE_MB: '64' })).toBe(2000);
    expect(threadHeapLimitMb({ KP_BREV_CACHE_MB: '400' })).toBe(2000);
    // Twice the cache's estimate and 512 MB for the letter being made, when that is more.
    expect(threadHeapLimitMb({ KP_BREV_CACHE_MB: '1000' })).toBe(2512);
    // A wrong value is reported by the first letter, not here.
    expect(threadHeapLimitMb({ KP_BREV_CACHE_MB: 'lots' })).toBe(2000);
  });

  const pool = new WorkerPool({ threads: 1 });
  afterAll(() => pool.close());

  it('is given to the pool of render threads', () => {
    const piscina = (pool as unknown as { piscina: { options: { resourceLimits?: { maxOldGenerationSizeMb?: number } } } }).piscina;
    expect(piscina.options.resourceLimits?.maxOldGenerationSizeMb).toBe(2000);
  });
});
