/**
 * One autocannon run against 127.0.0.1, reduced to what the bench prints: requests per
 * second, latency percentiles and the status codes seen (a row answered with errors is
 * reported, never counted as throughput silently).
 */
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Status code -> count. */
  statuses: Record<string, number>;
  errors: number;
}

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string;
  seconds: number;
  connections: number;
}

/** Drives `url` for `seconds` with `connections` keep-alive connections. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    connections: options.connections,
    duration: options.seconds,
    headers: { ...options.headers, ...(options.body ? { 'content-type': 'application/json' } : {}) },
    ...(options.body ? { body: options.body } : {}),
  });
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, (stat as { count: number }).count]));
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, statuses, errors: result.errors + result.timeouts };
}
