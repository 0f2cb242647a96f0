/**
 * GET /v1/staff/reports/outcomes through the API on a real database: a small cohort of
 * people who log in, answer and consent (or not), whose figures are worked out by hand
 * in each test; the window by first login, consent read at report time, the subtraction
 * rule, CSV, isolation between organisations, refusals and the audit log.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { gad7, phq9, testApp, type TestEnv } from './helpers.ts';
import { staffLogin } from './two-factor.ts';
import { turnsDuring } from '../support/event-loop-turns.ts';

let env: TestEnv;
beforeEach(async () => {
  env = await testApp();
});
afterEach(async () => env.close());

const q = (token: string, id: string, answers: Record<string, unknown>) => env.call('POST', `/v1/me/questionnaires/${id}/responses`, { token, body: { answers } });

/** A person who consents (or not) and goes from PHQ-9 16 / GAD-7 14 to 8 / 7: a reliable recovery. */
async function recovered(staff: string, share: boolean, evaluation = false) {
  const p = await env.person(staff);
  await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share } });
  for (const [a, b] of [[phq9(2), gad7(2)], [phq9(1), gad7(1)]] as const) {
    expect((await q(p.token, 'phq9', a)).status).toBe(201);
    expect((await q(p.token, 'gad7', b)).status).toBe(201);
  }
  if (evaluation) expect((await q(p.token, 'evaluation', { completed: 1, change: 1 })).status).toBe(201);
  return p;
}

const report = (token: string, query = 'from=2025-03-01&to=2025-03-05&program=kurs', headers: Record<string, string> = {}) =>
  env.call('GET', `/v1/staff/reports/outcomes?${query}`, { token, headers });

