/**
 * The SQLite database, the embedded default: one file opened with better-sqlite3 the way
 * the promises need it (WAL with synchronous=FULL, so an acknowledged write survives a
 * crash; foreign keys; secure_delete, so erased rows are overwritten), driven through
 * Kysely's SQLite dialect. Statements are prepared once and reused, and writes go
 * through group commit. A new database's folder is created 0700 and its file 0600; SQLite
 * gives the -wal and -shm files the database file's mode.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { queryLog, type ReadNow } from './executor.ts';
import type { Database as Tables } from './schema.ts';

export type SqliteFile = Database.Database;

/**
 * Opens (or creates) the SQLite file at `path` and returns Kysely over it, with the raw
 * connection for what only SQLite has (backup, checkpoint).
 *
 * @example
 *   const { kysely, raw } = openSqlite('./data/mestring.db');
 */
export function openSqlite(path: string, onQuery?: (ms: number, sql: string) => void): { kysely: Kysely<Tables>; raw: SqliteFile; readNow: ReadNow; control: (statement: string) => void } {
  if (path !== ':memory:' && !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    closeSync(openSync(path, 'wx', 0o600));
  }
  const raw = new Database(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  // Erased rows are overwritten, not just unlinked: erasure must mean it.
  raw.pragma('secure_delete = ON');
  raw.pragma('busy_timeout = 5000');
  // The reads of one turn of the event loop share one read transaction. Each statement
  // on its own is a transaction of its own, and starting and ending one (a lock on the
  // write-ahead log's index and its release, by fcntl) cost about 4 µs of a 5 µs
  // look-up; a person's request reads three or four times (docs/performance.md, "Fifth
  // round"). The transaction ends at the end of the turn (setImmediate), and before any
  // other statement runs on the connection: anything through Kysely (a write, a group
  // commit's BEGIN, a migration, a checkpoint) never runs inside it, so no write is ever
  // held open in it, and a read in a later turn sees every commit before it.
  const begin = raw.prepare('BEGIN');
  const commit = raw.prepare('COMMIT');
  let reading = false;
  const endReading = () => {
    if (!reading) return;
    reading = false;
    if (raw.inTransaction) commit.run();
  };
  // Kysely prepares every query it runs; a statement cache keyed by the SQL text turns
  // that into one prepare per distinct query for the life of the process.
  const statements = new Map<string, Database.Statement>();
  const cached = (text: string) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = raw.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };
  const database = {
    close: () => {
      endReading();
      raw.close();
    },
    prepare(text: string) {
      endReading();
      return cached(text);
    },
  };
  // A read needs no turn in Kysely's queue while no write transaction is open:
  // better-sqlite3 runs each statement to its end before anything else can, so the read
  // sees exactly what is committed. While a group commit's transaction is open (between
  // its BEGIN and COMMIT, across awaits) a read waits its turn, so it never sees
  // uncommitted writes.
  const readNow: ReadNow = (query) => {
    if (raw.inTransaction && !reading) return undefined;
    if (!reading) {
      begin.run();
      reading = true;
      setImmediate(endReading);
    }
    if (!onQuery) return cached(query.sql).all(query.parameters as unknown[]) as never;
    const started = performance.now();
    const rows = cached(query.sql).all(query.parameters as unknown[]);
    onQuery(performance.now() - started, query.sql);
    return rows as never;
  };
  // Group commit's BEGIN, SAVEPOINT, RELEASE and COMMIT, run by the batch that holds the
  // connection (store/group-commit.ts); timed like any query when metrics are on.
  const control = (statement: string) => {
    endReading();
    if (!onQuery) return void cached(statement).run();
    const started = performance.now();
    cached(statement).run();
    onQuery(performance.now() - started, statement);
  };
  return { kysely: new Kysely<Tables>({ dialect: new SqliteDialect({ database }), ...queryLog(onQuery) }), raw, readNow, control };
}

/**
 * Copies the write-ahead log into the database and truncates it to zero bytes (waiting for
 * readers up to the busy timeout); false when a reader (a running backup) kept it from
 * finishing.
 *
 * Deleting is not enough for "no byte left": secure_delete overwrites the rows in the
 * database pages, but the write-ahead log still holds earlier copies of those pages (and
 * SQLite reuses the log from its start, leaving old frames behind its end).
 */
export async function checkpointSqlite(kysely: Kysely<Tables>): Promise<boolean> {
  const { rows } = await sql<{ busy: number }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(kysely);
  return !rows[0] || rows[0].busy === 0;
}
