/**
 * `npm run bench:scale`: builds a large SQLite database (by default 1,000,000 codes,
 * 10,000,000 exercise entries and 1,000,000 check-ins, spread evenly, in one organisation
 * on the test fixture program), reports the time and the disk it took, then measures p50/p99 of the person's
 * routes and the server's peak RSS on it, beside the same on a database of 1,000 codes.
 * A few known codes are issued the ordinary way so that the bench can log in; the rest
 * are written in bulk with random HMACs (no code can log in with them).
 *
 *   npm run bench:scale -- [--codes 1000000] [--entries 10000000] [--checkins 1000000] [--seconds 3] [--rounds 3] [--keep]
 *   npm run bench:scale -- --reuse <folder a --keep run printed>   (measure again, no generating)
 *
 * The two databases are measured in turn, `--rounds` times each, and each figure is the
 * median of its rounds (peak RSS: the highest): one three-second sample's p99 moved the
 * check-in's ratio from 0.55x to 2.25x between runs of the same code (docs/performance.md).
 *
 * After the routes, it asks for the staff's list of every code once (its time, the
 * server's peak RSS, and the slowest /healthz meanwhile), then runs the questionnaire.due scan (the webhook worker's timer) in
 * this process on the large database, with one code in a hundred consenting and due,
 * and reports how long it took, the longest time it held the event loop, and the heap it
 * grew by.
 *
 * See docs/performance.md ("Scale") for the time and disk the full size takes.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { load, type LoadResult } from './load.ts';
import { openSeeded, phq9For, request, seedDataDir, staffLoginOverHttp, startServerProcess, type DataDir } from '../tests/security/server-process.ts';
import { recordDueQuestionnaires } from '../server/webhooks/due.ts';
import { compileTree } from '../engine/index.ts';
import { fixturePrograms } from '../tests/server/helpers.ts';

const { values } = parseArgs({
  options: {
    codes: { type: 'string', default: '1000000' },
    entries: { type: 'string', default: '10000000' },
    // A database that has served its codes holds check-ins too, and a large checkins
    // table is what makes a check-in's commit dearer at size (docs/performance.md, item 38).
    checkins: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const say = (line: string) => process.stderr.write(`${line}\n`);

/**
 * Adds `codes` codes with `entries` entries in all. Rows go in through better-sqlite3's
 * prepared statements, 50,000 to a transaction, with fsync off while loading: the query
 * builder took about 20 minutes for the full size, most of it building 2,000-row INSERTs.
 */
