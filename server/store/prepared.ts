/**
 * Queries built and compiled once, then run with new parameters. Kysely builds an
 * operation tree and compiles it to SQL text on every call; on the person's routes that
 * was about a third of each request's CPU time (docs/performance.md). A prepared query
 * is built once per dialect with a placeholder for each argument, and each call only
 * puts the arguments where the placeholders were and runs the SQL through the executor
 * (on SQLite, a statement that better-sqlite3 has already prepared).
 */
import type { CompiledQuery, Compilable, QueryResult } from 'kysely';
import type { Db, Dialect, Executor } from './executor.ts';

/**
 * The SQL text of every prepared query compiled for PostgreSQL, with the name its
 * statement is prepared under on each connection (store/postgres.ts). PostgreSQL then
 * parses and plans it once per connection, not on every run: the snapshot's union cost
 * the database some 390 µs of CPU time a run as an unnamed statement (docs/performance.md).
 */
export const postgresStatementNames = new Map<string, string>();

/** Stands for argument `index` while the query is built. */
class Placeholder {
  constructor(readonly index: number) {}
}

/**
 * A query of `build`'s shape. `build` must use each argument as a plain value (a `where`
 * comparison, `limit`), never to choose the query's shape (no `if` on an argument, no
 * `in` list): the query is built once and only its parameters change.
 *
 * Name the columns a query reads (no `selectAll()`): on PostgreSQL it runs as a statement
 * each connection prepared once, and a `*` there changes its result when a migration adds
 * a column (postgres.ts then runs it unnamed, but a transaction it ran in has failed).
 *
 * A constant `limit` belongs in the SQL text (`.limit(sql.lit(1))`), not in a parameter:
 * with `limit ?` a one-row look-up took about 10 µs per run on SQLite, with `limit 1`
 * about 3 µs (docs/performance.md, "Third round"; likely because better-sqlite3 builds
 * SQLite with STAT4, which prepares a statement again when a bound value its plan used
 * changes).
 *
 * @example
 *   const byIdQuery = preparedQuery((db, id: number) => db.selectFrom('orgs').selectAll().where('id', '=', id));
 *   const rows = await byIdQuery(x, 7);
 */
export function preparedQuery<A extends unknown[], R>(build: (db: Db, ...args: A) => Compilable<R>): (x: Executor, ...args: A) => Promise<R[]> {
  const withArgs = compiledOnce(build);
  return (x, ...args) => x.select<R>(withArgs(x.dialect, x.db, args));
}

/**
 * A write of `build`'s shape (same rule as preparedQuery), run inside `x.write` on the
 * connection or transaction it gives; resolves with Kysely's result (`numAffectedRows`).
 *
 * @example
 *   const stopQuery = preparedWrite((db, id: number, now: string) => db.updateTable('codes').set({ stopped_at: now }).where('id', '=', id));
 *   await x.write((db) => stopQuery(x.dialect, db, 7, now));
 */
export function preparedWrite<A extends unknown[]>(build: (db: Db, ...args: A) => Compilable<unknown>): (dialect: Dialect, db: Db, ...args: A) => Promise<QueryResult<unknown>> {
  const withArgs = compiledOnce(build);
  return (dialect, db, ...args) => db.executeQuery(withArgs(dialect, db, args));
}

/** Builds and compiles `build` once per dialect; then gives the compiled query with new arguments. */
function compiledOnce<A extends unknown[], R>(build: (db: Db, ...args: A) => Compilable<R>): (dialect: Dialect, db: Db, args: A) => CompiledQuery<R> {
  // Per dialect, the compiled query; its parameters are placeholders (an argument's
  // position) or values built into the query (a `limit`, an `is null`).
  const templates: Partial<Record<Dialect, CompiledQuery<R>>> = {};
  return (dialect, db, args) => {
    let template = templates[dialect];
    if (!template) {
      const placeholders = Array.from({ length: build.length - 1 }, (_, i) => new Placeholder(i));
      template = build(db, ...(placeholders as unknown as A)).compile();
      const used = new Set(template.parameters.filter((p) => p instanceof Placeholder));
      if (used.size !== placeholders.length) throw new Error(`A prepared query uses ${used.size} of its ${placeholders.length} arguments as values: ${template.sql}`);
      templates[dialect] = template;
      if (dialect === 'postgres' && !postgresStatementNames.has(template.sql)) postgresStatementNames.set(template.sql, `mestring_${postgresStatementNames.size + 1}`);
    }
    // Written out, not `{ ...template, parameters }`: on Node 20 a spread followed by
    // another property takes V8's slow path, some 2 µs for each statement run.
    return { query: template.query, queryId: template.queryId, sql: template.sql, parameters: template.parameters.map((p) => (p instanceof Placeholder ? args[p.index] : p)) };
  };
}
