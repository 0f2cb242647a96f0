/**
 * Requests per second and latency of the API's busiest routes for a person, against the
 * real server (a child process on a temp data folder, 127.0.0.1 only), with autocannon
 * for a few seconds per route. Bounded in time; prints a table.
 *
 *   npx tsx bench/api-throughput.ts [--seconds 5] [--connections 10]
 */
import { parseArgs } from 'node:util';
import { rmSync } from 'node:fs';
import autocannon from 'autocannon';
import { request, seedDataDir, startServerProcess } from '../tests/security/server-process.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, connections: { type: 'string', default: '10' } } });
const seconds = Math.min(30, Number(values.seconds));
const connections = Math.min(50, Number(values.connections));

const data = await seedDataDir({ codes: 1 });
const server = await startServerProcess(data, {}, [], { stdoutToFile: true });
try {
  const login = await request(server.port, 'POST', '/v1/sessions', { body: { code: data.codes[0]!.code } });
  const token = (login.json as { token: string }).token;
  const auth = { authorization: `Bearer ${token}` };
  await request(server.port, 'PUT', '/v1/me/consent', { body: { share: true }, token });
  const routes: { name: string; method: 'GET' | 'POST'; path: string; body?: string }[] = [
    { name: 'GET /healthz', method: 'GET', path: '/healthz' },
    { name: 'GET /v1/me', method: 'GET', path: '/v1/me' },
    { name: 'GET /v1/me/program', method: 'GET', path: '/v1/me/program' },
    { name: 'POST PHQ-9 response (a write, synchronous=FULL)', method: 'POST', path: '/v1/me/questionnaires/phq9/responses', body: JSON.stringify({ answers: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`q${i + 1}`, 1])) }) },
  ];
  console.log(`${connections} connections, ${seconds} s per route, server and load on 127.0.0.1\n`);
  for (const route of routes) {
    const result = await autocannon({
      url: `http://127.0.0.1:${server.port}${route.path}`,
      method: route.method,
      connections,
      duration: seconds,
      headers: { ...auth, ...(route.body ? { 'content-type': 'application/json' } : {}) },
      ...(route.body ? { body: route.body } : {}),
    });
    const ok = Object.entries(result.statusCodeStats ?? {}).map(([s, n]) => `${s}×${(n as { count: number }).count}`).join(' ');
    console.log(`${route.name.padEnd(56)} ${result.requests.average.toFixed(0).padStart(6)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  (${ok})`);
  }
} finally {
  await server.stop();
  rmSync(data.dir, { recursive: true, force: true });
}
