/**
 * What a person has done: opened and completed parts, exercise entries, questionnaire
 * responses and check-ins. Each row keeps the program version it was made under;
 * answers stay keyed by the program's permanent ids.
 */
import { sql } from 'kysely';
import type { Db, Executor } from './executor.ts';
import type { AppointmentKind } from './appointments.ts';
import { preparedQuery, preparedWrite } from './prepared.ts';

export interface SectionStateRow { section_id: string; opened_at: string; opened_by: 'progress' | 'staff'; opened_reason: string | null; completed_at: string | null; program_version: string }
export interface EntryRow { id: number; ref: string; code_id: number; exercise_id: string; section_id: string; values_json: string; program_version: string; created_at: string; updated_at: string }
export interface ResponseRow { ref: string; instrument_id: string; answers_json: string; score_json: string; program_version: string; created_at: string }
export interface CheckinRow { ref: string; ratings_json: string; program_version: string; created_at: string }

const entryCols = ['id', 'ref', 'code_id', 'exercise_id', 'section_id', 'values_json', 'program_version', 'created_at', 'updated_at'] as const;
const responseCols = ['ref', 'instrument_id', 'answers_json', 'score_json', 'program_version', 'created_at'] as const;
const checkinCols = ['ref', 'ratings_json', 'program_version', 'created_at'] as const;

// What part states and the person's routes read on every request: built once (store/prepared.ts).
const sectionStatesQuery = preparedQuery((db, codeId: number) =>
  db.selectFrom('section_states').select(['section_id', 'opened_at', 'opened_by', 'opened_reason', 'completed_at', 'program_version']).where('code_id', '=', codeId));
const openedQuery = preparedQuery((db, codeId: number, sectionId: string) =>
  db.selectFrom('section_states').select(sql.lit(1).as('opened')).where('code_id', '=', codeId).where('section_id', '=', sectionId));
const entriesQuery = preparedQuery((db, codeId: number) => db.selectFrom('entries').select(entryCols).where('code_id', '=', codeId).orderBy('id'));
const entryQuery = preparedQuery((db, codeId: number, ref: string) => db.selectFrom('entries').select(entryCols).where('code_id', '=', codeId).where('ref', '=', ref));
const responsesQuery = preparedQuery((db, codeId: number) => db.selectFrom('responses').select(responseCols).where('code_id', '=', codeId).orderBy('id'));
const responseQuery = preparedQuery((db, codeId: number, ref: string) => db.selectFrom('responses').select(responseCols).where('code_id', '=', codeId).where('ref', '=', ref));
const checkinQuery = preparedQuery((db, codeId: number, ref: string) => db.selectFrom('checkins').select(checkinCols).where('code_id', '=', codeId).where('ref', '=', ref));

/**
 * One row of a progress snapshot (see `snapshotRows`). `kind` says what it is: 0 a part
 * (key: its id, at: opened, done: completed), 1 an exercise's entries (key: its id, at:
 * the latest change, n: how many), 2 an answer (key: the questionnaire, at: when), 3 a
 * check-in (at: when).
 */
export interface SnapshotRow { kind: number; key: string; at: string; done: string | null; n: number | string | bigint; id: number }

// The four reads of a progress snapshot as one statement, so a person's request pays for
// one statement (and on PostgreSQL one round trip) instead of four. Of the answers only
// the latest to each questionnaire, of the check-ins only the latest: what part states
// and what is due look at (engine/progress/snapshot.ts). Reading every one made each
// request of a person with a long history dearer (a bench person with 18,000 check-ins:
// GET /v1/me at p50 84 ms instead of 3). Answers come oldest first (by id).
const snapshotUnion = (db: Db, codeId: number) =>
  db.selectFrom('section_states').select([sql.lit(0).as('kind'), 'section_id as key', 'opened_at as at', 'completed_at as done', sql<number | string | bigint>`0`.as('n'), sql.lit(0).as('id')]).where('code_id', '=', codeId)
    .unionAll(db.selectFrom('entries').select((eb) => [sql.lit(1).as('kind'), 'exercise_id as key', eb.fn.max('updated_at').as('at'), sql.lit(null).as('done'), eb.fn.countAll().as('n'), sql.lit(0).as('id')])
      .where('code_id', '=', codeId).groupBy('exercise_id'))
    .unionAll(db.selectFrom('responses').select([sql.lit(2).as('kind'), 'instrument_id as key', 'created_at as at', sql.lit(null).as('done'), sql.lit(0).as('n'), 'id']).where('code_id', '=', codeId)
      .where('id', 'in', db.selectFrom('responses as latest').select((eb) => eb.fn.max('latest.id').as('id')).where('latest.code_id', '=', codeId).groupBy('latest.instrument_id')))
    .unionAll(db.selectFrom('checkins').select([sql.lit(3).as('kind'), sql.lit('').as('key'), 'created_at as at', sql.lit(null).as('done'), sql.lit(0).as('n'), 'id']).where('code_id', '=', codeId)
      .where('id', '=', db.selectFrom('checkins as latest').select((eb) => eb.fn.max('latest.id').as('id')).where('latest.code_id', '=', codeId)));
