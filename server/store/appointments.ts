/** Follow-up appointments: date, time and kind only, never notes. */
import { sql } from 'kysely';
import type { Executor } from './executor.ts';
import { preparedQuery } from './prepared.ts';

export type AppointmentKind = 'phone' | 'video' | 'in_person';
export interface AppointmentRow { ref: string; at: string; kind: AppointmentKind; created_at: string }

// GET /v1/me asks for the next one on every request: built once (store/prepared.ts), with
// the limit written into the SQL (store/prepared.ts says why).
const nextQuery = preparedQuery((db, codeId: number, now: string) =>
  db.selectFrom('appointments').select(['ref', 'at', 'kind', 'created_at']).where('code_id', '=', codeId).where('at', '>=', now).orderBy('at').limit(sql.lit(1)));

/**
 * Appointments.
 *
 * @example
 *   await appointmentStore(x).next(codeId, now)
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
    next: async (codeId: number, now: string): Promise<AppointmentRow | undefined> => (await nextQuery(x, codeId, now))[0],
    remove: (codeId: number, ref: string) =>
      x.write(async (db) => {
        const result = await db.deleteFrom('appointments').where('code_id', '=', codeId).where('ref', '=', ref).executeTakeFirst();
        return result.numDeletedRows === 1n;
      }),
  };
}
export type AppointmentStore = ReturnType<typeof appointmentStore>;
