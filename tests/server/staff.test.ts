import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestEnv } from './helpers.ts';
import { turnsDuring } from '../support/event-loop-turns.ts';

let env: TestEnv;
beforeEach(async () => {
  env = await testApp();
});
afterEach(async () => env.close());

describe('staff sessions', () => {
  it('refuses a wrong password with 401 and logs out', async () => {
    const { slug, username, token } = await env.org();
    expect((await env.call('POST', '/v1/staff/sessions', { body: { org: slug, username, password: 'wrong' } })).json.error.code).toBe('invalid_credentials');
    expect((await env.call('POST', '/v1/staff/sessions', { body: { org: 'nope', username, password: 'wrong' } })).status).toBe(401);
    expect((await env.call('DELETE', '/v1/staff/sessions/current', { token })).status).toBe(204);
    expect((await env.call('GET', '/v1/staff/programs', { token })).status).toBe(401);
  });

  it('accepts the portal cookie', async () => {
    const { token } = await env.org();
    const res = await env.call('GET', '/v1/staff/programs', { headers: { cookie: `__Host-mestring_staff=${token}` } });
    expect(res.status).toBe(200);
  });
});

describe('codes and quota', () => {
  it('answers 409 quota_exhausted when the licences are used up', async () => {
    const { token } = await env.org('bydel-q', 'professional', 1);
    expect((await env.call('POST', '/v1/staff/codes', { token, body: { programId: 'kurs' } })).status).toBe(201);
    expect((await env.call('POST', '/v1/staff/codes', { token, body: { programId: 'kurs' } })).json.error.code).toBe('quota_exhausted');
    expect((await env.call('POST', '/v1/staff/codes', { token, body: { programId: 'nope' } })).status).toBe(404);
  });

  it('looks a code up by typing it and revokes it', async () => {
    const { token } = await env.org();
    const p = await env.person(token);
    const found = await env.call('POST', '/v1/staff/codes/lookup', { token, body: { code: p.code.toLowerCase() } });
    expect(found.json.ref).toBe(p.ref);
    expect((await env.call('POST', `/v1/staff/codes/${p.ref}/revoke`, { token })).status).toBe(200);
    expect((await env.call('GET', '/v1/me', { token: p.token })).status).toBe(401);
    expect((await env.call('POST', '/v1/sessions', { body: { code: p.code } })).json.error.code).toBe('invalid_code');
  });
});

describe('the list of codes', () => {
  it('lists an organisation\'s many codes, letting other requests through while it is built', { timeout: 60_000 }, async () => {
    const { token } = await env.org();
    const orgId = (await env.stores.orgs.bySlug('bydel-a'))!.id;
    // 120 codes that consent (progress is read for each) and 30 that never answered,
    // written straight into the database: three batches of the route's fifty.
    const at = env.clock.now().toISOString();
    for (let n = 0; n < 150; n++) {
      const { id } = await env.stores.kysely.insertInto('codes').values({ ref: `cod_list${String(n).padStart(3, '0')}`, code_hmac: `list-${n}`, hint: 'XXXX', org_id: orgId, program_id: 'kurs', created_at: at, first_login_at: at }).returning('id').executeTakeFirstOrThrow();
      if (n < 120) await env.stores.kysely.insertInto('consents').values({ code_id: id, share: 1, at }).execute();
    }
    // On SQLite the route's reads are synchronous: without a turn of the event loop
    // between batches nothing else would run until the whole list was built.
    const { value: res, turns } = await turnsDuring(() => env.call('GET', '/v1/staff/codes', { token }));
    expect(res.status).toBe(200);
    expect(res.json.codes).toHaveLength(150);
    expect(res.json.codes.filter((c: { progress?: unknown }) => c.progress !== undefined)).toHaveLength(120);
    expect(turns).toBeGreaterThanOrEqual(3);
  });
});

