/**
 * Shops and partner platforms issuing codes with an API key: the key's own licence
 * allowance per program, Idempotency-Key (one code and one licence for retries, 409 for
 * a different body, also under concurrency), the issue log and the printable code card.
 * Runs on both backends.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { fixtureProgram, testApp, type TestEnv } from './helpers.ts';
import { addLicences, createOrg } from '../../server/admin.ts';
import { bodyHash } from '../../server/codes/key-issuance.ts';
import { codeCardWords } from '../../server/locale/code-card-words.ts';
import { readPdf } from '../support/pdf-text.ts';

let env: TestEnv;
afterEach(async () => env?.close());

async function shop(licences = 10, orgName?: string) {
  env = await testApp({ config: { programsDir: 'tests/server/fixtures/programs', publicUrl: 'https://mestring.example.no' } });
  if (orgName) await createOrg(env.stores, 'bydel-a', orgName, env.clock.now());
  const admin = await env.org('bydel-a', 'admin', licences);
  const created = await env.call('POST', '/v1/staff/api-keys', { token: admin.token, body: { name: 'Nettbutikk', scopes: ['codes:create', 'codes:read'] } });
  return { admin, key: created.json.key as string, keyRef: created.json.ref as string };
}
/** The organisation's licences left (read in the store: staff sessions do not outlive the 24 hours some tests wait). */
const remaining = async (_token: string, slug = 'bydel-a') => {
  const [l] = await env.stores.orgs.licences((await env.stores.orgs.bySlug(slug))!.id);
  return l!.total - l!.used;
};
const issue = (key: string, body: unknown, idempotencyKey?: string, query = '') =>
  env.call('POST', `/v1/staff/codes${query}`, { token: key, body, headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} });

describe('API key allowances', () => {
  it('caps a key at its own allowance per program, a sub-pool of the organisation, and logs what it issued', async () => {
    const { admin, key, keyRef } = await shop(10);
    const set = await env.call('PUT', `/v1/staff/api-keys/${keyRef}/allowances/kurs`, { token: admin.token, body: { total: 2 } });
    expect(set.json).toEqual({ programId: 'kurs', total: 2, used: 0, remaining: 2 });
    const first = await issue(key, { programId: 'kurs' });
    const second = await issue(key, { programId: 'kurs' });
    expect([first.status, second.status]).toEqual([201, 201]);
    const third = await issue(key, { programId: 'kurs' });
    expect(third.status).toBe(409);
    expect(third.json.error.code).toBe('quota_exhausted');
    // The key's third try spent nothing; staff still draw on the organisation's remaining licences.
    expect(await remaining(admin.token)).toBe(8);
    expect((await env.call('POST', '/v1/staff/codes', { token: admin.token, body: { programId: 'kurs' } })).status).toBe(201);
    expect((await env.call('GET', `/v1/staff/api-keys/${keyRef}/allowances`, { token: admin.token })).json.allowances).toEqual([{ programId: 'kurs', total: 2, used: 2, remaining: 0 }]);
    const log = await env.call('GET', `/v1/staff/api-keys/${keyRef}/issued`, { token: admin.token });
    expect(log.json.issued.map((i: { ref: string }) => i.ref)).toEqual([second.json.ref, first.json.ref]);
    expect(JSON.stringify(log.json)).not.toContain(first.json.code);
    // Never below what it used; a professional may not see or change it.
    expect((await env.call('PUT', `/v1/staff/api-keys/${keyRef}/allowances/kurs`, { token: admin.token, body: { total: 1 } })).json.error.code).toBe('validation_failed');
    const pro = await env.org('bydel-a', 'professional', 0);
    expect((await env.call('GET', `/v1/staff/api-keys/${keyRef}/issued`, { token: pro.token })).status).toBe(403);
    // Another organisation's admin cannot see the key.
    const other = await env.org('bydel-b', 'admin', 1);
    expect((await env.call('GET', `/v1/staff/api-keys/${keyRef}/allowances`, { token: other.token })).status).toBe(404);
  }, 120_000); // three staff logins with two-factor set-up: slow on a busy machine
});

