/** `mestring org create|quota`: organisations and their program licences. */
import { readFileSync } from 'node:fs';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { addLicences, createOrg, setOrgLocale } from '../../server/admin.ts';
import { isPersonLocale, personLocales } from '../../server/locale/languages.ts';
import { print, withStores } from '../../server/admin-cli.ts';
import { defaultSafety } from '../../server/safety.ts';
import { validatorFor } from '../../engine/schemas.ts';
import type { SafetyBlock } from '../../schemas/types.ts';

/** Reads and checks a safety contacts file; a usage error says what is wrong. */
function readSafety(file: string | undefined): SafetyBlock {
  if (!file) throw new UsageError('Missing <contacts.json> (or --reset)');
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  const validate = validatorFor('safety.schema.json');
  if (!validate(data)) {
    const first = validate.errors?.[0];
    throw new UsageError(`${file}: ${first?.instancePath || '(top level)'} ${first?.message ?? 'is not valid'}; see schemas/safety.schema.json`);
  }
  return data as SafetyBlock;
}

export const orgCommand: Command = {
  name: 'org',
  help: `Usage:
  mestring org create <slug> --name <name> [--db <file>] [--json]
  mestring org quota <slug> <program>=<n>... [--db <file>] [--json]
  mestring org safety <slug> <contacts.json> | --reset [--db <file>] [--json]
  mestring org locale <slug> <nb|nn|en> [--db <file>] [--json]
  mestring org inactivity <slug> <days> [--db <file>] [--json]

create   a new organisation (one service; its staff see only its codes)
quota    adds n licences of a program (each new code uses one)
safety   sets where the organisation's people are told to get help now when an answer
         raises a risk flag: a JSON file {title, message, contacts: [{name, phone, when}]}
         (schemas/safety.schema.json); --reset goes back to the Norwegian defaults
locale   sets the organisation's language: new codes get it unless the professional
         picks another (bokmål nb, nynorsk nn or English en); codes already issued keep theirs
inactivity  after how many days without activity a person is asked for the end
         evaluation (1-365; default 21)

Options:
  --name <name>  the organisation's display name
  --db <file>    database file (default: MESTRING_DB or ./data/mestring.db)
  --json         print the result as JSON
  -h, --help     show this help`,
  options: { name: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean' }, reset: { type: 'boolean' } },
  async run({ values, positionals }) {
    const [action, slug, ...rest] = positionals;
    if (!slug) throw new UsageError('Missing organisation slug');
    if (action === 'create') {
      if (typeof values.name !== 'string') throw new UsageError('Missing --name');
      const org = await withStores(values.db, (stores) => createOrg(stores, slug, values.name as string, new Date()));
      print(values.json, { slug: org.slug, name: values.name }, `created organisation ${org.slug}`);
      return 0;
    }
    if (action === 'quota') {
      if (!rest.length) throw new UsageError('Missing <program>=<n>');
      const grants = rest.map((arg) => {
        const match = /^([a-z0-9-]+)=(\d+)$/.exec(arg);
        if (!match) throw new UsageError(`Unexpected '${arg}', expected <program>=<n> such as angst=20`);
        return [match[1]!, Number(match[2])] as const;
      });
      const licences = await withStores(values.db, async (stores) => {
        const done = [];
        for (const [program, n] of grants) done.push(await addLicences(stores, slug, program, n));
        return done;
      });
      print(values.json, { slug, licences }, licences.map((l) => `${slug} ${l.programId}: ${l.total - l.used} of ${l.total} left`).join('\n'));
      return 0;
    }
    if (action === 'safety') {
      const safety = values.reset ? null : readSafety(rest[0]);
      await withStores(values.db, async (stores) => {
        const org = await stores.orgs.bySlug(slug);
        if (!org) throw new UsageError(`No organisation '${slug}'`);
        await stores.orgs.setSafety(org.id, safety);
      });
      print(values.json, { slug, safety: safety ?? defaultSafety }, safety ? `${slug}: ${safety.contacts.length} help contacts set` : `${slug}: back to the default help contacts`);
      return 0;
    }
    if (action === 'locale') {
      const locale = rest[0];
      if (!locale) throw new UsageError('Missing <nb|nn|en>');
      if (!isPersonLocale(locale)) throw new UsageError(`Unexpected language '${locale}', expected ${personLocales.join(', ')}`);
      const done = await withStores(values.db, async (stores) => {
        if (!(await stores.orgs.bySlug(slug))) throw new UsageError(`No organisation '${slug}'`);
        return setOrgLocale(stores, slug, locale);
      });
      print(values.json, done, `${slug}: new codes are issued in ${locale}`);
      return 0;
    }
    if (action === 'inactivity') {
      const days = Number(rest[0]);
      if (!/^\d{1,3}$/.test(rest[0] ?? '') || days < 1 || days > 365) throw new UsageError(`Unexpected '${rest[0] ?? ''}', expected a number of days from 1 to 365`);
      await withStores(values.db, async (stores) => {
        const org = await stores.orgs.bySlug(slug);
        if (!org) throw new UsageError(`No organisation '${slug}'`);
        await stores.orgs.setInactivityDays(org.id, days);
      });
      print(values.json, { slug, inactivityDays: days }, `${slug}: the end evaluation is asked for after ${days} days without activity`);
      return 0;
    }
    throw new UsageError(`Unknown action '${action ?? ''}', expected create, quota, safety, locale or inactivity`);
  },
};
