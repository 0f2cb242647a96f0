import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, phq9, gad7, type TestEnv } from './helpers.ts';

let env: TestEnv;
let staff: string;
beforeEach(async () => {
  env = await testApp();
  staff = (await env.org()).token;
});
afterEach(async () => env.close());

/** A person past the initial mapping, with part 1 open. */
async function started() {
  const p = await env.person(staff);
  await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(0) } });
  await env.call('POST', '/v1/me/questionnaires/gad7/responses', { token: p.token, body: { answers: gad7(0) } });
  return p;
}

describe('person sessions', () => {
  it('answers a typo 400 code_typo without counting it, an unknown code 401', async () => {
    const p = await env.person(staff);
    const typo = p.code.slice(0, -1) + (p.code.endsWith('0') ? '1' : '0');
    for (let i = 0; i < 15; i++) expect((await env.call('POST', '/v1/sessions', { body: { code: typo } })).json.error.code).toBe('code_typo');
    expect((await env.call('POST', '/v1/sessions', { body: { code: p.code } })).status).toBe(201);
  });

  it('asks for proof-of-work after a few unknown codes (429 challenge_required, Retry-After: 0), and not after the window', async () => {
    const { generateCode } = await import('../../server/codes/access-code.ts');
    for (let i = 0; i < 3; i++) expect((await env.call('POST', '/v1/sessions', { body: { code: generateCode() } })).status).toBe(401);
    const limited = await env.call('POST', '/v1/sessions', { body: { code: generateCode() } });
    expect([limited.status, limited.json.error.code, limited.headers.get('retry-after')]).toEqual([429, 'challenge_required', '0']);
    expect(limited.json.error.challenge).toEqual({ algorithm: 'SHA-256', challenge: expect.stringMatching(/^[0-9a-f]{64}$/), maxnumber: expect.any(Number), salt: expect.any(String), signature: expect.stringMatching(/^[0-9a-f]{64}$/) });
    env.clock.advance({ minutes: 31 });
    expect((await env.call('POST', '/v1/sessions', { body: { code: generateCode() } })).status).toBe(401);
  });

  it('expires sessions after 12 hours, 90 days when remembered, and ends them at logout', async () => {
    const p = await env.person(staff, false);
    const remembered = (await env.call('POST', '/v1/sessions', { body: { code: p.code, remember: true } })).json.token;
    env.clock.advance({ hours: 12, seconds: 1 });
    expect((await env.call('GET', '/v1/me', { token: p.token })).status).toBe(401);
    expect((await env.call('GET', '/v1/me', { token: remembered })).status).toBe(200);
    expect((await env.call('DELETE', '/v1/sessions/current', { token: remembered })).status).toBe(204);
    expect((await env.call('GET', '/v1/me', { token: remembered })).json.error.code).toBe('unauthorized');
  });
});

describe('consent', () => {
  it('keeps a history and returns it', async () => {
    const p = await env.person(staff);
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: true } });
    env.clock.advance({ hours: 1 });
    const res = await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: false } });
    expect(res.json.consent).toBe(false);
    expect(res.json.history.map((h: any) => h.share)).toEqual([true, false]);
    expect((await env.call('GET', '/v1/me', { token: p.token })).json.consent).toBe(false);
  });
});

