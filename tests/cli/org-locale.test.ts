/** `mestring org locale`: the organisation's language, which new codes get by default. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/open-store.ts';
import { deriveSecrets } from '../../server/config.ts';
import { issueCode } from '../../server/admin.ts';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'mestring-locale-'));
const db = join(dir, 'm.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin/mestring.js'), ...args, '--db', db], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('mestring org locale', { timeout: 180_000 }, () => {
  it('sets the language new codes get, refuses an unknown one, and leaves issued codes alone', async () => {
    await (await openStore({ path: db })).close();
    expect(run('org', 'create', 'kommune', '--name', 'Kommune').code).toBe(0);
    expect(run('org', 'quota', 'kommune', 'kurs=5').code).toBe(0);
    const secrets = deriveSecrets(randomBytes(32));
    const issue = async () => {
      const stores = await openStore({ path: db });
      try {
        return (await issueCode(stores, secrets.codeKey, (await stores.orgs.bySlug('kommune'))!.id, 'kurs', {}, new Date())).locale;
      } finally {
        await stores.close();
      }
    };
    expect(await issue()).toBe('nb');
    const set = run('org', 'locale', 'kommune', 'nn', '--json');
    expect([set.code, JSON.parse(set.stdout)]).toEqual([0, { slug: 'kommune', locale: 'nn' }]);
    expect(await issue()).toBe('nn');
    const bad = run('org', 'locale', 'kommune', 'de');
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining("Unexpected language 'de', expected nb, nn, en")]);
    expect(run('org', 'locale', 'nowhere', 'en').code).not.toBe(0);
    const stores = await openStore({ path: db });
    try {
      const rows = await stores.kysely.selectFrom('codes').select('locale').orderBy('id').execute();
      expect(rows.map((r) => r.locale)).toEqual(['nb', 'nn']);
    } finally {
      await stores.close();
    }
  });
});