describe('the outcome report', { timeout: 120_000 }, () => {
  it('counts consented codes first used in the window, hides small cells and what gives them away', async () => {
    const pro = await env.org('bydel-a', 'professional', 20);
    let token = pro.token;
    const people = [];
    for (let i = 0; i < 6; i++) people.push(await recovered(token, true, i < 5));
    for (let i = 0; i < 2; i++) await recovered(token, false);
    expect((await env.call('POST', '/v1/staff/codes', { token, body: { programId: 'kurs' } })).status).toBe(201); // never used
    const other = await env.org('bydel-b', 'professional', 20);
    await recovered(other.token, true, true); // another organisation's code is never counted

    env.clock.advance({ days: 7 });
    await env.call('POST', '/v1/sessions', { body: { code: people[0]!.code } }); // a later login does not move the first
    token = await staffLogin(env, pro);
    const late = await recovered(token, true); // first used on 10 March: after the window

    const res = await report(token);
    expect(res.status).toBe(200);
    // issued 1-5 March: 6 + 2 + 1 = 9; used: 8, of whom 2 without consent (hidden, and so is 8, since 8 - 6 = 2)
    expect(res.json).toEqual({
      from: '2025-03-01', to: '2025-03-05', program: 'kurs', k: 5,
      codes: { issued: 9, activated: null, withConsent: 6, withoutConsent: null },
      finished: 6, casesAtStart: 6,
      reliableImprovement: { count: 6, rate: 1 },
      reliableDeterioration: { count: 0, rate: 0 },
      recovery: { count: 6, rate: 1 },
      reliableRecovery: { count: 6, rate: 1 },
      funnel: [
        { sectionId: 'start', title: expect.any(String), completed: 0 },
        { sectionId: 'logg', title: expect.any(String), completed: 0 },
        { sectionId: 'slutt', title: expect.any(String), completed: 0 },
      ],
      evaluation: { answered: 5, completedProgram: 5, betterOrMuchBetter: 5, worseOrMuchWorse: 0 },
      suppressed: ['codes.activated', 'codes.withoutConsent'],
    });
    // The later window holds the one late code: every count of 1 is hidden.
    const later = await report(token, 'from=2025-03-06&to=2025-03-31');
    expect(later.json.codes).toEqual({ issued: null, activated: null, withConsent: null, withoutConsent: 0 });
    expect(later.json.reliableRecovery).toEqual({ count: null, rate: null });
    expect(later.json.suppressed).toContain('reliableRecovery.rate');
    expect(late.ref).toBeTruthy();

    // Consent is read at report time: a withdrawal takes the code out at once.
    await env.call('PUT', '/v1/me/consent', { token: people[5]!.token, body: { share: false } });
    const after = await report(token);
    expect(after.json.codes).toEqual({ issued: 9, activated: null, withConsent: 5, withoutConsent: null }); // 3 without consent: hidden
    expect(after.json.finished).toBe(5);
    expect(after.json.reliableRecovery).toEqual({ count: 5, rate: 1 });
  }, 120_000); // a cohort of people, each logging in and answering: slow on a busy machine

  it('counts an organisation of many codes, letting other requests through while it reads them', async () => {
    const pro = await env.org('bydel-a', 'professional', 20);
    const orgId = (await env.stores.orgs.bySlug('bydel-a'))!.id;
    // 12,000 codes issued on 2 March (three of the report's pages), in one statement.
    await sql`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12000)
      INSERT INTO codes (ref, code_hmac, hint, org_id, program_id, created_at) SELECT 'cod_many' || i, 'many-' || i, 'XXXX', ${orgId}, 'kurs', '2025-03-02T09:00:00Z' FROM n`.execute(env.stores.kysely);
    // On SQLite the reads are synchronous: without a turn of the event loop between
    // pages, nothing else would run until the whole cohort was read.
    const { value: res, turns } = await turnsDuring(() => report(pro.token));
    expect(res.json.codes.issued).toBe(12000);
    expect(turns).toBeGreaterThanOrEqual(3);
  });

  it('answers CSV for Accept: text/csv, with hidden cells empty', async () => {
    const { token } = await env.org('bydel-a', 'professional', 20);
    for (let i = 0; i < 5; i++) await recovered(token, true);
    await recovered(token, false);
    const res = await report(token, 'from=2025-03-01&to=2025-03-05&program=kurs', { accept: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('figure,count,rate,suppressed');
    expect(lines).toContain('codes.issued,6,,no');
    expect(lines).toContain('codes.withoutConsent,,,yes');
    expect(lines).toContain('reliableRecovery,5,1.000,no');
    expect(lines).toContain('funnel.start,0,,no');
    const link = await report(token, 'from=2025-03-01&to=2025-03-05&program=kurs&format=csv');
    expect(link.text).toBe(res.text);
    expect((await report(token, 'from=2025-03-01&to=2025-03-05&format=xml')).status).toBe(422);
  });

  it('refuses bad queries with stable codes, API keys, and audits each read', async () => {
    const admin = await env.org('bydel-a', 'admin', 20);
    expect((await report(admin.token, 'to=2025-03-05')).json.error).toMatchObject({ code: 'validation_failed', fields: [{ field: 'from' }] });
    expect((await report(admin.token, 'from=2025-02-30&to=2025-03-05')).status).toBe(422);
    expect((await report(admin.token, 'from=2025-03-06&to=2025-03-05')).json.error.fields[0].field).toBe('to');
    expect((await report(admin.token, 'from=2025-03-01&to=2025-03-05&k=4')).json.error.fields[0].field).toBe('k');
    expect((await report(admin.token, 'from=2025-03-01&to=2025-03-05&k=abc')).status).toBe(422);
    expect((await report(admin.token, 'from=2025-03-01&to=2025-03-05&k=7')).json.k).toBe(7);
    expect((await report(admin.token, 'from=2025-03-01&to=2025-03-05&program=nope')).json.error.code).toBe('not_found');
    const all = await report(admin.token, 'from=2025-03-01&to=2025-03-05');
    expect(all.json).toMatchObject({ program: null, funnel: [], suppressed: [] });
    const key = await env.call('POST', '/v1/staff/api-keys', { token: admin.token, body: { name: 'Partner', scopes: ['codes:read'] } });
    expect((await report(key.json.key)).json.error.code).toBe('forbidden');
    const org = (await env.stores.orgs.bySlug('bydel-a'))!;
    expect((await env.stores.audit.list(org.id)).filter((a) => a.action === 'report.outcomes')).toHaveLength(2);
  });
});
