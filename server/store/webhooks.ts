/**
 * Webhook endpoints and the outbox of their deliveries. Events are enqueued with the
 * stores of the transaction that made the change; the worker claims due rows under a
 * lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so instances sharing a database never
 * claim the same row) and records each attempt's outcome.
 */
import type { Db, Executor } from './executor.ts';
import type { WebhookDeliveriesTable } from './schema.ts';
import { preparedQuery } from './prepared.ts';

export interface EndpointRow { id: number; ref: string; org_id: number; url: string; events: string; secret_sealed: string; created_at: string }
export type DeliveryStatus = WebhookDeliveriesTable['status'];
export interface DeliveryRow {
  msg_id: string; type: string; status: DeliveryStatus; attempts: number; next_attempt_at: string; last_error: string | null;
  last_status: number | null; last_attempt_at: string | null; delivered_at: string | null; created_at: string;
}
/** A claimed delivery with what the worker needs to send it. */
export interface ClaimedDelivery {
  id: number; msg_id: string; type: string; code_id: number | null; payload: string; attempts: number; url: string; secret_sealed: string;
}
export interface NewDelivery { msgId: string; endpointId: number; type: string; codeId: number | null; dedupKey: string | null; payload: string; now: string }
/** What one attempt came to. */
export type AttemptOutcome =
  | { kind: 'delivered'; at: string; status: number }
  | { kind: 'retry'; at: string; next: string; error: string; status: number | null }
  | { kind: 'failed'; at: string; error: string; status: number | null }
  | { kind: 'dropped'; at: string; error: string };

const endpointCols = ['id', 'ref', 'org_id', 'url', 'events', 'secret_sealed', 'created_at'] as const;
const deliveryCols = ['msg_id', 'type', 'status', 'attempts', 'next_attempt_at', 'last_error', 'last_status', 'last_attempt_at', 'delivered_at', 'created_at'] as const;

// Every answer and completed part asks who subscribed: built once (store/prepared.ts).
const subscribersOf = (db: Db, orgId: number) => db.selectFrom('webhook_endpoints').select(['id', 'events']).where('org_id', '=', orgId);
const subscribersQuery = preparedQuery(subscribersOf);
// On PostgreSQL the endpoints read stay locked against deletion until the change's
// transaction ends: another connection removing one in between would otherwise make the
// delivery's insert fail on its reference, and the change with it. The removal waits,
// then takes the new deliveries with it (ON DELETE CASCADE). SQLite runs one write
// transaction at a time and has no FOR KEY SHARE.
const lockedSubscribersQuery = preparedQuery((db: Db, orgId: number) => subscribersOf(db, orgId).forKeyShare());
/** Whether an endpoint's stored event list (space-separated) holds `type`. */
const subscribes = (events: string, type: string) => events.split(' ').includes(type);

/**
 * Webhooks.
 *
 * @example
 *   const claimed = await webhookStore(x).claim(now, leaseUntil, 'worker-1', 20);
 */
