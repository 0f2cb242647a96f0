/**
 * The person's own routes: overview and what is due, consent, the program with part
 * states, a part's content, completing a part, export and erasure.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { programOr404, type RouteDeps } from '../deps.ts';
import { apiError } from '../errors.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { syncProgress } from '../person-progress.ts';
import { dueNow, overallProgress, canComplete } from '../../engine/progress/index.ts';
import { eraseCode } from '../store/erase.ts';
import { helpFor } from '../safety.ts';
import { appointmentView, checkinView, entryView, responseView, sectionView } from './views.ts';

/**
 * @example
 *   app.route('/', meRoutes(deps)); // after personAuth on /v1/me/*
 */
export function meRoutes(deps: RouteDeps) {
  const app = new Hono<AppEnv>();
  const { stores } = deps;

  app.get('/v1/me', (c) => {
    const { code } = c.get('person');
    const program = programOr404(deps, code.program_id);
    const now = deps.clock.now();
    const { snapshot, states } = syncProgress(stores, program, code, now);
    const next = stores.appointments.next(code.id, now.toISOString());
    return c.json({
      programId: program.id,
      programTitle: program.title,
      consent: stores.codes.consent(code.id),
      due: dueNow(program, snapshot, now, deps.timeZone),
      nextAppointment: next ? appointmentView(next) : null,
      progress: overallProgress(states),
      help: helpFor(stores.orgs.byId(code.org_id)),
    });
  });

  app.put('/v1/me/consent', jsonBody('api-person.schema.json#/$defs/ConsentRequest'), (c) => {
    const { code } = c.get('person');
    const { share } = c.get('body') as { share: boolean };
    stores.codes.setConsent(code.id, share, deps.clock.now().toISOString());
    return c.json({ consent: share, history: stores.codes.consentHistory(code.id) });
  });

  app.get('/v1/me/consent', (c) => {
    const { code } = c.get('person');
    return c.json({ consent: stores.codes.consent(code.id), history: stores.codes.consentHistory(code.id) });
  });

  app.get('/v1/me/program', (c) => {
    const { code } = c.get('person');
    const program = programOr404(deps, code.program_id);
    const { states } = syncProgress(stores, program, code, deps.clock.now());
    return c.json({ programId: program.id, version: program.version, locale: program.locale, sections: states.map(sectionView), progress: overallProgress(states) });
  });

  app.get('/v1/me/sections/:id', (c) => {
    const { code } = c.get('person');
    const program = programOr404(deps, code.program_id);
    const section = program.sections.find((s) => s.id === c.req.param('id'));
    if (!section) throw apiError('not_found', 'No such part in this program.');
    const { states } = syncProgress(stores, program, code, deps.clock.now());
    const status = states.find((s) => s.id === section.id);
    if (!status || status.state === 'locked') throw apiError('section_locked', undefined, { lockedReason: status?.lockedReason ?? null });
    const exerciseIds = new Set(section.blocks.flatMap((b) => (b.type === 'exercise' ? [b.id] : [])));
    const refs = new Set(section.blocks.flatMap((b) => (b.type === 'questionnaire' ? [b.ref] : [])));
    return c.json({
      section,
      instruments: Object.fromEntries([...refs].map((id) => [id, program.instruments[id]])),
      state: status.state,
      missing: status.missing,
      entries: stores.progress.entries(code.id).filter((e) => exerciseIds.has(e.exercise_id)).map(entryView),
      responses: stores.progress.responses(code.id).filter((r) => refs.has(r.instrument_id)).map(responseView),
    });
  });

  app.post('/v1/me/sections/:id/complete', (c) => {
    const { code } = c.get('person');
    const program = programOr404(deps, code.program_id);
    const now = deps.clock.now();
    const { states } = syncProgress(stores, program, code, now);
    const status = states.find((s) => s.id === c.req.param('id'));
    if (!status) throw apiError('not_found', 'No such part in this program.');
    if (status.state === 'locked') throw apiError('section_locked', undefined, { lockedReason: status.lockedReason });
    if (status.state === 'available') {
      if (!canComplete(status)) throw apiError('requirements_missing', undefined, { missing: status.missing });
      stores.progress.complete(code.id, status.id, now.toISOString());
    }
    const after = syncProgress(stores, program, code, now).states;
    return c.json({ sections: after.map(sectionView), progress: overallProgress(after) });
  });

  app.get('/v1/me/export', (c) => {
    const { code } = c.get('person');
    const now = deps.clock.now();
    return c.json({
      exportedAt: now.toISOString(),
      code: { hint: code.hint, programId: code.program_id, createdAt: code.created_at },
      consent: stores.codes.consentHistory(code.id),
      sections: stores.progress.sectionStates(code.id).map((s) => ({ id: s.section_id, openedAt: s.opened_at, openedBy: s.opened_by, completedAt: s.completed_at, programVersion: s.program_version })),
      entries: stores.progress.entries(code.id).map(entryView),
      responses: stores.progress.responses(code.id).map(responseView),
      checkins: stores.progress.checkins(code.id).map(checkinView),
      appointments: stores.appointments.upcoming(code.id, '').map(appointmentView),
    });
  });

  app.delete('/v1/me', (c) => {
    const { code } = c.get('person');
    eraseCode(stores.db, code.id, deps.clock.now().toISOString());
    return c.body(null, 204);
  });
  return app;
}
