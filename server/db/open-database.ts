/**
 * Opens the SQLite database the way the promises need it: WAL with synchronous=FULL
 * (an acknowledged answer survives a crash), foreign keys on, and every numbered
 * migration in db/migrations applied in order, each in its own transaction.
 */
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Opens (or creates) the database at `path` and migrates it.
 *
 * @example
 *   const db = openDatabase('./data/mestring.db');
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
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
