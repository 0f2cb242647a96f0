/** `mestring org safety`: an organisation's own help contacts reach its people when an answer raises a risk flag. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openStore } from '../../server/store/open-store.ts';
import { deriveSecrets } from '../../server/config.ts';
import { manualClock } from '../../server/clock.ts';
import { issueCode } from '../../server/admin.ts';
import { defaultSafety } from '../../server/safety.ts';
import { validatorFor } from '../../engine/schemas.ts';
import { fixtureProgram } from '../server/helpers.ts';
import { phq9 } from '../server/helpers.ts';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'mestring-safety-'));
const db = join(dir, 'm.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin/mestring.js'), ...args, '--db', db], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function safetyShown(): Promise<unknown> {
  const stores = await openStore({ path: db });
  try {
    const secrets = deriveSecrets(randomBytes(32));
    const org = (await stores.orgs.bySlug('kommune'))!;
    const { code } = await issueCode(stores, secrets.codeKey, org.id, 'kurs', {}, new Date());
    const app = createApp({ store: stores, programs: [fixtureProgram()], clock: manualClock('2026-01-05T10:00:00Z'), secrets, log: () => {} });
    const post = async (path: string, body: unknown, token?: string) => {
      const res = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
      return (await res.json()) as { token?: string; safety?: unknown };
    };
    const { token } = await post('/v1/sessions', { code });
    if (!token) throw new Error('login failed');
    return (await post('/v1/me/questionnaires/phq9/responses', { answers: phq9(0, 1) }, token)).safety;
  } finally {
    await stores.close();
  }
}

describe('mestring org safety', () => {
  it('ships Norwegian defaults that match the schema', () => {
    expect(validatorFor('safety.schema.json')(defaultSafety)).toBe(true);
  });

  it('sets an organisation’s own contacts, refuses a bad file, and resets to the defaults', async () => {
    // Admin commands never create a database: given one that does not exist, they refuse.
    const missing = run('org', 'create', 'kommune', '--name', 'Kommune');
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining(`No database at ${db}`)]);
    await (await openStore({ path: db })).close();
    expect(run('org', 'create', 'kommune', '--name', 'Kommune').code).toBe(0);
    expect(run('org', 'quota', 'kommune', 'kurs=5').code).toBe(0);
    const own = { title: 'Trenger du hjelp nå?', message: 'Ring oss eller 113.', contacts: [{ name: 'Kommunens krisetelefon', phone: '21 00 00 00', when: 'hverdager 8-15' }, { name: 'Medisinsk nødtelefon', phone: '113' }] };
    const file = join(dir, 'contacts.json');
    writeFileSync(file, JSON.stringify(own));
    expect(run('org', 'safety', 'kommune', file).code).toBe(0);
    expect(await safetyShown()).toEqual(own);

    writeFileSync(file, JSON.stringify({ ...own, contacts: [{ name: 'Uten nummer' }] }));
    const bad = run('org', 'safety', 'kommune', file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/contacts\/0 must have required property 'phone'/);
    expect(await safetyShown()).toEqual(own);

    expect(run('org', 'safety', 'kommune', '--reset').code).toBe(0);
    expect(await safetyShown()).toEqual(defaultSafety);
  }, 180_000); // seven CLI processes, each a tsx start
});