describe('gating and completion', () => {
  it('locks part 1 until the initial questionnaires are answered', async () => {
    const p = await env.person(staff);
    const program = await env.call('GET', '/v1/me/program', { token: p.token });
    expect(program.json.sections[0]).toMatchObject({ state: 'locked', lockedReason: { code: 'start_questionnaires_due', instruments: ['phq9', 'gad7'] } });
    expect((await env.call('POST', '/v1/me/exercises/maal/entries', { token: p.token, body: { values: { goal: 'x' } } })).status).toBe(423);
    expect((await env.call('POST', '/v1/me/sections/start/complete', { token: p.token })).status).toBe(423);
  });

  it('opens part 2 after part 1 and part 3 only after its waiting days; parts never lock again', async () => {
    const p = await started();
    await env.call('POST', '/v1/me/exercises/maal/entries', { token: p.token, body: { values: { goal: 'Sove bedre' } } });
    env.clock.advance({ minutes: 20 });
    expect((await env.call('POST', '/v1/me/sections/start/complete', { token: p.token })).status).toBe(200);
    const missing = await env.call('POST', '/v1/me/sections/logg/complete', { token: p.token });
    expect(missing.status).toBe(409);
    expect(missing.json.error.missing).toEqual({ exercises: [{ id: 'bekymring', required: 2, saved: 0 }], questionnaires: ['phq9'] });
    for (const worry of ['Jobben', 'Helsa']) {
      expect((await env.call('POST', '/v1/me/exercises/bekymring/entries', { token: p.token, body: { values: { worry, strength: 5, kind: 'practical' } } })).status).toBe(201);
    }
    await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(1) } });
    const done = await env.call('POST', '/v1/me/sections/logg/complete', { token: p.token });
    expect(done.json.sections[2]).toMatchObject({ state: 'locked', lockedReason: { code: 'waiting_days' } });
    env.clock.advance({ days: 2 });
    const program = await env.call('GET', '/v1/me/program', { token: p.token });
    expect(program.json.sections.map((s: any) => s.state)).toEqual(['completed', 'completed', 'available']);
    expect(program.json.progress).toEqual({ completed: 2, total: 3, percent: 67 });
    // Completing an already completed part is harmless.
    expect((await env.call('POST', '/v1/me/sections/start/complete', { token: p.token })).status).toBe(200);
    expect((await env.call('POST', '/v1/me/sections/slutt/complete', { token: p.token })).status).toBe(200);
    const me = await env.call('GET', '/v1/me', { token: p.token });
    expect(me.json.due.map((d: any) => d.kind)).toEqual(['checkin', 'end', 'evaluation']);
  });

  it('answers 404 for an unknown part or exercise', async () => {
    const p = await started();
    expect((await env.call('GET', '/v1/me/sections/nope', { token: p.token })).status).toBe(404);
    expect((await env.call('POST', '/v1/me/exercises/nope/entries', { token: p.token, body: { values: {} } })).status).toBe(404);
  });
});

describe('entries', () => {
  it('validates values per field with 422 and stable codes', async () => {
    const p = await started();
    const bad = await env.call('POST', '/v1/me/exercises/maal/entries', { token: p.token, body: { values: { importance: 11, when: '25:00', extra: 'x' } } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe('validation_failed');
    expect(bad.json.error.fields.map((f: any) => [f.field, f.code])).toEqual([['extra', 'unknown_field'], ['goal', 'required'], ['importance', 'out_of_range'], ['when', 'bad_format']]);
  });

  it('creates, lists, edits and deletes; a form takes one entry', async () => {
    const p = await started();
    const created = await env.call('POST', '/v1/me/exercises/maal/entries', { token: p.token, body: { values: { goal: 'Første' } } });
    expect(created.json).toMatchObject({ exerciseId: 'maal', sectionId: 'start', programVersion: '1.0.0', values: { goal: 'Første' } });
    expect((await env.call('POST', '/v1/me/exercises/maal/entries', { token: p.token, body: { values: { goal: 'Andre' } } })).json.error.code).toBe('entry_exists');
    const edited = await env.call('PUT', `/v1/me/exercises/maal/entries/${created.json.id}`, { token: p.token, body: { values: { goal: 'Endret' } } });
    expect(edited.json.values).toEqual({ goal: 'Endret' });
    expect((await env.call('GET', '/v1/me/exercises/maal/entries', { token: p.token })).json.entries).toHaveLength(1);
    const section = await env.call('GET', '/v1/me/sections/start', { token: p.token });
    expect(section.json.entries[0].values).toEqual({ goal: 'Endret' });
    expect((await env.call('DELETE', `/v1/me/exercises/maal/entries/${created.json.id}`, { token: p.token })).status).toBe(204);
    expect((await env.call('DELETE', `/v1/me/exercises/maal/entries/${created.json.id}`, { token: p.token })).status).toBe(404);
  });
});

describe('questionnaires, scores and check-ins', () => {
  it('scores a response, refuses invalid answers, and lists scores over time', async () => {
    const p = await env.person(staff);
    const bad = await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: { q1: 7 } } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields[0]).toMatchObject({ field: 'q1', code: 'value_not_allowed' });
    expect((await env.call('POST', '/v1/me/questionnaires/nope/responses', { token: p.token, body: { answers: {} } })).status).toBe(404);
    const ok = await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(1) } });
    expect(ok.json.score).toMatchObject({ total: 8, valid: true });
    expect(ok.json.safety).toBeUndefined();
    const scores = await env.call('GET', '/v1/me/scores', { token: p.token });
    expect(scores.json.instruments.phq9).toEqual([expect.objectContaining({ total: 8, flags: [] })]);
  });

  it('shows the safety block when item 9 is left unanswered (risk_unknown)', async () => {
    const p = await env.person(staff);
    const answers: Record<string, number | null> = phq9(1);
    answers.q9 = null;
    const res = await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers } });
    expect(res.status).toBe(201);
    expect(res.json.score.flags).toContain('risk_unknown');
    expect(res.json.safety.title).toBeTruthy();
  });

  it('uses an organisation\'s own safety contacts when set', async () => {
    const p = await env.person(staff);
    const org = (await env.stores.orgs.bySlug('bydel-a'))!;
    await env.stores.orgs.setSafety(org.id, { contacts: [{ name: 'Kommunens akutteam', phone: '12 34 56 78' }] });
    const res = await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(0, 2) } });
    expect(res.json.safety.contacts).toEqual([{ name: 'Kommunens akutteam', phone: '12 34 56 78' }]);
  });

  it('validates check-ins with the check-in form and offers it once a day', async () => {
    const p = await env.person(staff);
    expect((await env.call('POST', '/v1/me/checkins', { token: p.token, body: { ratings: { mood: 11, worry: 2 } } })).status).toBe(422);
    expect((await env.call('POST', '/v1/me/checkins', { token: p.token, body: { ratings: { mood: 5, worry: 2 } } })).status).toBe(201);
    expect((await env.call('GET', '/v1/me', { token: p.token })).json.due.some((d: any) => d.kind === 'checkin')).toBe(false);
    env.clock.advance({ days: 1 });
    const token = (await env.call('POST', '/v1/sessions', { body: { code: p.code } })).json.token;
    expect((await env.call('GET', '/v1/me', { token })).json.due.some((d: any) => d.kind === 'checkin')).toBe(true);
    expect((await env.call('GET', '/v1/me/checkins', { token })).json.checkins).toHaveLength(1);
  });
});

