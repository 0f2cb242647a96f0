/**
 * The staff portal's view of codes: programs with remaining licences, generating and
 * listing codes, looking a code up by typing it, and for one code (by ref): its data
 * with consent, opening the next part early, appointments and revoking.
 * Consent is read from the database on every request; every read of a code's data is
 * audited; another organisation's refs are 404.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { programOr404, type RouteDeps } from '../deps.ts';
import { sleepSeries, sleepWindowLength } from '../../engine/exercises/sleep-diary.ts';
import { apiError } from '../errors.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { requireScope, requireStaffAccount, type StaffCaller } from '../middleware/staff-auth/index.ts';
import { issueCode } from '../admin.ts';
import { issueWithKey } from '../codes/key-issuance.ts';
import { codeCardHtml } from '../codes/code-card.ts';
import { helpFor } from '../safety.ts';
import { qrSvg } from '../auth/totp.ts';
import { hashCode, parseCode } from '../codes/access-code.ts';
import { newRef } from '../auth/tokens.ts';
import { syncProgress } from '../person-progress.ts';
import { overallProgress, sectionStates } from '../../engine/progress/index.ts';
import { readSnapshot } from '../person-progress.ts';
import type { CodeRow } from '../store/codes.ts';
import type { AppointmentKind } from '../store/appointments.ts';
import { appointmentView, checkinView, entryView, flagsOf, programStateView, scoresOverTime, sectionView } from './views.ts';

const statusOf = (code: CodeRow) => (code.erased_at ? 'erased' : code.revoked_at ? 'revoked' : 'active');

/**
 * @example
 *   app.route('/', staffCodeRoutes(deps)); // after staffAuth on /v1/staff/*
 */
