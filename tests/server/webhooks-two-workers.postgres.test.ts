/**
 * Two server instances on one PostgreSQL database share the outbox without sending an
 * event twice at once: each worker claims rows with FOR UPDATE SKIP LOCKED under a lease.
 * Here two workers (two stores, two connection pools, as two processes have) drain one
 * outbox against a slow receiver: every event arrives exactly once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { openStore, type Store } from '../../server/store/open-store.ts';
import { deriveSecrets } from '../../server/config.ts';
import { systemClock } from '../../server/clock.ts';
import { createOrg } from '../../server/admin.ts';
import { testDatabase, type TestDatabase } from '../support/test-store.ts';
import { recordEvent } from '../../server/webhooks/events.ts';
import { newEndpointSecret } from '../../server/webhooks/signing.ts';
import { startWebhookWorker, type WebhookWorker } from '../../server/webhooks/worker.ts';
import { webhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

let database: TestDatabase;
const stores: Store[] = [];
const workers: WebhookWorker[] = [];
let receiver: WebhookReceiver;
afterAll(async () => {
  for (const worker of workers) await worker.stop();
  for (const store of stores) await store.close();
  await receiver?.close();
  await database?.drop();
});

describe('two workers on one PostgreSQL outbox', () => {
  it('deliver every event once, never the same one at the same time', { timeout: 120_000 }, async () => {
    database = await testDatabase();
    const [a, b] = [await openStore({ url: database.url }), await openStore({ url: database.url })];
    stores.push(a, b);
    const secrets = deriveSecrets(randomBytes(32));
    const now = new Date();
    const { id: orgId } = await createOrg(a, 'bydel-a', 'Bydel A', now);
    const { secret, sealed } = newEndpointSecret(secrets);
    receiver = await webhookReceiver();
    receiver.verifyWith(secret);
    await a.webhooks.addEndpoint({ ref: 'whk_two', orgId, url: receiver.url, events: ['code.activated'], sealed, staffId: null, now: now.toISOString() });

    const events = 60;
    await a.transaction(async (tx) => {
      for (let i = 0; i < events; i++) await recordEvent(tx, { orgId, type: 'code.activated', occurredAt: now.toISOString(), data: { code: `cod_${i}` } });
    });

    const open = new Set<string>();
    let overlaps = 0;
    receiver.answerWith((delivery) => {
      if (open.has(delivery.id)) overlaps++;
      open.add(delivery.id);
      return new Promise((resolve) => setTimeout(() => {
        open.delete(delivery.id);
        resolve(200);
      }, 30));
    });
    for (const store of [a, b]) workers.push(startWebhookWorker({ store, secrets, clock: systemClock, pollMs: 20, batch: 5, timeoutMs: 5000, allowPrivate: true }));
    const end = Date.now() + 60_000;
    while (receiver.accepted().length < events && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(overlaps).toBe(0);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    const ids = receiver.received.map((r) => r.id);
    expect(ids).toHaveLength(events);
    expect(new Set(ids).size).toBe(events);
    const rows = await a.kysely.selectFrom('webhook_deliveries').select(['status', 'attempts']).execute();
    expect(rows.every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
  });
});
