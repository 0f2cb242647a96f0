/**
 * Opens the store the configuration names: PostgreSQL when `MESTRING_DATABASE_URL` is a
 * `postgres://` URL, else the SQLite file. Either way the server gets one asynchronous
 * `Store` with the same behaviour; migrations are applied before it is returned.
 */
import { sql } from 'kysely';
import { createStores, type TableStores } from './index.ts';
import { rootExecutor, statementOnItsOwn, transactionExecutor, insideTransaction, type Db, type Dialect } from './executor.ts';
import { groupCommit } from './group-commit.ts';
import { migrate } from './migrate.ts';
import { checkpointSqlite, openSqlite, type SqliteFile } from './sqlite.ts';
import { startCheckpointer } from './checkpointer.ts';
import { databaseThrottleState } from './throttle.ts';
import { memoryThrottleState, type ThrottleState } from '../throttle/throttle-state.ts';

export interface Store extends TableStores {
  readonly dialect: Dialect;
  /** "SQLite ./data/mestring.db" or "PostgreSQL host:port/db" (never a password). */
  readonly description: string;
  /** Runs `fn` atomically with stores bound to one transaction; resolves after the commit. */
  transaction<T>(fn: (tx: TableStores) => Promise<T>): Promise<T>;
  /**
   * After an erasure, before it is acknowledged: leaves no copy of the deleted rows in side
   * files (SQLite's write-ahead log is emptied; when a backup keeps it busy, it is emptied
   * the moment it is free).
   */
  afterErasure(): Promise<void>;
  /** Touches the database (for /readyz); throws when it cannot answer. */
  ping(): Promise<void>;
  /** Waits for queued writes, then closes. */
  close(): Promise<void>;
  /** Kysely over the whole database, for tools (db copy) and tests. */
  readonly kysely: Db;
  /** The SQLite connection, for backup; undefined on PostgreSQL. */
  readonly sqlite: SqliteFile | undefined;
  /** The guessing throttle's state: in this process on SQLite (one server), in the database on PostgreSQL (shared by every instance). */
  readonly throttleState: ThrottleState;
}

export interface StoreOptions {
  /** `postgres://...`; when absent, the SQLite file at `path`. */
  url?: string | undefined;
  /** The SQLite file (default ./data/mestring.db). */
  path?: string;
  /** Called with the size of each group-commit batch (metrics). */
  onBatch?: (size: number) => void;
  /** Called with each query's duration in ms and its SQL text (metrics use the duration; tests, the text). */
  onQuery?: (ms: number, sql: string) => void;
}

/** True when `url` names a PostgreSQL database. */
export const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//.test(url);

/**
 * Opens and migrates the store.
 *
 * @example
 *   const store = await openStore({ url: process.env.MESTRING_DATABASE_URL, path: './data/mestring.db' });
 *   await store.orgs.count();
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.url !== undefined && options.url !== '' && !isPostgresUrl(options.url)) {
    throw new Error(`Unexpected database URL scheme, expected postgres://user:password@host:port/database`);
  }
  return isPostgresUrl(options.url) ? openPostgresStore(options.url, options) : openSqliteStore(options.path ?? './data/mestring.db', options);
}

async function openSqliteStore(path: string, options: StoreOptions): Promise<Store> {
  const { kysely, raw, readNow, control } = openSqlite(path, options.onQuery);
  try {
    await migrate(kysely, 'sqlite');
  } catch (error) {
    await kysely.destroy();
    throw error;
  }
  // An in-memory database has no log to copy (and no file a second connection could open).
  const checkpointer = path === ':memory:' ? undefined : startCheckpointer(path);
  const onBatch = (size: number) => {
    checkpointer?.committed();
    options.onBatch?.(size);
  };
  const commits = groupCommit(kysely, { inTransaction: () => raw.inTransaction, onBatch, control });
  const truncate = () => (checkpointer ? checkpointer.exclusive(() => checkpointSqlite(kysely)) : checkpointSqlite(kysely));
  const root = rootExecutor('sqlite', kysely, (fn) => commits.run(fn), readNow);
  return {
    ...createStores(root),
    dialect: 'sqlite',
    description: `SQLite ${path}`,
    kysely,
    sqlite: raw,
    throttleState: memoryThrottleState(),
    transaction: (fn) => commits.run((trx) => fn(createStores(transactionExecutor('sqlite', trx)))),
    async afterErasure() {
      if (await truncate()) return;
      const retry = setInterval(() => {
        truncate().then((done) => done && clearInterval(retry), () => clearInterval(retry));
      }, 1000);
      retry.unref();
    },
    async ping() {
      await sql`SELECT 1`.execute(kysely);
    },
    async close() {
      await commits.drain();
      await checkpointer?.close();
      await kysely.destroy();
    },
  };
}

async function openPostgresStore(url: string, options: StoreOptions): Promise<Store> {
  // Imported here: a SQLite server never loads the PostgreSQL driver.
  const { describePostgres, openPostgres } = await import('./postgres.ts');
  const { kysely } = openPostgres(url, { onQuery: options.onQuery });
  try {
    await migrate(kysely, 'postgres');
  } catch (error) {
    await kysely.destroy();
    throw error;
  }
  // Every write is atomic: one transaction per write call, or, for a write of one
  // statement (writeOne), the statement alone, which PostgreSQL commits by itself.
  const transaction = <T>(fn: (trx: Db) => Promise<T>) =>
    kysely.transaction().execute((trx) => insideTransaction(() => fn(trx)));
  const root = rootExecutor('postgres', kysely, transaction, undefined, statementOnItsOwn(kysely));
  return {
    ...createStores(root),
    dialect: 'postgres',
    description: describePostgres(url),
    kysely,
    sqlite: undefined,
    throttleState: databaseThrottleState(root),
    transaction: (fn) => transaction((trx) => fn(createStores(transactionExecutor('postgres', trx)))),
    // PostgreSQL keeps deleted row versions until VACUUM; docs/security.md says how
    // operators schedule it. Nothing to do per erasure.
    afterErasure: async () => {},
    async ping() {
      await sql`SELECT 1`.execute(kysely);
    },
    async close() {
      await kysely.destroy();
    },
  };
}
