/** `mestring key list|allowance|issued`: an organisation's API keys, their licence allowances and what they issued. */
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { print, withStores } from '../../server/admin-cli.ts';
import type { Stores } from '../../server/store/index.ts';

async function keyOf(stores: Stores, slug: string, ref: string | undefined) {
  const org = await stores.orgs.bySlug(slug);
  if (!org) throw new UsageError(`No organisation '${slug}'`);
  if (!ref) return { org, key: undefined };
  const key = (await stores.staff.keys(org.id)).find((k) => k.ref === ref);
  if (!key) throw new UsageError(`No API key '${ref}' in ${slug} (see: mestring key list ${slug})`);
  return { org, key };
}

export const keyCommand: Command = {
  name: 'key',
  help: `Usage:
  mestring key list <org> [--db <file>] [--json]
  mestring key allowance <org> <key-ref> [<program>=<n>...] [--db <file>] [--json]
  mestring key issued <org> <key-ref> [--db <file>] [--json]

list       the organisation's API keys with their allowances
allowance  sets a key's licences for a program to n (a sub-pool of the organisation's
           licences: each code the key issues uses one of each); without <program>=<n>
           shows them. A key with no allowance for a program draws on the
           organisation's licences alone.
issued     the codes the key issued (refs, programs, times; never the codes)

Options:
  --db <file>    database file (default: MESTRING_DB or ./data/mestring.db)
  --json         print the result as JSON
  -h, --help     show this help`,
  options: { db: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }) {
    const [action, slug, ref, ...rest] = positionals;
    if (!slug) throw new UsageError('Missing organisation slug');
    const allowanceView = (a: { program_id: string; total: number; used: number }) => ({ programId: a.program_id, total: a.total, used: a.used, remaining: Math.max(0, a.total - a.used) });
    if (action === 'list') {
      const keys = await withStores(values.db, async (stores) => {
        const { org } = await keyOf(stores, slug, undefined);
        return Promise.all((await stores.staff.keys(org.id)).map(async (k) => ({ ref: k.ref, name: k.name, scopes: k.scopes.split(' '), allowances: (await stores.apiKeyIssues.allowances(k.id)).map(allowanceView) })));
      });
      print(values.json, { keys }, keys.map((k) => `${k.ref} ${k.name} [${k.scopes.join(' ')}]${k.allowances.map((a) => ` ${a.programId}: ${a.remaining} of ${a.total} left`).join(',')}`).join('\n') || 'no API keys');
      return 0;
    }
    if (action === 'allowance') {
      const grants = rest.map((arg) => {
        const match = /^([a-z0-9-]+)=(\d+)$/.exec(arg);
        if (!match) throw new UsageError(`Unexpected '${arg}', expected <program>=<n> such as angst=20`);
        return [match[1]!, Number(match[2])] as const;
      });
      const allowances = await withStores(values.db, async (stores) => {
        const { key } = await keyOf(stores, slug, ref);
        if (!key) throw new UsageError('Missing <key-ref>');
        for (const [program, total] of grants) {
          const used = (await stores.apiKeyIssues.allowances(key.id)).find((a) => a.program_id === program)?.used ?? 0;
          if (total < used) throw new UsageError(`${ref} has already used ${used} of ${program}: the allowance cannot be lower`);
          await stores.apiKeyIssues.setAllowance(key.id, program, total);
        }
        return (await stores.apiKeyIssues.allowances(key.id)).map(allowanceView);
      });
      print(values.json, { ref, allowances }, allowances.map((a) => `${ref} ${a.programId}: ${a.remaining} of ${a.total} left`).join('\n') || `${ref}: no allowances (draws on the organisation's licences)`);
      return 0;
    }
    if (action === 'issued') {
      const issued = await withStores(values.db, async (stores) => {
        const { key } = await keyOf(stores, slug, ref);
        if (!key) throw new UsageError('Missing <key-ref>');
        return (await stores.apiKeyIssues.log(key.id)).map((r) => ({ ref: r.code_ref, programId: r.program_id, createdAt: r.created_at }));
      });
      print(values.json, { ref, issued }, issued.map((i) => `${i.createdAt} ${i.programId} ${i.ref}`).join('\n') || 'nothing issued');
      return 0;
    }
    throw new UsageError(`Unknown action '${action ?? ''}', expected list, allowance or issued`);
  },
};
