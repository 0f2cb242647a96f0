/** Organisations and their program licences. SQL for these tables lives only here. */
import type { Db } from '../db/open-database.ts';

export interface OrgRow { id: number; slug: string; name: string; safety_json: string | null; created_at: string }
export interface LicenceRow { program_id: string; total: number; used: number }

/**
 * Prepared statements for organisations and licences.
 *
 * @example
 *   const orgs = orgStore(db); orgs.create('bydel-x', 'Bydel X', now);
 */
export function orgStore(db: Db) {
  const insert = db.prepare('INSERT INTO orgs (slug, name, created_at) VALUES (?, ?, ?)');
  const bySlug = db.prepare<[string], OrgRow>('SELECT * FROM orgs WHERE slug = ?');
  const byId = db.prepare<[number], OrgRow>('SELECT * FROM orgs WHERE id = ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM orgs');
  const addLicences = db.prepare(
    'INSERT INTO licences (org_id, program_id, total) VALUES (?, ?, ?) ON CONFLICT (org_id, program_id) DO UPDATE SET total = total + excluded.total',
  );
  const licences = db.prepare<[number], LicenceRow>('SELECT program_id, total, used FROM licences WHERE org_id = ? ORDER BY program_id');
  const useLicence = db.prepare('UPDATE licences SET used = used + 1 WHERE org_id = ? AND program_id = ? AND used < total');
  const setSafety = db.prepare('UPDATE orgs SET safety_json = ? WHERE id = ?');
  return {
    create(slug: string, name: string, now: string): number {
      return Number(insert.run(slug, name, now).lastInsertRowid);
    },
    bySlug: (slug: string) => bySlug.get(slug),
    byId: (id: number) => byId.get(id),
    count: () => count.get()?.n ?? 0,
    addLicences: (orgId: number, programId: string, n: number) => void addLicences.run(orgId, programId, n),
    licences: (orgId: number) => licences.all(orgId),
    /** Takes one licence; false when none is left. */
    useLicence: (orgId: number, programId: string) => useLicence.run(orgId, programId).changes === 1,
    setSafety: (orgId: number, safety: unknown) => void setSafety.run(safety === null ? null : JSON.stringify(safety), orgId),
  };
}
export type OrgStore = ReturnType<typeof orgStore>;
