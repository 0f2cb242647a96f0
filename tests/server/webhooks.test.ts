/**
 * Webhooks end to end in one process, on both backends: admins register endpoints, every
 * event type reaches a loopback receiver signed so that the standardwebhooks package
 * verifies it, data holds refs and ids only, result events follow consent (at emit and at
 * delivery), failed attempts are retried with the same webhook-id until the schedule is
 * spent, and organisations never see each other's endpoints or events.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { sql } from 'kysely';
import { testApp, phq9, gad7, fixturePrograms, type TestEnv } from './helpers.ts';
import { webhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { turnsDuring } from '../support/event-loop-turns.ts';
import { startWebhookWorker, type WebhookWorker } from '../../server/webhooks/worker.ts';
import { validatorFor } from '../../engine/schemas.ts';
import { dueQuestionnaireTimer, recordDueQuestionnaires } from '../../server/webhooks/due.ts';

let env: TestEnv;
let receiver: WebhookReceiver;
let worker: WebhookWorker;
beforeEach(async () => {
  env = await testApp({ config: { programsDir: fixturePrograms, webhooksAllowHttp: true, webhooksAllowPrivate: true } });
  // Signatures carry the attempt's time and receivers check it against their own clock.
  env.clock.set(new Date());
  receiver = await webhookReceiver();
  worker = startWebhookWorker({ store: env.stores, secrets: env.secrets, clock: env.clock, pollMs: 0, backoffMs: [1000, 60_000], timeoutMs: 2000, allowPrivate: true });
});
afterEach(async () => {
  await worker.stop();
  await receiver.close();
  await env.close();
});

const allEvents = ['code.activated', 'code.erased', 'section.completed', 'questionnaire.due', 'questionnaire.answered', 'flag.raised', 'flag.handled', 'evaluation.answered'];

/** An admin of `slug` with an endpoint at the receiver for `events`. */
async function subscribed(slug = 'bydel-a', events = allEvents) {
  const admin = await env.org(slug, 'admin');
  const created = await env.call('POST', '/v1/staff/webhooks', { token: admin.token, body: { url: receiver.url, events } });
  expect(created.status).toBe(201);
  receiver.verifyWith(created.json.secret);
  return { admin, webhook: created.json as { ref: string; secret: string } };
}

/** Runs the worker until nothing is due. */
async function drain() {
  while ((await worker.runOnce()) > 0);
}

