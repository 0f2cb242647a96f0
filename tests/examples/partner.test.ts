/**
 * The partner example (examples/partner) against a real server process: its types are
 * generated again with openapi-typescript from the served /openapi.json and must equal
 * the committed ones, it type-checks with its own TypeScript, and it runs a person's
 * journey and a staff read with an API key. The document and the example cannot drift.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDataDir, startServerProcess, type DataDir, type ServerProcess } from '../security/server-process.ts';
import { openStore } from '../../server/store/open-store.ts';
import { newRef, newToken } from '../../server/auth/tokens.ts';
import { generatePartnerTypes, partnerTypes } from '../../scripts/generate-partner-types.ts';

const example = join(import.meta.dirname, '..', '..', 'examples', 'partner');
let data: DataDir;
let server: ServerProcess;
let apiKey: string;

beforeAll(async () => {
  data = await seedDataDir({ codes: 0 });
  const stores = await openStore({ url: data.url, path: data.dbPath });
  const org = (await stores.orgs.bySlug('bydel-a'))!;
  const { token, hash } = newToken('msk');
  await stores.staff.addKey(newRef('key'), org.id, 'Nettbutikk', hash, ['codes:create', 'codes:read'], null as never, new Date().toISOString());
  await stores.close();
  apiKey = token;
  server = await startServerProcess(data);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await data?.drop();
});

describe('the partner example', () => {
  it('regenerates the same types from the served document, type-checks and runs a journey', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    expect(generatePartnerTypes(`${base}/openapi.json`), 'run `npm run types:partner`').toBe(readFileSync(partnerTypes, 'utf8'));
    execFileSync(join(example, 'node_modules', '.bin', 'tsc'), ['-p', join(example, 'tsconfig.json')], { stdio: 'pipe' });
    const out = execFileSync(process.execPath, [join('node_modules', 'tsx', 'dist', 'cli.mjs'), join(example, 'src', 'journey.ts')], {
      env: { ...process.env, MESTRING_URL: base, MESTRING_API_KEY: apiKey, MESTRING_PROGRAM: 'kurs' }, encoding: 'utf8',
    });
    const seen = JSON.parse(out.trim().split('\n').at(-1)!);
    expect(seen).toEqual({
      ref: expect.stringMatching(/^cod_/),
      answered: ['phq9', 'gad7', 'checkin'],
      firstPart: 'start',
      completeEarly: 'requirements_missing',
      staffSees: { consent: true, progress: expect.objectContaining({ completed: 0, total: 3 }), scores: ['phq9', 'gad7'] },
    });
  }, 120_000);
});
