/** Organisations and their program licences. */
import type { Executor } from './executor.ts';
import type { OrgRow } from './schema.ts';
import { preparedQuery } from './prepared.ts';

export type { OrgRow };
export interface LicenceRow { program_id: string; total: number; used: number }

// GET /v1/me reads the person's organisation on every request: built once (store/prepared.ts).
// The columns are named, not `*`: on PostgreSQL the statement is prepared per connection,
// and a column added by a migration would change a prepared `*`'s result under it.
const byIdQuery = preparedQuery((db, id: number) =>
  db.selectFrom('orgs').select(['id', 'slug', 'name', 'safety_json', 'created_at', 'locale', 'inactivity_days']).where('id', '=', id));

/**
 * Organisations and licences.
 *
 * @example
 *   const orgs = orgStore(x); await orgs.create('bydel-x', 'Bydel X', now);
 */
export function orgStore(x: Executor) {
  return {
    async create(slug: string, name: string, now: string): Promise<number> {
      const row = await x.write((db) => db.insertInto('orgs').values({ slug, name, created_at: now }).returning('id').executeTakeFirstOrThrow());
      return row.id;
    },
    bySlug: (slug: string) => x.db.selectFrom('orgs').selectAll().where('slug', '=', slug).executeTakeFirst(),
    byId: async (id: number) => (await byIdQuery(x, id))[0],
    async count(): Promise<number> {
      const row = await x.db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    addLicences: (orgId: number, programId: string, n: number) =>
      x.write(async (db) => {
        await db.insertInto('licences').values({ org_id: orgId, program_id: programId, total: n })
          .onConflict((oc) => oc.columns(['org_id', 'program_id']).doUpdateSet((eb) => ({ total: eb('licences.total', '+', eb.ref('excluded.total')) })))
          .execute();
      }),
    licences: (orgId: number): Promise<LicenceRow[]> =>
      x.db.selectFrom('licences').select(['program_id', 'total', 'used']).where('org_id', '=', orgId).orderBy('program_id').execute(),
    /** Takes one licence; false when none is left. One statement, so safe under concurrency on both databases. */
    useLicence: (orgId: number, programId: string) =>
      x.write(async (db) => {
        const result = await db.updateTable('licences').set((eb) => ({ used: eb('used', '+', 1) }))
          .where('org_id', '=', orgId).where('program_id', '=', programId).whereRef('used', '<', 'total').executeTakeFirst();
        return result.numUpdatedRows === 1n;
      }),
    /** The language new codes get by default. */
    setLocale: (orgId: number, locale: string) =>
      x.write(async (db) => {
        await db.updateTable('orgs').set({ locale }).where('id', '=', orgId).execute();
      }),
    setInactivityDays: (orgId: number, days: number) =>
      x.write(async (db) => {
        await db.updateTable('orgs').set({ inactivity_days: days }).where('id', '=', orgId).execute();
      }),
    setSafety: (orgId: number, safety: unknown) =>
      x.write(async (db) => {
        await db.updateTable('orgs').set({ safety_json: safety === null ? null : JSON.stringify(safety) }).where('id', '=', orgId).execute();
      }),
  };
}
export type OrgStore = ReturnType<typeof orgStore>;