async function grow(data: DataDir, codes: number, entries: number, checkins: number): Promise<number> {
  const started = performance.now();
  const store = await openSeeded(data);
  const org = (await store.orgs.bySlug('bydel-a'))!;
  await store.close();
  const db = new Database(data.dbPath);
  try {
    db.pragma('synchronous = OFF');
    // A gigabyte of page cache: the indexes on random refs are written all over the file.
    db.pragma('cache_size = -1000000');
    const now = new Date().toISOString();
    const batch = 50_000;
    const addCode = db.prepare(`INSERT INTO codes (ref, code_hmac, hint, org_id, program_id, created_at) VALUES (?, ?, 'XXXX', ?, 'kurs', ?)`);
    const firstId = (db.prepare('SELECT coalesce(max(id), 0) + 1 AS id FROM codes').get() as { id: number }).id;
    const addCodes = db.transaction((count: number) => {
      for (let i = 0; i < count; i++) addCode.run(`cod_${randomBytes(9).toString('base64url')}`, randomBytes(32).toString('hex'), org.id, now);
    });
    for (let done = 0; done < codes; done += batch) {
      addCodes(Math.min(batch, codes - done));
      if (done % 100_000 < batch) say(`  codes ${done.toLocaleString('en')} ...`);
    }
    const perCode = Math.max(1, Math.round(entries / codes));
    const addEntry = db.prepare(`INSERT INTO entries (ref, code_id, exercise_id, section_id, values_json, program_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '1.0.0', ?, ?)`);
    const addEntries = db.transaction((from: number, count: number) => {
      for (let n = from; n < from + count; n++) {
        addEntry.run(`ent_${randomBytes(9).toString('base64url')}`, firstId + (Math.floor(n / perCode) % codes), n % 2 ? 'bekymring' : 'maal', n % 2 ? 'logg' : 'start',
          JSON.stringify({ worry: 'Noe å tenke på', strength: n % 11 }), now, now);
      }
    });
    for (let done = 0; done < entries; done += batch) {
      addEntries(done, Math.min(batch, entries - done));
      if (done % 1_000_000 < batch) say(`  entries ${done.toLocaleString('en')} ...`);
    }
    // In no order of code, as they arrive from many people over time.
    const addCheckin = db.prepare(`INSERT INTO checkins (ref, code_id, ratings_json, program_version, created_at) VALUES (?, ?, '{"mood":5,"worry":5}', '1.0.0', ?)`);
    const addCheckins = db.transaction((from: number, count: number) => {
      for (let n = from; n < from + count; n++) addCheckin.run(`chk_${randomBytes(9).toString('base64url')}`, firstId + ((n * 7919) % codes), now);
    });
    for (let done = 0; done < checkins; done += batch) {
      addCheckins(done, Math.min(batch, checkins - done));
      if (done % 1_000_000 < batch) say(`  check-ins ${done.toLocaleString('en')} ...`);
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return (performance.now() - started) / 1000;
}

/** Bytes of the database and its side files. */
function diskBytes(data: DataDir): number {
  return readdirSync(data.dir).filter((f) => f.startsWith('mestring.db')).reduce((sum, f) => sum + statSync(join(data.dir, f)).size, 0);
}

/** p50/p99 of the person's routes and the server's peak RSS on `data`. */
async function measure(data: DataDir): Promise<{ routes: [string, LoadResult][]; rssMb: number }> {
  const server = await startServerProcess(data, {}, [], { stdoutToFile: true });
  try {
    const login = await request(server.port, 'POST', '/v1/sessions', { body: { code: data.codes[0]!.code } });
    const token = (login.json as { token: string }).token;
    await request(server.port, 'POST', '/v1/me/questionnaires/phq9/responses', { body: { answers: phq9For(3) }, token });
    await request(server.port, 'POST', '/v1/me/questionnaires/gad7/responses', { body: { answers: Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`q${i + 1}`, 1])) }, token });
    const routes: [string, LoadResult][] = [];
    for (const path of ['/v1/me', '/v1/me/program', '/v1/me/sections/start']) {
      routes.push([`GET ${path}`, await load({ url: `http://127.0.0.1:${server.port}${path}`, headers: { authorization: `Bearer ${token}` }, seconds, connections: 10 })]);
    }
    routes.push(['POST /v1/me/checkins', await load({ url: `http://127.0.0.1:${server.port}/v1/me/checkins`, method: 'POST', body: JSON.stringify({ ratings: { mood: 5, worry: 5 } }), headers: { authorization: `Bearer ${token}` }, seconds, connections: 10 })]);
    const rssMb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    return { routes, rssMb };
  } finally {
    await server.stop();
  }
}

/**
 * One look at the staff's list of codes (`GET /v1/staff/codes`, every code of the
 * organisation) on `data`: how long it took, the server's peak RSS, and the slowest
 * `/healthz` asked every 50 ms meanwhile (what everyone else waited at worst).
 */