const snapshotQuery = preparedQuery((db, codeId: number) => snapshotUnion(db, codeId).orderBy('kind').orderBy('id'));

// GET /v1/me also shows the current consent and the next appointment: the same statement
// reads them as two more kinds of row, 4 the latest consent (n: share, at: when) and 5
// the next appointment (key: its ref, at: when, done: its kind). On PostgreSQL that is one
// round trip instead of three (each cost the server some 400 µs of CPU time).
const meQuery = preparedQuery((db, codeId: number, now: string) =>
  snapshotUnion(db, codeId)
    .unionAll(db.selectFrom('consents').select([sql.lit(4).as('kind'), sql.lit('').as('key'), 'at', sql.lit(null).as('done'), 'share as n', 'id'])
      .where('id', '=', db.selectFrom('consents as latest').select((eb) => eb.fn.max('latest.id').as('id')).where('latest.code_id', '=', codeId)))
    .unionAll(db.selectFrom('appointments').select([sql.lit(5).as('kind'), 'ref as key', 'at', 'kind as done', sql.lit(0).as('n'), 'id'])
      .where('id', '=', db.selectFrom('appointments as next').select('next.id').where('next.code_id', '=', codeId).where('next.at', '>=', now)
        .orderBy('next.at').orderBy('next.id').limit(sql.lit(1))))
    .orderBy('kind').orderBy('id'));

// The person's writes: built once too.
const addEntryWrite = preparedWrite((db, ref: string, codeId: number, exerciseId: string, sectionId: string, values: string, version: string, now: string) =>
  db.insertInto('entries').values({ ref, code_id: codeId, exercise_id: exerciseId, section_id: sectionId, values_json: values, program_version: version, created_at: now, updated_at: now }));
const updateEntryWrite = preparedWrite((db, codeId: number, ref: string, values: string, version: string, now: string) =>
  db.updateTable('entries').set({ values_json: values, program_version: version, updated_at: now }).where('code_id', '=', codeId).where('ref', '=', ref));
const addResponseWrite = preparedWrite((db, ref: string, codeId: number, instrumentId: string, answers: string, score: string, version: string, now: string) =>
  db.insertInto('responses').values({ ref, code_id: codeId, instrument_id: instrumentId, answers_json: answers, score_json: score, program_version: version, created_at: now }));
const addCheckinWrite = preparedWrite((db, ref: string, codeId: number, ratings: string, version: string, now: string) =>
  db.insertInto('checkins').values({ ref, code_id: codeId, ratings_json: ratings, program_version: version, created_at: now }));

/**
 * A person's progress.
 *
 * @example
 *   const progress = progressStore(x); await progress.entries(codeId);
 */