describe('Idempotency-Key', () => {
  it('answers the same code for the same key and body, spends one licence, and 409 for another body', async () => {
    const { admin, key } = await shop(5);
    const first = await issue(key, { programId: 'kurs' }, 'order-1001');
    const again = await issue(key, { programId: 'kurs' }, 'order-1001');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await remaining(admin.token)).toBe(4);
    // The code the replay gives logs in.
    expect((await env.call('POST', '/v1/sessions', { body: { code: again.json.code } })).status).toBe(201);
    // After 24 hours the key is free again: a new code.
    env.clock.advance({ hours: 24, seconds: 1 });
    const later = await issue(key, { programId: 'kurs' }, 'order-1001');
    expect(later.json.ref).not.toBe(first.json.ref);
    expect(await remaining(admin.token)).toBe(3);
    const [row] = await env.rows<{ n: number }>(sql`SELECT count(*) AS n FROM api_key_issues WHERE body_hash IS NOT NULL AND idempotency_key IS NULL`);
    expect(Number(row!.n)).toBe(1); // the first order's row is released but still logged as idempotent
  });

  it("issues in the person's language and answers a retry in the same one", async () => {
    const { key } = await shop(5);
    const first = await issue(key, { programId: 'kurs', locale: 'en' }, 'order-2001');
    expect([first.status, first.json.locale, first.json.programTitle]).toEqual([201, 'en', 'Test course']);
    const again = await issue(key, { programId: 'kurs', locale: 'en' }, 'order-2001');
    expect(again.json).toEqual(first.json);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // Without a locale the organisation's language (bokmål until set) and the source title.
    const plain = await issue(key, { programId: 'kurs' }, 'order-2002', '?card=html');
    expect([plain.json.locale, plain.json.programTitle]).toEqual(['nb', 'Testkurs']);
    expect(plain.json.card).toContain('Testkurs');
    const session = await env.call('POST', '/v1/sessions', { body: { code: first.json.code } });
    expect((await env.call('GET', '/v1/me', { token: session.json.token })).json.locale).toBe('en');
  });

  it('refuses the same key with a different body (409 idempotency_key_reused)', async () => {
    env = await testApp({ programs: [fixtureProgram(), { ...fixtureProgram(), id: 'kurs2' }] });
    const admin = await env.org('bydel-a', 'admin', 5);
    await addLicences(env.stores, 'bydel-a', 'kurs2', 5);
    const key = (await env.call('POST', '/v1/staff/api-keys', { token: admin.token, body: { name: 'Butikk', scopes: ['codes:create'] } })).json.key;
    expect((await issue(key, { programId: 'kurs' }, 'k-1')).status).toBe(201);
    const clash = await issue(key, { programId: 'kurs2' }, 'k-1');
    expect(clash.status).toBe(409);
    expect(clash.json.error.code).toBe('idempotency_key_reused');
    expect(bodyHash({ a: 1, b: 2 })).toBe(bodyHash({ b: 2, a: 1 }));
    expect((await issue(key, { programId: 'kurs' }, 'has space')).status).toBe(422);
    // Another key's Idempotency-Key space is its own.
    const key2 = (await env.call('POST', '/v1/staff/api-keys', { token: admin.token, body: { name: 'Butikk 2', scopes: ['codes:create'] } })).json.key;
    expect((await issue(key2, { programId: 'kurs2' }, 'k-1')).status).toBe(201);
  });

  it('holds under concurrency: ten parallel retries give one code and spend one licence', async () => {
    const { admin, key, keyRef } = await shop(20);
    const answers = await Promise.all(Array.from({ length: 10 }, () => issue(key, { programId: 'kurs' }, 'order-parallel')));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.json.ref)).size).toBe(1);
    expect(new Set(answers.map((a) => a.json.code)).size).toBe(1);
    expect(await remaining(admin.token)).toBe(19);
    expect((await env.call('GET', `/v1/staff/api-keys/${keyRef}/issued`, { token: admin.token })).json.issued).toHaveLength(1);
    // Different keys in parallel each get their own code.
    const distinct = await Promise.all(Array.from({ length: 5 }, (_, i) => issue(key, { programId: 'kurs' }, `order-${i}`)));
    expect(new Set(distinct.map((a) => a.json.ref)).size).toBe(5);
    expect(await remaining(admin.token)).toBe(14);
  });

  it('does not give an erased code out again', async () => {
    const { key } = await shop(5);
    const first = await issue(key, { programId: 'kurs' }, 'order-erase');
    const login = await env.call('POST', '/v1/sessions', { body: { code: first.json.code } });
    expect((await env.call('DELETE', '/v1/me', { token: login.json.token })).status).toBe(204);
    const again = await issue(key, { programId: 'kurs' }, 'order-erase');
    expect(again.status).toBe(410);
    const [row] = await env.rows<{ code_sealed: string | null }>(sql`SELECT code_sealed FROM api_key_issues WHERE idempotency_key = 'order-erase'`);
    expect(row!.code_sealed).toBeNull();
  });
});

