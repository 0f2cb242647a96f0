/**
 * CPU time per request through @hono/node-server on loopback, beside a bare Hono
 * hello-world served the same way, with a keep-alive HTTP client in the same process.
 * Unlike bench/in-process.ts it includes what only a served app does (Node's response,
 * @hono/node-server's header handling); unlike `npm run bench` it needs no build and no
 * second process. The client's own CPU time is in every figure, hello-world's too, so
 * compare the difference to hello-world, or the ratio, before and after a change.
 *
 *   npx tsx bench/served.ts [--requests 4000]
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { benchApp } from './bench-app.ts';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '4000' } } });
const requests = Number(values.requests);

const { env, person, app } = await benchApp();
const hello = new Hono();
hello.get('/', (c) => c.json({ hello: 'world' }));

const listen = (fetch: typeof app.fetch) => new Promise<http.Server>((resolve) => {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }) as http.Server;
  server.once('listening', () => resolve(server));
});
const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
const get = (port: number, path: string, headers: Record<string, string>) => new Promise<void>((resolve, reject) => {
  http.get({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
    res.resume();
    res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${path}: ${res.statusCode}`))));
  }).on('error', reject);
});

/** CPU µs per request of `requests` GETs, 10 at a time, after a warm-up. */
async function cpuPerRequest(server: http.Server, path: string, headers: Record<string, string> = {}): Promise<number> {
  const port = (server.address() as AddressInfo).port;
  const run = async (n: number) => {
    let left = n;
    await Promise.all(Array.from({ length: 10 }, async () => {
      while (left-- > 0) await get(port, path, headers);
    }));
  };
  await run(500);
  const before = process.cpuUsage();
  await run(requests);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / requests;
}

const helloServer = await listen(hello.fetch);
const appServer = await listen(app.fetch);
const auth = { authorization: `Bearer ${person.token}` };
const rows: [string, number][] = [['bare Hono hello-world', await cpuPerRequest(helloServer, '/')]];
rows.push(['GET /healthz', await cpuPerRequest(appServer, '/healthz')]);
rows.push(['GET /v1/me', await cpuPerRequest(appServer, '/v1/me', auth)]);
rows.push(['GET /v1/me/program', await cpuPerRequest(appServer, '/v1/me/program', auth)]);
const base = rows[0]![1];
console.log(`${requests} requests per row, 10 at a time, served on 127.0.0.1 (client in the same process)`);
console.log('| route | CPU µs per request (server and client) | beyond hello-world | hello-world / route |');
console.log('|---|---|---|---|');
for (const [what, us] of rows) console.log(`| ${what} | ${us.toFixed(0)} | ${(us - base).toFixed(0)} | ${((base / us) * 100).toFixed(1)} % |`);
helloServer.close();
appServer.close();
agent.destroy();
await env.close();
