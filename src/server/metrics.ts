/** Prometheus metrics of the render API (prom-client), one registry per server. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  requests: Counter<'route' | 'method' | 'status'>;
  latency: Histogram<'route' | 'method'>;
  letters: Counter<'format'>;
  failures: Counter<'reason'>;
  cacheSize: Gauge;
  poolQueue: Gauge;
  /** Per municipality (the credential's; `admin` for an administrator's, `ingen` before one is known): never a person. */
  kommuneRequests: Counter<'kommune' | 'status'>;
  kommuneLatency: Histogram<'kommune'>;
  kommuneRefusals: Counter<'kommune' | 'reason'>;
}

export function createMetrics(cacheSize: () => number, queue: () => number): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kpbrev_' });
  return {
    registry,
    requests: new Counter({ name: 'kpbrev_http_requests_total', help: 'HTTP requests by route, method and status.', labelNames: ['route', 'method', 'status'], registers: [registry] }),
    latency: new Histogram({
      name: 'kpbrev_http_request_duration_seconds',
      help: 'HTTP request latency by route.',
      labelNames: ['route', 'method'],
      buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
      registers: [registry],
    }),
    letters: new Counter({ name: 'kpbrev_letters_rendered_total', help: 'Letters made, by format.', labelNames: ['format'], registers: [registry] }),
    failures: new Counter({ name: 'kpbrev_letter_failures_total', help: 'Letters not made, by reason.', labelNames: ['reason'], registers: [registry] }),
    cacheSize: new Gauge({ name: 'kpbrev_template_cache_size', help: 'Compiled letters in the template caches of the render threads (as each last reported).', registers: [registry], collect() { this.set(cacheSize()); } }),
    poolQueue: new Gauge({ name: 'kpbrev_render_queue', help: 'Letters waiting for a render thread.', registers: [registry], collect() { this.set(queue()); } }),
    kommuneRequests: new Counter({ name: 'kpbrev_kommune_requests_total', help: 'Requests by municipality (of the credential) and status.', labelNames: ['kommune', 'status'], registers: [registry] }),
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
