/** `mestring backup <file>`: an online backup with better-sqlite3's db.backup, safe while serving. */
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { readConfig } from '../../server/config.ts';
import { print } from '../../server/admin-cli.ts';

export const backupCommand: Command = {
  name: 'backup',
  help: `Usage: mestring backup <file> [--db <file>] [--json]

Copies the database with SQLite's online backup (consistent, safe while the server
runs). The secret key file is not in the backup: keep a copy of it apart. On PostgreSQL
(MESTRING_DATABASE_URL set) use pg_dump or WAL archiving instead: this command refuses.

Options:
  --db <file>   database file (default: MESTRING_DB or ./data/mestring.db)
  --json        print the result as JSON
  -h, --help    show this help`,
  options: { db: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }) {
    const target = positionals[0];
    if (!target) throw new UsageError('Missing <file>');
    if (existsSync(target)) throw new UsageError(`${target} exists; choose a new file name`);
    const config = readConfig();
    // PostgreSQL has its own tools for this; a copy of some unrelated SQLite file would mislead.
    if (config.databaseUrl && typeof values.db !== 'string') {
      throw new UsageError('MESTRING_DATABASE_URL is set: back up PostgreSQL with its own tools (pg_dump, or WAL archiving for point-in-time recovery; see docs/operations.md). mestring backup copies the SQLite file only.');
    }
    const source = typeof values.db === 'string' ? values.db : config.dbPath;
    if (!existsSync(source)) throw new UsageError(`No database at ${source}`);
    const db = new Database(source, { fileMustExist: true });
    try {
      // The copy holds everything the database does: readable by the owner only.
      closeSync(openSync(target, 'wx', 0o600));
      const result = await db.backup(target);
      chmodSync(target, 0o600);
      print(values.json, { file: target, pages: result.totalPages }, `backed up ${source} to ${target} (${result.totalPages} pages)`);
    } finally {
      db.close();
    }
    return 0;
  },
};
