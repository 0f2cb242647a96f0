/**
 * One autocannon run against 127.0.0.1, reduced to what the bench prints: requests per
 * second, latency percentiles and the status codes seen (a row answered with errors is
 * reported, never counted as throughput silently).
 */
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  /** Latency percentiles of the 2xx answers, in milliseconds to the microsecond. */
  p50: number;
  p99: number;
  /** Status code -> count. */
  statuses: Record<string, number>;
  errors: number;
  /** Every 2xx answer's latency (ms), sorted: what {@link mergeLoads} takes percentiles of. */
  samples: Float64Array;
}

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string;
  seconds: number;
  connections: number;
}

/** Milliseconds to the microsecond. */
const ms = (value: number) => Math.round(value * 1000) / 1000;

/** The value at `share` (0 to 1) of sorted `values`, by nearest rank. */
export function percentile(sorted: Float64Array, share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
}

/** Drives `url` for `seconds` with `connections` keep-alive connections. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  // autocannon's own percentiles are whole milliseconds (its histogram holds integers), and
  // most of these routes answer in under one: 0 ms against 1 ms said nothing of a ratio.
  // Its 'response' event gives each answer's time from process.hrtime, in fractional ms.
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon({
      url: options.url,
      method: options.method ?? 'GET',
      connections: options.connections,
      duration: options.seconds,
      headers: { ...options.headers, ...(options.body ? { 'content-type': 'application/json' } : {}) },
      ...(options.body ? { body: options.body } : {}),
    }, (error: unknown, done: autocannon.Result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done)));
    run.on('response', (_client, status, _bytes, took) => {
      if (status >= 200 && status < 300) times.push(took);
    });
  });
  const sorted = Float64Array.from(times).sort();
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, (stat as { count: number }).count]));
  return { rps: result.requests.average, p50: ms(percentile(sorted, 0.5)), p99: ms(percentile(sorted, 0.99)), statuses, errors: result.errors + result.timeouts, samples: sorted };
}

/** Answers of any status in `result`. */
export function answered(result: LoadResult): number {
  return Object.values(result.statuses).reduce((a, b) => a + b, 0);
}

/** Loads of equal length taken in turn, as one: their mean rate, summed counts, percentiles of all their answers. */
export function mergeLoads(parts: readonly LoadResult[]): LoadResult {
  const statuses: Record<string, number> = {};
  for (const part of parts) for (const [code, count] of Object.entries(part.statuses)) statuses[code] = (statuses[code] ?? 0) + count;
  const samples = new Float64Array(parts.reduce((n, part) => n + part.samples.length, 0));
  let at = 0;
  for (const part of parts) {
    samples.set(part.samples, at);
    at += part.samples.length;
  }
  samples.sort();
  return {
    rps: parts.reduce((sum, part) => sum + part.rps, 0) / Math.max(1, parts.length),
    p50: ms(percentile(samples, 0.5)), p99: ms(percentile(samples, 0.99)),
    statuses, errors: parts.reduce((sum, part) => sum + part.errors, 0), samples,
  };
}
