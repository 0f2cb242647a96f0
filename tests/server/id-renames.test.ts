/**
 * Ids that can never lose a person's work: a published part, exercise, field and
 * option are renamed in a new version, with the map in program.yaml; the real server
 * restarts on the same database and the person's completed part and entries are there
 * under the new ids. And the store function on its own: idempotent, merging, items.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request, seedDataDir, startServerProcess, phq9For } from '../security/server-process.ts';
import { fixturePrograms } from './helpers.ts';
import { buildPrograms } from '../../cli/commands/build.ts';
import { compileTree, idRenames } from '../../engine/index.ts';
import { sql } from 'kysely';
import { openSeeded } from '../security/server-process.ts';
import { testStore } from '../support/test-store.ts';

const work = mkdtempSync(join(tmpdir(), 'mestring-renames-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('renamed ids across a restart of the real server', () => {
  it('keeps the completed part and the entries under the new ids', async () => {
    const programs = join(work, 'programs');
    cpSync(fixturePrograms, programs, { recursive: true });
    // The bokmål pack alone: this test renames ids in the source, and its English edition would need the same renames.
    rmSync(join(programs, 'kurs', 'locales'), { recursive: true });
    writeFileSync(join(programs, 'kurs', 'program.yaml'), readFileSync(join(programs, 'kurs', 'program.yaml'), 'utf8').replace('locales: [en]\n', ''));
    const data = await seedDataDir({ codes: 1, dir: join(work, 'data') });
    const env = (build: string) => ({ MESTRING_PROGRAMS: programs, MESTRING_BUILD: join(work, build) });

    // Version 1.0.0, published: the lock records its ids.
    expect(buildPrograms([programs], join(work, 'build-v1'), { lock: true }).locks).toHaveLength(1);
    let server = await startServerProcess(data, env('build-v1'));
    const login = await request(server.port, 'POST', '/v1/sessions', { body: { code: data.codes[0]!.code } });
    expect(login.status).toBe(201);
    const token = login.json.token as string;
    for (const id of ['phq9', 'gad7']) expect((await request(server.port, 'POST', `/v1/me/questionnaires/${id}/responses`, { token, body: { answers: id === 'phq9' ? phq9For(3) : { q1: 1, q2: 1, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0 } } })).status).toBe(201);
    const goal = await request(server.port, 'POST', '/v1/me/exercises/maal/entries', { token, body: { values: { goal: 'Gå tur hver dag', importance: 8 } } });
    expect(goal.status).toBe(201);
    expect((await request(server.port, 'POST', '/v1/me/sections/start/complete', { token })).status).toBe(200);
    const worry = await request(server.port, 'POST', '/v1/me/exercises/bekymring/entries', { token, body: { values: { worry: 'Jobben', strength: 6, kind: 'practical' } } });
    expect(worry.status).toBe(201);
    await server.stop();

    // Version 1.1.0 renames the part, the goal exercise and a field, and an option value.
    const pack = join(programs, 'kurs');
    const edit = (file: string, change: (s: string) => string) => writeFileSync(join(pack, file), change(readFileSync(join(pack, file), 'utf8')));
    edit('sections/01-start.md', (s) => s.replace('id: start', 'id: begynn').replace('{#maal ', '{#mine-maal ').replace('{#goal ', '{#maalet '));
    edit('sections/02-logg.md', (s) => s.replace('practical:Praktisk', 'praktisk:Praktisk'));
    edit('program.yaml', (s) => s.replace('version: "1.0.0"', 'version: "1.1.0"'));
    // Without the map, validate refuses the new version.
    const unmapped = compileTree([programs]);
    expect(unmapped.programs).toEqual([]);
    expect(unmapped.files.flatMap((f) => f.messages.map((m) => m.ruleId))).toEqual(['id-removed', 'id-removed', 'id-removed']); // the part, the exercise (its fields with it), the option
    edit('program.yaml', (s) => `${s}renamed:\n  sections: { start: begynn }\n  exercises: { maal: mine-maal }\n  fields: { maal.goal: maalet }\n  options: { bekymring.kind.practical: praktisk }\n`);

    server = await startServerProcess(data, env('build-v2'));
    const program = await request(server.port, 'GET', '/v1/me/program', { token });
    expect(program.json.version).toBe('1.1.0');
    expect(program.json.sections.map((s: { id: string; state: string }) => [s.id, s.state])).toEqual([['begynn', 'completed'], ['logg', 'available'], ['slutt', 'locked']]);
    const goals = await request(server.port, 'GET', '/v1/me/exercises/mine-maal/entries', { token });
    expect(goals.json.entries).toEqual([expect.objectContaining({ id: goal.json.id, exerciseId: 'mine-maal', sectionId: 'begynn', values: { maalet: 'Gå tur hver dag', importance: 8 } })]);
    const worries = await request(server.port, 'GET', '/v1/me/exercises/bekymring/entries', { token });
    expect(worries.json.entries).toEqual([expect.objectContaining({ id: worry.json.id, values: { worry: 'Jobben', strength: 6, kind: 'praktisk' } })]);
    await server.stop();

    // A second start moves nothing more and finds the same.
    server = await startServerProcess(data, env('build-v2'));
    expect((await request(server.port, 'GET', '/v1/me/exercises/mine-maal/entries', { token })).json.entries[0].values).toEqual({ maalet: 'Gå tur hver dag', importance: 8 });
    await server.stop();
    const store = await openSeeded(data);
    try {
      expect((await sql`SELECT section_id, completed_at FROM section_states ORDER BY section_id`.execute(store.kysely)).rows)
        .toEqual([{ section_id: 'begynn', completed_at: expect.any(String) }, { section_id: 'logg', completed_at: null }]);
      expect((await sql`SELECT exercise_id, section_id FROM entries ORDER BY id`.execute(store.kysely)).rows)
        .toEqual([{ exercise_id: 'mine-maal', section_id: 'begynn' }, { exercise_id: 'bekymring', section_id: 'logg' }]);
    } finally {
      await store.close();
      await data.drop();
    }
  }, 300_000);
});

describe('the id rename store', () => {
  it('merges a completion onto an existing row, renames items and check-in ratings, only in its program, once', async () => {
    const { store, close } = await testStore();
    try {
      const db = store.kysely;
      await sql`INSERT INTO orgs (id, slug, name, created_at) VALUES (1, 'o', 'O', 'now')`.execute(db);
      await sql`INSERT INTO codes (id, ref, code_hmac, hint, org_id, program_id, created_at) VALUES (1, 'c1', 'h1', 'x', 1, 'kurs', 'now'), (2, 'c2', 'h2', 'x', 1, 'annet', 'now')`.execute(db);
      await sql`INSERT INTO section_states (code_id, section_id, opened_at, opened_by, completed_at, program_version) VALUES
        (1, 'old', 't1', 'progress', 't2', '1'), (1, 'new', 't3', 'progress', NULL, '1'), (2, 'old', 't1', 'progress', 't2', '1')`.execute(db);
      await sql`INSERT INTO responses (ref, code_id, instrument_id, answers_json, score_json, program_version, created_at) VALUES ('r1', 1, 'phq9', '{"9":1,"q1":0}', '{}', '1', 'now')`.execute(db);
      await sql`INSERT INTO checkins (ref, code_id, ratings_json, program_version, created_at) VALUES ('k1', 1, '{"feeling":4}', '1', 'now')`.execute(db);
      const programs = [{ id: 'kurs', ids: { renames: idRenames({ sections: { old: 'new' }, items: { 'phq9.9': 'q9', 'checkin.feeling': 'mood' } }), retired: [] } }];
      expect(await store.idRenames.apply(programs)).toBe(3);
      expect((await sql`SELECT code_id, section_id, completed_at FROM section_states ORDER BY code_id, section_id`.execute(db)).rows).toEqual([
        { code_id: 1, section_id: 'new', completed_at: 't2' },
        { code_id: 2, section_id: 'old', completed_at: 't2' },
      ]);
      expect((await sql`SELECT answers_json FROM responses`.execute(db)).rows).toEqual([{ answers_json: '{"q1":0,"q9":1}' }]);
      expect((await sql`SELECT ratings_json FROM checkins`.execute(db)).rows).toEqual([{ ratings_json: '{"mood":4}' }]);
      expect(await store.idRenames.apply(programs)).toBe(0);
    } finally {
      await close();
    }
  });
});
