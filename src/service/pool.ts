/**
 * Where letters are made: a pool of worker threads (piscina) sized to the cores, with a
 * bounded queue, so that a burst of requests is answered with "busy, retry after" instead of
 * unbounded latency; or in the calling thread (tests, and the library used directly).
 */
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { JOBS, runTraced, type JobName, type Jobs, type TracedJob, type WorkReport } from './jobs.js';
import type { RenderOutcome, RenderTask } from './render-task.js';
import { defaultCacheLimits } from '../repository/letter-cache.js';

export class PoolBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('the render pool is saturated');
  }
}

export class PoolTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`rendering took longer than ${ms} ms`);
  }
}

export interface RenderPool {
  /**
   * Makes a letter. Aborting `signal` takes a waiting letter out of the queue, and stops a
   * letter being made by stopping its thread (a new one is started and warmed up).
   */
  run(task: RenderTask, signal?: AbortSignal): Promise<RenderOutcome>;
  /** Runs any job the pool knows (jobs.ts), with the same queue and time limit as a letter. */
  job<K extends JobName>(name: K, input: Jobs[K]['input'], signal?: AbortSignal): Promise<Jobs[K]['output']>;
  /** The same, carrying a W3C traceparent to the render thread, which reports its work back. */
  traced<K extends JobName>(
    name: K,
    input: Jobs[K]['input'],
    traceparent: string,
    signal?: AbortSignal,
  ): Promise<{ output: Jobs[K]['output']; work: WorkReport }>;
  /** Tasks running and waiting. */
  load(): { running: number; queued: number; threads: number };
  close(): Promise<void>;
}

export interface PoolOptions {
  threads?: number;
  /** Tasks that may wait for a thread before the pool says it is busy. */
  maxQueue?: number;
  /** Time limit per letter. */
  timeoutMs?: number;
  /** Repository folder the workers compile at start (warm-up). */
  warm?: string;
}

/** Runs tasks in this thread, with the same limits (for tests and small setups). */
export class InlinePool implements RenderPool {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly options: PoolOptions = {}) {}

  run(task: RenderTask): Promise<RenderOutcome> {
    return this.job('render', task);
  }

  job<K extends JobName>(name: K, input: Jobs[K]['input']): Promise<Jobs[K]['output']> {
    return this.limited(() => (JOBS[name] as (i: Jobs[K]['input']) => Promise<Jobs[K]['output']>)(input));
  }

  traced<K extends JobName>(name: K, input: Jobs[K]['input'], traceparent: string): Promise<{ output: Jobs[K]['output']; work: WorkReport }> {
    return this.limited(() => runTraced({ job: name, input, traceparent }));
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    const concurrency = this.options.threads ?? 1;
    if (this.running >= concurrency) {
      if (this.waiting.length >= (this.options.maxQueue ?? 64)) throw new PoolBusyError(1);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.running++;
    try {
      // Let other requests arrive while this one holds the thread, as a worker would.
      await new Promise((resolve) => setImmediate(resolve));
      const timeout = this.options.timeoutMs;
      const started = performance.now();
      const outcome = await work();
      // In this thread a letter cannot be stopped half-way: one that took too long is discarded.
      if (timeout && performance.now() - started > timeout) throw new PoolTimeoutError(timeout);
      return outcome;
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  load(): { running: number; queued: number; threads: number } {
    return { running: this.running, queued: this.waiting.length, threads: this.options.threads ?? 1 };
  }

  async close(): Promise<void> {}
}

/**
 * The old-generation heap limit of a render thread, in MB. V8 lets a heap grow to up to 4 times
 * what survived its last full garbage collection when the heap's limit is 2 GB or more (the
 * default here is about 4 GB), and to at most 1.3-2 times below that: a render thread, whose
 * letters leave much garbage, held about 270 MB of old space for 55-65 MB live at the default
 * limit, 150-160 MB at 2,000 MB (bench/memory.ts, docs/operations.md). So a thread's limit is
 * just under 2 GB; a compiled letter holds about 1.4 times its estimate, so when
 * KP_BREV_CACHE_MB asks for more than fits, the limit is twice the cache and 512 MB for the
 * letter being made.
 */
export function threadHeapLimitMb(env: NodeJS.ProcessEnv = process.env): number {
  let cacheMb = 32;
  try {
    cacheMb = defaultCacheLimits(env).maxBytes / 1048576;
  } catch {
    // A wrong KP_BREV_CACHE_MB is reported by the first letter the thread makes.
  }
  return Math.max(2000, Math.ceil(512 + 2 * cacheMb));
}

/** Worker threads, one per core by default. */
export class WorkerPool implements RenderPool {
  private readonly piscina: Piscina;

  constructor(private readonly options: PoolOptions = {}) {
    const threads = options.threads ?? Math.max(1, availableParallelism());
    // Worker threads run the compiled JavaScript (dist/), also when this module runs from source.
    const here = fileURLToPath(import.meta.url);
    const filename = here.endsWith('.ts') ? join(dirname(here), '../../dist/service/worker.js') : join(dirname(here), 'worker.js');
    this.piscina = new Piscina({
      filename,
      minThreads: threads,
      maxThreads: threads,
      maxQueue: options.maxQueue ?? threads * 32,
      idleTimeout: Infinity,
      resourceLimits: { maxOldGenerationSizeMb: threadHeapLimitMb() },
      ...(options.warm ? { workerData: { warm: options.warm } } : {}),
    });
  }

  run(task: RenderTask, signal?: AbortSignal): Promise<RenderOutcome> {
    return this.job('render', task, signal);
  }

  job<K extends JobName>(name: K, input: Jobs[K]['input'], signal?: AbortSignal): Promise<Jobs[K]['output']> {
    return this.submit(name, input, signal) as Promise<Jobs[K]['output']>;
  }

  traced<K extends JobName>(
    name: K,
    input: Jobs[K]['input'],
    traceparent: string,
    signal?: AbortSignal,
  ): Promise<{ output: Jobs[K]['output']; work: WorkReport }> {
    return this.submit('traced', { job: name, input, traceparent } satisfies TracedJob<K>, signal) as Promise<{ output: Jobs[K]['output']; work: WorkReport }>;
  }

  private async submit(name: string, input: unknown, signal?: AbortSignal): Promise<unknown> {
    if (this.piscina.queueSize >= this.piscina.options.maxQueue) throw new PoolBusyError(1);
    const timeout = this.options.timeoutMs;
    const controller = new AbortController();
    const timer = timeout ? setTimeout(() => controller.abort(), timeout) : undefined;
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.piscina.run(input, { signal: controller.signal, name });
    } catch (err) {
      if (controller.signal.aborted && timeout && !signal?.aborted) throw new PoolTimeoutError(timeout);
      if (err instanceof Error && /queue is at limit/i.test(err.message)) throw new PoolBusyError(1);
      throw err;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Resolves when every thread has started and compiled the repository's letters. */
  async ready(): Promise<void> {
    await Promise.all(Array.from({ length: this.piscina.threads.length || (this.options.threads ?? 1) }, () => this.piscina.run(undefined, { name: 'ping' })));
  }

  load(): { running: number; queued: number; threads: number } {
    return { running: this.piscina.utilization > 0 ? this.piscina.threads.length : 0, queued: this.piscina.queueSize, threads: this.piscina.threads.length };
  }

  async close(): Promise<void> {
    await this.piscina.close();
  }
}
