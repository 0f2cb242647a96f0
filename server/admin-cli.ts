/** Shared by the admin CLI commands: open the configured database and print results. */
import { readConfig } from './config.ts';
import { openDatabase } from './db/open-database.ts';
import { createStores, type Stores } from './store/index.ts';

/**
 * Runs `fn` with the stores of the database named by `--db` or MESTRING_DB, then closes it.
 *
 * @example
 *   withStores(values.db, (stores) => createOrg(stores, slug, name, new Date()))
 */
export function withStores<T>(dbPath: unknown, fn: (stores: Stores) => T): T {
  const db = openDatabase(typeof dbPath === 'string' ? dbPath : readConfig().dbPath);
  try {
    return fn(createStores(db));
  } finally {
    db.close();
  }
}

/** Prints `data` as JSON with --json, else the text. */
export function print(json: unknown, data: unknown, text: string): void {
  console.log(json ? JSON.stringify(data) : text);
}