describe('webhook endpoints', () => {
  it('shows the secret once, stores it sealed, lists and deletes endpoints, for admins only', { timeout: 90_000 }, async () => {
    const { admin, webhook } = await subscribed();
    expect(webhook).toMatchObject({ ref: expect.stringMatching(/^whk_/), secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+=*$/), url: receiver.url, events: allEvents });
    expect(validatorFor('api-webhooks.schema.json#/$defs/WebhookCreated')(webhook)).toBe(true);
    const listed = await env.call('GET', '/v1/staff/webhooks', { token: admin.token });
    expect(validatorFor('api-webhooks.schema.json#/$defs/WebhookList')(listed.json)).toBe(true);
    expect(listed.json).toEqual({ webhooks: [{ ref: webhook.ref, url: receiver.url, events: allEvents, createdAt: expect.any(String) }] });
    expect(listed.text).not.toContain(webhook.secret);
    const stored = JSON.stringify(await env.rows(sql`SELECT * FROM webhook_endpoints`));
    expect(stored).not.toContain(webhook.secret.slice(6));

    const pro = await env.org('bydel-a', 'professional');
    for (const [method, path] of [['GET', '/v1/staff/webhooks'], ['POST', '/v1/staff/webhooks'], ['DELETE', `/v1/staff/webhooks/${webhook.ref}`], ['POST', `/v1/staff/webhooks/${webhook.ref}/test`], ['GET', `/v1/staff/webhooks/${webhook.ref}/deliveries`]] as const) {
      const res = await env.call(method, path, { token: pro.token, ...(method === 'POST' && !path.endsWith('test') ? { body: { url: receiver.url, events: ['code.activated'] } } : {}) });
      expect([method, path, res.status, res.json.error.code]).toEqual([method, path, 403, 'forbidden']);
    }
    expect((await env.call('DELETE', `/v1/staff/webhooks/${webhook.ref}`, { token: admin.token })).status).toBe(204);
    expect((await env.call('DELETE', `/v1/staff/webhooks/${webhook.ref}`, { token: admin.token })).status).toBe(404);
    expect((await env.call('GET', '/v1/staff/webhooks', { token: admin.token })).json.webhooks).toEqual([]);
  });

  it('refuses bad URLs and unknown events with 422', async () => {
    const admin = await env.org('bydel-a', 'admin');
    for (const [body, field] of [
      [{ url: 'ftp://example.org/hook', events: ['code.activated'] }, 'url'],
      [{ url: 'not a url', events: ['code.activated'] }, 'url'],
      [{ url: 'https://user:pw@example.org/hook', events: ['code.activated'] }, 'url'],
      [{ url: 'https://example.org/hook', events: ['code.nonsense'] }, 'events/0'],
      [{ url: 'https://example.org/hook', events: [] }, 'events'],
    ] as const) {
      const res = await env.call('POST', '/v1/staff/webhooks', { token: admin.token, body });
      expect(res.status).toBe(422);
      expect(res.json.error.fields.map((f: any) => f.field)).toContain(field);
    }
  });

  it('refuses http:// unless MESTRING_WEBHOOKS_ALLOW_HTTP is set, and takes https://', async () => {
    const strict = await testApp();
    try {
      const admin = await strict.org('bydel-a', 'admin');
      const refused = await strict.call('POST', '/v1/staff/webhooks', { token: admin.token, body: { url: 'http://127.0.0.1:9/hook', events: ['code.activated'] } });
      expect(refused.status).toBe(422);
      expect(refused.json.error.fields).toEqual([{ field: 'url', code: 'https_required', message: expect.any(String) }]);
      const taken = await strict.call('POST', '/v1/staff/webhooks', { token: admin.token, body: { url: 'https://partner.example/hooks', events: ['code.activated'] } });
      expect(taken.status).toBe(201);
    } finally {
      await strict.close();
    }
  });

  it('refuses endpoints on the server\'s own network unless MESTRING_WEBHOOKS_ALLOW_PRIVATE is set', async () => {
    const strict = await testApp();
    try {
      const admin = await strict.org('bydel-a', 'admin');
      const register = (url: string) => strict.call('POST', '/v1/staff/webhooks', { token: admin.token, body: { url, events: ['code.activated'] } });
      const refused: [string, number, unknown][] = [];
      for (const url of [
        'https://127.0.0.1/hook', 'https://0x7f.1/hook', 'https://10.0.0.5/hook', 'https://172.16.3.4/hook', 'https://192.168.1.1/hook',
        'https://169.254.169.254/latest/meta-data', 'https://100.64.0.1/hook', 'https://224.0.0.1/hook', 'https://0.0.0.0/hook', 'https://192.0.2.1/hook',
        'https://[::1]/hook', 'https://[::]/hook', 'https://[fe80::1]/hook', 'https://[fd12:3456::1]/hook', 'https://[ff02::1]/hook',
        'https://[::ffff:127.0.0.1]/hook', 'https://[::ffff:a00:5]/hook', 'https://localhost/hook', 'https://LOCALHOST./hook', 'https://api.localhost/hook',
      ]) {
        const res = await register(url);
        refused.push([url, res.status, res.json.error?.fields]);
      }
      expect(refused.filter(([, status, fields]) => status !== 422 || JSON.stringify(fields) !== JSON.stringify([{ field: 'url', code: 'webhook_address_private', message: 'must not be a loopback, private or other non-public address' }]))).toEqual([]);
      for (const url of ['https://8.8.8.8/hook', 'https://[2001:4860:4860::8888]/hook', 'https://partner.example/hooks', 'https://localhost.partner.example/hooks']) {
        expect([url, (await register(url)).status]).toEqual([url, 201]);
      }
    } finally {
      await strict.close();
    }
    // Allowed, a private address is taken as given.
    const admin = await env.org('bydel-a', 'admin');
    for (const url of ['https://10.0.0.5/hook', 'https://[::1]/hook', 'http://localhost:8080/hook']) {
      expect([url, (await env.call('POST', '/v1/staff/webhooks', { token: admin.token, body: { url, events: ['code.activated'] } })).status]).toEqual([url, 201]);
    }
  });

  it('keeps organisations apart: another admin neither sees, tests, reads nor deletes an endpoint, and gets none of its events', { timeout: 90_000 }, async () => {
    const { webhook } = await subscribed('bydel-a');
    const other = await env.org('bydel-b', 'admin');
    expect((await env.call('GET', '/v1/staff/webhooks', { token: other.token })).json.webhooks).toEqual([]);
    for (const [method, path] of [['DELETE', `/v1/staff/webhooks/${webhook.ref}`], ['POST', `/v1/staff/webhooks/${webhook.ref}/test`], ['GET', `/v1/staff/webhooks/${webhook.ref}/deliveries`]] as const) {
      expect((await env.call(method, path, { token: other.token })).status).toBe(404);
    }
    const audit = await env.rows<{ slug: string; action: string }>(sql`SELECT orgs.slug, action FROM audit_log JOIN orgs ON orgs.id = audit_log.org_id WHERE action LIKE 'webhook.%' ORDER BY audit_log.id`);
    expect(audit).toEqual([{ slug: 'bydel-a', action: 'webhook.create' }, ...Array(3).fill({ slug: 'bydel-b', action: 'webhook.cross_org_probe' })]);
    const pro = await env.org('bydel-b', 'professional');
    await env.person(pro.token);
    await drain();
    expect(receiver.received).toEqual([]);
  });
});

