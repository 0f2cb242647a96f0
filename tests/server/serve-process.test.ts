/**
 * The compiled server as operators run it (a child process): the address it listens on,
 * metrics on a port of their own, readable logs, a shutdown that ends in time even
 * with a keep-alive connection open, and the timer's work (expired sessions deleted).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, openSeeded, seedDataDir, startServerProcess, type DataDir } from '../security/server-process.ts';

let data: DataDir;
beforeAll(async () => {
  data = await seedDataDir({ codes: 1 });
});
afterAll(async () => {
  await data.drop();
  rmSync(data.dir, { recursive: true, force: true });
});

const log = () => readFileSync(join(data.dir, 'server.log'), 'utf8');

describe('mestring serve', () => {
  it('listens only on MESTRING_HOST', async () => {
    const server = await startServerProcess(data, { MESTRING_HOST: '127.0.0.2' });
    try {
      expect(log()).toMatch(/serves .* on http:\/\/127\.0\.0\.2:\d+/);
      const there = await new Promise<number>((resolve, reject) => {
        http.get({ host: '127.0.0.2', port: server.port, path: '/healthz', agent: false }, (res) => { res.resume(); resolve(res.statusCode ?? 0); }).on('error', reject);
      });
      expect(there).toBe(200);
      await expect(request(server.port, 'GET', '/healthz')).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await server.stop();
    }
  });

  it('writes a quiet server\'s request line to the log within about a second, not only when its buffer fills', async () => {
    const server = await startServerProcess(data);
    try {
      expect((await request(server.port, 'GET', '/healthz', { headers: { 'x-request-id': 'quiet-server-line' } })).status).toBe(200);
      const deadline = Date.now() + 3000;
      while (!log().includes('quiet-server-line') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      const line = log().split('\n').find((l) => l.includes('quiet-server-line'));
      expect(line && JSON.parse(line)).toMatchObject({ level: 'info', msg: 'request', route: '/healthz', status: 200, requestId: 'quiet-server-line' });
    } finally {
      await server.stop();
    }
  });

  it('serves metrics on MESTRING_METRICS_PORT only, writes pretty logs on request, and stops in time with a keep-alive connection open', async () => {
    const server = await startServerProcess(data, { MESTRING_METRICS: '1', MESTRING_METRICS_PORT: '0', MESTRING_LOG_FORMAT: 'pretty', MESTRING_SHUTDOWN_TIMEOUT: '2' });
    const metricsPort = Number(/metrics on http:\/\/localhost:(\d+)\/metrics/.exec(log())?.[1]);
    expect(metricsPort).toBeGreaterThan(0);
    expect((await request(server.port, 'GET', '/readyz')).status).toBe(200);
    expect((await request(server.port, 'GET', '/metrics')).status).toBe(404);
    const metrics = await new Promise<string>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: metricsPort, path: '/metrics', agent: false }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect(metrics).toMatch(/mestring_http_requests_total\{method="GET",route="\/readyz",status="200"\} 1/);
    expect(metrics).toMatch(/mestring_db_query_duration_seconds_count [1-9]/);

    // A keep-alive connection that stays open: shutdown must not wait for it.
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: server.port, path: '/healthz', agent }, (res) => { res.resume(); res.on('end', resolve); }).on('error', reject);
    });
    const started = Date.now();
    await server.stop();
    agent.destroy();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.child.exitCode).toBe(0);
    const text = log();
    expect(text).toMatch(/INFO.*request/);
    expect(text).toMatch(/shutting down/);
    expect(text).toMatch(/stopped/);
  });

  it('deletes expired sessions on its own, soon after it starts, and keeps the running ones', async () => {
    const stores = await openSeeded(data);
    const ref = data.codes[0]!.ref;
    const orgId = (await stores.orgs.bySlug('bydel-a'))!.id;
    const codeId = (await stores.codes.byRef(orgId, ref))!.id;
    const hour = 3600_000;
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    await stores.codes.addSession('expired-session-hash', codeId, at(-13 * hour), at(-hour));
    await stores.codes.addSession('running-session-hash', codeId, at(-hour), at(11 * hour));
    const hashes = async () => (await stores.kysely.selectFrom('person_sessions').select('token_hash').where('code_id', '=', codeId).orderBy('token_hash').execute()).map((r) => r.token_hash);
    try {
      expect(await hashes()).toEqual(['expired-session-hash', 'running-session-hash']);
      const server = await startServerProcess(data);
      try {
        const deadline = Date.now() + 5000;
        while ((await hashes()).includes('expired-session-hash') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        expect(await hashes()).toEqual(['running-session-hash']);
      } finally {
        await server.stop();
      }
    } finally {
      await stores.close();
    }
  });
});
