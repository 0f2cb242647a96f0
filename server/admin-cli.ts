/** Shared by the admin CLI commands: open the configured (existing) database and print results. */
import { readConfig } from './config.ts';
import { openDatabase } from './db/open-database.ts';
import { createStores, type Stores } from './store/index.ts';

/**
 * Runs `fn` with the stores of the database named by `--db` or MESTRING_DB, then closes it.
 * A database that does not exist is an error, never a new empty one.
 *
 * @example
 *   await withStores(values.db, (stores) => createOrg(stores, slug, name, new Date()))
 */
export async function withStores<T>(dbPath: unknown, fn: (stores: Stores) => T | Promise<T>): Promise<T> {
  const db = openDatabase(typeof dbPath === 'string' ? dbPath : readConfig().dbPath, { mustExist: true });
  try {
    return await fn(createStores(db));
  } finally {
    db.close();
  }
}

/** Prints `data` as JSON with --json, else the text. */
export function print(json: unknown, data: unknown, text: string): void {
  console.log(json ? JSON.stringify(data) : text);
}
