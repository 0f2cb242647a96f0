/**
 * Reminders without contact details: a person makes a secret calendar link and
 * subscribes to it in their own phone's calendar. The link shows appointments and the
 * next weekly questionnaire; it stops at once when deleted, revoked or erased.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { programOr404, type RouteDeps } from '../deps.ts';
import { apiError } from '../errors.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { readSnapshot } from '../person-progress.ts';
import { questionnaireReminders } from '../../engine/progress/index.ts';
import { calendarFeed } from '../calendar-feed.ts';
import { isPersonLocale } from '../locale/languages.ts';

/**
 * @example
 *   app.route('/', calendarRoutes(deps));
 */
export function calendarRoutes(deps: RouteDeps) {
  const app = new Hono<AppEnv>();
  const { stores } = deps;

  app.get('/v1/me/calendar', async (c) => c.json({ active: await stores.calendar.exists(c.get('person').code.id) }));

  app.post('/v1/me/calendar', async (c) => {
    const { token, hash } = newToken('msc');
    await stores.calendar.set(c.get('person').code.id, hash, deps.clock.now().toISOString());
    return c.json({ path: `/v1/calendar/${token}`, token }, 201);
  });

  app.delete('/v1/me/calendar', async (c) => {
    if (!(await stores.calendar.remove(c.get('person').code.id))) throw apiError('not_found', 'There is no calendar link to delete.');
    return c.body(null, 204);
  });

  app.get('/v1/calendar/:token', async (c) => {
    const token = c.req.param('token');
    const code = /^msc_[A-Za-z0-9_-]{43}$/.test(token) ? await stores.calendar.codeByToken(hashToken(token)) : undefined;
    if (!code) throw apiError('not_found');
    const program = programOr404(deps, code.program_id);
    const now = deps.clock.now();
    const ics = calendarFeed(
      await stores.appointments.upcoming(code.id, now.toISOString()),
      questionnaireReminders(program, await readSnapshot(stores, code.id), now),
      `${new URL(c.req.url).origin}/`,
      isPersonLocale(code.locale) ? code.locale : 'nb',
      code.group_id === null ? [] : ((await stores.groups.byId(code.group_id))?.meetings ?? []).filter((m) => m >= now.toISOString()),
    );
    return c.body(ics, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'inline; filename="mestring.ics"', 'Content-Language': code.locale });
  });
  return app;
}