describe('the printable code card', () => {
  it('adds a self-contained HTML card with the code and the login page, never the code in the QR', async () => {
    const { key } = await shop(5);
    const res = await issue(key, { programId: 'kurs' }, undefined, '?card=html');
    expect(res.status).toBe(201);
    expect(res.json.card).toContain(res.json.code);
    expect(res.json.card).toContain('https://mestring.example.no/');
    expect(res.json.card).toContain(codeCardWords.nb.codeCardNote);
    expect(res.json.card).not.toMatch(/<script|(src|href)="https?:/);
    expect(res.json.cardPdf).toBeUndefined();
    const other = await issue(key, { programId: 'kurs' }, undefined, '?card=svg');
    expect([other.status, other.json.error.code]).toEqual([422, 'validation_failed']);
  });

  it('gives the same card as a PDF (base64 in the answer) with æ, ø and å, and the identical card on an Idempotency-Key retry', async () => {
    const { key } = await shop(5, 'Bydel Grünerløkka og Sagene – Æsøy');
    const org = await env.stores.orgs.bySlug('bydel-a');
    await env.stores.orgs.setSafety(org!.id, { service: { phone: '22 00 00 00' } });
    const first = await issue(key, { programId: 'kurs' }, 'order-pdf-1', '?card=pdf');
    expect(first.status).toBe(201);
    expect(first.json.card).toBeUndefined();
    const bytes = Buffer.from(first.json.cardPdf, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = await readPdf(bytes);
    expect(pdf.pages).toBe(1);
    expect([pdf.title, pdf.lang]).toEqual(['Din kode til Mestring: Testkurs', 'nb']);
    // Standard fonts only, WinAnsi-encoded (which holds æ, ø and å): nothing embedded or fetched.
    expect(pdf.fonts.map((f) => f.encoding)).toEqual(pdf.fonts.map(() => '/WinAnsiEncoding'));
    expect(pdf.lines).toContain(first.json.code);
    const words = codeCardWords.nb;
    const service = 'Bydel Grünerløkka og Sagene – Æsøy';
    const said = [
      words.codeCardTitle, 'Testkurs', first.json.code, 'Logg inn på https://mestring.example.no/', words.codeCardScan,
      `Tjenesten din: ${service} Telefon: 22 00 00 00`, words.codeCardLost.replace('{name}', service).replace('{phone}', '22 00 00 00'), words.codeCardNote,
    ];
    expect(pdf.text).toContain(said.join(' '));
    // The HTML card for the same order says the same things.
    const html = await issue(key, { programId: 'kurs' }, 'order-pdf-1', '?card=html');
    expect(html.json.code).toBe(first.json.code);
    const htmlText = html.json.card.replace(/<style>[^]*?<\/style>|<svg[^]*?<\/svg>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(htmlText).toContain(said.join(' '));
    // A lost answer retried: the same code and the byte-identical card, one licence spent.
    const again = await issue(key, { programId: 'kurs' }, 'order-pdf-1', '?card=pdf');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
    expect(await remaining('', 'bydel-a')).toBe(4);
  });

  it("prints the card in the code's language", async () => {
    const { key } = await shop(5);
    const res = await issue(key, { programId: 'kurs', locale: 'en' }, undefined, '?card=pdf');
    const pdf = await readPdf(Buffer.from(res.json.cardPdf, 'base64'));
    expect(pdf.lang).toBe('en');
    expect(pdf.text).toContain(`${codeCardWords.en.codeCardTitle} Test course ${res.json.code} Log in at https://mestring.example.no/`);
    expect(pdf.text).toContain(`Lost your card? Tell Org bydel-a. They stop the code`);
    expect(pdf.text).not.toContain(codeCardWords.nb.codeCardNote);
    const nn = await issue(key, { programId: 'kurs', locale: 'nn' }, undefined, '?card=html');
    expect(nn.json.card).toContain('<html lang="nn">');
    expect(nn.json.card).toContain(codeCardWords.nn.codeCardNote);
  });
});
