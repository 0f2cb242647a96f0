/** Follow-up appointments: date, time and kind only, never notes. */
import type { Executor } from './executor.ts';

export type AppointmentKind = 'phone' | 'video' | 'in_person';
export interface AppointmentRow { ref: string; at: string; kind: AppointmentKind; created_at: string }

/**
 * Appointments (GET /v1/me reads the next one with the progress snapshot: store/progress.ts).
 *
 * @example
 *   await appointmentStore(x).upcoming(codeId, now)
 */
export function appointmentStore(x: Executor) {
  const upcoming = (codeId: number, now: string) =>
    x.db.selectFrom('appointments').select(['ref', 'at', 'kind', 'created_at']).where('code_id', '=', codeId).where('at', '>=', now).orderBy('at');
  return {
    add: (codeId: number, ref: string, at: string, kind: AppointmentKind, staffId: number, now: string) =>
      x.write(async (db) => {
        await db.insertInto('appointments').values({ ref, code_id: codeId, at, kind, created_by: staffId, created_at: now }).execute();
      }),
    upcoming: (codeId: number, now: string): Promise<AppointmentRow[]> => upcoming(codeId, now).execute(),
    /** The latest appointment before `now`, or undefined. */
    last: (codeId: number, now: string): Promise<AppointmentRow | undefined> =>
      x.db.selectFrom('appointments').select(['ref', 'at', 'kind', 'created_at']).where('code_id', '=', codeId).where('at', '<', now).orderBy('at', 'desc').limit(1).executeTakeFirst(),
    remove: (codeId: number, ref: string) =>
      x.write(async (db) => {
        const result = await db.deleteFrom('appointments').where('code_id', '=', codeId).where('ref', '=', ref).executeTakeFirst();
        return result.numDeletedRows === 1n;
      }),
  };
}
export type AppointmentStore = ReturnType<typeof appointmentStore>;
