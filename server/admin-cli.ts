/** Shared by the admin CLI commands: open the configured database and print results. */
import { existsSync } from 'node:fs';
import { readConfig } from './config.ts';
import { openStore, isPostgresUrl } from './store/open-store.ts';
import type { Stores } from './store/index.ts';

/**
 * Runs `fn` with the stores of the configured database (MESTRING_DATABASE_URL, or the
 * SQLite file named by `--db` or MESTRING_DB), then closes it. A SQLite file that does
 * not exist is refused rather than created: a mistyped path must not look like an empty
 * service.
 *
 * @example
 *   await withStores(values.db, (stores) => createOrg(stores, slug, name, new Date()))
 */
export async function withStores<T>(dbPath: unknown, fn: (stores: Stores) => Promise<T> | T): Promise<T> {
  const config = readConfig();
  const path = typeof dbPath === 'string' ? dbPath : config.dbPath;
  const url = typeof dbPath === 'string' ? undefined : config.databaseUrl;
  if (!isPostgresUrl(url) && !existsSync(path)) throw new Error(`No database at ${path}; start the server once to create it, or check --db`);
  const stores = await openStore({ url, path });
  try {
    return await fn(stores);
  } finally {
    await stores.close();
  }
}

/** Prints `data` as JSON with --json, else the text. */
export function print(json: unknown, data: unknown, text: string): void {
  console.log(json ? JSON.stringify(data) : text);
}
