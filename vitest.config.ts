import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test file in a process of its own: tests set the environment and the working
    // folder, and start servers, browsers, LibreOffice and PostgreSQL.
    pool: 'forks',
    // Two files at a time on the 2-core machine (vitest's default there is one, cores - 1):
    // most files spend much of their time waiting for a spawned kp-brev, LibreOffice, a browser
    // or PostgreSQL, and one file at a time leaves a core idle. Timing never decides a test
    // (docs/testing.md), so files sharing the cores slow each other down but do not fail.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Hang guards, not speed limits: a test waits for conditions, and these only stop one that
    // never gets there. Generous, so that the busy 2-core machine never reaches them.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
