/** Follow-up appointments: date, time and kind only, never notes. SQL lives only here. */
import type { Db } from '../db/open-database.ts';

export type AppointmentKind = 'phone' | 'video' | 'in_person';
export interface AppointmentRow { ref: string; at: string; kind: AppointmentKind; created_at: string }

/**
 * Prepared statements for appointments.
 *
 * @example
 *   appointmentStore(db).next(codeId, now)
 */
export function appointmentStore(db: Db) {
  const insert = db.prepare('INSERT INTO appointments (ref, code_id, at, kind, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const upcoming = db.prepare<[number, string], AppointmentRow>('SELECT ref, at, kind, created_at FROM appointments WHERE code_id = ? AND at >= ? ORDER BY at');
  const remove = db.prepare('DELETE FROM appointments WHERE code_id = ? AND ref = ?');
  return {
    add: (codeId: number, ref: string, at: string, kind: AppointmentKind, staffId: number, now: string) => void insert.run(ref, codeId, at, kind, staffId, now),
    upcoming: (codeId: number, now: string) => upcoming.all(codeId, now),
    next: (codeId: number, now: string) => upcoming.get(codeId, now),
    remove: (codeId: number, ref: string) => remove.run(codeId, ref).changes === 1,
  };
}
export type AppointmentStore = ReturnType<typeof appointmentStore>;
