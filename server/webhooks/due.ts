/**
 * questionnaire.due: no request causes it, time does. On a timer, for every organisation
 * with an endpoint subscribed to it, each consenting code's repeat questionnaires that
 * are due now are written to the outbox once per due period (the dedup key names the
 * instrument and the last answer before it), so several instances or polls never repeat one.
 *
 * The scan runs in the server process beside the requests, on databases of any size
 * (docs/performance.md, "Scale"): it reads the codes that consent a page at a time from
 * the consent history (a code that never consented costs nothing), lets the event loop
 * serve requests between pages (on SQLite every read is synchronous, and a scan without
 * a write never gave it back), asks once per page which events are already in the
 * outbox, and writes the new ones of a page in one transaction.
 */
import type { CompiledProgram } from '../../schemas/types.ts';
import { dueNow } from '../../engine/progress/index.ts';
import type { Clock } from '../clock.ts';
import type { Stores } from '../store/index.ts';
import { readSnapshot } from '../person-progress.ts';
import { recordEvent, type WebhookEvent } from './events.ts';
import { nextTurn } from '../next-turn.ts';
import { atMostEvery } from '../at-most-every.ts';

/** Codes read per page of the scan. */
export const duePageSize = 100;

/**
 * Records the questionnaire.due events of `now` (one the outbox already holds is skipped);
 * returns how many deliveries were offered.
 *
 * @example
 *   await recordDueQuestionnaires(stores, programs, new Date(), 'Europe/Oslo');
 */
export async function recordDueQuestionnaires(stores: Stores, programs: ReadonlyMap<string, CompiledProgram>, now: Date, timeZone: string, pageSize = duePageSize): Promise<number> {
  const endpointsOf = new Map<number, number[]>();
  for (const orgId of await stores.webhooks.orgsSubscribedTo('questionnaire.due')) {
    endpointsOf.set(orgId, (await stores.webhooks.subscribers(orgId, 'questionnaire.due')).map((e) => e.id));
  }
  if (!endpointsOf.size) return 0;
  let written = 0;
  for (let after: number | undefined = 0; after !== undefined;) {
    const page = await stores.codes.consentingPage(after, pageSize);
    after = page.next;
    const events: WebhookEvent[] = [];
    for (const code of page.rows) {
      const program = programs.get(code.program_id);
      if (!program || !endpointsOf.has(code.org_id)) continue;
      const snapshot = await readSnapshot(stores, code.id);
      for (const item of dueNow(program, snapshot, now, timeZone).filter((d) => d.kind === 'repeated')) {
        const last = snapshot.responses.filter((r) => r.instrument === item.instrument).at(-1)?.at ?? 'never';
        events.push({
          orgId: code.org_id, type: 'questionnaire.due', occurredAt: now.toISOString(), codeId: code.id,
          data: { code: code.ref, questionnaire: item.instrument }, dedupKey: `questionnaire.due:${code.ref}:${item.instrument}:${last}`,
        });
      }
    }
    // A due period stays due until it is answered: most events of a scan were written by
    // an earlier one, and finding that out is one read, not a write transaction each.
    const held = await stores.webhooks.heldDedupKeys([...new Set(events.flatMap((e) => endpointsOf.get(e.orgId)!))], events.map((e) => e.dedupKey!));
    const fresh = events.filter((e) => endpointsOf.get(e.orgId)!.some((id) => !held.has(`${id} ${e.dedupKey}`)));
    if (fresh.length) {
      written += await stores.transaction(async (tx) => {
        let offered = 0;
        for (const event of fresh) offered += await recordEvent(tx, event);
        return offered;
      });
    }
    await nextTurn();
  }
  return written;
}

/** How long finished deliveries stay in the delivery log. */
export const deliveryLogDays = 30;

/**
 * A `beforePoll` for the worker that, at most every `everyMs`, records due questionnaires
 * and removes finished deliveries older than `deliveryLogDays` from the log.
 *
 * @example
 *   startWebhookWorker({ ..., beforePoll: dueQuestionnaireTimer({ stores, programs, clock, timeZone, everyMs: 15 * 60_000 }) });
 */
export function dueQuestionnaireTimer(options: { stores: Stores; programs: ReadonlyMap<string, CompiledProgram>; clock: Clock; timeZone: string; everyMs: number }): () => Promise<void> {
  return atMostEvery(options.clock, options.everyMs, async (now) => {
    await recordDueQuestionnaires(options.stores, options.programs, now, options.timeZone);
    await options.stores.webhooks.prune(new Date(now.getTime() - deliveryLogDays * 24 * 3600_000).toISOString());
  });
}
