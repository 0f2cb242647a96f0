/**
 * The staff portal's view of codes: programs with remaining licences, generating and
 * listing codes, looking a code up by typing it, and for one code (by ref): its data
 * with consent, opening the next part early, appointments and revoking.
 * Consent is read from the database on every request; every read of a code's data is
 * audited; another organisation's refs are 404.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { instrumentOf, programOr404, type RouteDeps } from '../deps.ts';
import { sleepSeries, sleepWindowLength } from '../../engine/exercises/sleep-diary.ts';
import { weeklyGoals } from '../../engine/exercises/weekly-goals.ts';
import { editionFor, programLocales } from '../../engine/compile/edition-for.ts';
import { apiError } from '../errors.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { requireScope, requireStaffAccount } from '../middleware/staff-auth/index.ts';
import { issueCode } from '../admin.ts';
import { issueWithKey } from '../codes/key-issuance.ts';
import { codeCardHtml } from '../codes/code-card.ts';
import { codeCardPdf } from '../codes/code-card-pdf.ts';
import { helpFor } from '../safety.ts';
import { qrSvg } from '../auth/totp.ts';
import { hashCode, parseCode } from '../codes/access-code.ts';
import { newRef } from '../auth/tokens.ts';
import { syncProgress } from '../person-progress.ts';
import { overallProgress, sectionStates } from '../../engine/progress/index.ts';
import { readSnapshot } from '../person-progress.ts';
import type { CodeListRow, CodeRow } from '../store/codes.ts';
import { nextTurn } from '../next-turn.ts';
import type { AppointmentKind } from '../store/appointments.ts';
import { appointmentView, checkinView, entryView, programStateView, responseView, scoresOverTime, sectionView } from './views.ts';
import { scheduleFor } from '../groups.ts';
import { staffCodeAccess } from './staff-code-access.ts';
import { recordEvent } from '../webhooks/events.ts';
import { flagsWithHandling, lastContact, lastDay, openFlagKinds, riskFlags } from '../follow-up.ts';

/** Codes read and described at once for the staff's list (GET /v1/staff/codes). */
export const codeListBatch = 50;
/** Consenting codes whose reading the list keeps from its first pass to its second (some MB at most). */
export const codeListKept = 5000;

const statusOf = (code: CodeRow) => (code.erased_at ? 'erased' : code.revoked_at ? 'revoked' : 'active');

/**
 * @example
 *   app.route('/', staffCodeRoutes(deps)); // after staffAuth on /v1/staff/*
 */
