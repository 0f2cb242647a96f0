/** Access codes, person sessions and the consent history. */
import { sql } from 'kysely';
import type { Executor } from './executor.ts';
import { deleteExpiredSessions } from './expired-sessions.ts';
import type { OrgRow } from './schema.ts';
import { preparedQuery } from './prepared.ts';

export interface CodeRow {
  id: number; ref: string; hint: string; org_id: number; program_id: string;
  created_at: string; revoked_at: string | null; erased_at: string | null; group_id: number | null; stopped_at: string | null;
  /** The person's language: nb, nn or en. */
  locale: string;
}
export interface CodeListRow extends CodeRow { share: number | null }

const cols = ['codes.id', 'codes.ref', 'codes.hint', 'codes.org_id', 'codes.program_id', 'codes.created_at', 'codes.revoked_at', 'codes.erased_at', 'codes.locale', 'codes.group_id', 'codes.stopped_at'] as const;

// Every request of a person reads these two: built once (store/prepared.ts). The session
// comes with its code and the code's organisation in one statement (GET /v1/me needs the
// organisation's help text and inactivity limit; the join by primary key costs the other
// routes next to nothing).
const orgCols = ['orgs.slug as org_slug', 'orgs.name as org_name', 'orgs.safety_json as org_safety_json', 'orgs.created_at as org_created_at',
  'orgs.locale as org_locale', 'orgs.inactivity_days as org_inactivity_days'] as const;
const bySessionQuery = preparedQuery((db, hash: string, now: string) =>
  db.selectFrom('person_sessions').innerJoin('codes', 'codes.id', 'person_sessions.code_id').innerJoin('orgs', 'orgs.id', 'codes.org_id').select(cols).select(orgCols)
    .where('token_hash', '=', hash).where('expires_at', '>', now).where('codes.revoked_at', 'is', null).where('codes.erased_at', 'is', null));
const consentQuery = preparedQuery((db, codeId: number) =>
  db.selectFrom('consents').select('share').where('code_id', '=', codeId).orderBy('id', 'desc').limit(sql.lit(1)));

/**
 * Codes, person sessions and consent.
 *
 * @example
 *   const codes = codeStore(x); await codes.byHmac(hashCode(code, key));
 */
