/**
 * What a partner's back end and app do with Mestring, end to end:
 *   1. the partner's back end issues a code with its API key (a shop selling access);
 *   2. the person logs in with the code, gives consent, answers what is due and opens
 *      the first part;
 *   3. the back end reads the person's progress and scores (allowed because they consent).
 * Run: MESTRING_URL=http://localhost:8080 MESTRING_API_KEY=msk_... npx tsx src/journey.ts
 * It prints one JSON line with what it saw.
 */
import { mestring, ok } from './client.ts';
import type { components } from './api.d.ts';

type Instrument = components['schemas']['Instrument'];

/** The lowest answer to every item: a calm person's answers, valid for any questionnaire. */
function calmAnswers(instrument: Instrument): Record<string, number | string | null> {
  const answers: Record<string, number | string | null> = {};
  for (const item of instrument.items) {
    const options = item.options ?? instrument.options ?? [];
    if (item.type === 'text') answers[item.id] = null;
    else if (item.type === 'scale') answers[item.id] = item.min ?? 0;
    else answers[item.id] = options[0]?.value ?? 0;
  }
  return answers;
}

export async function journey(baseUrl: string, apiKey: string, programId: string) {
  const shop = mestring(baseUrl, apiKey);

  // 1. A code for a customer (shown only now: print it on the card).
  const issued = ok(await shop.POST('/v1/staff/codes', { body: { programId } }));

  // 2. The person's app.
  const session = ok(await mestring(baseUrl).POST('/v1/sessions', { body: { code: issued.code } }));
  const me = mestring(baseUrl, session.token);
  ok(await me.PUT('/v1/me/consent', { body: { share: true } }));
  const due = ok(await me.GET('/v1/me')).due;
  const answered: string[] = [];
  for (const { kind, instrument: id } of due) {
    const { instrument } = ok(await me.GET('/v1/me/questionnaires/{id}', { params: { path: { id } } }));
    if (kind === 'checkin') {
      const ratings = Object.fromEntries(instrument.items.map((item) => [item.id, item.min ?? 0]));
      ok(await me.POST('/v1/me/checkins', { body: { ratings } }));
    } else {
      ok(await me.POST('/v1/me/questionnaires/{id}/responses', { params: { path: { id } }, body: { answers: calmAnswers(instrument) } }));
    }
    answered.push(id);
  }
  const program = ok(await me.GET('/v1/me/program'));
  const first = program.sections.find((s) => s.state === 'available');
  const part = first ? ok(await me.GET('/v1/me/sections/{id}', { params: { path: { id: first.id } } })) : undefined;
  // Completing a part the person has not done yet answers 409 requirements_missing, typed as an Error body.
  const early = first ? await me.POST('/v1/me/sections/{id}/complete', { params: { path: { id: first.id } } }) : undefined;

  // 3. The partner's back end reads what the person shares.
  const detail = ok(await shop.GET('/v1/staff/codes/{ref}', { params: { path: { ref: issued.ref } } }));
  return {
    ref: issued.ref,
    answered,
    firstPart: part?.section ? first?.id : undefined,
    completeEarly: early?.error?.error.code ?? early?.response.status,
    staffSees: { consent: detail.consent, progress: detail.progress, scores: Object.keys(detail.scores) },
  };
}

const { MESTRING_URL, MESTRING_API_KEY, MESTRING_PROGRAM } = process.env;
if (MESTRING_URL && MESTRING_API_KEY) {
  console.log(JSON.stringify(await journey(MESTRING_URL, MESTRING_API_KEY, MESTRING_PROGRAM ?? 'kurs')));
}
