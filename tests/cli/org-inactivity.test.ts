/** `mestring org inactivity`: after how many days without activity a person is asked for the end evaluation. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/open-store.ts';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'mestring-inactivity-'));
const db = join(dir, 'm.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => {
  const result = spawnSync(process.execPath, [join(root, 'bin/mestring.js'), ...args, '--db', db], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};
const days = async () => {
  const stores = await openStore({ path: db });
  try {
    return (await stores.orgs.bySlug('kommune'))?.inactivity_days;
  } finally {
    await stores.close();
  }
};

describe('mestring org inactivity', () => {
  it('is 21 days by default, sets another number, and refuses what is not a number of days', async () => {
    await (await openStore({ path: db })).close();
    expect(run('org', 'create', 'kommune', '--name', 'Kommune').code).toBe(0);
    expect(await days()).toBe(21);
    const set = run('org', 'inactivity', 'kommune', '28', '--json');
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({ slug: 'kommune', inactivityDays: 28 });
    expect(await days()).toBe(28);
    for (const bad of ['0', '366', 'tre', '']) expect(run('org', 'inactivity', 'kommune', bad).code).toBe(2);
    expect(run('org', 'inactivity', 'nowhere', '10').code).toBe(2);
    expect(await days()).toBe(28);
  }, 180_000); // several CLI processes, each a tsx start
});
