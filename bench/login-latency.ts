/**
 * Does password hashing hold up the server? Against the real server (a child process,
 * 127.0.0.1 only), 40 wrong staff logins are sent at once (each from its own loopback
 * address and for its own username, so that all of them are hashed) while /healthz is
 * asked again and again; prints /healthz latency (p50, p99, max) during the logins.
 *
 *   npx tsx bench/login-latency.ts [--logins 40]
 */
import { parseArgs } from 'node:util';
import { rmSync } from 'node:fs';
import { request, seedDataDir, startServerProcess } from '../tests/security/server-process.ts';

const { values } = parseArgs({ options: { logins: { type: 'string', default: '40' } } });
const count = Math.min(200, Number(values.logins));

const data = await seedDataDir({ codes: 1 });
const server = await startServerProcess(data);
try {
  let pending = count;
  const started = performance.now();
  const logins = Array.from({ length: count }, (_, i) =>
    request(server.port, 'POST', '/v1/staff/sessions', { body: { org: 'bydel-a', username: `nobody-${i}`, password: 'wrong password' }, localAddress: `127.0.2.${i + 1}`, timeoutMs: 300_000 })
      .finally(() => pending--));
  const latencies: number[] = [];
  while (pending > 0) {
    const t = performance.now();
    await request(server.port, 'GET', '/healthz', { timeoutMs: 300_000 });
    latencies.push(performance.now() - t);
  }
  const statuses = (await Promise.all(logins)).map((r) => r.status);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Number(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1));
  console.log(JSON.stringify({
    logins: count, loginsSeconds: Number(((performance.now() - started) / 1000).toFixed(1)), loginStatuses: [...new Set(statuses)],
    healthz: { samples: latencies.length, p50ms: at(0.5), p99ms: at(0.99), maxMs: at(1) },
  }, null, 2));
} finally {
  await server.stop();
  rmSync(data.dir, { recursive: true, force: true });
}