export function webhookStore(x: Executor) {
  return {
    addEndpoint: (row: { ref: string; orgId: number; url: string; events: string[]; sealed: string; staffId: number | null; now: string }) =>
      x.write(async (db) => {
        await db.insertInto('webhook_endpoints').values({
          ref: row.ref, org_id: row.orgId, url: row.url, events: row.events.join(' '), secret_sealed: row.sealed, created_by: row.staffId, created_at: row.now,
        }).execute();
      }),
    endpoints: (orgId: number): Promise<EndpointRow[]> =>
      x.db.selectFrom('webhook_endpoints').select(endpointCols).where('org_id', '=', orgId).orderBy('id').execute(),
    endpoint: (orgId: number, ref: string): Promise<EndpointRow | undefined> =>
      x.db.selectFrom('webhook_endpoints').select(endpointCols).where('org_id', '=', orgId).where('ref', '=', ref).executeTakeFirst(),
    /** The organisation an endpoint ref belongs to, whichever it is (to notice probes across organisations). */
    async orgOfRef(ref: string): Promise<number | undefined> {
      return (await x.db.selectFrom('webhook_endpoints').select('org_id').where('ref', '=', ref).executeTakeFirst())?.org_id;
    },
    /** Deletes an endpoint and its delivery log; false when the organisation has no such endpoint. */
    removeEndpoint: (orgId: number, ref: string) =>
      x.write(async (db) => {
        const endpoint = await db.selectFrom('webhook_endpoints').select('id').where('org_id', '=', orgId).where('ref', '=', ref).executeTakeFirst();
        if (!endpoint) return false;
        await db.deleteFrom('webhook_deliveries').where('endpoint_id', '=', endpoint.id).execute();
        await db.deleteFrom('webhook_endpoints').where('id', '=', endpoint.id).execute();
        return true;
      }),
    /** The organisation's endpoints subscribed to `type`. */
    async subscribers(orgId: number, type: string): Promise<{ id: number }[]> {
      const rows = await (x.dialect === 'postgres' ? lockedSubscribersQuery : subscribersQuery)(x, orgId);
      return rows.filter((r) => subscribes(r.events, type)).map((r) => ({ id: r.id }));
    },
    /**
     * Whether any of the organisation's endpoints is subscribed to one of `types`, read
     * without a lock: for a write that needs its transaction only when there are events
     * to record with it.
     */
    async anySubscribed(orgId: number, types: readonly string[]): Promise<boolean> {
      const rows = await subscribersQuery(x, orgId);
      return rows.some((r) => types.some((type) => subscribes(r.events, type)));
    },
    /** Organisations with an endpoint subscribed to `type`. */
    async orgsSubscribedTo(type: string): Promise<number[]> {
      const rows = await x.db.selectFrom('webhook_endpoints').select(['org_id', 'events']).execute();
      return [...new Set(rows.filter((r) => subscribes(r.events, type)).map((r) => r.org_id))];
    },
    /** Of `keys`, the dedup keys each endpoint already holds, as `${endpointId} ${key}`. */
    async heldDedupKeys(endpointIds: readonly number[], keys: readonly string[]): Promise<Set<string>> {
      if (!endpointIds.length || !keys.length) return new Set();
      const rows = await x.db.selectFrom('webhook_deliveries').select(['endpoint_id', 'dedup_key'])
        .where('endpoint_id', 'in', endpointIds).where('dedup_key', 'in', keys).execute();
      return new Set(rows.map((r) => `${r.endpoint_id} ${r.dedup_key}`));
    },
    /** Writes deliveries; one whose endpoint already has its dedup key is skipped. */
    enqueue: (rows: NewDelivery[]) =>
      x.write(async (db) => {
        for (const r of rows) {
          await db.insertInto('webhook_deliveries').values({
            msg_id: r.msgId, endpoint_id: r.endpointId, type: r.type, code_id: r.codeId, dedup_key: r.dedupKey, payload: r.payload,
            status: 'pending', next_attempt_at: r.now, created_at: r.now,
          }).onConflict((oc) => oc.columns(['endpoint_id', 'dedup_key']).doNothing()).execute();
        }
      }),
    /** How many deliveries are due and unclaimed at `now` (a read: an idle worker writes nothing). */
    async dueCount(now: string): Promise<number> {
      const row = await x.db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending').where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)])).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    /** Leases up to `limit` due deliveries to `owner` until `leaseUntil`, and returns them. */
    claim: (now: string, leaseUntil: string, owner: string, limit: number): Promise<ClaimedDelivery[]> =>
      x.write(async (db) => {
        let due = db.selectFrom('webhook_deliveries').select('id')
          .where('status', '=', 'pending').where('next_attempt_at', '<=', now)
          .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
          .orderBy('next_attempt_at').orderBy('id').limit(limit);
        if (x.dialect === 'postgres') due = due.forUpdate().skipLocked();
        const ids = (await due.execute()).map((r) => r.id);
        if (!ids.length) return [];
        await db.updateTable('webhook_deliveries').set({ lease_until: leaseUntil, lease_owner: owner }).where('id', 'in', ids).execute();
        return db.selectFrom('webhook_deliveries').innerJoin('webhook_endpoints', 'webhook_endpoints.id', 'webhook_deliveries.endpoint_id')
          .select(['webhook_deliveries.id', 'msg_id', 'type', 'code_id', 'payload', 'attempts', 'url', 'secret_sealed'])
          .where('webhook_deliveries.id', 'in', ids).where('lease_owner', '=', owner).orderBy('webhook_deliveries.id').execute();
      }),
    /**
     * Records the outcomes of a claimed batch in one write and releases their leases;
     * returns the ids whose lease was lost meanwhile (nothing is recorded for those).
     */
    finish: (owner: string, results: { id: number; outcome: AttemptOutcome }[]) =>
      x.write(async (db) => {
        const lost: number[] = [];
        for (const { id, outcome } of results) {
          const attempted = outcome.kind !== 'dropped';
          const result = await db.updateTable('webhook_deliveries').set((eb) => ({
            lease_until: null, lease_owner: null, last_attempt_at: outcome.at,
            ...(attempted ? { attempts: eb('attempts', '+', 1) } : {}),
            ...(outcome.kind === 'delivered' ? { status: 'delivered', delivered_at: outcome.at, last_status: outcome.status, last_error: null } : {}),
            ...(outcome.kind === 'retry' ? { next_attempt_at: outcome.next, last_error: outcome.error, last_status: outcome.status } : {}),
            ...(outcome.kind === 'failed' ? { status: 'failed', last_error: outcome.error, last_status: outcome.status } : {}),
            ...(outcome.kind === 'dropped' ? { status: 'dropped', last_error: outcome.error } : {}),
          })).where('id', '=', id).where('lease_owner', '=', owner).executeTakeFirst();
          if (result.numUpdatedRows !== 1n) lost.push(id);
        }
        return lost;
      }),
    /** Deletes finished deliveries (delivered, failed, dropped) made before `before`; returns how many. */
    prune: (before: string) =>
      x.write(async (db) => {
        const result = await db.deleteFrom('webhook_deliveries').where('status', '!=', 'pending').where('created_at', '<', before).executeTakeFirst();
        return Number(result.numDeletedRows);
      }),
    /** An endpoint's delivery log, newest first. */
    deliveries: (endpointId: number, limit: number): Promise<DeliveryRow[]> =>
      x.db.selectFrom('webhook_deliveries').select(deliveryCols).where('endpoint_id', '=', endpointId).orderBy('id', 'desc').limit(limit).execute(),
  };
}
export type WebhookStore = ReturnType<typeof webhookStore>;
