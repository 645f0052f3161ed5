// Loaded with `node --import` into a command that bench/repo-scale.ts starts: at exit, the
// process's CPU time (user + system, all its threads: V8's compiler and GC helpers included)
// is written to the file BENCH_CPU_FILE names.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  writeFileSync(process.env.BENCH_CPU_FILE, JSON.stringify({ user: user / 1e6, system: system / 1e6 }));
});
