/**
 * The pure FHIR mapping of stored answers: each score of every shipped instrument becomes
 * a valid Observation (subscales too), not-applicable and prorated answers are mapped as
 * they were scored, free text only on request, and the bundle is the same for the same data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { scoreResponse } from '../../../engine/scoring/score-response.ts';
import { personBundle, uuidUrn, type StoredResponse } from '../../../engine/fhir/person-bundle.ts';
import { fhirBundleErrors, loadFhirDefinitions } from '../../support/fhir-validator.ts';
import { fill, instrument } from '../scoring/instruments.ts';

beforeAll(() => loadFhirDefinitions());

const stored = (id: string, answers: Record<string, number | string | null>, n = 1): StoredResponse => ({
  ref: `rsp_${id}${n}`, instrumentId: id, answers, score: scoreResponse(instrument(id), answers) as StoredResponse['score'], createdAt: `2025-03-0${n}T10:00:00.000Z`,
});
const options = { codeRef: 'cod_test', instrumentOf: (id: string) => (id === 'gone' ? undefined : instrument(id)), freeText: false, now: '2025-03-09T10:00:00.000Z' };
type Json = any;
const observations = (bundle: Json) => bundle.entry.map((e: Json) => e.resource).filter((r: Json) => r.resourceType === 'Observation');
const ownCode = (o: Json) => o.code.coding.find((c: Json) => c.system === 'https://mestring.no/fhir/CodeSystem/score').code;

describe('personBundle', () => {
  it('gives each DASS-21 subscale its own Observation, and no total where there is none', () => {
    const answers = fill(instrument('dass21').items.map((i) => i.id), 1);
    const bundle = personBundle([stored('dass21', answers)], options);
    expect(fhirBundleErrors(bundle)).toEqual([]);
    expect(observations(bundle).map((o: Json) => [ownCode(o), o.valueQuantity.value, o.interpretation[0].coding[0].code])).toEqual([
      ['dass21-depression', 14, 'moderate'], ['dass21-anxiety', 14, 'moderate'], ['dass21-stress', 14, 'normal'],
    ]);
  });

  it('maps a not-applicable WSAS answer as stored and notes the prorated total', () => {
    const bundle = personBundle([stored('wsas', { q1: 9, q2: 3, q3: 3, q4: 3, q5: 2 })], options);
    expect(fhirBundleErrors(bundle)).toEqual([]);
    const response = bundle.entry[0]!.resource as Json;
    expect(response.item[0].answer[0].valueCoding.code).toBe('9');
    const [total] = observations(bundle);
    expect([ownCode(total), total.valueQuantity.value, total.note?.length]).toEqual(['wsas-total', 14, 1]);
  });

  it('keeps free text only when asked, and maps answers to an unknown instrument plainly', () => {
    const evaluation = stored('evaluation', { completed: 3, 'not-completed-other': 'Fritekst', change: 3 });
    const unknown: StoredResponse = { ref: 'rsp_gone', instrumentId: 'gone', answers: { a: 2, b: 'tekst' }, score: { total: null }, createdAt: '2025-03-02T10:00:00.000Z' };
    const without = personBundle([evaluation, unknown], options);
    const withText = personBundle([evaluation, unknown], { ...options, freeText: true });
    for (const bundle of [without, withText]) expect(fhirBundleErrors(bundle)).toEqual([]);
    expect(JSON.stringify(without)).not.toContain('Fritekst');
    expect(JSON.stringify(without)).not.toContain('tekst');
    expect((withText.entry[1]!.resource as Json).item).toEqual([{ linkId: 'a', answer: [{ valueInteger: 2 }] }, { linkId: 'b', answer: [{ valueString: 'tekst' }] }]);
    expect(observations(withText)).toEqual([]);
  });

  it('scores BIS with its classification, and is the same bundle for the same data', () => {
    const responses = [stored('bis', fill(instrument('bis').items.map((i) => i.id), 4)), stored('phq9', fill(instrument('phq9').items.map((i) => i.id), 0), 2)];
    const bundle = personBundle(responses, options);
    expect(fhirBundleErrors(bundle)).toEqual([]);
    expect(observations(bundle).map((o: Json) => [ownCode(o), o.valueQuantity.value, o.interpretation[0].coding[0].code])).toEqual([
      ['bis-total', 24, 'insomnia'], ['phq9-total', 0, 'minimal'],
    ]);
    expect(personBundle(responses, options)).toEqual(bundle);
    expect(uuidUrn('rsp_x')).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(bundle.entry.map((e) => e.fullUrl)).size).toBe(bundle.entry.length);
  });
});
