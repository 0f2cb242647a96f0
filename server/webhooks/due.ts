/**
 * questionnaire.due: no request causes it, time does. On a timer, for every organisation
 * with an endpoint subscribed to it, each consenting code's repeat questionnaires that
 * are due now are written to the outbox once per due period (the dedup key names the
 * instrument and the last answer before it), so several instances or polls never repeat one.
 */
import type { CompiledProgram } from '../../schemas/types.ts';
import { dueNow } from '../../engine/progress/index.ts';
import type { Clock } from '../clock.ts';
import type { Stores } from '../store/index.ts';
import { readSnapshot } from '../person-progress.ts';
import { recordEvent } from './events.ts';

/**
 * Records the questionnaire.due events of `now` (one the outbox already holds is skipped);
 * returns how many were offered.
 *
 * @example
 *   await recordDueQuestionnaires(stores, programs, new Date(), 'Europe/Oslo');
 */
export async function recordDueQuestionnaires(stores: Stores, programs: ReadonlyMap<string, CompiledProgram>, now: Date, timeZone: string): Promise<number> {
  let written = 0;
  for (const orgId of await stores.webhooks.orgsSubscribedTo('questionnaire.due')) {
    for (const code of await stores.codes.list(orgId)) {
      const program = programs.get(code.program_id);
      if (!program || code.share !== 1 || code.revoked_at || code.erased_at) continue;
      const snapshot = await readSnapshot(stores, code.id);
      for (const item of dueNow(program, snapshot, now, timeZone).filter((d) => d.kind === 'repeated')) {
        const last = snapshot.responses.filter((r) => r.instrument === item.instrument).at(-1)?.at ?? 'never';
        written += await stores.transaction((tx) => recordEvent(tx, {
          orgId, type: 'questionnaire.due', occurredAt: now.toISOString(), codeId: code.id,
          data: { code: code.ref, questionnaire: item.instrument }, dedupKey: `questionnaire.due:${code.ref}:${item.instrument}:${last}`,
        }));
      }
    }
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
  let last = -Infinity;
  return async () => {
    const now = options.clock.now();
    if (now.getTime() - last < options.everyMs) return;
    last = now.getTime();
    await recordDueQuestionnaires(options.stores, options.programs, now, options.timeZone);
    await options.stores.webhooks.prune(new Date(now.getTime() - deliveryLogDays * 24 * 3600_000).toISOString());
  };
}