export function staffCodeRoutes(deps: RouteDeps) {
  const app = new Hono<AppEnv>();
  const { stores } = deps;
  const nowIso = () => deps.clock.now().toISOString();
  const audit = (caller: StaffCaller, codeRef: string | null, action: string) =>
    stores.audit.record({ orgId: caller.orgId, staffId: caller.staffId, apiKeyId: caller.apiKeyId, codeRef, action, at: nowIso() });

  /**
   * The caller's organisation's live or revoked code by ref; 404 for other organisations'
   * refs (the probe is audited), 410 gone once the person erased it.
   */
  const codeOf = async (c: Context<AppEnv>): Promise<CodeRow> => {
    const caller = c.get('staff');
    const ref = c.req.param('ref') ?? '';
    const code = await stores.codes.byRef(caller.orgId, ref);
    if (!code) {
      const owner = await stores.codes.orgOfRef(ref);
      if (owner !== undefined && owner !== caller.orgId) await audit(caller, ref, 'code.cross_org_probe');
      throw apiError('not_found');
    }
    if (code.erased_at) throw apiError('gone');
    return code;
  };
  /** Throws 403 consent_required unless the person consents now (read at request time). */
  const requireConsent = async (caller: StaffCaller, code: CodeRow, action: string) => {
    if ((await stores.codes.consent(code.id)) !== true) {
      await audit(caller, code.ref, `${action}.denied`);
      throw apiError('consent_required');
    }
  };

  app.get('/v1/staff/programs', async (c) => {
    const licences = new Map((await stores.orgs.licences(c.get('staff').orgId)).map((l) => [l.program_id, l]));
    return c.json({
      programs: [...deps.programs.values()].map((p) => {
        const l = licences.get(p.id);
        return { id: p.id, title: p.title, version: p.version, licences: { total: l?.total ?? 0, used: l?.used ?? 0, remaining: (l?.total ?? 0) - (l?.used ?? 0) } };
      }),
    });
  });

  app.post('/v1/staff/codes', jsonBody('api-staff.schema.json#/$defs/CodeRequest'), async (c) => {
    const caller = c.get('staff');
    requireScope(caller, 'codes:create');
    const body = c.get('body') as { programId: string };
    const program = programOr404(deps, body.programId);
    const card = c.req.query('card');
    if (card !== undefined && card !== 'html') throw apiError('validation_failed', undefined, { fields: [{ field: 'card', code: 'enum', message: 'card must be html' }] });
    const idempotencyKey = c.req.header('idempotency-key');
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
      throw apiError('validation_failed', undefined, { fields: [{ field: 'Idempotency-Key', code: 'format', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' }] });
    }
    // API keys (shops, partner platforms) spend their own allowance and may retry safely with an Idempotency-Key.
    const { issued, replayed } = caller.apiKeyId !== null
      ? await issueWithKey(stores, deps.secrets, { orgId: caller.orgId, keyId: caller.apiKeyId, programId: body.programId, idempotencyKey, body, now: deps.clock.now() })
      : { issued: await issueCode(stores, deps.secrets.codeKey, caller.orgId, body.programId, { staffId: caller.staffId }, deps.clock.now()), replayed: false };
    await audit(caller, issued.ref, replayed ? 'code.create.replayed' : 'code.create');
    if (replayed) c.header('Idempotent-Replayed', 'true');
    if (card !== 'html') return c.json(issued, 201);
    const { service } = helpFor(await stores.orgs.byId(caller.orgId));
    const loginUrl = deps.publicUrl ? `${deps.publicUrl}/` : undefined;
    const html = codeCardHtml({ code: issued.code, programTitle: program.title, serviceName: service.name, servicePhone: service.phone, loginUrl, loginQrSvg: loginUrl ? await qrSvg(loginUrl) : undefined });
    return c.json({ ...issued, card: html }, 201);
  });

  app.get('/v1/staff/codes', async (c) => {
    const caller = c.get('staff');
    requireScope(caller, 'codes:read');
    await audit(caller, null, 'codes.list');
    const now = deps.clock.now();
    return c.json({
      codes: await Promise.all((await stores.codes.list(caller.orgId)).map(async (row) => {
        const consent = row.erased_at ? null : row.share === null ? null : row.share === 1;
        const program = deps.programs.get(row.program_id);
        const progress = consent === true && program ? overallProgress(sectionStates(program, await readSnapshot(stores, row.id), now)) : undefined;
        return { ref: row.ref, hint: row.hint, programId: row.program_id, createdAt: row.created_at, status: statusOf(row), consent, ...(progress ? { progress } : {}) };
      })),
    });
  });

  app.post('/v1/staff/codes/lookup', jsonBody('api-staff.schema.json#/$defs/CodeLookupRequest'), async (c) => {
    const caller = c.get('staff');
    requireScope(caller, 'codes:read');
    const parsed = parseCode((c.get('body') as { code: string }).code);
    if (!parsed.ok) throw apiError('code_typo');
    const found = await stores.codes.byHmac(hashCode(parsed.code, deps.secrets.codeKey));
    if (found && found.org_id !== caller.orgId) await audit(caller, found.ref, 'code.cross_org_probe');
    if (!found || found.org_id !== caller.orgId) throw apiError('not_found');
    await audit(caller, found.ref, 'code.lookup');
    return c.json({ ref: found.ref, hint: found.hint });
  });

  app.get('/v1/staff/codes/:ref', async (c) => {
    const caller = c.get('staff');
    requireScope(caller, 'codes:read');
    const code = await codeOf(c);
    await requireConsent(caller, code, 'code.read');
    await audit(caller, code.ref, 'code.read');
    const program = programOr404(deps, code.program_id);
    const since = c.req.query('since');
    if (since !== undefined && Number.isNaN(Date.parse(since))) throw apiError('validation_failed', undefined, { fields: [{ field: 'since', code: 'format', message: 'Expected an ISO 8601 date or date-time' }] });
    const now = deps.clock.now();
    const states = sectionStates(program, await readSnapshot(stores, code.id), now);
    const responses = await stores.progress.responses(code.id);
    const sinceIso = since ? new Date(since).toISOString() : undefined;
    const sleep = sleepSeries(program, (await stores.progress.entries(code.id)).map(entryView));
    return c.json({
      ref: code.ref, hint: code.hint, programId: code.program_id, status: statusOf(code), consent: true,
      sections: states.map(sectionView),
      progress: overallProgress(states),
      entries: (sinceIso ? await stores.progress.entriesSince(code.id, sinceIso) : await stores.progress.entries(code.id)).map(entryView),
      scores: scoresOverTime(responses),
      checkins: (await stores.progress.checkins(code.id)).filter((r) => !sinceIso || r.created_at >= sinceIso).map(checkinView),
      flags: flagsOf(responses),
      appointments: (await stores.appointments.upcoming(code.id, now.toISOString())).map(appointmentView),
      sleep,
      sleepWindow: sleepWindowLength(sleep.map((night) => night.totalSleepTime)),
      // The program's exercise fields and questionnaires, so entries and scores can be shown with their labels.
      exercises: Object.fromEntries(program.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'exercise' ? [[b.id, { title: b.title, fields: b.fields }]] : [])))),
      instruments: program.instruments,
    });
  });

  app.post('/v1/staff/codes/:ref/unlock', jsonBody('api-staff.schema.json#/$defs/UnlockRequest'), async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller);
    const code = await codeOf(c);
    if (statusOf(code) !== 'active') throw apiError('conflict', 'The code is no longer active.');
    await requireConsent(caller, code, 'code.unlock');
    const program = programOr404(deps, code.program_id);
    const { sectionId, reason } = c.get('body') as { sectionId: string; reason: string };
    const now = deps.clock.now();
    const { states } = await syncProgress(stores, program, code, now);
    const target = states.find((s) => s.id === sectionId);
    if (!target) throw apiError('not_found', 'No such part in this program.');
    const next = states.find((s) => s.state === 'locked');
    if (target.state !== 'locked') throw apiError('conflict', 'This part is already open.');
    if (next?.id !== target.id) throw apiError('conflict', 'Only the next part can be opened early.', { nextSectionId: next?.id ?? null });
    await stores.progress.open(code.id, sectionId, now.toISOString(), program.version, { staffId: caller.staffId, reason });
    await audit(caller, code.ref, 'code.unlock');
    const after = (await syncProgress(stores, program, code, now)).states;
    return c.json(programStateView(program, after));
  });

  app.post('/v1/staff/codes/:ref/appointments', jsonBody('api-staff.schema.json#/$defs/AppointmentRequest'), async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller);
    const code = await codeOf(c);
    if (statusOf(code) !== 'active') throw apiError('conflict', 'The code is no longer active.');
    const { at, kind } = c.get('body') as { at: string; kind: AppointmentKind };
    const ref = newRef('apt');
    await stores.appointments.add(code.id, ref, new Date(at).toISOString(), kind, caller.staffId, nowIso());
    await audit(caller, code.ref, 'appointment.create');
    return c.json({ id: ref, at: new Date(at).toISOString(), kind }, 201);
  });

  app.delete('/v1/staff/codes/:ref/appointments/:id', async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller);
    const code = await codeOf(c);
    if (!(await stores.appointments.remove(code.id, c.req.param('id')))) throw apiError('not_found');
    await audit(caller, code.ref, 'appointment.delete');
    return c.body(null, 204);
  });

  app.post('/v1/staff/codes/:ref/revoke', async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller);
    const code = await codeOf(c);
    await stores.codes.revoke(code.id, nowIso());
    await audit(caller, code.ref, 'code.revoke');
    return c.json({ ref: code.ref, status: 'revoked' as const });
  });
  return app;
}
