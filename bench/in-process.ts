/**
 * CPU time per request of each bench route inside one process, through `app.fetch` with
 * no sockets, beside a bare Hono hello-world the same way. It leaves out what both servers
 * share (the HTTP parser, the socket writes, autocannon), so on a shared machine it shows
 * the app's own cost far more steadily than `npm run bench`; use it to see what a change
 * did, and `npm run bench` for the goals.
 *
 *   npx tsx bench/in-process.ts [--requests 3000] [--concurrency 10]
 */
import { parseArgs } from 'node:util';
import { Hono } from 'hono';
import { benchApp } from './bench-app.ts';
import { phq9 } from '../tests/server/helpers.ts';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '3000' }, concurrency: { type: 'string', default: '10' } } });
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);

type Fetch = (request: Request) => Response | Promise<Response>;

/** CPU µs per request of `requests` requests made by `make`, `concurrency` at a time (after a warm-up). */
async function cpuPerRequest(fetch: Fetch, make: () => Request, expected: number): Promise<number> {
  const once = async () => {
    const res = await fetch(make());
    await res.text();
    if (res.status !== expected) throw new Error(`expected ${expected}, got ${res.status}`);
  };
  const run = async (n: number) => {
    let left = n;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await once();
    }));
  };
  await run(Math.min(500, requests));
  const before = process.cpuUsage();
  await run(requests);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / requests;
}

// A GET's Request is made once and reused (nothing reads its body), so the figures leave
// out undici's Request constructor, which @hono/node-server avoids with a lighter one.
const reused = (request: Request) => () => request;
const hello = new Hono();
hello.get('/', (c) => c.json({ hello: 'world' }));
const base = await cpuPerRequest(hello.fetch, reused(new Request('http://localhost/')), 200);

const { env, person, app } = await benchApp();
const entry = await env.call('POST', '/v1/me/exercises/maal/entries', { token: person.token, body: { values: { goal: 'Sove bedre', importance: 5 } } });
if (entry.status !== 201) throw new Error(`could not save the first entry: ${entry.text}`);
const auth = { authorization: `Bearer ${person.token}` };
const get = (path: string) => reused(new Request(`http://localhost${path}`, { headers: auth }));
const send = (method: string, path: string, body: unknown) => () => new Request(`http://localhost${path}`, { method, headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });

const rows: [string, number][] = [['bare Hono hello-world', base]];
rows.push(['GET /healthz', await cpuPerRequest(app.fetch, reused(new Request('http://localhost/healthz')), 200)]);
rows.push(['GET /v1/me', await cpuPerRequest(app.fetch, get('/v1/me'), 200)]);
rows.push(['GET /v1/me/program', await cpuPerRequest(app.fetch, get('/v1/me/program'), 200)]);
rows.push(['GET /v1/me/sections/start', await cpuPerRequest(app.fetch, get('/v1/me/sections/start'), 200)]);
rows.push(['PUT entry', await cpuPerRequest(app.fetch, send('PUT', `/v1/me/exercises/maal/entries/${entry.json.id}`, { values: { goal: 'Sove bedre', importance: 6 } }), 200)]);
rows.push(['POST PHQ-9 answer', await cpuPerRequest(app.fetch, send('POST', '/v1/me/questionnaires/phq9/responses', { answers: phq9(2) }), 201)]);
rows.push(['POST check-in', await cpuPerRequest(app.fetch, send('POST', '/v1/me/checkins', { ratings: { mood: 6, worry: 4 } }), 201)]);
console.log(`${requests} requests per row, ${concurrency} at a time, in one process (no sockets)`);
console.log('| route | CPU µs per request | hello-world / route |');
console.log('|---|---|---|');
for (const [what, us] of rows) console.log(`| ${what} | ${us.toFixed(0)} | ${((base / us) * 100).toFixed(1)} % |`);
await env.close();
