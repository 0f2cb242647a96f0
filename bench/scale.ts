/**
 * `npm run bench:scale`: builds a large SQLite database (by default 1,000,000 codes and
 * 10,000,000 exercise entries, spread evenly, in one organisation on the test fixture
 * program), reports the time and the disk it took, then measures p50/p99 of the person's
 * routes and the server's peak RSS on it, beside the same on a database of 1,000 codes.
 * A few known codes are issued the ordinary way so that the bench can log in; the rest
 * are written in bulk with random HMACs (no code can log in with them).
 *
 *   npm run bench:scale -- [--codes 1000000] [--entries 10000000] [--seconds 3] [--keep]
 *
 * The full size needs about 3 GB of disk and a long while; try --codes 20000 --entries 200000 first.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { load, type LoadResult } from './load.ts';
import { openSeeded, phq9For, request, seedDataDir, startServerProcess, type DataDir } from '../tests/security/server-process.ts';

const { values } = parseArgs({
  options: {
    codes: { type: 'string', default: '1000000' },
    entries: { type: 'string', default: '10000000' },
    seconds: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const say = (line: string) => process.stderr.write(`${line}\n`);

/** Adds `codes` codes with `entries` entries in all (bulk, in transactions of 2,000 rows). */
async function grow(data: DataDir, codes: number, entries: number): Promise<number> {
  const started = performance.now();
  const store = await openSeeded(data);
  try {
    const org = (await store.orgs.bySlug('bydel-a'))!;
    const now = new Date().toISOString();
    // SQLite takes at most 32,766 bound values per statement: 2,000 rows of 11 columns.
    const batch = 2000;
    let firstId: number | undefined;
    for (let done = 0; done < codes; done += batch) {
      const rows = Array.from({ length: Math.min(batch, codes - done) }, () => ({
        ref: `cod_${randomBytes(9).toString('base64url')}`, code_hmac: randomBytes(32).toString('hex'), hint: 'XXXX', org_id: org.id, program_id: 'kurs',
        created_by_staff: null, created_by_key: null, created_at: now, revoked_at: null, erased_at: null,
      }));
      const ids = await store.kysely.transaction().execute(async (trx) => (await trx.insertInto('codes').values(rows).returning('id').execute()).map((r) => r.id));
      firstId ??= ids[0];
      if (done % 100_000 < batch) say(`  codes ${done.toLocaleString('en')} ...`);
    }
    const perCode = Math.max(1, Math.round(entries / codes));
    for (let done = 0; done < entries; done += batch) {
      const rows = Array.from({ length: Math.min(batch, entries - done) }, (_, i) => {
        const n = done + i;
        return {
          ref: `ent_${randomBytes(9).toString('base64url')}`, code_id: firstId! + Math.floor(n / perCode) % codes, exercise_id: n % 2 ? 'bekymring' : 'maal', section_id: n % 2 ? 'logg' : 'start',
          values_json: JSON.stringify({ worry: 'Noe å tenke på', strength: n % 11 }), program_version: '1.0.0', created_at: now, updated_at: now,
        };
      });
      await store.kysely.transaction().execute(async (trx) => trx.insertInto('entries').values(rows).execute());
      if (done % 1_000_000 < batch) say(`  entries ${done.toLocaleString('en')} ...`);
    }
  } finally {
    await store.close();
  }
  return (performance.now() - started) / 1000;
}

/** Bytes of the database and its side files. */
function diskBytes(data: DataDir): number {
  return readdirSync(data.dir).filter((f) => f.startsWith('mestring.db')).reduce((sum, f) => sum + statSync(join(data.dir, f)).size, 0);
}

/** p50/p99 of the person's routes and the server's peak RSS on `data`. */
async function measure(data: DataDir): Promise<{ routes: [string, LoadResult][]; rssMb: number }> {
  const server = await startServerProcess(data);
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

const codes = Number(values.codes);
const entries = Number(values.entries);
say('a database of 1,000 codes (10 entries each) ...');
const small = await seedDataDir({ codes: 1 });
await grow(small, 1000, 10_000);
say(`a database of ${codes.toLocaleString('en')} codes and ${entries.toLocaleString('en')} entries ...`);
const large = await seedDataDir({ codes: 1 });
const took = await grow(large, codes, entries);
const bytes = diskBytes(large);
say('measuring ...');
const before = await measure(small);
const after = await measure(large);
console.log(`generated ${codes.toLocaleString('en')} codes and ${entries.toLocaleString('en')} entries in ${took.toFixed(0)} s; ${(bytes / 1e6).toFixed(0)} MB on disk (${large.dir})\n`);
console.log('| route | p50 / p99 at 1,000 codes | p50 / p99 at this size | p99 ratio | goal |');
console.log('|---|---|---|---|---|');
after.routes.forEach(([name, r], i) => {
  const b = before.routes[i]![1];
  console.log(`| ${name} | ${b.p50} / ${b.p99} ms | ${r.p50} / ${r.p99} ms | ${(r.p99 / Math.max(1, b.p99)).toFixed(2)}x | <= 1.5x |`);
});
console.log(`| server peak RSS | ${before.rssMb.toFixed(0)} MB | ${after.rssMb.toFixed(0)} MB | | <= 200 MB |`);
for (const data of [small, ...(values.keep ? [] : [large])]) rmSync(data.dir, { recursive: true, force: true });
