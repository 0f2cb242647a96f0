/**
 * Routes for operators: `/readyz` (the database answers) and `/metrics` (Prometheus,
 * only when metrics are on and not on a port of their own). `/healthz` stays in
 * public.ts and touches nothing: it says the process runs; `/readyz` says it can serve.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { RouteDeps } from '../deps.ts';
import { apiError } from '../errors.ts';
import type { Metrics } from '../metrics.ts';

/** How long /readyz waits for the database before it answers 503. */
const readyTimeoutMs = 2000;

/**
 * @example
 *   app.route('/', operationsRoutes(deps, metricsOnThisPort));
 */
export function operationsRoutes(deps: RouteDeps, metrics: Metrics | undefined) {
  const app = new Hono<AppEnv>();
  app.get('/readyz', async (c) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), readyTimeoutMs);
    });
    try {
      await Promise.race([deps.stores.ping(), late]);
    } catch {
      throw apiError('not_ready', undefined, undefined, { 'Retry-After': '5' });
    } finally {
      clearTimeout(timer);
    }
    return c.json({ status: 'ok' });
  });
  app.get('/metrics', async (c) => {
    if (!metrics) throw apiError('not_found', 'Metrics are off (MESTRING_METRICS=1 turns them on).');
    return c.text(await metrics.text(), 200, { 'Content-Type': metrics.registry.contentType });
  });
  return app;
}

/**
 * The metrics alone, for MESTRING_METRICS_PORT.
 *
 * @example
 *   serve({ fetch: metricsApp(metrics).fetch, port: 9464 });
 */
export function metricsApp(metrics: Metrics) {
  const app = new Hono();
  app.get('/metrics', async (c) => c.text(await metrics.text(), 200, { 'Content-Type': metrics.registry.contentType }));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'Only /metrics is served here.' } }, 404));
  return app;
}
