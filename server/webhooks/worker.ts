/**
 * Delivers the outbox. Runs inside the server process: every poll it claims due rows
 * under a lease (state lives in the database, so a restart or a second instance picks up
 * where the first stopped), sends each with Standard Webhooks signatures, and records the
 * outcome: delivered on a 2xx, else another attempt after the next backoff step, and
 * `failed` when the schedule (about 27 hours by default) is spent. Result events are sent
 * only while the person still consents; otherwise they are dropped, never sent late.
 * Delivery is at least once: a receiver deduplicates on webhook-id. A receiver on the
 * server's own network is refused at connect time (send.ts), recorded and retried like
 * a network error, unless private addresses are allowed.
 */
import { newRef } from '../auth/tokens.ts';
import type { Clock } from '../clock.ts';
import type { Secrets } from '../config.ts';
import type { Stores } from '../store/index.ts';
import type { AttemptOutcome, ClaimedDelivery } from '../store/webhooks.ts';
import { openEndpointSecret, signedHeaders } from './signing.ts';
import { webhookSender } from './send.ts';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
/** Waits before attempts 2..8 (27 h 35 min in all): after that a delivery is `failed`. */
export const defaultBackoffMs = [5 * second, 5 * minute, 30 * minute, 2 * hour, 5 * hour, 10 * hour, 10 * hour];

export interface WorkerOptions {
  store: Stores;
  secrets: Secrets;
  clock: Clock;
  /** The wait before each retry; its length is the number of retries (default defaultBackoffMs). */
  backoffMs?: number[];
  /**
   * Send to receivers on the server's own network (loopback, private ranges ...): off by
   * default (MESTRING_WEBHOOKS_ALLOW_PRIVATE); such an attempt is then `address_private`.
   */
  allowPrivate?: boolean;
  /** How long a receiver may take to answer (default 10 s). */
  timeoutMs?: number;
  /** How long a claim is held: longer than a batch can take (default twice timeoutMs + 5 s). */
  leaseMs?: number;
  /** How often the outbox is looked at (default 1 s). */
  pollMs?: number;
  /** Deliveries claimed and sent together (default 50). */
  batch?: number;
  /** Runs on every poll before delivering (questionnaire.due). */
  beforePoll?: () => Promise<void>;
  log?: (line: string) => void;
}

export interface WebhookWorker {
  /** Claims one batch of due deliveries and sends it; resolves with how many were claimed. */
  runOnce(): Promise<number>;
  /** Stops polling and waits for the batch in flight. */
  stop(): Promise<void>;
}

/**
 * Starts the worker; `pollMs: 0` starts none (tests drive it with runOnce).
 *
 * @example
 *   const worker = startWebhookWorker({ store, secrets, clock: systemClock });
 *   await worker.stop();
 */
export function startWebhookWorker(options: WorkerOptions): WebhookWorker {
  const { store, secrets, clock } = options;
  const backoff = options.backoffMs ?? defaultBackoffMs;
  const timeoutMs = options.timeoutMs ?? 10 * second;
  const leaseMs = options.leaseMs ?? 2 * timeoutMs + 5 * second;
  const batch = options.batch ?? 50;
  const log = options.log ?? (() => {});
  const send = webhookSender({ allowPrivate: options.allowPrivate ?? false });

  const outcomeOf = async (row: ClaimedDelivery): Promise<AttemptOutcome> => {
    if (row.code_id !== null && (await store.codes.consent(row.code_id)) !== true) {
      return { kind: 'dropped', at: clock.now().toISOString(), error: 'consent_withdrawn' };
    }
    const secret = openEndpointSecret(secrets, row.secret_sealed);
    const at = clock.now();
    if (!secret) return { kind: 'failed', at: at.toISOString(), error: 'secret_unreadable', status: null };
    const sent = await send(row.url, signedHeaders(secret, row.msg_id, at, row.payload), row.payload, timeoutMs);
    const done = clock.now();
    if (sent.ok) return { kind: 'delivered', at: done.toISOString(), status: sent.status };
    const wait = backoff[row.attempts];
    if (wait === undefined) return { kind: 'failed', at: done.toISOString(), error: sent.error, status: sent.status };
    return { kind: 'retry', at: done.toISOString(), next: new Date(done.getTime() + wait).toISOString(), error: sent.error, status: sent.status };
  };

  const runOnce = async (): Promise<number> => {
    const now = clock.now();
    if ((await store.webhooks.dueCount(now.toISOString())) === 0) return 0;
    const owner = newRef('lease');
    const claimed = await store.webhooks.claim(now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), owner, batch);
    // Sent together, recorded together: one write per batch. A crash in between sends the
    // batch again (at least once); the lease outlasts the slowest receiver.
    const results = await Promise.all(claimed.map(async (row) => ({ id: row.id, outcome: await outcomeOf(row) })));
    const lost = new Set(await store.webhooks.finish(owner, results));
    for (const [i, { id, outcome }] of results.entries()) {
      const row = claimed[i]!;
      if (lost.has(id)) log(`webhooks lease lost ${row.msg_id}`);
      if (outcome.kind !== 'delivered') log(`webhooks ${outcome.kind} ${row.msg_id} ${row.type} ${'error' in outcome ? outcome.error : ''}`);
    }
    return claimed.length;
  };

  let stopped = false;
  let inFlight: Promise<void> | undefined;
  const poll = async () => {
    try {
      await options.beforePoll?.();
      while (!stopped && (await runOnce()) === batch);
    } catch (error) {
      // The database may be away for a moment: the rows stay, the next poll tries again.
      log(`webhooks error ${(error as Error).name}`);
    }
  };
  const pollMs = options.pollMs ?? second;
  const timer = pollMs > 0
    ? setInterval(() => {
      if (!inFlight) inFlight = poll().finally(() => (inFlight = undefined));
    }, pollMs)
    : undefined;
  timer?.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await inFlight;
    },
  };
}
