/**
 * The person's own routes: overview and what is due, consent, the program with part
 * states, a part's content, completing a part, export and erasure.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { instrumentOf, programOr404, type RouteDeps } from '../deps.ts';
import { languagesOf, personProgram } from '../locale/person-edition.ts';
import { programLocales } from '../../engine/compile/edition-for.ts';
import { apiError } from '../errors.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { snapshotFrom, syncProgress } from '../person-progress.ts';
import { dueNow, overallProgress, canComplete } from '../../engine/progress/index.ts';
import { helpFor } from '../safety.ts';
import { recordEvent } from '../webhooks/events.ts';
import { nextMeeting } from '../groups.ts';
import { appointmentView, checkinView, entryView, responseView, programStateView } from './views.ts';

/**
 * @example
 *   app.route('/', meRoutes(deps)); // after personAuth on /v1/me/*
 */
export function meRoutes(deps: RouteDeps) {
  const app = new Hono<AppEnv>();
  const { stores } = deps;

  app.get('/v1/me', async (c) => {
    const { code, org } = c.get('person');
    const program = personProgram(deps, code);
    const now = deps.clock.now();
    // The snapshot, the consent and the next appointment in one statement (store/progress.ts).
    const read = await stores.progress.meRows(code.id, now.toISOString());
    const { snapshot, states, group } = await syncProgress(stores, program, code, now, deps.timeZone, snapshotFrom(read.rows));
    return c.json({
      programId: program.id,
      programTitle: program.title,
      ...languagesOf(deps, code),
      consent: read.consent,
      due: dueNow(program, snapshot, now, deps.timeZone, { stopped: code.stopped_at !== null, inactivityDays: org.inactivity_days }),
      nextAppointment: read.next ? appointmentView(read.next) : null,
      nextGroupMeeting: code.group_id === null ? null : nextMeeting(group, now),
      progress: overallProgress(states),
      help: helpFor(org, code.locale),
    });
  });

  app.put('/v1/me/consent', jsonBody('api-person.schema.json#/$defs/ConsentRequest'), async (c) => {
    const { code } = c.get('person');
    const { share } = c.get('body') as { share: boolean };
    await stores.codes.setConsent(code.id, share, deps.clock.now().toISOString());
    return c.json({ consent: share, history: await stores.codes.consentHistory(code.id) });
  });

  app.get('/v1/me/consent', async (c) => {
    const { code } = c.get('person');
    return c.json({ consent: await stores.codes.consent(code.id), history: await stores.codes.consentHistory(code.id) });
  });

  app.get('/v1/me/program', async (c) => {
    const { code } = c.get('person');
    const program = personProgram(deps, code);
    const { states } = await syncProgress(stores, program, code, deps.clock.now(), deps.timeZone);
    return c.json(programStateView(program, states, programLocales(programOr404(deps, code.program_id))));
  });

  app.get('/v1/me/sections/:id', async (c) => {
    const { code } = c.get('person');
    const program = personProgram(deps, code);
    const section = program.sections.find((s) => s.id === c.req.param('id'));
    if (!section) throw apiError('not_found', 'No such part in this program.');
    const { states } = await syncProgress(stores, program, code, deps.clock.now(), deps.timeZone);
    const status = states.find((s) => s.id === section.id);
    if (!status || status.state === 'locked') throw apiError('section_locked', undefined, { lockedReason: status?.lockedReason ?? null });
    const exerciseIds = new Set(section.blocks.flatMap((b) => (b.type === 'exercise' ? [b.id] : [])));
    const refs = new Set(section.blocks.flatMap((b) => (b.type === 'questionnaire' ? [b.ref] : [])));
    return c.json({
      section,
      instruments: Object.fromEntries([...refs].map((id) => [id, instrumentOf(program, id)])),
      state: status.state,
      missing: status.missing,
      // Read only when the part has exercises or questionnaires: each read is a statement
      // (on PostgreSQL a round trip), and many parts have no questionnaire.
      entries: exerciseIds.size ? (await stores.progress.entries(code.id)).filter((e) => exerciseIds.has(e.exercise_id)).map(entryView) : [],
      responses: refs.size ? (await stores.progress.responses(code.id)).filter((r) => refs.has(r.instrument_id)).map(responseView) : [],
    });
  });

  app.post('/v1/me/sections/:id/complete', async (c) => {
    const { code } = c.get('person');
    const program = personProgram(deps, code);
    const now = deps.clock.now();
    const { states } = await syncProgress(stores, program, code, now, deps.timeZone);
    const status = states.find((s) => s.id === c.req.param('id'));
    if (!status) throw apiError('not_found', 'No such part in this program.');
    if (status.state === 'locked') throw apiError('section_locked', undefined, { lockedReason: status.lockedReason });
    if (status.state === 'available') {
      if (!canComplete(status)) throw apiError('requirements_missing', undefined, { missing: status.missing });
      const at = now.toISOString();
      await stores.transaction(async (tx) => {
        if (await tx.progress.complete(code.id, status.id, at)) {
          await recordEvent(tx, { orgId: code.org_id, type: 'section.completed', occurredAt: at, codeId: code.id, data: { code: code.ref, section: status.id } });
        }
      });
    }
    const after = (await syncProgress(stores, program, code, now, deps.timeZone)).states;
    return c.json(programStateView(program, after, programLocales(programOr404(deps, code.program_id))));
  });

  app.get('/v1/me/export', async (c) => {
    const { code } = c.get('person');
    const now = deps.clock.now();
    return c.json({
      exportedAt: now.toISOString(),
      code: { hint: code.hint, programId: code.program_id, createdAt: code.created_at, locale: code.locale },
      consent: await stores.codes.consentHistory(code.id),
      sections: (await stores.progress.sectionStates(code.id)).map((s) => ({ id: s.section_id, openedAt: s.opened_at, openedBy: s.opened_by, completedAt: s.completed_at, programVersion: s.program_version })),
      entries: (await stores.progress.entries(code.id)).map(entryView),
      responses: (await stores.progress.responses(code.id)).map(responseView),
      checkins: (await stores.progress.checkins(code.id)).map(checkinView),
      appointments: (await stores.appointments.upcoming(code.id, '')).map(appointmentView),
    });
  });

  app.delete('/v1/me', async (c) => {
    const { code } = c.get('person');
    const at = deps.clock.now().toISOString();
    await stores.transaction(async (tx) => {
      await tx.erasure.erase(code.id, at);
      await recordEvent(tx, { orgId: code.org_id, type: 'code.erased', occurredAt: at, data: { code: code.ref } });
    });
    await stores.afterErasure();
    return c.body(null, 204);
  });
  return app;
}
