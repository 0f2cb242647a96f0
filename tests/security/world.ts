/**
 * A populated world for adversarial tests: two organisations (A and B) each with an admin,
 * a professional and an API key; in A a consenting person with a goal entry, responses,
 * a check-in and an appointment, all marked with a unique string. Plus a checksum of the
 * database to prove a request changed nothing.
 */
import { createHash } from 'node:crypto';
import { testApp, phq9, gad7, type TestEnv } from '../server/helpers.ts';
import { sql } from 'kysely';
import type { Stores } from '../../server/store/index.ts';
import { tableOrder } from '../../server/store/schema.ts';

/** Text written into A's person's data; no response to another org may contain it. */
export const marker = 'MARKØR-Ærlig-7f3a';

/**
 * Builds the world on a fresh test app.
 *
 * @example
 *   const w = await world(); await w.env.call('GET', `/v1/staff/codes/${w.a.person.ref}`, { token: w.b.admin.token });
 */
export async function world(given?: TestEnv) {
  const env = given ?? (await testApp());
  const org = async (slug: string) => {
    const admin = await env.org(slug, 'admin', 10);
    const pro = await env.org(slug, 'professional', 0);
    const key = await env.call('POST', '/v1/staff/api-keys', { token: admin.token, body: { name: `${slug} partner`, scopes: ['codes:create', 'codes:read'] } });
    return { slug, admin, pro, key: { ref: key.json.ref as string, token: key.json.key as string } };
  };
  const a = await org('bydel-a');
  const b = await org('bydel-b');
  const person = await env.person(a.pro.token);
  await env.call('PUT', '/v1/me/consent', { token: person.token, body: { share: true } });
  await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: person.token, body: { answers: phq9(1) } });
  await env.call('POST', '/v1/me/questionnaires/gad7/responses', { token: person.token, body: { answers: gad7(2) } });
  const entry = await env.call('POST', '/v1/me/exercises/maal/entries', { token: person.token, body: { values: { goal: marker } } });
  if (entry.status !== 201) throw new Error(`entry failed: ${entry.text}`);
  await env.call('POST', '/v1/me/checkins', { token: person.token, body: { ratings: { mood: 7, worry: 3 } } });
  const appointment = await env.call('POST', `/v1/staff/codes/${person.ref}/appointments`, { token: a.pro.token, body: { at: '2025-03-10T09:00:00Z', kind: 'phone' } });
  return { env, a: { ...a, person: { ...person, entryId: entry.json.id as string, appointmentId: appointment.json.id as string } }, b };
}
export type World = Awaited<ReturnType<typeof world>>;

/**
 * A sha256 over every row of every table (but `except`), in a stable order, on either backend.
 *
 * @example
 *   const before = await checksum(env.stores); ...; expect(await checksum(env.stores)).toBe(before);
 */
export async function checksum(stores: Stores, options: { except?: string[] } = {}): Promise<string> {
  const hash = createHash('sha256');
  for (const table of tableOrder.filter((t) => !(options.except ?? []).includes(t))) {
    hash.update(`\n#${table}\n`);
    const rows = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(stores.kysely)).rows;
    for (const row of rows.map((r) => JSON.stringify(r)).sort()) hash.update(row);
  }
  return hash.digest('hex');
}

/** Fills an OpenAPI path's {params} from `values` (by name), else with `fallback`. */
export function fillPath(path: string, values: Record<string, string>, fallback = 'x'): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? fallback));
}
