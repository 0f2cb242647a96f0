/**
 * The end evaluation for everyone: due after a professional stops the program, after the
 * organisation's days without activity (21 by default), and recorded from the closing
 * call without free text.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gad7, phq9, testApp, type TestEnv } from './helpers.ts';

let env: TestEnv;
beforeEach(async () => {
  env = await testApp();
});
afterEach(async () => env.close());

async function started(staff: string) {
  const p = await env.person(staff);
  await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: true } });
  await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(1) } });
  await env.call('POST', '/v1/me/questionnaires/gad7/responses', { token: p.token, body: { answers: gad7(1) } });
  return p;
}
const due = async (token: string) => ((await env.call('GET', '/v1/me', { token })).json.due as { kind: string; instrument: string }[]).filter((d) => d.kind === 'evaluation');

describe('the end evaluation', { timeout: 120_000 }, () => {
  it('is due once a professional stops the program, until answered', async () => {
    const pro = await env.org('bydel-a', 'professional', 5);
    const p = await started(pro.token);
    expect(await due(p.token)).toEqual([]);
    const stopped = await env.call('POST', `/v1/staff/codes/${p.ref}/stop`, { token: pro.token });
    expect(stopped.json).toEqual({ ref: p.ref, stoppedAt: '2025-03-03T08:00:00.000Z' });
    expect(await due(p.token)).toEqual([{ kind: 'evaluation', instrument: 'evaluation' }]);
    expect((await env.call('GET', '/v1/me', { token: p.token })).json.due[0].kind).toBe('evaluation');
    await env.call('POST', '/v1/me/questionnaires/evaluation/responses', { token: p.token, body: { answers: { completed: 3, 'not-completed-reason': 3, change: 3 } } });
    expect(await due(p.token)).toEqual([]);
    await env.call('POST', `/v1/staff/codes/${p.ref}/revoke`, { token: pro.token });
    expect((await env.call('POST', `/v1/staff/codes/${p.ref}/stop`, { token: pro.token })).json.error.code).toBe('conflict');
  });

  it('is due after the organisation\'s days without activity', async () => {
    const pro = await env.org('bydel-a', 'professional', 5);
    const p = await started(pro.token);
    env.clock.advance({ days: 20, hours: 23 });
    expect(await due(p.token)).toEqual([]);
    env.clock.advance({ hours: 1 });
    expect(await due(p.token)).toEqual([{ kind: 'evaluation', instrument: 'evaluation' }]);

    const q = await started((await (await import('./two-factor.ts')).staffLogin(env, pro)));
    const org = (await env.stores.orgs.bySlug('bydel-a'))!;
    await env.stores.orgs.setInactivityDays(org.id, 7);
    env.clock.advance({ days: 6 });
    expect(await due(q.token)).toEqual([]);
    env.clock.advance({ days: 1 });
    expect(await due(q.token)).toEqual([{ kind: 'evaluation', instrument: 'evaluation' }]);
  });

  it('is recorded from the closing call with its choices only, with consent', async () => {
    const pro = await env.org('bydel-a', 'professional', 5);
    const p = await started(pro.token);
    const path = `/v1/staff/codes/${p.ref}/evaluation`;
    const text = await env.call('POST', path, { token: pro.token, body: { answers: { completed: 1, change: 2, 'change-why': 'Hun sover bedre' } } });
    expect(text.json.error).toMatchObject({ code: 'validation_failed', fields: [{ field: 'change-why', code: 'not_allowed' }] });
    expect((await env.call('POST', path, { token: pro.token, body: { answers: { completed: 9, change: 2 } } })).status).toBe(422);
    const saved = await env.call('POST', path, { token: pro.token, body: { answers: { completed: 1, change: 2 } } });
    expect(saved.status).toBe(201);
    expect(saved.json).toMatchObject({ instrument: 'evaluation', answers: { completed: 1, change: 2 } });
    expect(await due(p.token)).toEqual([]);
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: false } });
    expect((await env.call('POST', path, { token: pro.token, body: { answers: { completed: 1, change: 2 } } })).json.error.code).toBe('consent_required');
  });
});