export function codeStore(x: Executor) {
  return {
    create: (row: { ref: string; hmac: string; hint: string; orgId: number; programId: string; locale?: string; staffId: number | null; keyId: number | null; now: string; groupId?: number | null }) =>
      x.write(async (db) => {
        await db.insertInto('codes').values({
          ref: row.ref, code_hmac: row.hmac, hint: row.hint, org_id: row.orgId, program_id: row.programId, locale: row.locale ?? 'nb',
          created_by_staff: row.staffId, created_by_key: row.keyId, created_at: row.now, group_id: row.groupId ?? null,
        }).execute();
      }),
    byHmac: (hmac: string): Promise<CodeRow | undefined> => x.db.selectFrom('codes').select(cols).where('code_hmac', '=', hmac).executeTakeFirst(),
    byRef: (orgId: number, ref: string): Promise<CodeRow | undefined> =>
      x.db.selectFrom('codes').select(cols).where('org_id', '=', orgId).where('ref', '=', ref).executeTakeFirst(),
    /** A code by ref in any organisation (the caller has already checked whose it is). */
    byRefAnyOrg: (ref: string): Promise<CodeRow | undefined> => x.db.selectFrom('codes').select(cols).where('ref', '=', ref).executeTakeFirst(),
    /** The organisation a ref belongs to, whichever it is (to notice probes across organisations). */
    async orgOfRef(ref: string): Promise<number | undefined> {
      return (await x.db.selectFrom('codes').select('org_id').where('ref', '=', ref).executeTakeFirst())?.org_id;
    },
    /** A page of the organisation's codes, newest first: at most `limit`, with ids below `before` when given. */
    list: (orgId: number, page: { before?: number; limit: number }): Promise<CodeListRow[]> => {
      let query = x.db.selectFrom('codes').select(cols)
        .select((eb) => eb.selectFrom('consents').select('share').whereRef('consents.code_id', '=', 'codes.id').orderBy('id', 'desc').limit(1).as('share'))
        .where('org_id', '=', orgId).orderBy('codes.id', 'desc').limit(page.limit);
      if (page.before !== undefined) query = query.where('codes.id', '<', page.before);
      return query.execute();
    },
    /**
     * The next page of codes that share their results now, in every organisation, by id
     * after `afterId` (the questionnaire.due scan). The page is read from the consent
     * history, so codes that never answered the consent question cost nothing however
     * many there are; `next` is where the following page starts (undefined: no more).
     */
    async consentingPage(afterId: number, limit: number): Promise<{ rows: CodeRow[]; next: number | undefined }> {
      const ids = (await x.db.selectFrom('consents').select('code_id').distinct().where('code_id', '>', afterId).orderBy('code_id').limit(limit).execute()).map((r) => r.code_id);
      if (!ids.length) return { rows: [], next: undefined };
      const rows = await x.db.selectFrom('codes').select(cols)
        .select((eb) => eb.selectFrom('consents').select('share').whereRef('consents.code_id', '=', 'codes.id').orderBy('id', 'desc').limit(1).as('share'))
        .where('codes.id', 'in', ids).where('revoked_at', 'is', null).where('erased_at', 'is', null).orderBy('codes.id').execute();
      return { rows: rows.filter((r) => r.share === 1).map(({ share: _, ...code }) => code), next: ids.length < limit ? undefined : ids.at(-1) };
    },
    /** Stops the program for a code (once): the person keeps access and is asked for the end evaluation. */
    stop: (codeId: number, now: string) =>
      x.write(async (db) => {
        await db.updateTable('codes').set({ stopped_at: now }).where('id', '=', codeId).where('stopped_at', 'is', null).execute();
      }),
    /** The codes of a group, oldest first. */
    inGroup: (orgId: number, groupId: number): Promise<CodeListRow[]> =>
      x.db.selectFrom('codes').select(cols)
        .select((eb) => eb.selectFrom('consents').select('share').whereRef('consents.code_id', '=', 'codes.id').orderBy('id', 'desc').limit(1).as('share'))
        .where('org_id', '=', orgId).where('group_id', '=', groupId).orderBy('codes.id').execute(),
    revoke: (codeId: number, now: string) =>
      x.write(async (db) => {
        await db.updateTable('codes').set({ revoked_at: now }).where('id', '=', codeId).where('revoked_at', 'is', null).execute();
        await db.deleteFrom('person_sessions').where('code_id', '=', codeId).execute();
      }),
    /**
     * A new person session. The code's first login is remembered once, for reports and for
     * `code.activated`: true when this is it.
     */
    addSession: (hash: string, codeId: number, now: string, expires: string) =>
      x.write(async (db) => {
        await db.insertInto('person_sessions').values({ token_hash: hash, code_id: codeId, created_at: now, expires_at: expires }).execute();
        const first = await db.updateTable('codes').set({ first_login_at: now }).where('id', '=', codeId).where('first_login_at', 'is', null).executeTakeFirst();
        return first.numUpdatedRows === 1n;
      }),
    /** The code of an unexpired session (neither revoked nor erased), with its organisation. */
    async bySession(hash: string, now: string): Promise<{ code: CodeRow; org: OrgRow } | undefined> {
      const [row] = await bySessionQuery(x, hash, now);
      if (!row) return undefined;
      const { org_slug, org_name, org_safety_json, org_created_at, org_locale, org_inactivity_days, ...code } = row;
      return {
        code,
        org: { id: code.org_id, slug: org_slug, name: org_name, safety_json: org_safety_json, created_at: org_created_at, locale: org_locale, inactivity_days: org_inactivity_days },
      };
    },
    /** The person switches language; nothing else about the code changes. */
    setLocale: (codeId: number, locale: string) =>
      x.write(async (db) => {
        await db.updateTable('codes').set({ locale }).where('id', '=', codeId).execute();
      }),
    endSession: (hash: string) =>
      x.write(async (db) => {
        await db.deleteFrom('person_sessions').where('token_hash', '=', hash).execute();
      }),
    /** Deletes up to `limit` sessions expired by `now`; returns how many it deleted. */
    deleteExpiredSessions: (now: string, limit: number) => deleteExpiredSessions(x, 'person_sessions', now, limit),
    setConsent: (codeId: number, share: boolean, now: string) =>
      x.write(async (db) => {
        await db.insertInto('consents').values({ code_id: codeId, share: share ? 1 : 0, at: now }).execute();
      }),
    /** The current consent: true, false, or null when never answered. */
    async consent(codeId: number): Promise<boolean | null> {
      const [row] = await consentQuery(x, codeId);
      return row ? row.share === 1 : null;
    },
    async consentHistory(codeId: number): Promise<{ share: boolean; at: string }[]> {
      const rows = await x.db.selectFrom('consents').select(['share', 'at']).where('code_id', '=', codeId).orderBy('id').execute();
      return rows.map((r) => ({ share: r.share === 1, at: r.at }));
    },
  };
}
export type CodeStore = ReturnType<typeof codeStore>;
