/**
 * Opens the SQLite database the way the promises need it: WAL with synchronous=FULL
 * (an acknowledged answer survives a crash), foreign keys on, erased rows overwritten
 * (secure_delete), and every numbered migration in db/migrations applied in order, each
 * in its own transaction. A new database's folder is created 0700 and its file 0600;
 * SQLite gives the -wal and -shm files the database file's mode.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Opens (or creates) the database at `path` and migrates it. With `mustExist`, a missing
 * file is an error instead of a new empty database (for admin commands).
 *
 * @example
 *   const db = openDatabase('./data/mestring.db');
 */
export function openDatabase(path: string, options: { mustExist?: boolean } = {}): Db {
  if (path !== ':memory:') {
    if (!existsSync(path)) {
      if (options.mustExist) throw new Error(`No database at ${path}: check --db or MESTRING_DB (the server creates the database at its first start)`);
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      closeSync(openSync(path, 'wx', 0o600));
    }
  }
  const db = new Database(path, { fileMustExist: path !== ':memory:' });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Erased rows are overwritten, not just unlinked: erasure must mean it.
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/** Applies the migrations not yet applied; returns their names. */
export function migrate(db: Db): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const done = new Set((db.prepare('SELECT number FROM schema_migrations').all() as { number: number }[]).map((r) => r.number));
  const applied: string[] = [];
  for (const name of readdirSync(migrationsDir).filter((f) => /^\d{3}-[a-z0-9-]+\.sql$/.test(f)).sort()) {
    const number = Number(name.slice(0, 3));
    if (done.has(number)) continue;
    const sql = readFileSync(join(migrationsDir, name), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (number, name, applied_at) VALUES (?, ?, ?)').run(number, name, new Date().toISOString());
    })();
    applied.push(name);
  }
  return applied;
}
