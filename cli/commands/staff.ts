/** `mestring staff create`: a staff account with a one-time password. */
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { createStaff } from '../../server/admin.ts';
import { print, withStores } from '../../server/admin-cli.ts';

export const staffCommand: Command = {
  name: 'staff',
  help: `Usage: mestring staff create --org <slug> --username <u> [--role admin|professional] [--db <file>] [--json]

Creates a staff account and prints a one-time password, shown only now. It must be
changed at first login.

Options:
  --org <slug>       the organisation
  --username <u>     lower-case letters, digits, dots and dashes
  --role <role>      admin or professional (default: professional)
  --db <file>        database file (default: MESTRING_DB or ./data/mestring.db)
  --json             print the result as JSON
  -h, --help         show this help`,
  options: { org: { type: 'string' }, username: { type: 'string' }, role: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }) {
    if (positionals[0] !== 'create') throw new UsageError(`Unknown action '${positionals[0] ?? ''}', expected create`);
    if (typeof values.org !== 'string') throw new UsageError('Missing --org');
    if (typeof values.username !== 'string') throw new UsageError('Missing --username');
    const role = (values.role ?? 'professional') as string;
    if (role !== 'admin' && role !== 'professional') throw new UsageError(`Unexpected role '${role}', expected admin or professional`);
    const made = await withStores(values.db, (stores) => createStaff(stores, values.org as string, values.username as string, role, new Date()));
    print(values.json, { org: values.org, username: made.username, role: made.role, oneTimePassword: made.password },
      `created ${made.role} ${made.username} in ${String(values.org)}\none-time password (shown only now, change at first login): ${made.password}`);
    return 0;
  },
};
