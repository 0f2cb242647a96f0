/**
 * One whole journey, as the product brief tells it: org and staff created by the CLI
 * functions, a code, login, consent, initial mapping, part 1, part 2, a PHQ-9 with item 9
 * raised, the professional seeing it all with consent and nothing after withdrawal.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testApp, phq9, gad7, type TestEnv } from './helpers.ts';
import { createOrg, addLicences, createStaff } from '../../server/admin.ts';
import { enrolTwoFactor } from './two-factor.ts';

let env: TestEnv;
afterEach(async () => env?.close());

describe('the whole journey', () => {
  it('runs from code to safety block to consent withdrawal', async () => {
    env = await testApp();
    const now = env.clock.now();
    await createOrg(env.stores, 'bydel-x', 'Bydel X', now);
    await addLicences(env.stores, 'bydel-x', 'kurs', 2);
    const { password } = await createStaff(env.stores, 'bydel-x', 'kari', 'professional', now);

    const login = await env.call('POST', '/v1/staff/sessions', { body: { org: 'bydel-x', username: 'kari', password } });
    expect(login.status).toBe(201);
    expect(login.json.mustChangePassword).toBe(true);
    expect(login.headers.get('set-cookie')).toMatch(/__Host-mestring_staff=mss_.*HttpOnly.*Secure.*SameSite=Strict/i);
    const staff = login.json.token;
    expect((await env.call('GET', '/v1/staff/programs', { token: staff })).json.error.code).toBe('password_change_required');
    expect((await env.call('PUT', '/v1/staff/password', { token: staff, body: { currentPassword: password, newPassword: 'kari sitt nye passord' } })).status).toBe(200);
    expect((await env.call('GET', '/v1/staff/programs', { token: staff })).json.error.code).toBe('two_factor_enrolment_required');
    await enrolTwoFactor(env, staff);

    const programs = await env.call('GET', '/v1/staff/programs', { token: staff });
    expect(programs.json.programs[0].licences).toEqual({ total: 2, used: 0, remaining: 2 });

    const issued = await env.call('POST', '/v1/staff/codes', { token: staff, body: { programId: 'kurs' } });
    expect(issued.status).toBe(201);
    expect(issued.json.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-.$/);
    const { code, ref } = issued.json;

    const session = await env.call('POST', '/v1/sessions', { body: { code: code.toLowerCase().replace(/-/g, ' '), remember: true } });
    expect(session.status).toBe(201);
    expect(session.json).toMatchObject({ programId: 'kurs', consent: null });
    const me = session.json.token;

    expect((await env.call('PUT', '/v1/me/consent', { token: me, body: { share: true } })).json.consent).toBe(true);

    let status = await env.call('GET', '/v1/me', { token: me });
    expect(status.json.due.map((d: any) => d.instrument)).toEqual(['phq9', 'gad7', 'checkin']);
    expect((await env.call('GET', '/v1/me/sections/start', { token: me })).status).toBe(423);

    expect((await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: me, body: { answers: phq9(1) } })).status).toBe(201);
    expect((await env.call('POST', '/v1/me/questionnaires/gad7/responses', { token: me, body: { answers: gad7(1) } })).status).toBe(201);
    expect((await env.call('POST', '/v1/me/checkins', { token: me, body: { ratings: { mood: 6, worry: 4 } } })).status).toBe(201);
    status = await env.call('GET', '/v1/me', { token: me });
    expect(status.json.due).toEqual([]);

    const part1 = await env.call('GET', '/v1/me/sections/start', { token: me });
    expect(part1.status).toBe(200);
    expect((await env.call('POST', '/v1/me/sections/start/complete', { token: me })).json.error.code).toBe('requirements_missing');
    expect((await env.call('POST', '/v1/me/exercises/maal/entries', { token: me, body: { values: { goal: 'Gå en tur hver dag', importance: 8, when: '17:30' } } })).status).toBe(201);
    const done1 = await env.call('POST', '/v1/me/sections/start/complete', { token: me });
    expect(done1.status).toBe(200);
    expect(done1.json.sections.map((s: any) => s.state)).toEqual(['completed', 'available', 'locked']);

    expect((await env.call('GET', '/v1/me/sections/logg', { token: me })).status).toBe(200);
    const risky = await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: me, body: { answers: phq9(2, 1) } });
    expect(risky.status).toBe(201);
    expect(risky.json.score.flags).toContain('risk');
    expect(risky.json.safety.contacts.map((c: any) => c.phone)).toEqual(['113', '116 117', '116 123', '22 40 00 40']);

    const seen = await env.call('GET', `/v1/staff/codes/${ref}`, { token: staff });
    expect(seen.status).toBe(200);
    // Item 9 raised, and the total rose from 8 to 17: a reliable worsening too (threshold 6).
    expect(seen.json.flags).toEqual([expect.objectContaining({ instrument: 'phq9', flag: 'risk', handled: null }), expect.objectContaining({ instrument: 'phq9', flag: 'worsening' })]);
    expect(seen.json.entries).toHaveLength(1);
    expect(seen.json.scores.phq9).toHaveLength(2);
    expect(seen.json.checkins).toHaveLength(1);
    expect(seen.json.progress).toMatchObject({ completed: 1, total: 3 });

    expect((await env.call('PUT', '/v1/me/consent', { token: me, body: { share: false } })).status).toBe(200);
    const refused = await env.call('GET', `/v1/staff/codes/${ref}`, { token: staff });
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual({ error: { code: 'consent_required', message: expect.any(String) } });
    const list = await env.call('GET', '/v1/staff/codes', { token: staff });
    expect(list.json.codes[0]).toEqual({ ref, hint: issued.json.hint, programId: 'kurs', locale: 'nb', createdAt: expect.any(String), status: 'active', consent: false });

    const audit = await env.stores.audit.list((await env.stores.orgs.bySlug('bydel-x'))!.id);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['code.create', 'code.read', 'code.read.denied', 'codes.list']));
  });
});