async function staffList(data: DataDir): Promise<{ ms: number; codes: number; rssMb: number; healthzMs: number }> {
  const server = await startServerProcess(data, {}, [], { stdoutToFile: true });
  try {
    const token = await staffLoginOverHttp(server.port, data.totpSecret);
    let healthzMs = 0;
    let listing = true;
    const probe = (async () => {
      while (listing) {
        const asked = performance.now();
        await request(server.port, 'GET', '/healthz');
        healthzMs = Math.max(healthzMs, performance.now() - asked);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const started = performance.now();
    const list = await request(server.port, 'GET', '/v1/staff/codes', { token, timeoutMs: 30 * 60_000 }).finally(() => (listing = false));
    const ms = performance.now() - started;
    await probe;
    if (list.status !== 200) throw new Error(`the list of codes answered ${list.status}`);
    const rssMb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    return { ms, codes: (list.json as { codes: unknown[] }).codes.length, rssMb, healthzMs };
  } finally {
    await server.stop();
  }
}

/**
 * The questionnaire.due scan on `data`, twice: the first writes every due event, the
 * second finds them all written (every scan after it, every 15 minutes, until they are
 * answered). One code in `every` is made to consent, with its start questionnaires
 * answered eight days ago (once: --reuse finds them there), and an endpoint subscribes
 * for the two scans.
 */
async function dueScan(data: DataDir, every: number): Promise<{ consenting: number; scans: { ms: number; written: number; stallMs: number; heapMb: number }[] }> {
  const store = await openSeeded(data);
  const org = (await store.orgs.bySlug('bydel-a'))!;
  await store.webhooks.addEndpoint({ ref: 'whk_scale', orgId: org.id, url: 'https://hooks.example.org/due', events: ['questionnaire.due'], sealed: 'unused', staffId: null, now: new Date().toISOString() });
  await store.close();
  const db = new Database(data.dbPath);
  const prepared = (db.prepare('SELECT count(*) AS n FROM consents WHERE code_id % ? = 0').get(every) as { n: number }).n > 0;
  if (!prepared) {
    const weekAgo = new Date(Date.now() - 8 * 24 * 3600_000).toISOString();
    const consent = db.prepare('INSERT INTO consents (code_id, share, at) SELECT id, 1, ? FROM codes WHERE id % ? = 0');
    const answered = db.prepare(`INSERT INTO responses (ref, code_id, instrument_id, answers_json, score_json, program_version, created_at)
      SELECT 'rsp_' || ? || id, id, ?, '{}', '{"total":2}', '1.0.0', ? FROM codes WHERE id % ? = 0`);
    db.transaction(() => {
      consent.run(weekAgo, every);
      for (const instrument of ['phq9', 'gad7']) answered.run(instrument, instrument, weekAgo, every);
    })();
  }
  const consenting = (db.prepare('SELECT count(DISTINCT code_id) AS n FROM consents').get() as { n: number }).n;
  db.close();
  const programs = new Map(compileTree([fixturePrograms]).programs.map((p) => [p.id, p]));
  const scans = [];
  for (let i = 0; i < 2; i++) {
    const scanStore = await openSeeded(data);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    // The longest gap between two turns of a 1 ms timer: how long requests would wait.
    let last = performance.now();
    let stallMs = 0;
    const ticker = setInterval(() => {
      const at = performance.now();
      stallMs = Math.max(stallMs, at - last);
      last = at;
    }, 1);
    let heapPeak = heapBefore;
    const heap = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 5);
    const started = performance.now();
    const written = await recordDueQuestionnaires(scanStore, programs, new Date(), 'Europe/Oslo');
    const ms = performance.now() - started;
    stallMs = Math.max(stallMs, performance.now() - last);
    clearInterval(ticker);
    clearInterval(heap);
    scans.push({ ms, written, stallMs, heapMb: (heapPeak - heapBefore) / 1e6 });
    await scanStore.close();
  }
  // The endpoint goes, with its deliveries: a --reuse run's server would otherwise scan
  // and try to deliver while its routes are measured.
  const cleanup = await openSeeded(data);
  await cleanup.webhooks.removeEndpoint(org.id, 'whk_scale');
  await cleanup.close();
  return { consenting, scans };
}

const codes = Number(values.codes);
const entries = Number(values.entries);
const checkins = Number(values.checkins);
say('a database of 1,000 codes (10 entries and a check-in each) ...');
const small = await seedDataDir({ codes: 1 });
await grow(small, 1000, 10_000, Math.round((1000 * checkins) / codes));
let large: DataDir;
let took: number | undefined;
if (values.reuse) {
  large = { ...(JSON.parse(readFileSync(join(values.reuse, 'bench-scale.json'), 'utf8')) as DataDir), drop: async () => {} };
} else {
  say(`a database of ${codes.toLocaleString('en')} codes, ${entries.toLocaleString('en')} entries and ${checkins.toLocaleString('en')} check-ins ...`);
  large = await seedDataDir({ codes: 1 });
  took = await grow(large, codes, entries, checkins);
  // What --reuse needs to measure this folder again: its paths and the code that logs in.
  if (values.keep) writeFileSync(join(large.dir, 'bench-scale.json'), JSON.stringify(large));
}
const bytes = diskBytes(large);
say('measuring ...');
type Measured = Awaited<ReturnType<typeof measure>>;
const rounds: { small: Measured[]; large: Measured[] } = { small: [], large: [] };
for (let round = 0; round < Math.max(1, Number(values.rounds)); round++) {
  rounds.small.push(await measure(small));
  rounds.large.push(await measure(large));
  const p99s = (m: Measured) => m.routes.map(([, r]) => r.p99.toFixed(2)).join('/');
  say(`  round ${round + 1}: p99 ${p99s(rounds.small.at(-1)!)} ms at 1,000 codes, ${p99s(rounds.large.at(-1)!)} ms at this size`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** Each route's median p50 and p99 over the rounds, and the highest peak RSS. */
const summary = (runs: Measured[]) => ({
  routes: runs[0]!.routes.map(([name], i) => [name, { p50: median(runs.map((r) => r.routes[i]![1].p50)), p99: median(runs.map((r) => r.routes[i]![1].p99)) }] as const),
  rssMb: Math.max(...runs.map((r) => r.rssMb)),
});
const before = summary(rounds.small);
const after = summary(rounds.large);
console.log(`${took === undefined ? 'reused' : `generated ${codes.toLocaleString('en')} codes, ${entries.toLocaleString('en')} entries and ${checkins.toLocaleString('en')} check-ins in ${took.toFixed(0)} s;`} ${(bytes / 1e6).toFixed(0)} MB on disk (${large.dir})\n`);
console.log(`median of ${rounds.small.length} round(s) of ${seconds} s per route, the two databases in turn\n`);
console.log('| route | p50 / p99 at 1,000 codes | p50 / p99 at this size | p50 ratio | p99 ratio | goal | met |');
console.log('|---|---|---|---|---|---|---|');
after.routes.forEach(([name, r], i) => {
  const b = before.routes[i]![1];
  const p50 = r.p50 / b.p50;
  const p99 = r.p99 / b.p99;
  console.log(`| ${name} | ${b.p50.toFixed(2)} / ${b.p99.toFixed(2)} ms | ${r.p50.toFixed(2)} / ${r.p99.toFixed(2)} ms | ${p50.toFixed(2)}x | ${p99.toFixed(2)}x | both <= 1.5x | ${p50 <= 1.5 && p99 <= 1.5 ? 'yes' : 'no'} |`);
});
console.log(`| server peak RSS | ${before.rssMb.toFixed(0)} MB | ${after.rssMb.toFixed(0)} MB | | | <= 200 MB | ${after.rssMb <= 200 ? 'yes' : 'no'} |`);
say('the staff\'s list of codes ...');
const listed = await staffList(large);
console.log(`\nthe staff's list of codes at this size (GET /v1/staff/codes, ${listed.codes.toLocaleString('en')} codes): ${(listed.ms / 1000).toFixed(1)} s, server peak RSS ${listed.rssMb.toFixed(0)} MB (goal <= 200 MB), slowest /healthz meanwhile ${listed.healthzMs.toFixed(0)} ms`);
say('the questionnaire.due scan ...');
const scan = await dueScan(large, 100);
console.log(`\nquestionnaire.due scan at this size, ${scan.consenting.toLocaleString('en')} codes consenting with a questionnaire due:\n`);
console.log('| scan | time | events written | longest hold of the event loop | heap grown |');
console.log('|---|---|---|---|---|');
scan.scans.forEach((r, i) => console.log(`| ${i ? 'again (all written before)' : 'first'} | ${r.ms.toFixed(0)} ms | ${r.written} | ${r.stallMs.toFixed(0)} ms | ${r.heapMb.toFixed(0)} MB |`));
for (const data of [small, ...(values.keep || values.reuse ? [] : [large])]) rmSync(data.dir, { recursive: true, force: true });