export function progressStore(x: Executor) {
  return {
    /** Parts staff opened early for `refs` of the organisation: where the audit log shows an early open's reason. */
    staffOpens: (orgId: number, refs: readonly string[]): Promise<{ ref: string; section_id: string; opened_at: string; opened_by_staff: number | null; opened_reason: string | null }[]> =>
      refs.length === 0 ? Promise.resolve([]) : x.db.selectFrom('section_states').innerJoin('codes', 'codes.id', 'section_states.code_id')
        .select(['codes.ref', 'section_states.section_id', 'section_states.opened_at', 'section_states.opened_by_staff', 'section_states.opened_reason'])
        .where('codes.org_id', '=', orgId).where('codes.ref', 'in', [...refs]).where('section_states.opened_by', '=', 'staff').execute(),
    sectionStates: (codeId: number): Promise<SectionStateRow[]> => sectionStatesQuery(x, codeId),
    /** Whether a part is stored as opened for the code (then it never locks again). */
    isOpened: async (codeId: number, sectionId: string): Promise<boolean> => (await openedQuery(x, codeId, sectionId)).length > 0,
    /** Opens a part; false when it was open already. */
    open: (codeId: number, sectionId: string, now: string, version: string, by: { staffId: number; reason: string } | null) =>
      x.writeOne(async (db) => {
        const result = await db.insertInto('section_states').values({
          code_id: codeId, section_id: sectionId, opened_at: now, opened_by: by ? 'staff' : 'progress',
          opened_by_staff: by?.staffId ?? null, opened_reason: by?.reason ?? null, program_version: version,
        }).onConflict((oc) => oc.columns(['code_id', 'section_id']).doNothing()).executeTakeFirst();
        return result.numInsertedOrUpdatedRows === 1n;
      }),
    /** Completes a part; false when it was complete already. */
    complete: (codeId: number, sectionId: string, now: string) =>
      x.writeOne(async (db) => {
        const result = await db.updateTable('section_states').set({ completed_at: now })
          .where('code_id', '=', codeId).where('section_id', '=', sectionId).where('completed_at', 'is', null).executeTakeFirst();
        return result.numUpdatedRows === 1n;
      }),
    addEntry: (codeId: number, row: { ref: string; exerciseId: string; sectionId: string; values: unknown; version: string; now: string }) =>
      x.writeOne(async (db) => {
        await addEntryWrite(x.dialect, db, row.ref, codeId, row.exerciseId, row.sectionId, JSON.stringify(row.values), row.version, row.now);
      }),
    entries: (codeId: number): Promise<EntryRow[]> => entriesQuery(x, codeId),
    entriesSince: (codeId: number, since: string): Promise<EntryRow[]> =>
      x.db.selectFrom('entries').select(entryCols).where('code_id', '=', codeId).where('updated_at', '>=', since).orderBy('id').execute(),
    entry: async (codeId: number, ref: string): Promise<EntryRow | undefined> => (await entryQuery(x, codeId, ref))[0],
    /**
     * Replaces the values of `entry` (as read); resolves, once committed, with the row as
     * stored now (no read back), or undefined when the entry is gone.
     */
    updateEntry: (entry: EntryRow, values: unknown, version: string, now: string): Promise<EntryRow | undefined> =>
      x.writeOne(async (db) => {
        const row: EntryRow = {
          id: entry.id, ref: entry.ref, code_id: entry.code_id, exercise_id: entry.exercise_id, section_id: entry.section_id,
          values_json: JSON.stringify(values), program_version: version, created_at: entry.created_at, updated_at: now,
        };
        const result = await updateEntryWrite(x.dialect, db, entry.code_id, entry.ref, row.values_json, version, now);
        return result.numAffectedRows === 1n ? row : undefined;
      }),
    deleteEntry: (codeId: number, ref: string) =>
      x.writeOne(async (db) => {
        const result = await db.deleteFrom('entries').where('code_id', '=', codeId).where('ref', '=', ref).executeTakeFirst();
        return result.numDeletedRows === 1n;
      }),
    /** Saves a questionnaire response; resolves with the row as stored (no read back), once written. */
    addResponse: (codeId: number, row: { ref: string; instrumentId: string; answers: unknown; score: unknown; version: string; now: string }): Promise<ResponseRow> =>
      x.writeOne(async (db) => {
        const stored: ResponseRow = { ref: row.ref, instrument_id: row.instrumentId, answers_json: JSON.stringify(row.answers), score_json: JSON.stringify(row.score), program_version: row.version, created_at: row.now };
        await addResponseWrite(x.dialect, db, row.ref, codeId, row.instrumentId, stored.answers_json, stored.score_json, row.version, row.now);
        return stored;
      }),
    responses: (codeId: number): Promise<ResponseRow[]> => responsesQuery(x, codeId),
    /** One response by its ref (the one just saved), without reading the others. */
    response: async (codeId: number, ref: string): Promise<ResponseRow | undefined> => (await responseQuery(x, codeId, ref))[0],
    /** Saves a check-in; resolves, once it is committed, with the row as stored (no read back). */
    addCheckin: (codeId: number, ref: string, ratings: unknown, version: string, now: string): Promise<CheckinRow> =>
      x.writeOne(async (db) => {
        const row: CheckinRow = { ref, ratings_json: JSON.stringify(ratings), program_version: version, created_at: now };
        await addCheckinWrite(x.dialect, db, ref, codeId, row.ratings_json, version, now);
        return row;
      }),
    /**
     * What a progress snapshot needs, in one statement: part states, entries per exercise,
     * and when each answer and check-in was saved (oldest first); no values, answers or
     * ratings. PostgreSQL gives the count as text: read `n` with Number().
     */
    snapshotRows: (codeId: number): Promise<SnapshotRow[]> => snapshotQuery(x, codeId),
    /** GET /v1/me's reads in one statement: the snapshot's rows, the current consent (null when never answered) and the next appointment from `now`. */
    async meRows(codeId: number, now: string): Promise<{ rows: SnapshotRow[]; consent: boolean | null; next: { ref: string; at: string; kind: AppointmentKind } | undefined }> {
      const all = await meQuery(x, codeId, now);
      const consent = all.find((r) => r.kind === 4);
      const next = all.find((r) => r.kind === 5);
      return {
        rows: all.filter((r) => r.kind < 4),
        consent: consent ? Number(consent.n) === 1 : null,
        next: next ? { ref: next.key, at: next.at, kind: next.done as AppointmentKind } : undefined,
      };
    },
    checkins: (codeId: number): Promise<CheckinRow[]> =>
      x.db.selectFrom('checkins').select(checkinCols).where('code_id', '=', codeId).orderBy('id').execute(),
    /** One check-in by its ref (the one just saved), without reading the others. */
    checkin: async (codeId: number, ref: string): Promise<CheckinRow | undefined> => (await checkinQuery(x, codeId, ref))[0],
  };
}
export type ProgressStore = ReturnType<typeof progressStore>;
