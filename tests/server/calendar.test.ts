/**
 * Reminders through the person's own calendar: a secret feed with appointments and the
 * next weekly questionnaire, in neutral words, that stops at once when deleted,
 * replaced, revoked or erased, and whose token never reaches the logs.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { testApp, phq9, gad7, type TestEnv } from './helpers.ts';

let env: TestEnv;
afterEach(async () => env?.close());

async function setUp() {
  env = await testApp();
  const staff = await env.org();
  const person = await env.person(staff.token);
  return { staff, person };
}

describe('the calendar feed', () => {
  it('shows appointments and the next weekly questionnaire, and nothing that names the person or program', async () => {
    const { staff, person } = await setUp();
    for (const [id, answers] of env.program.measurement.start.map((i) => [i, i === 'phq9' ? phq9(0) : gad7(0)] as const)) {
      expect((await env.call('POST', `/v1/me/questionnaires/${id}/responses`, { token: person.token, body: { answers } })).status).toBe(201);
    }
    await env.call('POST', `/v1/staff/codes/${person.ref}/appointments`, { token: staff.token, body: { at: '2025-03-10T09:00:00Z', kind: 'phone' } });
    expect((await env.call('GET', '/v1/me/calendar', { token: person.token })).json).toEqual({ active: false });
    const link = await env.call('POST', '/v1/me/calendar', { token: person.token });
    expect(link.status).toBe(201);
    expect(link.json.path).toMatch(/^\/v1\/calendar\/msc_[A-Za-z0-9_-]{43}$/);
    expect((await env.call('GET', '/v1/me/calendar', { token: person.token })).json).toEqual({ active: true });

    const feed = await env.call('GET', link.json.path);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(feed.text).toContain('BEGIN:VCALENDAR');
    expect(feed.text).toContain('SUMMARY:Oppfølgingssamtale (telefon)');
    expect(feed.text).toContain('DTSTART:20250310T090000Z');
    expect(feed.text).toContain('BEGIN:VALARM');
    const weekly = env.program.measurement.repeated.some((r) => r.every === 'week');
    expect(feed.text.includes('SUMMARY:Mestring: ukens spørreskjema')).toBe(weekly);
    // 2025-03-03T08:00 (the test clock) plus a week.
    if (weekly) expect(feed.text).toContain('DTSTART:20250310T080000Z');
    for (const secret of [person.code, person.ref, env.program.title, person.code.slice(-5)]) expect(feed.text).not.toContain(secret);
    expect(env.logs.join('\n')).not.toContain(link.json.token);
  });

  it('stops a link at once when it is replaced or deleted', async () => {
    const { person } = await setUp();
    const first = await env.call('POST', '/v1/me/calendar', { token: person.token });
    const second = await env.call('POST', '/v1/me/calendar', { token: person.token });
    expect((await env.call('GET', first.json.path)).status).toBe(404);
    expect((await env.call('GET', second.json.path)).status).toBe(200);
    expect((await env.call('DELETE', '/v1/me/calendar', { token: person.token })).status).toBe(204);
    expect((await env.call('GET', second.json.path)).json.error.code).toBe('not_found');
    expect((await env.call('DELETE', '/v1/me/calendar', { token: person.token })).json.error.code).toBe('not_found');
    expect((await env.call('GET', '/v1/calendar/msc_nope')).status).toBe(404);
  });

  it('stops when the code is revoked or erased', async () => {
    const { staff, person } = await setUp();
    const link = await env.call('POST', '/v1/me/calendar', { token: person.token });
    await env.call('POST', `/v1/staff/codes/${person.ref}/revoke`, { token: staff.token });
    expect((await env.call('GET', link.json.path)).status).toBe(404);

    const other = await env.person(staff.token);
    const otherLink = await env.call('POST', '/v1/me/calendar', { token: other.token });
    expect((await env.call('DELETE', '/v1/me', { token: other.token })).status).toBe(204);
    expect((await env.call('GET', otherLink.json.path)).status).toBe(404);
    expect(await env.rows(sql`SELECT count(*) AS n FROM calendar_feeds`)).toEqual([{ n: 1 }]);
  });
});
