/**
 * What the person saves: exercise entries (validated against the exercise's fields,
 * refused while its part is locked), questionnaire responses (scored; a risk flag adds
 * the safety block) and check-ins. Every row keeps the program version it was made under.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { instrumentOf, type RouteDeps } from '../deps.ts';
import { personProgram } from '../locale/person-edition.ts';
import { apiError } from '../errors.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { findExercise, syncProgress } from '../person-progress.ts';
import { validateEntry } from '../../engine/progress/index.ts';
import { sleepSeries, sleepWindowLength } from '../../engine/exercises/sleep-diary.ts';
import { newRef } from '../auth/tokens.ts';
import { safetyFlags, safetyFor } from '../safety.ts';
import { checkinView, entryView, responseView, scoresOverTime } from './views.ts';
import type { ScoreResultOf } from '../scoring.ts';
import { missingForScore } from '../../engine/scoring/score-response.ts';
import { recordEvent } from '../webhooks/events.ts';

/**
 * @example
 *   app.route('/', meAnswerRoutes(deps)); // after personAuth on /v1/me/*
 */
export function meAnswerRoutes(deps: RouteDeps) {
  const app = new Hono<AppEnv>();
  const { stores } = deps;

  /** The exercise and its program, refusing a locked part with 423. */
  const openExercise = async (c: Context<AppEnv>) => {
    const { code } = c.get('person');
    const program = personProgram(deps, code);
    const found = findExercise(program, c.req.param('id') ?? '');
    if (!found) throw apiError('not_found', 'No such exercise in this program.');
    // A part stored as opened never locks again (engine/progress/gating.ts): one look-up
    // by key answers for the writes to an open part, which paid for the whole progress
    // snapshot on every entry. Only a part not yet stored needs its state worked out.
    if (!(await stores.progress.isOpened(code.id, found.section.id))) {
      const { states } = await syncProgress(stores, program, code, deps.clock.now(), deps.timeZone);
      if (states.find((s) => s.id === found.section.id)?.state === 'locked') throw apiError('section_locked');
    }
    return { code, program, ...found };
  };
  const checkValues = (exercise: Parameters<typeof validateEntry>[0], values: Record<string, unknown>) => {
    const errors = validateEntry(exercise, values);
    if (errors.length) throw apiError('validation_failed', undefined, { fields: errors });
  };

  app.post('/v1/me/exercises/:id/entries', jsonBody('api-person.schema.json#/$defs/EntryRequest'), async (c) => {
    const { code, program, section, exercise } = await openExercise(c);
    const { values } = c.get('body') as { values: Record<string, unknown> };
    checkValues(exercise, values);
    if (!exercise.repeatable && (await stores.progress.entries(code.id)).some((e) => e.exercise_id === exercise.id)) throw apiError('entry_exists');
    const ref = newRef('ent');
    await stores.progress.addEntry(code.id, { ref, exerciseId: exercise.id, sectionId: section.id, values, version: program.version, now: deps.clock.now().toISOString() });
    return c.json(entryView((await stores.progress.entry(code.id, ref))!), 201);
  });

  app.get('/v1/me/exercises/:id/entries', async (c) => {
    const { code, exercise } = await openExercise(c);
    return c.json({ entries: (await stores.progress.entries(code.id)).filter((e) => e.exercise_id === exercise.id).map(entryView) });
  });

  app.put('/v1/me/exercises/:id/entries/:entryId', jsonBody('api-person.schema.json#/$defs/EntryRequest'), async (c) => {
    const { code, program, exercise } = await openExercise(c);
    const existing = await stores.progress.entry(code.id, c.req.param('entryId'));
    if (!existing || existing.exercise_id !== exercise.id) throw apiError('not_found');
    const { values } = c.get('body') as { values: Record<string, unknown> };
    checkValues(exercise, values);
    // Answered with the row as written, once committed: reading it back cost a statement.
    const saved = await stores.progress.updateEntry(existing, values, program.version, deps.clock.now().toISOString());
    if (!saved) throw apiError('not_found');
    return c.json(entryView(saved));
  });

  app.delete('/v1/me/exercises/:id/entries/:entryId', async (c) => {
    const { code, exercise } = await openExercise(c);
    const existing = await stores.progress.entry(code.id, c.req.param('entryId'));
    if (!existing || existing.exercise_id !== exercise.id) throw apiError('not_found');
    await stores.progress.deleteEntry(code.id, existing.ref);
    return c.body(null, 204);
  });

  const scoreOr422 = (instrument: Parameters<RouteDeps['score']>[0], answers: Record<string, number | string | null>): ScoreResultOf => {
    const score = deps.score(instrument, answers);
    if (!score.valid) {
      throw apiError('validation_failed', undefined, { fields: score.errors.map((e) => ({ field: e.item, code: e.code, message: e.message })) });
    }
    return score;
  };

  app.post('/v1/me/questionnaires/:id/responses', jsonBody('api-person.schema.json#/$defs/ResponseRequest'), async (c) => {
    const { code } = c.get('person');
    const program = personProgram(deps, code);
    const id = c.req.param('id');
    const instrument = id === program.measurement.checkin ? undefined : instrumentOf(program, id);
    if (!instrument) throw apiError('not_found', 'No such questionnaire in this program.');
    const { answers } = c.get('body') as { answers: Record<string, number | string | null> };
    const score = scoreOr422(instrument, answers);
    // A start, repeated or end questionnaire is a measurement: one that cannot be scored
    // (too many items missing for the published proration rules) would open parts or
    // mark progress with no baseline to compare against.
    const { start, repeated, end } = program.measurement;
    if (start.includes(id) || end.includes(id) || repeated.some((r) => r.instrument === id)) {
      const missing = missingForScore(instrument, score);
      if (missing.length) {
        throw apiError('validation_failed', 'Answer every question: without these answers the questionnaire cannot be scored.', {
          fields: missing.map((item) => ({ field: item, code: 'required_missing', message: 'This question needs an answer' })),
        });
      }
    }
    const ref = newRef('rsp');
    const at = deps.clock.now().toISOString();
    const response = { ref, instrumentId: id, answers, score, version: program.version, now: at };
    const answered = id === program.measurement.evaluation ? 'evaluation.answered' : 'questionnaire.answered';
    const flags = new Set<string>(score.flags);
    // Answered with the row as written, once committed (no read back). Where no endpoint
    // is subscribed to the answer's events (most organisations), the answer is its insert
    // alone: on PostgreSQL one round trip instead of BEGIN, the insert, the endpoints'
    // read and COMMIT (docs/performance.md, item 40). An endpoint added after this read
    // subscribed after the answer was given.
    const withEvents = await stores.webhooks.anySubscribed(code.org_id, flags.size ? [answered, 'flag.raised'] : [answered]);
    const stored = withEvents
      ? await stores.transaction(async (tx) => {
        const row = await tx.progress.addResponse(code.id, response);
        const data = { code: code.ref, questionnaire: id, response: ref };
        await recordEvent(tx, { orgId: code.org_id, occurredAt: at, codeId: code.id, type: answered, data });
        for (const flag of flags) await recordEvent(tx, { orgId: code.org_id, occurredAt: at, codeId: code.id, type: 'flag.raised', data: { code: code.ref, questionnaire: id, response: ref, flag } });
        return row;
      })
      : await stores.progress.addResponse(code.id, response);
    const saved = responseView(stored);
    const risky = score.flags.some((f: string) => safetyFlags.has(f));
    const org = risky ? await stores.orgs.byId(code.org_id) : undefined;
    return c.json(risky ? Object.assign(saved, { safety: safetyFor(org?.safety_json, code.locale) }) : saved, 201);
  });

  app.get('/v1/me/questionnaires', async (c) => {
    const program = personProgram(deps, c.get('person').code);
    return c.json({ instruments: program.instruments });
  });

  app.get('/v1/me/questionnaires/:id', async (c) => {
    const program = personProgram(deps, c.get('person').code);
    const instrument = instrumentOf(program, c.req.param('id'));
    if (!instrument || instrument.wording.source === 'none') throw apiError('not_found', 'No such questionnaire in this program.');
    return c.json({ instrument });
  });

  app.get('/v1/me/scores', async (c) => {
    const { code } = c.get('person');
    const program = personProgram(deps, code);
    const sleep = sleepSeries(program, (await stores.progress.entries(code.id)).map(entryView));
    return c.json({
      instruments: scoresOverTime(await stores.progress.responses(code.id)),
      sleep,
      sleepWindow: sleepWindowLength(sleep.map((night) => night.totalSleepTime)),
    });
  });

  app.post('/v1/me/checkins', jsonBody('api-person.schema.json#/$defs/CheckinRequest'), async (c) => {
    const { code } = c.get('person');
    const program = personProgram(deps, code);
    const form = instrumentOf(program, program.measurement.checkin);
    if (!form) throw apiError('not_found', 'This program has no check-in.');
    const { ratings } = c.get('body') as { ratings: Record<string, number | null> };
    scoreOr422(form, ratings);
    const ref = newRef('chk');
    // Answered with the row as written, once committed: reading it back cost a statement.
    const saved = await stores.progress.addCheckin(code.id, ref, ratings, program.version, deps.clock.now().toISOString());
    return c.json(checkinView(saved), 201);
  });

  app.get('/v1/me/checkins', async (c) => {
    const { code } = c.get('person');
    return c.json({ checkins: (await stores.progress.checkins(code.id)).map(checkinView) });
  });
  return app;
}