describe('consent on every staff route that returns a code\'s data', () => {
  it('refuses detail and unlock without consent, lists no progress, and allows them with consent', async () => {
    const { token } = await env.org();
    const p = await env.person(token);
    expect((await env.call('GET', `/v1/staff/codes/${p.ref}`, { token })).json.error.code).toBe('consent_required');
    expect((await env.call('POST', `/v1/staff/codes/${p.ref}/unlock`, { token, body: { sectionId: 'start', reason: 'Avtalt i samtale' } })).json.error.code).toBe('consent_required');
    expect((await env.call('GET', '/v1/staff/codes', { token })).json.codes[0].progress).toBeUndefined();
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: false } });
    expect((await env.call('GET', `/v1/staff/codes/${p.ref}`, { token })).status).toBe(403);
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: true } });
    expect((await env.call('GET', `/v1/staff/codes/${p.ref}`, { token })).status).toBe(200);
    expect((await env.call('GET', '/v1/staff/codes', { token })).json.codes[0].progress).toEqual({ completed: 0, total: 3, percent: 0 });
    const unlocked = await env.call('POST', `/v1/staff/codes/${p.ref}/unlock`, { token, body: { sectionId: 'start', reason: 'Avtalt i samtale' } });
    expect(unlocked.json.sections[0].state).toBe('available');
    expect((await env.call('POST', `/v1/staff/codes/${p.ref}/unlock`, { token, body: { sectionId: 'slutt', reason: 'Hopper over' } })).json.error.code).toBe('conflict');
    expect((await env.call('GET', '/v1/me/sections/start', { token: p.token })).status).toBe(200);
  });

  it('filters entries by ?since= and refuses a bad date', async () => {
    const { token } = await env.org();
    const p = await env.person(token);
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: true } });
    await env.call('POST', `/v1/staff/codes/${p.ref}/unlock`, { token, body: { sectionId: 'start', reason: 'Start uten kartlegging' } });
    await env.call('POST', '/v1/me/exercises/maal/entries', { token: p.token, body: { values: { goal: 'Mål' } } });
    expect((await env.call('GET', `/v1/staff/codes/${p.ref}?since=2030-01-01`, { token })).json.entries).toEqual([]);
    expect((await env.call('GET', `/v1/staff/codes/${p.ref}?since=2020-01-01`, { token })).json.entries).toHaveLength(1);
    expect((await env.call('GET', `/v1/staff/codes/${p.ref}?since=garbage`, { token })).status).toBe(422);
  });
});

describe('appointments', () => {
  it('records the next appointment, shows it to the person, and cancels it', async () => {
    const { token } = await env.org();
    const p = await env.person(token);
    const made = await env.call('POST', `/v1/staff/codes/${p.ref}/appointments`, { token, body: { at: '2025-03-10T09:00:00Z', kind: 'phone' } });
    expect(made.status).toBe(201);
    expect((await env.call('POST', `/v1/staff/codes/${p.ref}/appointments`, { token, body: { at: '2025-03-10T09:00:00Z', kind: 'phone', notes: 'x' } })).status).toBe(422);
    expect((await env.call('GET', '/v1/me', { token: p.token })).json.nextAppointment).toEqual({ id: made.json.id, at: '2025-03-10T09:00:00.000Z', kind: 'phone' });
    expect((await env.call('DELETE', `/v1/staff/codes/${p.ref}/appointments/${made.json.id}`, { token })).status).toBe(204);
    expect((await env.call('GET', '/v1/me', { token: p.token })).json.nextAppointment).toBeNull();
  });

  it('shows the person the earliest appointment still to come, and the consent as last given', async () => {
    // GET /v1/me reads both with the progress snapshot, in one statement (store/progress.ts).
    const { token } = await env.org();
    const p = await env.person(token);
    const me = async () => (await env.call('GET', '/v1/me', { token: p.token })).json as { consent: boolean | null; nextAppointment: unknown };
    expect(await me()).toMatchObject({ consent: null, nextAppointment: null });
    const later = await env.call('POST', `/v1/staff/codes/${p.ref}/appointments`, { token, body: { at: '2025-03-20T09:00:00Z', kind: 'video' } });
    const sooner = await env.call('POST', `/v1/staff/codes/${p.ref}/appointments`, { token, body: { at: '2025-03-12T13:30:00Z', kind: 'in_person' } });
    expect([later.status, sooner.status]).toEqual([201, 201]);
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: true } });
    expect(await me()).toMatchObject({ consent: true, nextAppointment: { id: sooner.json.id, at: '2025-03-12T13:30:00.000Z', kind: 'in_person' } });
    // Once the sooner one has passed, the later one is next; the latest consent counts.
    env.clock.set('2025-03-13T08:00:00Z');
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: false } });
    expect(await me()).toMatchObject({ consent: false, nextAppointment: { id: later.json.id, at: '2025-03-20T09:00:00.000Z', kind: 'video' } });
  });
});

