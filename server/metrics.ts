/**
 * Prometheus metrics (prom-client), on only with MESTRING_METRICS=1: requests and their
 * latency by method, route pattern and status; database time per query; group-commit
 * batch sizes; and guessing pressure (proof-of-work challenges and refusals by scope).
 * Labels hold only route patterns, methods, statuses and fixed words: never a code, a
 * ref, an id or an address. Node's own process metrics come along (memory, event-loop lag).
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestObserver } from './middleware/request-log/index.ts';

export interface Metrics {
  readonly registry: Registry;
  /** For requestLog: counts and times one finished request. */
  observeRequest: RequestObserver;
  /** For the store: one query's duration. */
  observeQuery(ms: number): void;
  /** For group commit: one committed batch's size. */
  observeBatch(size: number): void;
  /** A guess that was asked for proof-of-work or refused (scope: person or staff). */
  observeGuessing(scope: string, outcome: 'challenge' | 'refused'): void;
  /** The text exposition. */
  text(): Promise<string>;
}

/**
 * @example
 *   const metrics = createMetrics();
 *   app.get('/metrics', async (c) => c.text(await metrics.text()));
 */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mestring_' });
  const registers = [registry];
  const requests = new Counter({ name: 'mestring_http_requests_total', help: 'Requests answered, by method, route pattern and status.', labelNames: ['method', 'route', 'status'], registers });
  const latency = new Histogram({
    name: 'mestring_http_request_duration_seconds', help: 'Time from request to response, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'], buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers,
  });
  const queries = new Histogram({ name: 'mestring_db_query_duration_seconds', help: 'Time of each database query.', buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5], registers });
  const batches = new Histogram({ name: 'mestring_group_commit_batch_size', help: 'Writes committed together in one SQLite transaction (one fsync).', buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256], registers });
  const guessing = new Counter({ name: 'mestring_guess_gate_total', help: 'Login guesses asked for proof-of-work (challenge) or refused, by scope.', labelNames: ['scope', 'outcome'], registers });
  return {
    registry,
    observeRequest(method, route, status, seconds) {
      const labels = { method, route, status: String(status) };
      requests.inc(labels);
      latency.observe(labels, seconds);
    },
    observeQuery: (ms) => queries.observe(ms / 1000),
    observeBatch: (size) => batches.observe(size),
    observeGuessing: (scope, outcome) => guessing.inc({ scope, outcome }),
    text: () => registry.metrics(),
  };
}
