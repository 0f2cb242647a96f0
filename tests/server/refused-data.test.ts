/**
 * Data that must be refused because it cannot be true or cannot be used: a start or
 * repeated questionnaire with too many answers missing for its published proration
 * rules, and sleep diary nights whose times contradict each other.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { compileTree } from '../../engine/index.ts';
import type { CompiledProgram, Instrument } from '../../schemas/types.ts';
import { addLicences } from '../../server/admin.ts';
import { fixtureProgram, phq9, testApp, type TestEnv } from './helpers.ts';

let env: TestEnv;
afterEach(async () => env?.close());

const count = async (table: string) => Number((await env.rows(sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`))[0]?.n);

describe('measurement questionnaires', { timeout: 120_000 }, () => {
  it('refuses a start questionnaire that cannot be scored, listing the missing items, and keeps part 1 closed', async () => {
    env = await testApp();
    const staff = await env.org();
    const person = await env.person(staff.token);
    const empty = await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: person.token, body: { answers: {} } });
    expect(empty.status).toBe(422);
    expect(empty.json.error.code).toBe('validation_failed');
    expect(empty.json.error.fields.map((f: { field: string }) => f.field)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9']);
    const three = phq9(1) as Record<string, number | null>;
    three.q1 = three.q2 = three.q3 = null;
    const missingThree = await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: person.token, body: { answers: three } });
    expect([missingThree.status, missingThree.json.error.fields.map((f: { field: string }) => f.field)]).toEqual([422, ['q1', 'q2', 'q3']]);
    expect(await count('responses')).toBe(0);
    expect((await env.call('GET', '/v1/me/program', { token: person.token })).json.sections[0].state).toBe('locked');
  });

  it('keeps the published proration: PHQ-9 with two items missing is scored', async () => {
    env = await testApp();
    const staff = await env.org();
    const person = await env.person(staff.token);
    const two = phq9(2) as Record<string, number | null>;
    two.q1 = two.q2 = null;
    const saved = await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: person.token, body: { answers: two } });
    expect(saved.status).toBe(201);
    expect(saved.json.score).toMatchObject({ total: 15, prorated: true }); // 12 over 7 items, times 9/7;
  });
});

const sovn = compileTree(['programs/sovn']).programs[0] as CompiledProgram;
const lowest = (instrument: Instrument) =>
  Object.fromEntries(instrument.items.map((item) => [item.id, item.type === 'scale' ? item.min : (item.options ?? instrument.options)![0]!.value]));

describe('sleep diary nights', { timeout: 120_000 }, () => {
  it('refuses times that cannot all be true, per field, and saves a possible night', async () => {
    env = await testApp({ programs: [fixtureProgram(), sovn] });
    const staff = await env.org();
    await addLicences(env.stores, staff.slug, 'sovn', 1);
    const issued = await env.call('POST', '/v1/staff/codes', { token: staff.token, body: { programId: 'sovn' } });
    const token = (await env.call('POST', '/v1/sessions', { body: { code: issued.json.code } })).json.token as string;
    for (const id of sovn.measurement.start) expect((await env.call('POST', `/v1/me/questionnaires/${id}/responses`, { token, body: { answers: lowest(sovn.instruments[id]!) } })).status).toBe(201);
    const night = { night: '2026-11-20', 'in-bed': '23:00', 'lights-out': '23:30', 'sleep-latency': 30, 'awake-during-night': 30, 'final-wake': '06:30', 'out-of-bed': '07:00' };
    const cases: [Record<string, unknown>, string][] = [
      [{ 'out-of-bed': '06:00' }, 'out-of-bed'], // out of bed before the final wake
      [{ 'lights-out': '22:30' }, 'lights-out'], // lights out before going to bed
      [{ 'sleep-latency': 200, 'awake-during-night': 300 }, 'awake-during-night'], // asleep for less than nothing
      [{ 'lights-out': '23:00', 'final-wake': '07:30', 'sleep-latency': 0, 'awake-during-night': 0 }, 'out-of-bed'], // asleep longer than in bed
    ];
    for (const [change, field] of cases) {
      const res = await env.call('POST', '/v1/me/exercises/sleep-diary/entries', { token, body: { values: { ...night, ...change } } });
      expect([JSON.stringify(change), res.status, res.json.error?.fields?.map((f: { field: string; code: string }) => `${f.field} ${f.code}`)]).toEqual([JSON.stringify(change), 422, [`${field} impossible`]]);
    }
    expect(await count('entries')).toBe(0);
    expect((await env.call('POST', '/v1/me/exercises/sleep-diary/entries', { token, body: { values: night } })).status).toBe(201);
    const scores = await env.call('GET', '/v1/me/scores', { token });
    expect(scores.json.sleep.every((n: { sleepEfficiency: number }) => n.sleepEfficiency <= 100)).toBe(true);
  });
});
