/**
 * Nothing is lost on its way to a webhook receiver: the real server (a child process)
 * records events while the receiver answers 500, is killed with SIGKILL while a delivery
 * is in flight, and is started again; then every event arrives, at least once, with one
 * webhook-id per event on every attempt, each signature verified by the standardwebhooks
 * package. The outbox lives in the database, so this holds on SQLite and PostgreSQL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { request, seedDataDir, startServerProcess, openSeeded, type DataDir, type ServerProcess } from './server-process.ts';
import { loadSecrets } from '../../server/config.ts';
import { newEndpointSecret } from '../../server/webhooks/signing.ts';
import { webhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

let data: DataDir;
let receiver: WebhookReceiver;
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const server of servers) if (server.child.exitCode === null && server.child.signalCode === null) await server.kill();
  await receiver?.close();
  if (data) rmSync(data.dir, { recursive: true, force: true });
  await data?.drop();
});

const until = async (what: string, ok: () => boolean, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('webhooks across a SIGKILL', () => {
  it('deliver every event after the server is killed mid-delivery and restarted', { timeout: 180_000 }, async () => {
    const events = 12;
    data = await seedDataDir({ codes: events });
    receiver = await webhookReceiver();
    const store = await openSeeded(data);
    try {
      const { secret, sealed } = newEndpointSecret(loadSecrets(data.secretFile).secrets);
      receiver.verifyWith(secret);
      const org = (await store.orgs.bySlug('bydel-a'))!;
      await store.webhooks.addEndpoint({ ref: 'whk_test', orgId: org.id, url: receiver.url, events: ['code.activated'], sealed, staffId: null, now: new Date().toISOString() });
    } finally {
      await store.close();
    }
    const env = { MESTRING_WEBHOOKS_ALLOW_HTTP: '1', MESTRING_WEBHOOKS_ALLOW_PRIVATE: '1', MESTRING_WEBHOOKS_BACKOFF: Array(40).fill('0.2').join(','), MESTRING_WEBHOOKS_TIMEOUT: '1' };

    // The receiver fails everything at first; each code's first login is one event.
    receiver.answerWith(() => 500);
    const first = await startServerProcess(data, env);
    servers.push(first);
    for (const code of data.codes) expect((await request(first.port, 'POST', '/v1/sessions', { body: { code: code.code } })).status).toBe(201);
    await until('retries', () => new Set(receiver.received.map((r) => r.id)).size === events && receiver.received.length >= events * 2);

    // Kill the server while a delivery is in flight: the receiver holds it and has not answered.
    let inFlight = 0;
    receiver.answerWith(() => {
      inFlight++;
      return new Promise((resolve) => setTimeout(() => resolve(500), 3000));
    });
    await until('a delivery in flight', () => inFlight > 0);
    await first.kill();
    expect(receiver.received.some((r) => r.answered === 0)).toBe(true);

    // Started again, against a receiver that now accepts: every event arrives.
    receiver.answerWith(() => 200);
    const second = await startServerProcess(data, env);
    servers.push(second);
    await until('every event delivered', () => new Set(receiver.accepted().map((r) => r.id)).size === events);
    await second.stop();

    const refs = data.codes.map((c) => c.ref).sort();
    expect([...new Set(receiver.accepted().map((r) => r.json.data.code as string))].sort()).toEqual(refs);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    // One webhook-id per event: every attempt at one code's event carried the same id.
    const idsByCode = new Map<string, Set<string>>();
    for (const r of receiver.received) (idsByCode.get(r.json.data.code as string) ?? idsByCode.set(r.json.data.code as string, new Set()).get(r.json.data.code as string)!).add(r.id);
    expect([...idsByCode.values()].map((ids) => ids.size)).toEqual(refs.map(() => 1));
    const after = await openSeeded(data);
    try {
      const rows = await after.kysely.selectFrom('webhook_deliveries').select(['status', 'attempts']).execute();
      expect(rows.map((r) => r.status)).toEqual(refs.map(() => 'delivered'));
      expect(Math.min(...rows.map((r) => r.attempts))).toBeGreaterThanOrEqual(2);
    } finally {
      await after.close();
    }
  });
});
