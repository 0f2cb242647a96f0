/** `mestring serve`: start the HTTP API (npm start). */
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { readConfig } from '../../server/config.ts';
import { startServer } from '../../server/main.ts';

export const serveCommand: Command = {
  name: 'serve',
  help: `Usage: mestring serve [--port <n>] [--host <address>] [--db <file>] [--json]

Compiles the programs when the build is missing or out of date, opens (or creates)
the database, creates the secret key on first start, and serves the API.

The database is the SQLite file (--db, MESTRING_DB, default ./data/mestring.db),
or PostgreSQL when MESTRING_DATABASE_URL is set:
  MESTRING_DATABASE_URL=postgres://user:password@host:5432/mestring mestring serve
Tables are created at the first start. To move an existing SQLite service to
PostgreSQL, see 'mestring db copy --help'.

Options:
  --port <n>    port to listen on (default: PORT or 8080)
  --host <a>    address to listen on (default: MESTRING_HOST or 127.0.0.1;
                0.0.0.0 or :: for every interface, e.g. in a container)
  --db <file>   SQLite database file (default: MESTRING_DB or ./data/mestring.db)
  --json        print start-up messages as JSON lines
  -h, --help    show this help

Environment: see docs/operations.md.`,
  options: { port: { type: 'string' }, host: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }) {
    const config = readConfig();
    if (values.port !== undefined) {
      const port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`Unexpected port '${String(values.port)}', expected 0-65535`);
      config.port = port;
    }
    if (typeof values.db === 'string') config.dbPath = values.db;
    if (typeof values.host === 'string') config.host = values.host;
    const say = values.json ? (line: string) => console.log(JSON.stringify({ message: line })) : (line: string) => console.log(line);
    await startServer(config, say);
    return await new Promise<number>(() => {});
  },
};
