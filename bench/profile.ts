/**
 * Profiles the compiled server under load on one route (node --cpu-prof through
 * NODE_OPTIONS) and prints where its CPU time went: the functions with the most self
 * time, and the share of each package or source folder. The .cpuprofile is kept for
 * Chromium's DevTools (Performance panel, "Load profile").
 *
 *   npx tsx bench/profile.ts [--route me|program|section|healthz|checkin|answer|entry] [--seconds 5] [--postgres]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { load } from './load.ts';
import { request, seedDataDir, startServerProcess, phq9For } from '../tests/security/server-process.ts';

const { values } = parseArgs({ options: { route: { type: 'string', default: 'me' }, seconds: { type: 'string', default: '5' }, top: { type: 'string', default: '25' }, postgres: { type: 'boolean', default: false } } });
const profileDir = mkdtempSync(join(tmpdir(), 'mestring-profile-'));
// --postgres: against a throwaway PostgreSQL cluster, as the tests and the bench use.
const cluster = values.postgres ? await (await import('../tests/support/postgres-cluster.ts')).startCluster() : undefined;
if (cluster) {
  process.env.MESTRING_TEST_BACKEND = 'postgres';
  process.env.MESTRING_TEST_PG_URL = cluster.url;
}
const data = await seedDataDir({ codes: 1, backend: cluster ? 'postgres' : 'sqlite' });
// First start builds the programs, outside the profile.
await (await startServerProcess(data)).stop();
const server = await startServerProcess(data, {}, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`], { stdoutToFile: true });
const login = await request(server.port, 'POST', '/v1/sessions', { body: { code: data.codes[0]!.code } });
const token = (login.json as { token: string }).token;
await request(server.port, 'PUT', '/v1/me/consent', { body: { share: true }, token });
await request(server.port, 'POST', '/v1/me/questionnaires/phq9/responses', { body: { answers: phq9For(3) }, token });
await request(server.port, 'POST', '/v1/me/questionnaires/gad7/responses', { body: { answers: Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`q${i + 1}`, 1])) }, token });
const entry = await request(server.port, 'POST', '/v1/me/exercises/maal/entries', { body: { values: { goal: 'Sove bedre', importance: 5 } }, token });
const routes: Record<string, { path: string; method?: 'POST' | 'PUT'; body?: string }> = {
  healthz: { path: '/healthz' },
  me: { path: '/v1/me' },
  program: { path: '/v1/me/program' },
  section: { path: '/v1/me/sections/start' },
  checkin: { path: '/v1/me/checkins', method: 'POST', body: JSON.stringify({ ratings: { mood: 6, worry: 4 } }) },
  answer: { path: '/v1/me/questionnaires/phq9/responses', method: 'POST', body: JSON.stringify({ answers: phq9For(3) }) },
  entry: { path: `/v1/me/exercises/maal/entries/${(entry.json as { id: string }).id}`, method: 'PUT', body: JSON.stringify({ values: { goal: 'Sove bedre', importance: 6 } }) },
};
const route = routes[values.route!];
if (!route) throw new Error(`Unexpected route '${values.route}', expected one of ${Object.keys(routes).join(', ')}`);
const result = await load({ url: `http://127.0.0.1:${server.port}${route.path}`, method: route.method, body: route.body, headers: { authorization: `Bearer ${token}` }, seconds: Number(values.seconds), connections: 10 });
console.log(`${values.route}: ${Math.round(result.rps)} req/s, statuses ${JSON.stringify(result.statuses)}`);
await server.stop();
cluster?.stop();

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error('no profile written');
const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
// Only the samples of the load window (the last --seconds before the stop), not start-up.
const self = new Map<number, number>();
const at: number[] = [];
profile.timeDeltas.reduce((t, d, i) => (at[i] = t + d), 0);
const windowStart = at[at.length - 1]! - (Number(values.seconds) + 0.3) * 1e6;
profile.samples.forEach((id, i) => {
  if (at[i]! >= windowStart) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
const where = (url: string) => {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.includes('/dist/')) return 'mestring (dist)';
  if (url.startsWith('node:')) return 'node core';
  return url ? url.replace(/^.*\//, '') : '(native, gc, idle)';
};
const byFunction = new Map<string, number>();
const byPlace = new Map<string, number>();
for (const node of profile.nodes) {
  const time = self.get(node.id) ?? 0;
  const name = `${node.callFrame.functionName || '(anonymous)'} ${where(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + time);
  byPlace.set(where(node.callFrame.url), (byPlace.get(where(node.callFrame.url)) ?? 0) + time);
}
const pct = (t: number) => `${((t / total) * 100).toFixed(1).padStart(5)} %`;
console.log('\nself time by package or place:');
for (const [name, t] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${pct(t)}  ${name}`);
console.log('\nself time by function:');
for (const [name, t] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(`  ${pct(t)}  ${name}`);
console.log(`\nprofile: ${join(profileDir, file)}`);
rmSync(data.dir, { recursive: true, force: true });
