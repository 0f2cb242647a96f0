/**
 * Flags that get handled (risk, unknown risk, worsening by a reliable change), the code
 * list with open flags and last activity sorted open risk first, and the audit log for
 * admins with its filters and pages.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gad7, phq9, testApp, type TestEnv } from './helpers.ts';

let env: TestEnv;
beforeEach(async () => {
  env = await testApp();
});
afterEach(async () => env.close());

const answer = (token: string, id: string, answers: Record<string, unknown>) => env.call('POST', `/v1/me/questionnaires/${id}/responses`, { token, body: { answers } });

describe('flags', { timeout: 120_000 }, () => {
  it('raises risk and worsening, lists open flags risk first, and records who handled them', async () => {
    const pro = await env.org('bydel-a', 'professional', 10);
    const risky = await env.person(pro.token);
    await env.call('PUT', '/v1/me/consent', { token: risky.token, body: { share: true } });
    await answer(risky.token, 'phq9', phq9(1)); // 8
    await answer(risky.token, 'gad7', gad7(1));
    const raised = await answer(risky.token, 'phq9', phq9(2, 1)); // 17 with item 9: risk, and 9 above the first (threshold 6)
    const calm = await env.person(pro.token);
    await env.call('PUT', '/v1/me/consent', { token: calm.token, body: { share: true } });
    await answer(calm.token, 'phq9', phq9(1));
    await answer(calm.token, 'phq9', phq9(1, 0)); // unchanged: no flag
    env.clock.advance({ hours: 1 });

    const detail = await env.call('GET', `/v1/staff/codes/${risky.ref}`, { token: pro.token });
    const id = raised.json.id as string;
    expect(detail.json.flags).toEqual([
      { id: `${id}:risk`, instrument: 'phq9', flag: 'risk', at: raised.json.createdAt, handled: null },
      { id: `${id}:worsening`, instrument: 'phq9', flag: 'worsening', at: raised.json.createdAt, handled: null },
    ]);
    expect(detail.json.lastContact).toBeNull();

    let list = (await env.call('GET', '/v1/staff/codes', { token: pro.token })).json.codes;
    expect(list.map((c: any) => c.ref)).toEqual([risky.ref, calm.ref]); // newest first otherwise: risk comes first
    expect(list[0]).toMatchObject({ openFlags: ['risk', 'worsening'], lastActivity: '2025-03-03' });
    expect(list[1]).toMatchObject({ openFlags: [], lastActivity: '2025-03-03' });

    const handled = await env.call('POST', `/v1/staff/codes/${risky.ref}/flags/${id}:risk/handled`, { token: pro.token });
    expect(handled.status).toBe(200);
    expect(handled.json).toEqual({ id: `${id}:risk`, instrument: 'phq9', flag: 'risk', at: raised.json.createdAt, handled: { by: pro.username, at: '2025-03-03T09:00:00.000Z' } });
    env.clock.advance({ minutes: 5 });
    const again = await env.call('POST', `/v1/staff/codes/${risky.ref}/flags/${id}:risk/handled`, { token: pro.token });
    expect(again.json.handled.at).toBe('2025-03-03T09:00:00.000Z'); // the first handling stays
    expect((await env.call('POST', `/v1/staff/codes/${risky.ref}/flags/${id}:nope/handled`, { token: pro.token })).json.error.code).toBe('not_found');
    expect((await env.call('POST', `/v1/staff/codes/${risky.ref}/flags/${id}:risk/handled`, { token: pro.token, body: { note: 'x' } })).status).toBe(200); // a body is ignored, never stored

    list = (await env.call('GET', '/v1/staff/codes', { token: pro.token })).json.codes;
    expect(list[0]).toMatchObject({ ref: risky.ref, openFlags: ['worsening'] });
    expect((await env.call('GET', `/v1/staff/codes/${risky.ref}`, { token: pro.token })).json.lastContact).toBe('2025-03-03T09:00:00.000Z');

    await env.call('PUT', '/v1/me/consent', { token: risky.token, body: { share: false } });
    expect((await env.call('POST', `/v1/staff/codes/${risky.ref}/flags/${id}:worsening/handled`, { token: pro.token })).json.error.code).toBe('consent_required');
    list = (await env.call('GET', '/v1/staff/codes', { token: pro.token })).json.codes;
    expect(list.map((c: any) => c.ref)).toEqual([calm.ref, risky.ref]);
    expect(list[1].openFlags).toBeUndefined();
    expect(list[1].lastActivity).toBeUndefined();

    // Erasure takes the handling with it.
    expect((await env.call('DELETE', '/v1/me', { token: risky.token })).status).toBe(204);
    expect(Number((await env.rows(sql<{ n: number }>`SELECT count(*) AS n FROM flag_acks`))[0]!.n)).toBe(0);
  });

  it('flags an unanswered risk question, and refuses API keys and other organisations', async () => {
    const admin = await env.org('bydel-a', 'admin', 10);
    const p = await env.person(admin.token);
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: true } });
    const { q9: _q9, ...noNine } = phq9(1);
    const raised = await answer(p.token, 'phq9', noNine);
    expect(raised.json.score.flags).toContain('risk_unknown');
    const flagId = `${raised.json.id}:risk_unknown`;
    const key = await env.call('POST', '/v1/staff/api-keys', { token: admin.token, body: { name: 'Partner', scopes: ['codes:read'] } });
    expect((await env.call('POST', `/v1/staff/codes/${p.ref}/flags/${flagId}/handled`, { token: key.json.key })).json.error.code).toBe('forbidden');
    const other = await env.org('bydel-b', 'professional', 1);
    expect((await env.call('POST', `/v1/staff/codes/${p.ref}/flags/${flagId}/handled`, { token: other.token })).json.error.code).toBe('not_found');
    expect((await env.call('POST', `/v1/staff/codes/${p.ref}/flags/${flagId}/handled`, { token: admin.token })).json.handled.by).toBe(admin.username);
  });
});

describe('the audit log', { timeout: 120_000 }, () => {
  it('shows admins who did what, with early opens and failed logins, filtered and paged', async () => {
    const admin = await env.org('bydel-a', 'admin', 10);
    const pro = await env.org('bydel-a', 'professional', 0);
    const p = await env.person(pro.token);
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: true } });
    env.clock.advance({ minutes: 1 });
    await env.call('GET', `/v1/staff/codes/${p.ref}`, { token: pro.token });
    await env.call('POST', `/v1/staff/codes/${p.ref}/unlock`, { token: pro.token, body: { sectionId: 'start', reason: 'Avtalt i samtalen' } });
    await env.call('POST', '/v1/staff/sessions', { body: { org: 'bydel-a', username: pro.username, password: 'wrong password' } });
    const other = await env.org('bydel-b', 'admin', 1);
    await env.call('GET', '/v1/staff/codes', { token: other.token });

    const all = await env.call('GET', '/v1/staff/audit', { token: admin.token });
    expect(all.status).toBe(200);
    const actions = all.json.events.map((e: any) => e.action);
    expect(actions).toEqual(['staff.login.failed', 'code.unlock', 'code.read', 'code.create']);
    expect(all.json.events[0]).toEqual({ id: expect.any(Number), at: '2025-03-03T08:01:00.000Z', action: 'staff.login.failed', account: pro.username, apiKey: null, codeRef: null });
    expect(all.json.events[1]).toMatchObject({ account: pro.username, codeRef: p.ref, sectionId: 'start', reason: 'Avtalt i samtalen' });
    expect(all.json.next).toBeNull();

    const page1 = await env.call('GET', '/v1/staff/audit?limit=2', { token: admin.token });
    expect(page1.json.events.map((e: any) => e.action)).toEqual(['audit.read', 'staff.login.failed']); // reading the log is logged too
    expect(page1.json.next).toBe(page1.json.events[1].id);
    const readsOnly = await env.call('GET', '/v1/staff/audit?action=code.&limit=2', { token: admin.token });
    expect(readsOnly.json.events.map((e: any) => e.action)).toEqual(['code.unlock', 'code.read']);
    const rest = await env.call('GET', `/v1/staff/audit?action=code.&limit=2&before=${readsOnly.json.next}`, { token: admin.token });
    expect(rest.json).toEqual({ events: [expect.objectContaining({ action: 'code.create' })], next: null });
    expect((await env.call('GET', `/v1/staff/audit?account=${admin.username}&action=audit.read`, { token: admin.token })).json.events).toHaveLength(4);
    expect((await env.call('GET', '/v1/staff/audit?from=2025-03-03T08:00:30Z&to=2025-03-04&action=code.read', { token: admin.token })).json.events).toHaveLength(1);
    expect((await env.call('GET', '/v1/staff/audit?to=2025-03-03T08:00:30Z&action=code.read', { token: admin.token })).json.events).toHaveLength(0);

    expect((await env.call('GET', '/v1/staff/audit', { token: pro.token })).json.error.code).toBe('forbidden');
    for (const bad of ['from=yesterday', 'to=2025-13-01', 'limit=0', 'limit=201', 'before=-1', 'action=DROP%20TABLE', 'account=nobody']) {
      const res = await env.call('GET', `/v1/staff/audit?${bad}`, { token: admin.token });
      expect([bad, res.status, res.json.error.code]).toEqual([bad, 422, 'validation_failed']);
    }
  });
});
