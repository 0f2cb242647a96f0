/**
 * No client address anywhere: the real server (a child process) is called from
 * 127.0.0.2, 127.0.0.3, ... (person login, answers, wrong codes up to the throttle, staff
 * login with a second factor, code detail), and through a trusted proxy (127.0.0.1, set
 * in MESTRING_TRUSTED_PROXIES) for clients named in X-Forwarded-For; no encoding of any
 * of those addresses appears in the database, its WAL, the server's log or any other file
 * in the data folder, nor (in the PostgreSQL run) in any row of any table. Behind the proxy, one client's wrong codes ask no work of another.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { request, seedDataDir, staffLoginOverHttp, startServerProcess, phq9For, openSeeded, type DataDir } from './server-process.ts';
import { generateCode, formatCode } from '../../server/codes/access-code.ts';

let data: DataDir;
afterAll(async () => {
  rmSync(data.dir, { recursive: true, force: true });
  await data.drop();
});

/** The ways an IPv4 address could be written down. */
function encodings(address: string): Buffer[] {
  const octets = address.split('.').map(Number);
  const hex = octets.map((o) => o.toString(16).padStart(2, '0')).join('');
  const int = ((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]!;
  return [address, `::ffff:${address}`, hex, hex.toUpperCase(), String(int), Buffer.from(octets).toString('base64')].map((s) => Buffer.from(s)).concat([Buffer.from(octets)]);
}

describe('requests from several loopback addresses', () => {
  it('leave no trace of any of them in any file the server wrote', async () => {
    data = await seedDataDir({ codes: 6 });
    const server = await startServerProcess(data, { MESTRING_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8' });
    const addresses = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5'];
    const proxied = ['198.51.100.77', '203.0.113.201'];
    // One staff login (a TOTP code is accepted once per 30-second step), used from every address.
    const staff = await staffLoginOverHttp(server.port, data.totpSecret, addresses[0]);
    for (const [i, localAddress] of addresses.entries()) {
      const code = data.codes[i]!;
      const login = await request(server.port, 'POST', '/v1/sessions', { body: { code: code.code }, localAddress });
      expect(login.status).toBe(201);
      const token = login.json.token;
      expect((await request(server.port, 'PUT', '/v1/me/consent', { token, body: { share: true }, localAddress })).status).toBe(200);
      expect((await request(server.port, 'POST', '/v1/me/questionnaires/phq9/responses', { token, body: { answers: phq9For(i + 3) }, localAddress })).status).toBe(201);
      let throttled = 0;
      for (let n = 0; n < 12; n++) if ((await request(server.port, 'POST', '/v1/sessions', { body: { code: formatCode(generateCode()) }, localAddress })).status === 429) throttled++;
      expect(throttled).toBeGreaterThan(0);
      expect((await request(server.port, 'GET', `/v1/staff/codes/${code.ref}`, { token: staff, localAddress })).status).toBe(200);
    }
    // Through the proxy: the first client's wrong codes ask work of it, not of the second.
    const via = (client: string) => ({ localAddress: '127.0.0.1', headers: { 'x-forwarded-for': `${client}, 10.1.2.3` } });
    let asked = 0;
    for (let n = 0; n < 8; n++) if ((await request(server.port, 'POST', '/v1/sessions', { body: { code: formatCode(generateCode()) }, ...via(proxied[0]!) })).json.error.code === 'challenge_required') asked++;
    expect(asked).toBe(5);
    const second = await request(server.port, 'POST', '/v1/sessions', { body: { code: data.codes[4]!.code }, ...via(proxied[1]!) });
    expect(second.status).toBe(201);
    expect((await request(server.port, 'POST', '/v1/me/questionnaires/phq9/responses', { token: second.json.token, body: { answers: phq9For(7) }, ...via(proxied[1]!) })).status).toBe(201);
    await server.stop();
    addresses.push(...proxied);

    const files = readdirSync(data.dir).map((f) => join(data.dir, f)).filter((f) => statSync(f).isFile());
    if (!data.url) expect(files.some((f) => f.endsWith('-wal') || f.endsWith('.db'))).toBe(true);
    expect(files.some((f) => f.endsWith('server.log'))).toBe(true);
    const contents = files.map((file) => [file, readFileSync(file)] as const);
    if (data.url) {
      // PostgreSQL: every row of every table of the database, throttle state included.
      const store = await openSeeded(data);
      try {
        const tables = (await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`.execute(store.kysely)).rows;
        expect(tables.map((t) => t.name)).toContain('throttle_counters');
        for (const { name } of tables) {
          const rows = (await sql`SELECT * FROM ${sql.table(name)}`.execute(store.kysely)).rows;
          contents.push([`table ${name}`, Buffer.from(JSON.stringify(rows))]);
        }
      } finally {
        await store.close();
      }
    }
    for (const [file, bytes] of contents) {
      for (const address of addresses) {
        for (const needle of encodings(address)) expect([file, address, needle.toString('hex'), bytes.includes(needle)]).toEqual([file, address, needle.toString('hex'), false]);
      }
    }
  }, 90_000);
});
