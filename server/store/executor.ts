/**
 * How a store runs its queries. Reads go straight to the database; writes go through
 * `write`, which on SQLite joins the next group commit (one transaction and one fsync for
 * every write of an event-loop turn) and on PostgreSQL runs at once. Inside a transaction
 * both run on the transaction. Store modules are written once against this interface.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { CompiledQuery, Kysely, LogEvent } from 'kysely';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface Executor {
  readonly dialect: Dialect;
  /** The connection (or transaction) reads run on. */
  readonly db: Db;
  /** Runs `fn`, which writes, durably; resolves after its commit. */
  write<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /**
   * Runs `fn`, which writes with exactly one statement, durably; resolves after its
   * commit. On PostgreSQL the statement runs on its own, outside BEGIN and COMMIT (a
   * single statement is atomic and durable by itself there): two round trips fewer than
   * `write`. On SQLite it joins the group commit like `write`.
   */
  writeOne<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** Runs a compiled read (store/prepared.ts) and resolves with its rows. */
  select<R>(query: CompiledQuery<R>): Promise<R[]>;
}

/**
 * Runs a compiled read at once, outside Kysely's queue, when that is safe; undefined when
 * the query must wait its turn (SQLite: while a transaction is open on the connection).
 */
export type ReadNow = <R>(query: CompiledQuery<R>) => R[] | undefined;

/**
 * Set while a transaction's callback runs. The root executor refuses to be used then:
 * on SQLite's single connection that would wait for the transaction forever, and on
 * PostgreSQL it would not see the transaction's own writes. Use the stores the callback
 * was given.
 *
 * A check for the program's own mistakes, so it runs where those are found: under the
 * tests (vitest sets VITEST) or with MESTRING_CHECK_TRANSACTIONS=1. On Node 20 an
 * AsyncLocalStorage, once used, installs a hook on every promise the process creates
 * (Hono and Kysely make dozens per request): about 5 % of the CPU time of every request
 * in docs/performance.md's profiles, for a check that never fires in a correct build.
 */
const checking = process.env.VITEST !== undefined || process.env.MESTRING_CHECK_TRANSACTIONS === '1';
const storage = checking ? new AsyncLocalStorage<true>() : undefined;

/** Runs `fn` marked as inside a transaction (where the check is on), else just runs it. */
export function insideTransaction<T>(fn: () => T): T {
  return storage ? storage.run(true, fn) : fn();
}

const refuseInsideTransaction = () => {
  if (storage?.getStore()) throw new Error('A store outside the transaction was used inside it; use the stores the transaction callback receives');
};

/**
 * An executor over the whole database (outside any transaction). `writeOne` defaults to
 * `write`; a PostgreSQL store passes {@link statementOnItsOwn}.
 */
export function rootExecutor(dialect: Dialect, kysely: Db, write: Executor['write'], readNow?: ReadNow, writeOne: Executor['writeOne'] = write): Executor {
  return {
    dialect,
    get db() {
      refuseInsideTransaction();
      return kysely;
    },
    write,
    writeOne,
    async select<R>(query: CompiledQuery<R>) {
      refuseInsideTransaction();
      return readNow?.(query) ?? (await kysely.executeQuery(query)).rows;
    },
  };
}

/** An executor bound to one transaction. */
export function transactionExecutor(dialect: Dialect, trx: Db): Executor {
  return { dialect, db: trx, write: (fn) => fn(trx), writeOne: (fn) => fn(trx), select: async (query) => (await trx.executeQuery(query)).rows };
}

/** `writeOne` for PostgreSQL: the statement runs on a pooled connection in autocommit. */
export function statementOnItsOwn(kysely: Db): Executor['writeOne'] {
  return (fn) => {
    refuseInsideTransaction();
    return fn(kysely);
  };
}

/** Kysely's per-query log hook when `onQuery` wants durations (metrics), else nothing: it costs a clock read per query. */
export function queryLog(onQuery: ((ms: number, sql: string) => void) | undefined) {
  return onQuery ? { log: (event: LogEvent) => onQuery(event.queryDurationMillis, event.query.sql) } : {};
}
