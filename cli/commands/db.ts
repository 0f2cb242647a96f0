/** `mestring db copy`: move a service's data from its SQLite file into PostgreSQL. */
import { existsSync } from 'node:fs';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { openStore, isPostgresUrl } from '../../server/store/open-store.ts';
import { copyStore } from '../../server/store/copy-store.ts';
import { print } from '../../server/admin-cli.ts';

export const dbCommand: Command = {
  name: 'db',
  help: `Usage: mestring db copy --from <sqlite file> --to <postgres url> [--json]

Copies every row of the SQLite database into an empty PostgreSQL database (the
schema is created there first), keeping every id, then checks that each table has
the same number of rows. A target that holds any row is refused. The source is read
as one consistent moment; stop the server first (or after the copy, before you point
it at PostgreSQL) so that no write made after the copy is left behind. The secret key
file moves with the service unchanged: without it no code can log in.

Options:
  --from <file>   the SQLite database file (e.g. ./data/mestring.db)
  --to <url>      postgres://user:password@host:port/database
  --json          print the result as JSON
  -h, --help      show this help

See docs/operations.md, "Moving from SQLite to PostgreSQL".`,
  options: { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }) {
    if (positionals[0] !== 'copy') throw new UsageError(`Unknown action '${positionals[0] ?? ''}', expected copy`);
    const from = values.from;
    const to = values.to;
    if (typeof from !== 'string') throw new UsageError('Missing --from <sqlite file>');
    if (typeof to !== 'string') throw new UsageError('Missing --to <postgres url>');
    if (!existsSync(from)) throw new UsageError(`No database at ${from}`);
    if (!isPostgresUrl(to)) throw new UsageError(`Unexpected --to '${String(to).replace(/:[^:@/]*@/, ':***@')}', expected postgres://user:password@host:port/database`);
    const source = await openStore({ path: from });
    try {
      const target = await openStore({ url: to });
      try {
        const tables = await copyStore(source, target, values.json ? undefined : (table, rows) => console.log(`  ${table}: ${rows}`));
        const total = tables.reduce((sum, t) => sum + t.rows, 0);
        print(values.json, { from: source.description, to: target.description, tables }, `copied ${total} rows from ${source.description} to ${target.description}; every table's row count matches`);
      } finally {
        await target.close();
      }
    } finally {
      await source.close();
    }
    return 0;
  },
};