describe('organisation isolation', () => {
  it('answers 404 for every route on another organisation\'s ref', async () => {
    const a = await env.org('bydel-a');
    const b = await env.org('bydel-b');
    const p = await env.person(a.token);
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: true } });
    const attempts = [
      ['GET', `/v1/staff/codes/${p.ref}`, undefined],
      ['POST', `/v1/staff/codes/${p.ref}/unlock`, { sectionId: 'start', reason: 'Prøver' }],
      ['POST', `/v1/staff/codes/${p.ref}/appointments`, { at: '2025-03-10T09:00:00Z', kind: 'video' }],
      ['DELETE', `/v1/staff/codes/${p.ref}/appointments/apt_x`, undefined],
      ['POST', `/v1/staff/codes/${p.ref}/revoke`, undefined],
      ['POST', '/v1/staff/codes/lookup', { code: p.code }],
    ] as const;
    for (const [method, path, body] of attempts) {
      const res = await env.call(method, path, { token: b.token, body });
      expect([path, res.status, res.json.error.code]).toEqual([path, 404, 'not_found']);
    }
    expect((await env.call('GET', '/v1/staff/codes', { token: b.token })).json.codes).toEqual([]);
    expect((await env.call('GET', '/v1/me', { token: p.token })).status).toBe(200);
  });
});

describe('API keys', () => {
  it('lets an admin create scoped keys that a partner uses, and revoke them', async () => {
    const admin = await env.org('bydel-a', 'admin');
    const pro = await env.org('bydel-a', 'professional', 0);
    expect((await env.call('POST', '/v1/staff/api-keys', { token: pro.token, body: { name: 'x', scopes: ['codes:create'] } })).status).toBe(403);
    const key = await env.call('POST', '/v1/staff/api-keys', { token: admin.token, body: { name: 'Partner-app', scopes: ['codes:create'] } });
    expect(key.status).toBe(201);
    expect(key.json.key).toMatch(/^msk_/);
    const created = await env.call('POST', '/v1/staff/codes', { token: key.json.key, body: { programId: 'kurs' } });
    expect(created.status).toBe(201);
    expect((await env.call('GET', '/v1/staff/codes', { token: key.json.key })).json.error.code).toBe('forbidden');
    expect((await env.call('POST', `/v1/staff/codes/${created.json.ref}/revoke`, { token: key.json.key })).status).toBe(403);
    expect((await env.call('GET', '/v1/staff/api-keys', { token: admin.token })).json.keys).toEqual([expect.objectContaining({ name: 'Partner-app', scopes: ['codes:create'] })]);
    expect((await env.call('DELETE', `/v1/staff/api-keys/${key.json.ref}`, { token: admin.token })).status).toBe(204);
    expect((await env.call('POST', '/v1/staff/codes', { token: key.json.key, body: { programId: 'kurs' } })).status).toBe(401);
  });
});
