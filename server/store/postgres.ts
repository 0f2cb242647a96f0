/**
 * The PostgreSQL database, for services that run several instances behind a load balancer
 * and want point-in-time recovery: a `pg` pool driven through Kysely's PostgreSQL dialect.
 * Counts (bigint) come back as numbers, as on SQLite.
 */
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database as Tables } from './schema.ts';
import { queryLog } from './executor.ts';

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    // 20 is int8 (bigint): count(*) and sums. Our numbers stay far below 2^53.
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/**
 * A pool and Kysely over the database at `url` (`postgres://user:password@host:port/db`).
 *
 * @example
 *   const { kysely } = openPostgres('postgres://mestring@127.0.0.1:5432/mestring');
 */
export function openPostgres(url: string, options: { max?: number; onQuery?: (ms: number, sql: string) => void } = {}): { kysely: Kysely<Tables>; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types, application_name: 'mestring' });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return { kysely: new Kysely<Tables>({ dialect: new PostgresDialect({ pool }), ...queryLog(options.onQuery) }), pool };
}

/** The URL with its password hidden, for start-up messages. */
export function describePostgres(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return `PostgreSQL ${u.host}${u.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
