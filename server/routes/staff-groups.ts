/**
 * Group courses: a professional creates a group for one program with a shared schedule
 * and meeting times, issues codes into it (one or a sheet of code cards at a time), and
 * sees its members one by one where each consents, and the consenting members' progress
 * together under k-anonymity. Members never see anything about each other.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { programOr404, type RouteDeps } from '../deps.ts';
import { apiError } from '../errors.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { requireStaffAccount } from '../middleware/staff-auth/index.ts';
import { issueCodes } from '../admin.ts';
import { newRef } from '../auth/tokens.ts';
import { readSnapshot } from '../person-progress.ts';
import { overallProgress, sectionStates } from '../../engine/progress/index.ts';
import { scheduledDates, scheduledOpenings, type GroupSchedule } from '../../engine/progress/group-schedule.ts';
import { suppressedPaths } from '../../engine/reports/k-anonymity.ts';
import { minimumK } from '../../engine/reports/outcome-report.ts';
import type { GroupRow } from '../store/groups.ts';

const realDate = (s: string) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/**
 * @example
 *   app.route('/', staffGroupRoutes(deps)); // after staffAuth on /v1/staff/*
 */
export function staffGroupRoutes(deps: RouteDeps) {
  const app = new Hono<AppEnv>();
  const { stores } = deps;
  const nowIso = () => deps.clock.now().toISOString();

  const view = async (g: GroupRow) => {
    const program = programOr404(deps, g.program_id);
    return {
      ref: g.ref, name: g.name, programId: g.program_id, startDate: g.start_date, schedule: g.schedule, meetings: g.meetings,
      opens: scheduledOpenings(program, g.start_date, g.schedule, deps.timeZone),
      openDates: scheduledDates(program, g.start_date, g.schedule),
      members: (await stores.codes.inGroup(g.org_id, g.id)).length, createdAt: g.created_at,
    };
  };
  const groupOf = async (c: Context<AppEnv>) => {
    const group = await stores.groups.byRef(c.get('staff').orgId, c.req.param('ref') ?? '');
    if (!group) throw apiError('not_found');
    return group;
  };

  app.post('/v1/staff/groups', jsonBody('api-staff.schema.json#/$defs/GroupRequest'), async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller);
    const body = c.get('body') as { programId: string; name: string; startDate: string; schedule: GroupSchedule; meetings?: string[] };
    const program = programOr404(deps, body.programId);
    const fields: { field: string; code: string; message: string }[] = [];
    if (!realDate(body.startDate)) fields.push({ field: 'startDate', code: 'bad_format', message: 'No such date' });
    if ('dates' in body.schedule) {
      for (const [id, date] of Object.entries(body.schedule.dates)) {
        if (!program.sections.some((s) => s.id === id)) fields.push({ field: `schedule/dates/${id}`, code: 'unknown_field', message: 'No such part in this program' });
        else if (!realDate(date)) fields.push({ field: `schedule/dates/${id}`, code: 'bad_format', message: 'No such date' });
      }
    }
    if (fields.length) throw apiError('validation_failed', undefined, { fields });
    const ref = newRef('grp');
    const meetings = [...new Set((body.meetings ?? []).map((m) => new Date(m).toISOString()))].sort();
    await stores.groups.create({ ref, orgId: caller.orgId, programId: program.id, name: body.name.trim() || program.title, startDate: body.startDate, schedule: body.schedule, meetings, staffId: caller.staffId, now: nowIso() });
    await stores.audit.record({ orgId: caller.orgId, staffId: caller.staffId, apiKeyId: null, codeRef: null, action: 'group.create', at: nowIso() });
    return c.json(await view((await stores.groups.byRef(caller.orgId, ref))!), 201);
  });

  app.get('/v1/staff/groups', async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller);
    return c.json({ groups: await Promise.all((await stores.groups.list(caller.orgId)).map(view)) });
  });

  app.get('/v1/staff/groups/:ref', async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller);
    const group = await groupOf(c);
    const program = programOr404(deps, group.program_id);
    const now = deps.clock.now();
    const opens = scheduledOpenings(program, group.start_date, group.schedule, deps.timeZone);
    const completedBy = new Map<string, number>(program.sections.map((s) => [s.id, 0]));
    let withConsent = 0;
    const members = await Promise.all((await stores.codes.inGroup(caller.orgId, group.id)).map(async (row) => {
      const consent = row.erased_at ? null : row.share === null ? null : row.share === 1;
      const base = { ref: row.ref, hint: row.hint, programId: row.program_id, createdAt: row.created_at, status: row.erased_at ? 'erased' : row.revoked_at ? 'revoked' : 'active', consent };
      if (consent !== true) return base;
      withConsent++;
      const states = sectionStates(program, await readSnapshot(stores, row.id), now, opens);
      for (const s of states) if (s.state === 'completed') completedBy.set(s.id, completedBy.get(s.id)! + 1);
      return { ...base, progress: overallProgress(states) };
    }));
    // The consenting members together: each part's count passes the same k-anonymity as reports.
    const counts = new Map<string, number>([['withConsent', withConsent], ...program.sections.map((s, i) => [`sections[${i}].completed`, completedBy.get(s.id)!] as [string, number])]);
    const hidden = suppressedPaths(counts, minimumK, { chains: [['withConsent', ...program.sections.map((_, i) => `sections[${i}].completed`)]] });
    const shown = (path: string) => (hidden.has(path) ? null : counts.get(path)!);
    await stores.audit.record({ orgId: caller.orgId, staffId: caller.staffId, apiKeyId: null, codeRef: null, action: 'group.read', at: now.toISOString() });
    return c.json({
      group: await view(group),
      members,
      aggregate: {
        k: minimumK, withConsent: shown('withConsent'),
        sections: program.sections.map((s, i) => ({ sectionId: s.id, title: s.title, completed: shown(`sections[${i}].completed`) })),
        suppressed: [...counts.keys()].filter((p) => hidden.has(p)).map((p) => `aggregate.${p}`),
      },
    });
  });

  app.post('/v1/staff/groups/:ref/codes', jsonBody('api-staff.schema.json#/$defs/GroupCodesRequest'), async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller);
    const group = await groupOf(c);
    programOr404(deps, group.program_id);
    const { count } = c.get('body') as { count: number };
    const codes = await issueCodes(stores, deps.secrets.codeKey, caller.orgId, group.program_id, count, { staffId: caller.staffId }, deps.clock.now(), group.id);
    for (const issued of codes) await stores.audit.record({ orgId: caller.orgId, staffId: caller.staffId, apiKeyId: null, codeRef: issued.ref, action: 'code.create', at: nowIso() });
    return c.json({ codes }, 201);
  });
  return app;
}
