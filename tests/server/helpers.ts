/**
 * Builds a real app for tests: a fresh database on the run's backend (a SQLite file in a
 * temp folder, or a schema of its own in the PostgreSQL run's cluster), the fixture
 * program compiled from tests/server/fixtures, a manual clock and captured log lines.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { RawBuilder } from 'kysely';
import { compileTree } from '../../engine/index.ts';
import type { CompiledProgram } from '../../schemas/types.ts';
import { createApp, type AppOptions } from '../../server/app.ts';
import { deriveSecrets } from '../../server/config.ts';
import { manualClock } from '../../server/clock.ts';
import { openStore } from '../../server/store/open-store.ts';
import { testDatabase } from '../support/test-store.ts';
import { addLicences, createOrg, createStaff } from '../../server/admin.ts';
import { enrolTwoFactor } from './two-factor.ts';
import { checkedApp } from '../support/contract.ts';

export const fixturePrograms = fileURLToPath(new URL('./fixtures/programs', import.meta.url));

let compiled: CompiledProgram[] | undefined;
/** The fixture program 'kurs', compiled once. */
export function fixtureProgram(): CompiledProgram {
  compiled ??= compileTree([fixturePrograms]).programs;
  const program = compiled.find((p) => p.id === 'kurs');
  if (!program) throw new Error('fixture program kurs did not compile');
  return program;
}

export type TestEnv = Awaited<ReturnType<typeof testApp>>;

/** A fresh app on a fresh database file. */
export async function testApp(overrides: Partial<AppOptions> = {}, options: { backend?: 'sqlite' | 'postgres' } = {}) {
  const database = await testDatabase(undefined, options.backend);
  const { dir, dbPath } = database;
  const stores = await openStore({ url: database.url, path: dbPath });
  const clock = manualClock('2025-03-03T08:00:00Z');
  const logs: string[] = [];
  const program = fixtureProgram();
  const secrets = deriveSecrets(randomBytes(32));
  // Every response any test receives is checked against the OpenAPI document.
  const app = checkedApp(createApp({
    store: stores,
    programs: [program],
    clock,
    secrets,
    config: { programsDir: fixturePrograms },
    log: (line) => logs.push(line),
    ...overrides,
  }));
  let closed = false;
  const env = {
    dir, dbPath, database, clock, secrets, logs, program, app, stores,
    async call(method: string, path: string, options: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: string; bindings?: unknown } = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined = options.raw;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await app.request(path, { method, headers, body }, options.bindings as never);
      const text = await res.text();
      let json: any;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.status, json, text, headers: res.headers };
    },
    /** An organisation with licences and a logged-in staff member whose password is changed and whose authenticator is set up. */
    async org(slug = 'bydel-a', role: 'admin' | 'professional' = 'professional', licences = 5) {
      const now = clock.now();
      if (!(await stores.orgs.bySlug(slug))) await createOrg(stores, slug, `Org ${slug}`, now);
      if (licences) await addLicences(stores, slug, 'kurs', licences);
      const username = `${role}-${randomBytes(3).toString('hex')}`;
      const { password } = await createStaff(stores, slug, username, role, now);
      const login = await env.call('POST', '/v1/staff/sessions', { body: { org: slug, username, password } });
      const token = login.json.token as string;
      const changed = await env.call('PUT', '/v1/staff/password', { token, body: { currentPassword: password, newPassword: 'a much longer password' } });
      if (changed.status !== 200) throw new Error(`password change failed: ${changed.text}`);
      const { secret, recoveryCodes } = await enrolTwoFactor(env, token);
      return { slug, username, token, password: 'a much longer password', secret, recoveryCodes };
    },
    /** A new code from `staffToken` and a person logged in with it. */
    async person(staffToken: string, remember = true) {
      const issued = await env.call('POST', '/v1/staff/codes', { token: staffToken, body: { programId: 'kurs' } });
      if (issued.status !== 201) throw new Error(`code failed: ${issued.text}`);
      const login = await env.call('POST', '/v1/sessions', { body: { code: issued.json.code, remember } });
      return { code: issued.json.code as string, ref: issued.json.ref as string, token: login.json.token as string };
    },
    /** Runs a raw query (Kysely's `sql` template, so it works on both backends) and returns its rows. */
    async rows<T>(query: RawBuilder<T>): Promise<T[]> {
      return (await query.execute(stores.kysely)).rows;
    },
    async close() {
      if (closed) return;
      closed = true;
      await stores.close();
      await database.drop();
    },
  };
  return env;
}

/** PHQ-9 answers: all `value`, item 9 `q9`. */
export function phq9(value: number, q9 = 0) {
  const answers: Record<string, number> = {};
  for (let i = 1; i <= 8; i++) answers[`q${i}`] = value;
  answers.q9 = q9;
  return answers;
}

/** GAD-7 answers, all `value`. */
export function gad7(value: number) {
  const answers: Record<string, number> = {};
  for (let i = 1; i <= 7; i++) answers[`q${i}`] = value;
  return answers;
}
