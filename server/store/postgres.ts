/**
 * The PostgreSQL database, for services that run several instances behind a load balancer
 * and want point-in-time recovery: a `pg` pool driven through Kysely's PostgreSQL dialect.
 * Counts (bigint) come back as numbers, as on SQLite.
 */
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database as Tables } from './schema.ts';
import { queryLog } from './executor.ts';
import { postgresStatementNames } from './prepared.ts';

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
  pool.on('connect', preparedOnEachConnection);
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

/** The texts whose named statement PostgreSQL refused to run again (see below). */
const unnamed = new Set<string>();

/**
 * Runs the queries built once (store/prepared.ts) as named statements on `client`: the
 * connection parses and plans each of them once and then only binds new values. Kysely
 * passes the SQL text and the values to `client.query`; every other query goes through
 * unchanged. pg-pool sets `release` on each client the same way.
 *
 * A prepared statement whose result columns change type under it (a migration run by
 * another instance) fails with "cached plan must not change result type"; that text
 * then runs unnamed from here on, and this run is retried so (outside a transaction;
 * inside one the transaction has failed and fails as a whole).
 */
function preparedOnEachConnection(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<pg.QueryResult>;
  const named = (...args: unknown[]): Promise<pg.QueryResult> => {
    const [text, values] = args;
    // Only Kysely's form, text and values without a callback; anything else as it came.
    const name = args.length === 2 && typeof text === 'string' && Array.isArray(values) && !unnamed.has(text) ? postgresStatementNames.get(text) : undefined;
    if (name === undefined) return query(...args);
    return query({ name, text, values }).catch((error: { code?: string; message?: string }) => {
      if (error.code !== '0A000' || !/cached plan/.test(error.message ?? '')) throw error;
      unnamed.add(text as string);
      return query(text, values);
    });
  };
  (client as unknown as { query: typeof named }).query = named;
}
