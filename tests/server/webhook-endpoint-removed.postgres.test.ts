/**
 * A change that records a webhook event reads its organisation's endpoints, then writes
 * one delivery per endpoint, in one transaction. On PostgreSQL another connection can
 * remove an endpoint in between (an administrator, or another instance); the change must
 * still commit, not fail on the delivery's reference to the endpoint that went.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testStore } from '../support/test-store.ts';

let env: Awaited<ReturnType<typeof testStore>>;
beforeEach(async () => {
  env = await testStore();
});
afterEach(async () => {
  await env.close();
});

describe('an endpoint removed while a change records its event', () => {
  it('commits the change, and the removal then takes the new delivery with it', async () => {
    const { store, database } = env;
    const now = new Date().toISOString();
    const orgId = await store.orgs.create('bydel-a', 'Bydel A', now);
    await store.webhooks.addEndpoint({ ref: 'wh_removed', orgId, url: 'https://partner.example/hook', events: ['code.activated'], sealed: 'sealed', staffId: null, now });
    const [endpoint] = await store.webhooks.endpoints(orgId);

    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      let removal: Promise<unknown> | undefined;
      await store.transaction(async (tx) => {
        const subscribers = await tx.webhooks.subscribers(orgId, 'code.activated');
        expect(subscribers).toEqual([{ id: endpoint!.id }]);
        // The removal runs on its own connection while this transaction is open, and is
        // given time to commit before the delivery is written.
        removal = other.query('DELETE FROM webhook_endpoints WHERE id = $1', [endpoint!.id]);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await tx.webhooks.enqueue(subscribers.map((s) => ({
          msgId: 'msg_removed', endpointId: s.id, type: 'code.activated', codeId: null, dedupKey: null, payload: '{}', now,
        })));
      });
      await removal;
    } finally {
      await other.end();
    }
    expect(await store.webhooks.endpoints(orgId)).toEqual([]);
    const left = await store.kysely.selectFrom('webhook_deliveries').select('msg_id').execute();
    expect(left).toEqual([]);
  });
});
