/**
 * How a store runs its queries. Reads go straight to the database; writes go through
 * `write`, which on SQLite joins the next group commit (one transaction and one fsync for
 * every write of an event-loop turn) and on PostgreSQL runs at once. Inside a transaction
 * both run on the transaction. Store modules are written once against this interface.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely, LogEvent } from 'kysely';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface Executor {
  readonly dialect: Dialect;
  /** The connection (or transaction) reads run on. */
  readonly db: Db;
  /** Runs `fn`, which writes, durably; resolves after its commit. */
  write<T>(fn: (db: Db) => Promise<T>): Promise<T>;
}

/**
 * Set while a transaction's callback runs. The root executor refuses to be used then:
 * on SQLite's single connection that would wait for the transaction forever, and on
 * PostgreSQL it would not see the transaction's own writes. Use the stores the callback
 * was given.
 */
export const insideTransaction = new AsyncLocalStorage<true>();

/** An executor over the whole database (outside any transaction). */
export function rootExecutor(dialect: Dialect, kysely: Db, write: Executor['write']): Executor {
  return {
    dialect,
    get db() {
      if (insideTransaction.getStore()) throw new Error('A store outside the transaction was used inside it; use the stores the transaction callback receives');
      return kysely;
    },
    write,
  };
}

/** An executor bound to one transaction. */
export function transactionExecutor(dialect: Dialect, trx: Db): Executor {
  return { dialect, db: trx, write: (fn) => fn(trx) };
}

/** Kysely's per-query log hook when `onQuery` wants durations (metrics), else nothing: it costs a clock read per query. */
export function queryLog(onQuery: ((ms: number) => void) | undefined) {
  return onQuery ? { log: (event: LogEvent) => onQuery(event.queryDurationMillis) } : {};
}
