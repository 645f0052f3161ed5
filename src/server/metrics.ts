/** Prometheus metrics of the render API (prom-client), one registry per server. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  requests: Counter<'route' | 'method' | 'status'>;
  latency: Histogram<'route' | 'method'>;
  letters: Counter<'format'>;
  failures: Counter<'reason'>;
  cacheSize: Gauge;
  cacheBytes: Gauge;
  cacheHits: Counter;
  cacheMisses: Counter;
  cacheEvictions: Counter;
  cacheHitRatio: Gauge;
  poolQueue: Gauge;
  /** Per municipality (the credential's; `admin` for an administrator's, `ingen` before one is known): never a person. */
  kommuneRequests: Counter<'kommune' | 'status'>;
  kommuneLatency: Histogram<'kommune'>;
  kommuneRefusals: Counter<'kommune' | 'reason'>;
}

/** The compiled letters' caches of the render threads, added up (as each last reported). */
export interface CacheFigures {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  evictions: number;
}

/** A counter whose value is read when scraped (the threads keep the counts). */
function readCounter(registry: Registry, name: string, help: string, read: () => number): Counter {
  return new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}

export function createMetrics(cache: () => CacheFigures, queue: () => number): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kpbrev_' });
  return {
    registry,
    requests: new Counter({
      name: 'kpbrev_http_requests_total',
      help: 'HTTP requests by route, method and status.',
      labelNames: ['route', 'method', 'status'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'kpbrev_http_request_duration_seconds',
      help: 'HTTP request latency by route.',
      labelNames: ['route', 'method'],
      buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
      registers: [registry],
    }),
    letters: new Counter({ name: 'kpbrev_letters_rendered_total', help: 'Letters made, by format.', labelNames: ['format'], registers: [registry] }),
    failures: new Counter({ name: 'kpbrev_letter_failures_total', help: 'Letters not made, by reason.', labelNames: ['reason'], registers: [registry] }),
    cacheSize: new Gauge({
      name: 'kpbrev_template_cache_size',
      help: 'Compiled letters in the template caches of the render threads (as each last reported).',
      registers: [registry],
      collect() {
        this.set(cache().entries);
      },
    }),
    cacheBytes: new Gauge({
      name: 'kpbrev_template_cache_bytes',
      help: 'Estimated bytes of the compiled letters in the template caches of the render threads.',
      registers: [registry],
      collect() {
        this.set(cache().bytes);
      },
    }),
    cacheHits: readCounter(
      registry,
      'kpbrev_template_cache_hits_total',
      'Letters whose compiled template was in the cache of their render thread.',
      () => cache().hits,
    ),
    cacheMisses: readCounter(
      registry,
      'kpbrev_template_cache_misses_total',
      'Letters whose template had to be composed and compiled first.',
      () => cache().misses,
    ),
    cacheEvictions: readCounter(
      registry,
      'kpbrev_template_cache_evictions_total',
      'Compiled letters dropped from a full cache (least recently used first).',
      () => cache().evictions,
    ),
    cacheHitRatio: new Gauge({
      name: 'kpbrev_template_cache_hit_ratio',
      help: 'Hits / (hits + misses) of the template caches since the threads started.',
      registers: [registry],
      collect() {
        const c = cache();
        this.set(c.hits + c.misses ? c.hits / (c.hits + c.misses) : 0);
      },
    }),
    poolQueue: new Gauge({
      name: 'kpbrev_render_queue',
      help: 'Letters waiting for a render thread.',
      registers: [registry],
      collect() {
        this.set(queue());
      },
    }),
    kommuneRequests: new Counter({
      name: 'kpbrev_kommune_requests_total',
      help: 'Requests by municipality (of the credential) and status.',
      labelNames: ['kommune', 'status'],
      registers: [registry],
    }),
    kommuneLatency: new Histogram({
      name: 'kpbrev_kommune_request_duration_seconds',
      help: 'Request latency by municipality (of the credential).',
      labelNames: ['kommune'],
      buckets: [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 30],
      registers: [registry],
    }),
    kommuneRefusals: new Counter({
      name: 'kpbrev_kommune_refusals_total',
      help: 'Requests refused by municipality and reason: unauthorized, forbidden, rate-limited, concurrency-limited, busy, timeout, identity-unavailable.',
      labelNames: ['kommune', 'reason'],
      registers: [registry],
    }),
  };
}
