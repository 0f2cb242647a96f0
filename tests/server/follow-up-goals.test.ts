/**
 * The follow-up view's goals for the coming week: the answers to the fields the pack marks
 * `goal`, in the person's words, since the last call (with the latest earlier answer kept
 * when nothing new was written), and nothing at all without consent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gad7, phq9, testApp, type TestEnv } from './helpers.ts';

let env: TestEnv;
beforeEach(async () => {
  env = await testApp();
});
afterEach(async () => env.close());

describe('follow-up goals', { timeout: 120_000 }, () => {
  it('shows the goals written since the last call, the latest earlier one otherwise, and none without consent', async () => {
    const pro = await env.org('bydel-a', 'professional', 10);
    const p = await env.person(pro.token);
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: true } });
    await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(1) } });
    await env.call('POST', '/v1/me/questionnaires/gad7/responses', { token: p.token, body: { answers: gad7(1) } });
    const first = await env.call('POST', '/v1/me/exercises/maal/entries', { token: p.token, body: { values: { goal: 'Gå en tur hver morgen', importance: 7 } } });
    expect(first.status).toBe(201);
    const written = first.json.updatedAt as string;

    // No call yet: everything the person wrote counts, with the field's question beside it.
    let detail = await env.call('GET', `/v1/staff/codes/${p.ref}`, { token: pro.token });
    expect(detail.status).toBe(200);
    expect(detail.json.goals).toEqual([
      { exerciseId: 'maal', fieldId: 'goal', label: 'Hva vil du oppnå?', text: 'Gå en tur hver morgen', updatedAt: written, sinceLastContact: true },
    ]);

    // A call happens; afterwards the earlier goal is still shown, marked as from before it.
    await env.call('POST', `/v1/staff/codes/${p.ref}/appointments`, { token: pro.token, body: { at: new Date(env.clock.now().getTime() + 3_600_000).toISOString(), kind: 'phone' } });
    env.clock.advance({ hours: 2 });
    detail = await env.call('GET', `/v1/staff/codes/${p.ref}`, { token: pro.token });
    expect(detail.json.goals).toEqual([expect.objectContaining({ text: 'Gå en tur hver morgen', sinceLastContact: false })]);

    // The person changes the goal after the call: the new words replace it as since the call.
    env.clock.advance({ hours: 1 });
    const changed = await env.call('PUT', `/v1/me/exercises/maal/entries/${first.json.id}`, { token: p.token, body: { values: { goal: 'Ta bussen to ganger denne uken', importance: 8 } } });
    expect(changed.status).toBe(200);
    detail = await env.call('GET', `/v1/staff/codes/${p.ref}`, { token: pro.token });
    expect(detail.json.goals).toEqual([
      { exerciseId: 'maal', fieldId: 'goal', label: 'Hva vil du oppnå?', text: 'Ta bussen to ganger denne uken', updatedAt: changed.json.updatedAt, sinceLastContact: true },
    ]);
    // Only fields marked `goal` are goals: the importance rating is not among them.
    expect(detail.json.goals.map((g: { fieldId: string }) => g.fieldId)).toEqual(['goal']);

    // Without consent the server sends no goals (nor anything else about the person).
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: false } });
    const refused = await env.call('GET', `/v1/staff/codes/${p.ref}`, { token: pro.token });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('consent_required');
    expect(refused.text).not.toContain('Ta bussen');
  });
});
