/**
 * What operators rely on: /readyz touches the database, /metrics only when turned on
 * and with route patterns for labels, and the JSON request log with nothing identifying.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../server/metrics.ts';
import { phq9, testApp, type TestEnv } from './helpers.ts';

let env: TestEnv;
afterEach(async () => env?.close());

/** A person who has answered the start questionnaires (part 1 is open), with some traffic. */
async function traffic(e: TestEnv) {
  const staff = await e.org();
  const p = await e.person(staff.token);
  await e.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(1) } });
  await e.call('POST', '/v1/me/questionnaires/gad7/responses', { token: p.token, body: { answers: { q1: 1, q2: 1, q3: 1, q4: 1, q5: 1, q6: 1, q7: 1 } } });
  expect((await e.call('GET', '/v1/me/sections/start', { token: p.token })).status).toBe(200);
  await e.call('GET', `/v1/staff/codes/${p.ref}`, { token: staff.token });
  await e.call('POST', '/v1/sessions', { body: { code: 'ABCD-EFGH-JKLM' } });
  return { staff, p };
}

describe('GET /readyz', () => {
  it('answers 200 while the database answers, and 503 not_ready when it cannot', async () => {
    env = await testApp();
    const ok = await env.call('GET', '/readyz');
    expect([ok.status, ok.json]).toEqual([200, { status: 'ok' }]);
    await env.stores.close();
    const down = await env.call('GET', '/readyz');
    expect([down.status, down.json.error.code, down.headers.get('retry-after')]).toEqual([503, 'not_ready', '5']);
    // /healthz stays cheap: it touches nothing.
    expect((await env.call('GET', '/healthz')).status).toBe(200);
  });
});

describe('GET /metrics', () => {
  it('is 404 while metrics are off', async () => {
    env = await testApp();
    expect((await env.call('GET', '/metrics')).json.error.code).toBe('not_found');
  });

  it('counts requests by route pattern and status, with no code, ref, token or path in a label', async () => {
    env = await testApp({ metrics: createMetrics() });
    const { staff, p } = await traffic(env);
    const res = await env.call('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/mestring_http_requests_total\{method="GET",route="\/v1\/me\/sections\/:id",status="200"\} 1/);
    expect(res.text).toMatch(/mestring_http_request_duration_seconds_count\{method="GET",route="\/v1\/staff\/codes\/:ref",status="403"\} 1/);
    for (const secret of [p.code, p.ref, p.token, staff.token, '/v1/me/sections/start', 'ABCD-EFGH-JKLM']) expect(res.text).not.toContain(secret);
    const labels = [...res.text.matchAll(/(\w+)="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(labels)).toEqual(new Set(labels.filter((l) => ['method', 'route', 'status', 'le', 'scope', 'outcome', 'quantile', 'version', 'major', 'minor', 'patch', 'type', 'kind', 'space'].includes(l!))));
  });
});

describe('the request log', () => {
  it('writes JSON lines with level, time, method, route pattern, status, duration and request id, and nothing identifying', async () => {
    env = await testApp();
    const { staff, p } = await traffic(env);
    const given = await env.call('GET', '/healthz', { headers: { 'x-request-id': 'proxy-7f3a' } });
    expect(given.headers.get('x-request-id')).toBe('proxy-7f3a');
    const replaced = await env.call('GET', '/healthz', { headers: { 'x-request-id': 'bad id <script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const lines = env.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.length).toBeGreaterThan(5);
    for (const line of requests) {
      expect(line).toEqual({ level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), msg: 'request', method: expect.any(String), route: expect.any(String), status: expect.any(Number), ms: expect.any(Number), requestId: expect.stringMatching(/^[A-Za-z0-9-]+$/) });
    }
    expect(requests.map((l) => l.route)).toContain('/v1/me/sections/:id');
    expect(requests.map((l) => l.route)).toContain('/v1/staff/codes/:ref');
    expect(requests.some((l) => l.requestId === 'proxy-7f3a')).toBe(true);
    const text = env.logs.join('\n');
    for (const secret of [p.code, p.ref, p.token, staff.token, '/v1/me/sections/start', 'ABCD-EFGH-JKLM', '127.0.0.1', 'answers']) expect(text).not.toContain(secret);
  });
});
