/**
 * A program's new version deployed under people mid-program: text changed, a required
 * exercise added to a part they already completed, the goal exercise retired, a new part
 * added. Nobody loses an entry, an open part never locks again, and answers to retired
 * items remain in the person's export and the professional's view.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileTree } from '../../engine/index.ts';
import { createApp } from '../../server/app.ts';
import { deriveSecrets } from '../../server/config.ts';
import { testApp, fixturePrograms, phq9, gad7, type TestEnv } from '../server/helpers.ts';

let env: TestEnv;
let dir: string;
afterEach(async () => {
  env.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Version 1.1.0 of the fixture program, compiled from an edited copy. */
function nextVersion() {
  dir = mkdtempSync(join(tmpdir(), 'mestring-v2-'));
  cpSync(fixturePrograms, dir, { recursive: true });
  const pack = join(dir, 'kurs');
  const edit = (file: string, change: (s: string) => string) => writeFileSync(join(pack, file), change(readFileSync(join(pack, file), 'utf8')));
  // The English edition would need the same edits; this test is about the source.
  rmSync(join(pack, 'locales'), { recursive: true, force: true });
  edit('program.yaml', (s) => s.replace('version: "1.0.0"', 'version: "1.1.0"').replace('locales: [en]\n', ''));
  edit('sections/01-start.md', (s) => s.replace('Velkommen til kurset.', 'Velkommen til det nye kurset.')
    .replace(/::::exercise\[Mål for uken\][\s\S]*?\n::::\n/, '::::exercise[Verdier]{#verdier kind=form required}\n::field[Hva er viktig for deg?]{#value type=longtext required}\n::::\n'));
  writeFileSync(join(pack, 'sections/04-ekstra.md'), '---\nid: ekstra\ntitle: Ekstra\nsummary: En ny del.\nestimatedMinutes: 5\n---\n\nEn ny del etter slutt.\n');
  const { programs, diagnostics } = compileTree([dir]) as { programs: any[]; diagnostics?: unknown };
  const program = programs.find((p) => p.id === 'kurs');
  if (!program) throw new Error(`v2 did not compile: ${JSON.stringify(diagnostics)}`);
  return program;
}

describe('a new program version under people mid-program', () => {
  it('keeps entries, keeps open parts open, and keeps answers to retired items', async () => {
    env = await testApp();
    const staff = await env.org();
    const p = await env.person(staff.token);
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: true } });
    await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(1) } });
    await env.call('POST', '/v1/me/questionnaires/gad7/responses', { token: p.token, body: { answers: gad7(1) } });
    const goal = await env.call('POST', '/v1/me/exercises/maal/entries', { token: p.token, body: { values: { goal: 'Gå tur hver dag' } } });
    expect(goal.status).toBe(201);
    expect((await env.call('POST', '/v1/me/sections/start/complete', { token: p.token })).status).toBe(200);
    const log = await env.call('POST', '/v1/me/exercises/bekymring/entries', { token: p.token, body: { values: { worry: 'Jobben', strength: 6 } } });
    expect(log.status).toBe(201);
    const before = (await env.call('GET', '/v1/me/program', { token: p.token })).json;
    const openBefore = before.sections.filter((s: any) => s.state !== 'locked').map((s: any) => s.id);
    expect(openBefore).toEqual(['start', 'logg']);

    // Deploy: the same database, a new app with version 1.1.0 (as a restart would).
    const v2 = nextVersion();
    const app = createApp({ store: env.stores, programs: [v2], clock: env.clock, secrets: deriveSecrets(Buffer.alloc(32)), config: { programsDir: dir }, log: () => {} });
    const call = async (method: string, path: string, token: string, body?: unknown) => {
      const res = await app.request(path, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      return { status: res.status, json: (await res.json()) as any };
    };
    const after = (await call('GET', '/v1/me/program', p.token)).json;
    const stateOf = (id: string) => after.sections.find((s: any) => s.id === id)?.state;
    for (const id of openBefore) expect([id, stateOf(id)]).not.toEqual([id, 'locked']);
    expect(stateOf('ekstra')).toBe('locked');
    expect((await call('GET', '/v1/me/sections/logg', p.token)).status).toBe(200);
    expect((await call('GET', '/v1/me/sections/start', p.token)).status).toBe(200);
    // The new log entry works under the new version; the old one is still there.
    expect((await call('POST', '/v1/me/exercises/bekymring/entries', p.token, { values: { worry: 'Helsa', strength: 4 } })).status).toBe(201);
    const entries = (await call('GET', '/v1/me/exercises/bekymring/entries', p.token)).json.entries;
    expect(entries.map((e: any) => e.id)).toContain(log.json.id);
    // The retired goal exercise: its entry stays in the export and in the professional's view.
    const exported = JSON.stringify((await call('GET', '/v1/me/export', p.token)).json);
    expect(exported).toContain('Gå tur hver dag');
    expect(exported).toContain(goal.json.id);
    const detail = await call('GET', `/v1/staff/codes/${p.ref}`, staff.token);
    expect(detail.status).toBe(200);
    expect(JSON.stringify(detail.json)).toContain('Gå tur hver dag');
  });
});