export function staffCodeRoutes(deps: RouteDeps) {
  const app = new Hono<AppEnv>();
  const { stores } = deps;
  const nowIso = () => deps.clock.now().toISOString();
  // One place for how a staff route reaches a code: organisation, erasure, consent.
  const { audit, codeOf, requireConsent } = staffCodeAccess(deps);

  app.get('/v1/staff/programs', async (c) => {
    const licences = new Map((await stores.orgs.licences(c.get('staff').orgId)).map((l) => [l.program_id, l]));
    const org = await stores.orgs.byId(c.get('staff').orgId);
    return c.json({
      programs: [...deps.programs.values()].map((p) => {
        const l = licences.get(p.id);
        return { id: p.id, title: p.title, version: p.version, locales: programLocales(p), sections: p.sections.map((s) => ({ id: s.id, number: s.number, title: s.title })), licences: { total: l?.total ?? 0, used: l?.used ?? 0, remaining: (l?.total ?? 0) - (l?.used ?? 0) } };
      }),
      defaultLocale: org?.locale ?? 'nb',
    });
  });

  app.post('/v1/staff/codes', jsonBody('api-staff.schema.json#/$defs/CodeRequest'), async (c) => {
    const caller = c.get('staff');
    requireScope(caller, 'codes:create');
    const body = c.get('body') as { programId: string; locale?: string };
    const program = programOr404(deps, body.programId);
    const card = c.req.query('card');
    if (card !== undefined && card !== 'html' && card !== 'pdf') throw apiError('validation_failed', undefined, { fields: [{ field: 'card', code: 'enum', message: 'card must be html or pdf' }] });
    const idempotencyKey = c.req.header('idempotency-key');
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
      throw apiError('validation_failed', undefined, { fields: [{ field: 'Idempotency-Key', code: 'format', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' }] });
    }
    // API keys (shops, partner platforms) spend their own allowance and may retry safely with an Idempotency-Key.
    const { issued, replayed } = caller.apiKeyId !== null
      ? await issueWithKey(stores, deps.secrets, { orgId: caller.orgId, keyId: caller.apiKeyId, programId: body.programId, locale: body.locale, idempotencyKey, body, now: deps.clock.now() })
      : { issued: await issueCode(stores, deps.secrets.codeKey, caller.orgId, body.programId, { staffId: caller.staffId }, deps.clock.now(), body.locale), replayed: false };
    await audit(caller, issued.ref, replayed ? 'code.create.replayed' : 'code.create');
    if (replayed) c.header('Idempotent-Replayed', 'true');
    // The card is printed in the person's language, with the program's title in it.
    const programTitle = editionFor(program, issued.locale).title;
    if (card === undefined) return c.json({ ...issued, programTitle }, 201);
    const { service } = helpFor(await stores.orgs.byId(caller.orgId), issued.locale);
    const loginUrl = deps.publicUrl ? `${deps.publicUrl}/` : undefined;
    const facts = { code: issued.code, locale: issued.locale, programTitle, serviceName: service.name, servicePhone: service.phone, loginUrl };
    if (card === 'html') return c.json({ ...issued, programTitle, card: codeCardHtml({ ...facts, loginQrSvg: loginUrl ? await qrSvg(loginUrl) : undefined }) }, 201);
    // The PDF travels base64-encoded in the same JSON answer, so one response (and one
    // Idempotency-Key retry) gives the shop the code, its ref and the card together.
    return c.json({ ...issued, programTitle, cardPdf: Buffer.from(await codeCardPdf(facts)).toString('base64') }, 201);
  });

  app.get('/v1/staff/codes', async (c) => {
    const caller = c.get('staff');
    requireScope(caller, 'codes:read');
    await audit(caller, null, 'codes.list');
    const now = deps.clock.now();
    const describe = async (row: CodeListRow) => {
      const consent = row.erased_at ? null : row.share === null ? null : row.share === 1;
      const program = deps.programs.get(row.program_id);
      const base = { ref: row.ref, hint: row.hint, programId: row.program_id, locale: row.locale, createdAt: row.created_at, status: statusOf(row), consent };
      if (consent !== true || !program) return base;
      // With consent only: progress, open flags and the day of the last activity.
      const [snapshot, responses, entries, checkins, acks] = await Promise.all([
        readSnapshot(stores, row.id), stores.progress.responses(row.id), stores.progress.entries(row.id), stores.progress.checkins(row.id), stores.flags.handled(row.id),
      ]);
      const completed = Object.values(snapshot.sections).map((s) => s.completedAt);
      return {
        ...base,
        progress: overallProgress(sectionStates(program, snapshot, now, await scheduleFor(stores, program, row, deps.timeZone))),
        openFlags: openFlagKinds(flagsWithHandling(program, responses, acks)),
        lastActivity: lastDay([...responses.map((r) => r.created_at), ...entries.map((e) => e.updated_at), ...checkins.map((x) => x.created_at), ...completed], deps.timeZone),
      };
    };
    // An organisation's list can hold thousands of codes, at the scale test's size a
    // million, and a list built whole and sorted held them all (1 GB of memory, and the
    // event loop for seconds: docs/performance.md, item 43). So it is read in batches,
    // with a turn of the event loop between them (on SQLite the reads would otherwise
    // keep every other request waiting; on PostgreSQL, queue five statements per code on
    // the pool at once: item 36), twice, and written as it is read:
    // 1. the codes with open flags, kept (what a consenting code's flags are needs its
    //    answers, so only consenting codes are looked at): open risk first, then other
    //    open flags, each newest first, as stored;
    // 2. then every other code, newest first, each batch written as it is read.
    // The first pass runs before the answer starts, so a failure there is an error like
    // any other; in the second, the response is under way and is cut short. The first
    // pass also keeps what it read of the first few thousand consenting codes, so that at
    // a service's usual size no code is read twice.
    type Described = Awaited<ReturnType<typeof describe>>;
    const consents = (row: CodeListRow) => !row.erased_at && row.share === 1 && deps.programs.has(row.program_id);
    const flagged: { risk: Described[]; other: Described[]; ids: Set<number> } = { risk: [], other: [], ids: new Set() };
    const kept = new Map<number, Described>();
    /** The organisation's codes, newest first, a batch at a time, with a turn of the event loop between batches. */
    async function* batches() {
      for (let before: number | undefined; ;) {
        const rows = await stores.codes.list(caller.orgId, { before, limit: codeListBatch });
        yield rows;
        if (rows.length < codeListBatch) return;
        before = rows.at(-1)!.id;
        await nextTurn();
      }
    }
    for await (const rows of batches()) {
      const consenting = rows.filter(consents);
      const described = await Promise.all(consenting.map(describe));
      described.forEach((code, i) => {
        const open = 'openFlags' in code ? code.openFlags : [];
        if (!open.length) {
          if (kept.size < codeListKept) kept.set(consenting[i]!.id, code);
          return;
        }
        (open.some((f) => riskFlags.has(f)) ? flagged.risk : flagged.other).push(code);
        flagged.ids.add(consenting[i]!.id);
      });
    }
    const encoder = new TextEncoder();
    let written = 0;
    const items = (codes: readonly Described[]) => codes.map((code) => `${written++ ? ',' : ''}${JSON.stringify(code)}`).join('');
    const rest = batches();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`{"codes":[${items([...flagged.risk, ...flagged.other])}`));
      },
      // Every pull enqueues something: a stream whose pull enqueues nothing is not pulled
      // again, and the answer would never end.
      async pull(controller) {
        let text = '';
        while (!text) {
          const next = await rest.next();
          if (next.done) {
            controller.enqueue(encoder.encode(']}'));
            controller.close();
            return;
          }
          text = items(await Promise.all(next.value.filter((row) => !flagged.ids.has(row.id)).map((row) => {
            const known = kept.get(row.id);
            kept.delete(row.id);
            return known ?? describe(row);
          })));
        }
        controller.enqueue(encoder.encode(text));
      },
    });
    return c.body(body, 200, { 'Content-Type': 'application/json' });
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
    const states = sectionStates(program, await readSnapshot(stores, code.id), now, await scheduleFor(stores, program, code, deps.timeZone));
    const responses = await stores.progress.responses(code.id);
    const acks = await stores.flags.handled(code.id);
    const sinceIso = since ? new Date(since).toISOString() : undefined;
    const allEntries = (await stores.progress.entries(code.id)).map(entryView);
    const sleep = sleepSeries(program, allEntries);
    const contact = lastContact([(await stores.appointments.last(code.id, now.toISOString()))?.at ?? ''].filter(Boolean), acks, now);
    return c.json({
      ref: code.ref, hint: code.hint, programId: code.program_id, locale: code.locale, status: statusOf(code), consent: true,
      sections: states.map(sectionView),
      progress: overallProgress(states),
      entries: sinceIso ? (await stores.progress.entriesSince(code.id, sinceIso)).map(entryView) : allEntries,
      scores: scoresOverTime(responses),
      checkins: (await stores.progress.checkins(code.id)).filter((r) => !sinceIso || r.created_at >= sinceIso).map(checkinView),
      flags: flagsWithHandling(program, responses, acks),
      appointments: (await stores.appointments.upcoming(code.id, now.toISOString())).map(appointmentView),
      lastContact: contact,
      // The goals and plans for the coming week, in the person's words, since the view's start.
      goals: weeklyGoals(program, allEntries, sinceIso ?? contact),
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
    const { states } = await syncProgress(stores, program, code, now, deps.timeZone);
    const target = states.find((s) => s.id === sectionId);
    if (!target) throw apiError('not_found', 'No such part in this program.');
    const next = states.find((s) => s.state === 'locked');
    if (target.state !== 'locked') throw apiError('conflict', 'This part is already open.');
    if (next?.id !== target.id) throw apiError('conflict', 'Only the next part can be opened early.', { nextSectionId: next?.id ?? null });
    await stores.progress.open(code.id, sectionId, now.toISOString(), program.version, { staffId: caller.staffId, reason });
    await audit(caller, code.ref, 'code.unlock');
    const after = (await syncProgress(stores, program, code, now, deps.timeZone)).states;
    return c.json(programStateView(program, after, programLocales(program)));
  });

  app.post('/v1/staff/codes/:ref/flags/:id/handled', async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller);
    const code = await codeOf(c);
    await requireConsent(caller, code, 'flag.handle');
    const program = programOr404(deps, code.program_id);
    const id = c.req.param('id');
    const flags = flagsWithHandling(program, await stores.progress.responses(code.id), await stores.flags.handled(code.id));
    const flag = flags.find((f) => f.id === id);
    if (!flag) throw apiError('not_found', 'No such flag for this code.');
    await stores.transaction(async (tx) => {
      await tx.flags.handle(code.id, id, caller.staffId, nowIso());
      // The first time only; the flag's id is `<response ref>:<flag>`.
      if (!flag.handled) {
        await recordEvent(tx, { orgId: code.org_id, type: 'flag.handled', occurredAt: nowIso(), codeId: code.id, data: { code: code.ref, response: id.slice(0, id.lastIndexOf(':')), flag: flag.flag } });
      }
    });
    await audit(caller, code.ref, 'flag.handle');
    const after = flagsWithHandling(program, await stores.progress.responses(code.id), await stores.flags.handled(code.id));
    return c.json(after.find((f) => f.id === id));
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

  app.post('/v1/staff/codes/:ref/stop', async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller);
    const code = await codeOf(c);
    if (statusOf(code) !== 'active') throw apiError('conflict', 'The code is no longer active.');
    await stores.codes.stop(code.id, nowIso());
    await audit(caller, code.ref, 'code.stop');
    const stopped = await stores.codes.byRef(caller.orgId, code.ref);
    return c.json({ ref: code.ref, stoppedAt: stopped!.stopped_at });
  });

  // The end evaluation as the person answers it in the closing call: its choices only.
  // Its free-text items are the person's own words, never a professional's note.
  app.post('/v1/staff/codes/:ref/evaluation', jsonBody('api-person.schema.json#/$defs/ResponseRequest'), async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller);
    const code = await codeOf(c);
    if (statusOf(code) !== 'active') throw apiError('conflict', 'The code is no longer active.');
    await requireConsent(caller, code, 'code.evaluation');
    const program = programOr404(deps, code.program_id);
    const form = instrumentOf(program, program.measurement.evaluation);
    if (!form) throw apiError('not_found', 'This program has no end evaluation.');
    const { answers } = c.get('body') as { answers: Record<string, number | string | null> };
    const textItems = new Set(form.items.filter((i) => i.type === 'text').map((i) => i.id));
    const text = Object.keys(answers).filter((id) => textItems.has(id));
    if (text.length) throw apiError('validation_failed', undefined, { fields: text.map((field) => ({ field, code: 'not_allowed', message: 'Free text is not recorded by staff: only the person writes their own words' })) });
    const score = deps.score(form, answers);
    if (!score.valid) throw apiError('validation_failed', undefined, { fields: score.errors.map((e) => ({ field: e.item, code: e.code, message: e.message })) });
    const ref = newRef('rsp');
    await stores.progress.addResponse(code.id, { ref, instrumentId: form.id, answers, score, version: program.version, now: nowIso() });
    await audit(caller, code.ref, 'code.evaluation');
    return c.json(responseView((await stores.progress.responses(code.id)).find((r) => r.ref === ref)!), 201);
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
