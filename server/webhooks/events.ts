/**
 * The webhook events and how a change records one: `recordEvent` writes one outbox row
 * per subscribed endpoint with the stores of the change's own transaction, so an event
 * exists exactly when its change was committed. Events about a person's results are
 * written only while that person consents (and checked again when sent).
 */
import { newRef } from '../auth/tokens.ts';
import type { TableStores } from '../store/index.ts';

/** Every event type an endpoint can subscribe to. */
export const eventTypes = [
  'code.activated', 'code.erased', 'section.completed', 'questionnaire.due', 'questionnaire.answered',
  'flag.raised', 'flag.handled', 'evaluation.answered',
] as const;
export type EventType = (typeof eventTypes)[number];
/** The event `POST /v1/staff/webhooks/{ref}/test` sends (not subscribable). */
export const testEventType = 'webhook.test';

/** Events about a person's results: sent only while the person consents to share. */
export const resultEvents: ReadonlySet<string> = new Set<EventType>(['section.completed', 'questionnaire.due', 'questionnaire.answered', 'flag.raised', 'flag.handled', 'evaluation.answered']);

/**
 * An event's data: the code's ref and ids (of parts, questionnaires, responses, flags),
 * never a code, token, answer or free text.
 */
export type EventData = { code: string } & Record<string, string | string[]>;

export interface WebhookEvent {
  orgId: number;
  type: EventType;
  occurredAt: string;
  /** The code the event is about: required for result events (its consent decides). */
  codeId?: number;
  data: EventData;
  /** Keeps a computed event from being written twice for one endpoint. */
  dedupKey?: string;
}

/** The delivery body: `{type, occurredAt, data}`. */
export function eventBody(type: string, occurredAt: string, data: Record<string, unknown>): string {
  return JSON.stringify({ type, occurredAt, data });
}

/**
 * Writes `event` to the outbox of every endpoint of its organisation subscribed to its
 * type; returns how many. Call it with the transaction's stores, beside the change.
 *
 * @example
 *   await stores.transaction(async (tx) => {
 *     await tx.progress.complete(code.id, sectionId, now);
 *     await recordEvent(tx, { orgId: code.org_id, type: 'section.completed', occurredAt: now, codeId: code.id, data: { code: code.ref, section: sectionId } });
 *   });
 */
export async function recordEvent(tx: TableStores, event: WebhookEvent): Promise<number> {
  const endpoints = await tx.webhooks.subscribers(event.orgId, event.type);
  if (!endpoints.length) return 0;
  const result = resultEvents.has(event.type);
  if (result) {
    if (event.codeId === undefined) throw new Error(`${event.type} is about a person's results: pass codeId so that consent is checked`);
    if ((await tx.codes.consent(event.codeId)) !== true) return 0;
  }
  const payload = eventBody(event.type, event.occurredAt, event.data);
  await tx.webhooks.enqueue(endpoints.map((e) => ({
    msgId: newRef('msg'), endpointId: e.id, type: event.type, codeId: result ? event.codeId! : null,
    dedupKey: event.dedupKey ?? null, payload, now: event.occurredAt,
  })));
  return endpoints.length;
}
