/**
 * A fixed-rate (open-loop) HTTP load: request i is sent at start + i / rate, whether or not
 * earlier ones have been answered, over keep-alive connections, and its latency is counted from
 * that scheduled time (so a late sender or a full connection pool counts against the server,
 * not in its favour: no coordinated omission, as in wrk2).
 *
 * Why not autocannon's `overallRate`: autocannon limits each connection to a quota per second
 * and resets the quota every second, so its connections fire back to back at the start of each
 * second and then wait. At 200 letters/s over 16 connections that is a burst of 16 letters every
 * few milliseconds at the top of the second: it measures the queue of a burst, not the latency
 * at a steady 200 letters/s. (autocannon remains the tool for the closed-loop load tests.)
 */
import { Agent, request } from 'node:http';

export interface OpenLoopResult {
  /** Requests sent. */
  sent: number;
  ok: number;
  /** Answered with another status than 200 (e.g. 503 busy), timed out or failed. */
  failed: number;
  seconds: number;
  /** Latencies in ms of the 200 answers, from the scheduled send time, sorted. Failures are
   * counted in `failed`, not here: a fast 503 must not make the percentiles look better. */
  latencies: number[];
}

export async function openLoop(
  url: string,
  opts: { rate: number; seconds: number; path: string; headers: Record<string, string>; body: string; timeoutMs?: number },
): Promise<OpenLoopResult> {
  const target = new URL(opts.path, url);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const body = Buffer.from(opts.body);
  const total = Math.round(opts.rate * opts.seconds);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let done = 0;
  let sent = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const settle = (outcome: number | undefined, scheduled: number): void => {
      if (outcome === 200) {
        ok++;
        latencies.push(performance.now() - scheduled);
      } else failed++;
      if (++done === total) resolve();
    };
    const one = (scheduled: number): void => {
      let settled = false;
      const finish = (outcome: number | undefined): void => {
        if (settled) return;
        settled = true;
        settle(outcome, scheduled);
      };
      const req = request(target, { method: 'POST', agent, timeout: timeoutMs, headers: { ...opts.headers, 'content-length': body.length } }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => finish(res.statusCode));
        res.on('error', () => finish(undefined));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => finish(undefined));
      req.end(body);
    };
    const tick = (): void => {
      const now = performance.now();
      // Every request whose time has come (timers are late by a millisecond or so; the
      // latency is still counted from the scheduled time).
      while (sent < total && start + (sent * 1000) / opts.rate <= now) one(start + (sent++ * 1000) / opts.rate);
      if (sent < total) setTimeout(tick, Math.max(0, start + (sent * 1000) / opts.rate - performance.now()));
    };
    tick();
  });
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { sent, ok, failed, seconds: (performance.now() - start) / 1000, latencies };
}
