/** `mestring key`: an admin sets an API key's licence allowance per program from the command line and reads what it issued. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/open-store.ts';
import { addLicences, createOrg } from '../../server/admin.ts';
import { newRef, newToken } from '../../server/auth/tokens.ts';
import { deriveSecrets } from '../../server/config.ts';
import { randomBytes } from 'node:crypto';
import { issueWithKey } from '../../server/codes/key-issuance.ts';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'mestring-key-'));
const db = join(dir, 'm.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => {
  const result = spawnSync(process.execPath, [join(root, 'bin/mestring.js'), 'key', ...args, '--db', db, '--json'], { cwd: root, encoding: 'utf8' });
  return { code: result.status, json: result.stdout ? JSON.parse(result.stdout) : undefined, stderr: result.stderr };
};

describe('mestring key', () => {
  it('sets and shows allowances, refuses one below what was used, and lists what the key issued', async () => {
    const stores = await openStore({ path: db });
    const now = new Date();
    await createOrg(stores, 'butikk', 'Butikk', now);
    await addLicences(stores, 'butikk', 'kurs', 10);
    const org = (await stores.orgs.bySlug('butikk'))!;
    const ref = newRef('key');
    await stores.staff.addKey(ref, org.id, 'Nettbutikk', newToken('msk').hash, ['codes:create'], null as never, now.toISOString());
    const keyId = (await stores.staff.keys(org.id))[0]!.id;
    await stores.close();

    expect(run('allowance', 'butikk', ref, 'kurs=2').json.allowances).toEqual([{ programId: 'kurs', total: 2, used: 0, remaining: 2 }]);
    const reopened = await openStore({ path: db });
    const issued = await issueWithKey(reopened, deriveSecrets(randomBytes(32)), { orgId: org.id, keyId, programId: 'kurs', body: { programId: 'kurs' }, now: new Date() });
    await reopened.close();
    expect(run('list', 'butikk').json.keys).toEqual([{ ref, name: 'Nettbutikk', scopes: ['codes:create'], allowances: [{ programId: 'kurs', total: 2, used: 1, remaining: 1 }] }]);
    expect(run('issued', 'butikk', ref).json.issued).toEqual([{ ref: issued.issued.ref, programId: 'kurs', createdAt: expect.any(String) }]);
    const lower = run('allowance', 'butikk', ref, 'kurs=0');
    expect(lower.code).not.toBe(0);
    expect(lower.stderr).toMatch(/already used 1/);
    expect(run('allowance', 'butikk', 'key_nope', 'kurs=1').code).not.toBe(0);
  }, 180_000);
});