describe('deliveries', () => {
  it('sends every event type, signed, with refs and ids only', async () => {
    const { admin, webhook } = await subscribed();
    const p = await env.person(admin.token);
    await env.call('POST', '/v1/sessions', { body: { code: p.code } }); // a second login activates nothing
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: true } });
    const first = await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(1) } });
    await env.call('POST', '/v1/me/questionnaires/gad7/responses', { token: p.token, body: { answers: gad7(1) } });
    await env.call('POST', '/v1/me/exercises/maal/entries', { token: p.token, body: { values: { goal: 'Et hemmelig mål', importance: 8, when: '17:30' } } });
    expect((await env.call('POST', '/v1/me/sections/start/complete', { token: p.token })).status).toBe(200);
    await env.call('POST', '/v1/me/sections/start/complete', { token: p.token }); // completing again sends nothing
    const risky = await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(2, 1) } });
    expect(risky.json.score.flags).toContain('risk');
    const riskFlag = (await env.call('GET', `/v1/staff/codes/${p.ref}`, { token: admin.token })).json.flags.find((f: { flag: string; id: string }) => f.flag === 'risk' && f.id.startsWith(risky.json.id));
    expect((await env.call('POST', `/v1/staff/codes/${p.ref}/flags/${riskFlag.id}/handled`, { token: admin.token })).status).toBe(200);
    await env.call('POST', `/v1/staff/codes/${p.ref}/flags/${riskFlag.id}/handled`, { token: admin.token }); // handling again sends nothing
    const evaluation = await env.call('POST', '/v1/me/questionnaires/evaluation/responses', { token: p.token, body: { answers: { completed: 1, change: 2, 'change-why': 'Fritekst som aldri skal sendes' } } });
    expect(evaluation.status).toBe(201);
    expect((await env.call('POST', `/v1/staff/webhooks/${webhook.ref}/test`, { token: admin.token })).status).toBe(202);
    await drain();
    expect((await env.call('DELETE', '/v1/me', { token: p.token })).status).toBe(204);
    await drain();

    const got = receiver.received.map((r) => r.json);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    const payload = validatorFor('api-webhooks.schema.json#/$defs/WebhookPayload');
    expect(got.filter((e) => !payload(e))).toEqual([]);
    expect(got.map((e) => e.type).sort()).toEqual([
      'code.activated', 'code.erased', 'evaluation.answered', 'flag.handled', 'flag.raised', 'questionnaire.answered', 'questionnaire.answered', 'questionnaire.answered', 'section.completed', 'webhook.test',
    ].sort());
    expect(got).toContainEqual({ type: 'flag.handled', occurredAt: expect.any(String), data: { code: p.ref, response: risky.json.id, flag: 'risk' } });
    expect(got.at(-1)!.type).toBe('code.erased');
    expect(got).toContainEqual({ type: 'code.activated', occurredAt: expect.any(String), data: { code: p.ref } });
    expect(got).toContainEqual({ type: 'code.erased', occurredAt: expect.any(String), data: { code: p.ref } });
    expect(got).toContainEqual({ type: 'webhook.test', occurredAt: expect.any(String), data: { webhook: webhook.ref } });
    expect(got).toContainEqual({ type: 'section.completed', occurredAt: expect.any(String), data: { code: p.ref, section: 'start' } });
    expect(got).toContainEqual({ type: 'questionnaire.answered', occurredAt: expect.any(String), data: { code: p.ref, questionnaire: 'phq9', response: first.json.id } });
    expect(got).toContainEqual({ type: 'flag.raised', occurredAt: expect.any(String), data: { code: p.ref, questionnaire: 'phq9', response: risky.json.id, flag: 'risk' } });
    const everything = receiver.received.map((r) => r.body).join('\n');
    expect(everything).not.toContain(p.code);
    expect(everything).not.toContain(p.token);
    expect(everything).not.toContain('hemmelig');
    expect(everything).not.toContain('Fritekst');
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(receiver.received.length);
  });

  it('records flag.raised for an endpoint subscribed to nothing else, and writes an answer alone where nothing is subscribed', async () => {
    const { admin } = await subscribed('bydel-a', ['flag.raised']);
    const p = await env.person(admin.token);
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: true } });
    expect((await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(1) } })).status).toBe(201);
    const risky = await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(2, 1) } });
    expect(risky.json.score.flags).toContain('risk');
    // An organisation without endpoints: the answer is stored, and no event with it.
    const other = await env.org('bydel-b', 'admin');
    const q = await env.person(other.token);
    await env.call('PUT', '/v1/me/consent', { token: q.token, body: { share: true } });
    expect((await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: q.token, body: { answers: phq9(2, 1) } })).status).toBe(201);
    expect((await env.call('GET', '/v1/me/scores', { token: q.token })).json.instruments.phq9).toHaveLength(1);
    await drain();
    expect(receiver.received.map((r) => r.json)).toEqual([{ type: 'flag.raised', occurredAt: expect.any(String), data: { code: p.ref, questionnaire: 'phq9', response: risky.json.id, flag: 'risk' } }]);
    expect(await env.rows(sql`SELECT count(*) AS n FROM webhook_deliveries`)).toEqual([{ n: 1 }]);
  });

  it('sends evaluation.answered for the evaluation form, and each result event as it happens', async () => {
    const { admin } = await subscribed();
    const p = await env.person(admin.token);
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: true } });
    const evaluation = await env.call('POST', '/v1/me/questionnaires/evaluation/responses', { token: p.token, body: { answers: { completed: 1, change: 2, 'change-why': 'Fritekst som aldri skal sendes' } } });
    await drain();
    expect(receiver.received.map((r) => r.json)).toContainEqual({ type: 'evaluation.answered', occurredAt: expect.any(String), data: { code: p.ref, questionnaire: 'evaluation', response: evaluation.json.id } });
    expect(receiver.received.map((r) => r.json.type)).not.toContain('questionnaire.answered');
    expect(receiver.received.map((r) => r.body).join('\n')).not.toContain('Fritekst');
  });

  it('erases the events about a person\'s results that were still waiting, with everything else of theirs', async () => {
    const { admin, webhook } = await subscribed();
    const p = await env.person(admin.token);
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: true } });
    await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(2, 1) } });
    await env.call('DELETE', '/v1/me', { token: p.token });
    const log = (await env.call('GET', `/v1/staff/webhooks/${webhook.ref}/deliveries`, { token: admin.token })).json.deliveries;
    expect(log.map((d: any) => d.type)).toEqual(['code.erased', 'code.activated']);
    await drain();
    expect(receiver.received.map((r) => r.json.type)).toEqual(['code.activated', 'code.erased']);
  });

  it('sends questionnaire.due once when a repeat questionnaire falls due, to consenting codes only', async () => {
    const { admin } = await subscribed('bydel-a', ['questionnaire.due']);
    const [p, q] = [await env.person(admin.token), await env.person(admin.token)];
    for (const person of [p, q]) {
      await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: person.token, body: { answers: phq9(1) } });
      await env.call('POST', '/v1/me/questionnaires/gad7/responses', { token: person.token, body: { answers: gad7(1) } });
    }
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: true } });
    const programs = new Map([[env.program.id, env.program]]);
    const due = () => recordDueQuestionnaires(env.stores, programs, env.clock.now(), 'Europe/Oslo');
    await due();
    await drain();
    expect(receiver.received).toEqual([]); // answered just now: not due
    // A week passes (the answers are moved back: signatures must carry the real time).
    const weekAgo = new Date(env.clock.now().getTime() - 8 * 24 * 3600_000).toISOString();
    await env.stores.kysely.updateTable('responses').set({ created_at: weekAgo }).execute();
    await due();
    await due();
    await drain();
    expect(receiver.received.map((r) => r.json)).toEqual([{ type: 'questionnaire.due', occurredAt: expect.any(String), data: { code: p.ref, questionnaire: 'gad7' } }]);
    // Answered again: the next week is a new due period.
    await env.call('POST', '/v1/me/questionnaires/gad7/responses', { token: p.token, body: { answers: gad7(1) } });
    await due();
    await drain();
    expect(receiver.received).toHaveLength(1);
  });

  it('scans many codes a page at a time: consenting codes of subscribed organisations only, nothing written twice, requests served between pages', { timeout: 90_000 }, async () => {
    await subscribed('bydel-a', ['questionnaire.due']);
    await env.org('bydel-b', 'admin');
    const orgA = (await env.stores.orgs.bySlug('bydel-a'))!.id;
    const orgB = (await env.stores.orgs.bySlug('bydel-b'))!.id;
    // 150 codes in A that consent and answered a week ago, 60 in A that withdrew, 40 in B
    // (no endpoint) that consent: written straight into the database, as many as pages need.
    const weekAgo = new Date(env.clock.now().getTime() - 8 * 24 * 3600_000).toISOString();
    const groups = [{ org: orgA, count: 150, shares: [1] }, { org: orgA, count: 60, shares: [1, 0] }, { org: orgB, count: 40, shares: [1] }];
    const consenting: string[] = [];
    let n = 0;
    for (const group of groups) {
      for (let i = 0; i < group.count; i++, n++) {
        const ref = `cod_scan${String(n).padStart(4, '0')}`;
        const { id } = await env.stores.kysely.insertInto('codes').values({ ref, code_hmac: `scan-${n}`, hint: 'XXXX', org_id: group.org, program_id: 'kurs', created_at: weekAgo, first_login_at: weekAgo }).returning('id').executeTakeFirstOrThrow();
        for (const share of group.shares) await env.stores.kysely.insertInto('consents').values({ code_id: id, share, at: weekAgo }).execute();
        for (const instrument of ['phq9', 'gad7']) {
          await env.stores.kysely.insertInto('responses').values({ ref: `rsp_scan${n}${instrument}`, code_id: id, instrument_id: instrument, answers_json: '{}', score_json: '{"total":2}', program_version: '1.0.0', created_at: weekAgo }).execute();
        }
        if (group.org === orgA && group.shares.at(-1) === 1) consenting.push(ref);
      }
    }
    const programs = new Map([[env.program.id, env.program]]);
    const queued = async () => (await env.rows<{ data: string }>(sql`SELECT payload AS data FROM webhook_deliveries WHERE type = 'questionnaire.due'`)).map((r) => JSON.parse(r.data).data.code).sort();
    expect(await recordDueQuestionnaires(env.stores, programs, env.clock.now(), 'Europe/Oslo', 100)).toBe(150);
    expect(await queued()).toEqual(consenting);
    // The second scan finds every due period already in the outbox. On SQLite its reads
    // are synchronous: without a turn of the event loop between pages, no request would
    // be served until it ended (250 consent histories: three pages, two turns between them).
    const { value: again, turns } = await turnsDuring(() => recordDueQuestionnaires(env.stores, programs, env.clock.now(), 'Europe/Oslo', 100));
    expect(again).toBe(0);
    expect(turns).toBeGreaterThanOrEqual(2);
    expect(await queued()).toEqual(consenting);
  });

  it('keeps finished deliveries in the log for 30 days, and pending ones until they are done', async () => {
    const { admin, webhook } = await subscribed('bydel-a', ['code.activated']);
    await env.person(admin.token);
    await drain();
    receiver.answerWith(() => 500);
    await env.call('POST', `/v1/staff/webhooks/${webhook.ref}/test`, { token: admin.token });
    await drain();
    const log = async () => (await env.call('GET', `/v1/staff/webhooks/${webhook.ref}/deliveries`, { token: admin.token })).json.deliveries.map((d: any) => [d.type, d.status]);
    expect(await log()).toEqual([['webhook.test', 'pending'], ['code.activated', 'delivered']]);
    const monthAgo = new Date(env.clock.now().getTime() - 31 * 24 * 3600_000).toISOString();
    await env.stores.kysely.updateTable('webhook_deliveries').set({ created_at: monthAgo }).execute();
    await dueQuestionnaireTimer({ stores: env.stores, programs: new Map(), clock: env.clock, timeZone: 'Europe/Oslo', everyMs: 60_000 })();
    expect(await log()).toEqual([['webhook.test', 'pending']]);
  });

  it('sends only the events an endpoint subscribed to', async () => {
    const { admin } = await subscribed('bydel-a', ['code.erased']);
    const p = await env.person(admin.token);
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: true } });
    await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(2, 1) } });
    await env.call('DELETE', '/v1/me', { token: p.token });
    await drain();
    expect(receiver.received.map((r) => r.json.type)).toEqual(['code.erased']);
  });

  it('writes no result event without consent, and drops queued ones when consent is withdrawn before delivery', async () => {
    const { admin, webhook } = await subscribed();
    const p = await env.person(admin.token);
    await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(2, 1) } });
    await drain();
    expect(receiver.received.map((r) => r.json.type)).toEqual(['code.activated']);

    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: true } });
    await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: p.token, body: { answers: phq9(2, 1) } });
    await env.call('PUT', '/v1/me/consent', { token: p.token, body: { share: false } });
    await drain();
    expect(receiver.received.map((r) => r.json.type)).toEqual(['code.activated']);
    const log = await env.call('GET', `/v1/staff/webhooks/${webhook.ref}/deliveries`, { token: admin.token });
    expect(log.json.deliveries.filter((d: any) => d.type !== 'code.activated')).toEqual([
      expect.objectContaining({ type: 'flag.raised', status: 'dropped', attempts: 0, lastError: 'consent_withdrawn' }),
      expect.objectContaining({ type: 'questionnaire.answered', status: 'dropped', attempts: 0, lastError: 'consent_withdrawn' }),
    ]);
  });

  it('retries a failed delivery with the same webhook-id after the backoff, logs it, and fails it when the schedule is spent', async () => {
    const { admin, webhook } = await subscribed('bydel-a', ['code.activated']);
    receiver.answerWith(() => 500);
    await env.person(admin.token);
    await drain();
    const log = async () => (await env.call('GET', `/v1/staff/webhooks/${webhook.ref}/deliveries`, { token: admin.token })).json.deliveries;
    expect(await log()).toEqual([{
      id: receiver.received[0]!.id, type: 'code.activated', status: 'pending', attempts: 1, lastError: 'http_error', lastStatus: 500,
      createdAt: expect.any(String), lastAttemptAt: expect.any(String), nextAttemptAt: new Date(env.clock.now().getTime() + 1000).toISOString(), deliveredAt: null,
    }]);
    await drain();
    expect(receiver.received).toHaveLength(1); // not due yet
    env.clock.advance({ seconds: 1 });
    await drain();
    expect(receiver.received).toHaveLength(2);
    env.clock.advance({ seconds: 60 });
    receiver.answerWith(() => 204);
    await drain();
    expect(receiver.received.map((r) => [r.id, r.answered, r.verified])).toEqual([
      [receiver.received[0]!.id, 500, true], [receiver.received[0]!.id, 500, true], [receiver.received[0]!.id, 204, true],
    ]);
    const raw = await env.call('GET', `/v1/staff/webhooks/${webhook.ref}/deliveries`, { token: admin.token });
    expect(validatorFor('api-webhooks.schema.json#/$defs/WebhookDeliveryList')(raw.json)).toBe(true);
    expect(await log()).toEqual([expect.objectContaining({ status: 'delivered', attempts: 3, lastError: null, lastStatus: 204, nextAttemptAt: null, deliveredAt: expect.any(String) })]);

    // A receiver that never answers 2xx: after the last step the delivery is failed and left alone.
    receiver.answerWith(() => 503);
    await env.call('POST', `/v1/staff/webhooks/${webhook.ref}/test`, { token: admin.token });
    for (let i = 0; i < 5; i++) {
      await drain();
      env.clock.advance({ seconds: 61 });
    }
    expect(receiver.received.filter((r) => r.json.type === 'webhook.test')).toHaveLength(3);
    expect((await log())[0]).toMatchObject({ type: 'webhook.test', status: 'failed', attempts: 3, lastError: 'http_error', lastStatus: 503, nextAttemptAt: null });
  });

  it('never sends to an address on the server\'s own network, even by a name that resolves there: records address_private and retries like a network error', async () => {
    // Registered while private addresses were allowed (or a public name that now resolves
    // to loopback): the worker checks the address it connects to.
    const admin = await env.org('bydel-a', 'admin');
    const port = new URL(receiver.url).port;
    const hooks: string[] = [];
    for (const url of [`http://localhost:${port}/hook`, `http://[::ffff:127.0.0.1]:${port}/hook`]) {
      const created = await env.call('POST', '/v1/staff/webhooks', { token: admin.token, body: { url, events: ['code.activated'] } });
      expect(created.status).toBe(201);
      hooks.push(created.json.ref);
    }
    await env.person(admin.token);
    const strict = startWebhookWorker({ store: env.stores, secrets: env.secrets, clock: env.clock, pollMs: 0, backoffMs: [1000], timeoutMs: 2000 });
    try {
      const logs = async () => Promise.all(hooks.map(async (ref) => (await env.call('GET', `/v1/staff/webhooks/${ref}/deliveries`, { token: admin.token })).json.deliveries));
      while ((await strict.runOnce()) > 0);
      expect(receiver.received).toEqual([]);
      for (const log of await logs()) expect(log).toEqual([expect.objectContaining({ type: 'code.activated', status: 'pending', attempts: 1, lastError: 'address_private', lastStatus: null })]);
      env.clock.advance({ seconds: 1 });
      while ((await strict.runOnce()) > 0);
      expect(receiver.received).toEqual([]);
      for (const log of await logs()) expect(log).toEqual([expect.objectContaining({ status: 'failed', attempts: 2, lastError: 'address_private', lastStatus: null, nextAttemptAt: null })]);
    } finally {
      await strict.stop();
    }
    // A worker with private addresses allowed (as this suite's) reaches the same receiver by name.
    await env.call('POST', `/v1/staff/webhooks/${hooks[0]}/test`, { token: admin.token });
    await drain();
    expect(receiver.received.map((r) => r.json.type)).toEqual(['webhook.test']);
  });

  it('follows no redirect: a 3xx is an answer, recorded with its status', async () => {
    const { admin, webhook } = await subscribed('bydel-a', ['code.activated']);
    receiver.answerWith(() => 307);
    await env.person(admin.token);
    await drain();
    expect(receiver.received).toHaveLength(1);
    const log = (await env.call('GET', `/v1/staff/webhooks/${webhook.ref}/deliveries`, { token: admin.token })).json.deliveries;
    expect(log[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: 'http_error', lastStatus: 307 });
  });

  it('records timeouts and unreachable receivers as such', async () => {
    const admin = await env.org('bydel-a', 'admin');
    const closed = await webhookReceiver();
    await closed.close();
    const created = await env.call('POST', '/v1/staff/webhooks', { token: admin.token, body: { url: closed.url, events: ['code.activated'] } });
    await env.call('POST', `/v1/staff/webhooks/${created.json.ref}/test`, { token: admin.token });
    await drain();
    const log = (await env.call('GET', `/v1/staff/webhooks/${created.json.ref}/deliveries`, { token: admin.token })).json.deliveries;
    expect(log[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: 'network', lastStatus: null });

    // A receiver that takes the connection and never answers.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const slow = await env.call('POST', '/v1/staff/webhooks', { token: admin.token, body: { url: `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/hook`, events: ['code.activated'] } });
      await env.call('POST', `/v1/staff/webhooks/${slow.json.ref}/test`, { token: admin.token });
      const quick = startWebhookWorker({ store: env.stores, secrets: env.secrets, clock: env.clock, pollMs: 0, timeoutMs: 300, allowPrivate: true });
      await quick.runOnce();
      const slowLog = (await env.call('GET', `/v1/staff/webhooks/${slow.json.ref}/deliveries`, { token: admin.token })).json.deliveries;
      expect(slowLog[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: 'timeout', lastStatus: null });
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
