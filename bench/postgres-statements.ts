/**
 * What a person's reads cost PostgreSQL as unnamed statements (parsed and planned on
 * every run) beside the same statements prepared once on the connection, as
 * server/store/postgres.ts runs them. One throwaway cluster, one connection, the same
 * SQL text and values taken in turn; wall time per run, and the CPU time of the
 * connection's backend process (/proc, Linux) and of this process.
 *
 *   npx tsx bench/postgres-statements.ts [--runs 3000]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openStore } from '../server/store/open-store.ts';
import { postgresStatementNames } from '../server/store/prepared.ts';
import { startCluster } from '../tests/support/postgres-cluster.ts';

const { values: options } = parseArgs({ options: { runs: { type: 'string', default: '3000' } } });
const runs = Number(options.runs);

/** CPU time (µs) process `pid` has used so far. */
const cpuOf = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
};

const cluster = await startCluster();
try {
  // The store migrates the database and compiles the statements; its calls give the texts
  // and the values each statement runs with (recorded on their way to pg).
  const seen = new Map<string, unknown[]>();
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as { text?: string; values?: unknown[] };
    if (typeof config === 'object' && config.text && config.values) seen.set(config.text, config.values);
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  const store = await openStore({ url: cluster.url });
  const now = new Date().toISOString();
  await store.progress.meRows(1, now);
  await store.progress.snapshotRows(1);
  await store.codes.bySession('0'.repeat(64), now);
  await store.close();
  pg.Client.prototype.query = query;
  const statements: [string, string, unknown[]][] = [];
  for (const [text, values] of seen) {
    if (!postgresStatementNames.has(text)) continue;
    if (/union all/i.test(text) && /"consents"/.test(text)) statements.push(['GET /v1/me: snapshot, consent, next appointment', text, values]);
    else if (/union all/i.test(text)) statements.push(['a part or the program: snapshot', text, values]);
    else if (/"person_sessions"/.test(text)) statements.push(['every request: session, code, organisation', text, values]);
  }
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  const backend = Number((await client.query('select pg_backend_pid() as pid')).rows[0].pid);
  const measure = async (run: () => Promise<unknown>) => {
    for (let i = 0; i < 200; i++) await run();
    const started = performance.now();
    const own = process.cpuUsage();
    const database = cpuOf(backend);
    for (let i = 0; i < runs; i++) await run();
    const used = process.cpuUsage(own);
    return { wall: ((performance.now() - started) * 1000) / runs, database: (cpuOf(backend) - database) / runs, client: (used.user + used.system) / runs };
  };
  console.log(`PostgreSQL statements, ${runs} runs each, one connection (µs per run: wall / database backend CPU / this process's CPU)\n`);
  console.log('| statement | unnamed | prepared once | database CPU, prepared / unnamed |');
  console.log('|---|---|---|---|');
  for (const [what, text, values] of statements) {
    const name = `bench_${statements.findIndex((s) => s[1] === text)}`;
    // Taken in turn, twice, so that other work on the machine weighs on both alike.
    const unnamed = [await measure(() => client.query(text, values)), await measure(() => client.query(text, values))];
    const named = [await measure(() => client.query({ name, text, values })), await measure(() => client.query({ name, text, values }))];
    const best = (r: typeof unnamed) => r.reduce((a, b) => (a.database <= b.database ? a : b));
    const fmt = (r: { wall: number; database: number; client: number }) => `${r.wall.toFixed(0)} / ${r.database.toFixed(0)} / ${r.client.toFixed(0)}`;
    console.log(`| ${what} | ${fmt(best(unnamed))} | ${fmt(best(named))} | ${((100 * best(named).database) / best(unnamed).database).toFixed(0)} % |`);
  }
  await client.end();
} finally {
  cluster.stop();
}
