/**
 * bench/load.ts: the bench's latency percentiles come from every answer's own time, to
 * the microsecond (autocannon's are whole milliseconds), and loads taken in turns merge
 * into one (the bench's rows and their hello-world seconds, bench/bench.ts).
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import http from 'node:http';
import { answered, load, mergeLoads, percentile, type LoadResult } from '../../bench/load.ts';

const sorted = (...values: number[]) => Float64Array.from(values).sort();

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = sorted(...Array.from({ length: 100 }, (_, i) => i + 1));
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile(sorted(7), 0.99)).toBe(7);
    expect(percentile(sorted(), 0.5)).toBeNaN();
  });
});

describe('mergeLoads', () => {
  const part = (rps: number, samples: number[], statuses: Record<string, number>, errors = 0): LoadResult =>
    ({ rps, p50: 0, p99: 0, statuses, errors, samples: sorted(...samples) });

  it('gives the mean rate, the summed counts and the percentiles of all answers', () => {
    const merged = mergeLoads([part(100, [1, 2, 3], { 200: 3 }), part(300, [4, 5, 6, 7], { 200: 4, 500: 1 }, 2)]);
    expect(merged.rps).toBe(200);
    expect(merged.statuses).toEqual({ 200: 7, 500: 1 });
    expect(merged.errors).toBe(2);
    expect([...merged.samples]).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(merged.p50).toBe(4);
    expect(merged.p99).toBe(7);
    expect(answered(merged)).toBe(8);
  });
});

describe('load', () => {
  it('measures each answer to the microsecond', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as { port: number };
    const result = await load({ url: `http://127.0.0.1:${port}/`, seconds: 1, connections: 2 });
    expect(result.samples.length).toBe(result.statuses['200']);
    expect(result.samples.length).toBeGreaterThan(100);
    // autocannon's own histogram would hold whole milliseconds only.
    expect([...result.samples].some((ms) => !Number.isInteger(ms))).toBe(true);
    expect(result.p50).toBe(Math.round(percentile(result.samples, 0.5) * 1000) / 1000);
    expect(result.p50).toBeGreaterThan(0);
  });
});
