/**
 * Copies every row of one store into another (SQLite into PostgreSQL when a service moves),
 * table by table in foreign-key order, keeping ids, then verifies the row counts. The
 * source is read inside one transaction, so the copy is one consistent moment even while a
 * server still writes; the target must be empty, so nothing is ever merged or overwritten.
 */
import { sql } from 'kysely';
import type { Store } from './open-store.ts';
import { tableOrder } from './schema.ts';

export type CopyResult = { table: string; rows: number }[];

/** Row counts of every table. */
export async function rowCounts(store: Store): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tableOrder) {
    const row = await store.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/**
 * Copies `from` into `to`; throws when `to` holds any row, or when the counts differ after.
 *
 * @example
 *   const tables = await copyStore(sqliteStore, postgresStore);
 */
export async function copyStore(from: Store, to: Store, onTable: (table: string, rows: number) => void = () => {}): Promise<CopyResult> {
  const existing = Object.entries(await rowCounts(to)).filter(([, n]) => n > 0);
  if (existing.length) throw new Error(`The target is not empty (${existing.map(([t, n]) => `${t}: ${n}`).join(', ')}); copy only into a new, empty database`);
  const copied: CopyResult = [];
  await from.kysely.transaction().execute(async (source) => {
    await to.kysely.transaction().execute(async (target) => {
      for (const table of tableOrder) {
        const rows = await source.selectFrom(table).selectAll().execute();
        for (let i = 0; i < rows.length; i += 500) {
          await target.insertInto(table).values(rows.slice(i, i + 500) as never).execute();
        }
        copied.push({ table, rows: rows.length });
        onTable(table, rows.length);
      }
      // Ids were copied as they were: move each identity past the highest copied id.
      if (to.dialect === 'postgres') {
        for (const table of tableOrder) {
          const hasId = await sql<{ n: number }>`SELECT count(*) AS n FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table} AND column_name = 'id'`.execute(target);
          if (Number(hasId.rows[0]?.n ?? 0) === 0) continue;
          await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), COALESCE((SELECT max(id) FROM ${sql.table(table)}), 0) + 1, false)`.execute(target);
        }
      }
    });
  });
  const after = await rowCounts(to);
  const wrong = copied.filter((c) => after[c.table] !== c.rows);
  if (wrong.length) throw new Error(`Row counts differ after the copy: ${wrong.map((w) => `${w.table} ${w.rows} -> ${after[w.table]}`).join(', ')}`);
  return copied;
}