describe('export and erasure', () => {
  it('leaves the erased person\'s words in no table of the database, and another person\'s where they were', async () => {
    const { tableOrder } = await import('../../server/store/schema.ts');
    const [gone, kept] = [await started(), await started()];
    for (const [p, marker] of [[gone, 'Borte-7f3a'], [kept, 'Igjen-9c2e']] as const) {
      await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: true } });
      const saved = await env.call('POST', '/v1/me/exercises/maal/entries', { token: p.token, body: { values: { goal: `${marker} første` } } });
      await env.call('PUT', `/v1/me/exercises/maal/entries/${saved.json.id}`, { token: p.token, body: { values: { goal: `${marker} endret` } } });
    }
    expect((await env.call('DELETE', '/v1/me', { token: gone.token })).status).toBe(204);
    const everything = JSON.stringify(await Promise.all(tableOrder.map((table) => env.stores.kysely.selectFrom(table as never).selectAll().execute())));
    expect(everything).not.toContain('Borte-7f3a');
    expect(everything).toContain('Igjen-9c2e');
    expect(everything).not.toContain(gone.code);
  });


  it('exports everything, then erases it all and the code stops working', async () => {
    const p = await started();
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: true } });
    await env.call('POST', '/v1/me/exercises/maal/entries', { token: p.token, body: { values: { goal: 'Et hemmelig mål' } } });
    const exported = await env.call('GET', '/v1/me/export', { token: p.token });
    expect(exported.json.entries).toHaveLength(1);
    expect(exported.json.responses).toHaveLength(2);
    expect(exported.json.consent).toEqual([{ share: true, at: expect.any(String) }]);
    expect((await env.call('DELETE', '/v1/me', { token: p.token })).status).toBe(204);
    expect((await env.call('GET', '/v1/me', { token: p.token })).status).toBe(401);
    expect((await env.call('POST', '/v1/sessions', { body: { code: p.code } })).json.error.code).toBe('invalid_code');
    for (const table of ['entries', 'responses', 'consents', 'person_sessions', 'section_states', 'checkins']) {
      expect(await env.rows(sql`SELECT count(*) AS n FROM ${sql.table(table)}`)).toEqual([{ n: 0 }]);
    }
    const list = await env.call('GET', '/v1/staff/codes', { token: staff });
    expect(list.json.codes[0]).toMatchObject({ status: 'erased', consent: null });
    expect((await env.call('GET', `/v1/staff/codes/${p.ref}`, { token: staff })).json.error.code).toBe('gone');
    if (env.stores.sqlite) {
      // The server emptied the write-ahead log before answering: no copy anywhere.
      const { readFileSync, existsSync } = await import('node:fs');
      for (const file of [env.dbPath, `${env.dbPath}-wal`]) if (existsSync(file)) expect(readFileSync(file).includes(Buffer.from('Et hemmelig mål'))).toBe(false);
    }
  });
});
