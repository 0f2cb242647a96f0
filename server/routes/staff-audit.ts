/**
 * The organisation's audit log for its admins: who read or changed what, early opens with
 * their reasons, failed logins. Entries name staff accounts and API keys, never a person:
 * a code appears only by its ref. Newest first, paged by `before` (an entry id).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { RouteDeps } from '../deps.ts';
import { apiError } from '../errors.ts';
import { requireStaffAccount } from '../middleware/staff-auth/index.ts';

const invalid = (field: string, code: string, message: string) => apiError('validation_failed', undefined, { fields: [{ field, code, message }] });
const timePattern = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** An ISO date (midnight UTC) or date-time as stored (UTC ISO), or a 422 for `field`. */
function instant(field: string, text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  const at = timePattern.test(text) ? new Date(text.length === 10 ? `${text}T00:00:00Z` : text) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime())) throw invalid(field, 'format', 'Expected an ISO 8601 date or date-time');
  return at.toISOString();
}

function wholeNumber(field: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  if (!/^\d{1,12}$/.test(text) || n < min || n > max) throw invalid(field, 'out_of_range', `Expected a whole number from ${min} to ${max}`);
  return n;
}

/**
 * @example
 *   app.route('/', staffAuditRoutes(deps)); // after staffAuth on /v1/staff/*
 */
export function staffAuditRoutes(deps: RouteDeps) {
  const app = new Hono<AppEnv>();
  const { stores } = deps;
  app.get('/v1/staff/audit', async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller, 'admin');
    const q = c.req.query();
    const from = instant('from', q.from);
    const to = instant('to', q.to);
    const limit = wholeNumber('limit', q.limit, 1, 200) ?? 50;
    const before = wholeNumber('before', q.before, 1, Number.MAX_SAFE_INTEGER);
    const action = q.action === undefined || q.action === '' ? undefined : q.action;
    if (action !== undefined && !/^[a-z_.]{1,64}$/.test(action)) throw invalid('action', 'format', "Expected an action such as 'code.read', or a prefix ending in '.' such as 'code.'");
    let staffId: number | undefined;
    if (q.account !== undefined && q.account !== '') {
      const account = await stores.staff.byUsername(caller.orgId, q.account);
      if (!account) throw invalid('account', 'unknown', 'No such account in this organisation');
      staffId = account.id;
    }
    const rows = await stores.audit.page(caller.orgId, { from, to, staffId, action, before, limit: limit + 1 });
    const page = rows.slice(0, limit);
    // Early opens show the part and the reason given, read from the part's record (gone with an erased code).
    const unlocks = page.filter((r) => r.action === 'code.unlock' && r.code_ref);
    const opens = await stores.progress.staffOpens(caller.orgId, [...new Set(unlocks.map((r) => r.code_ref!))]);
    const openOf = (r: (typeof page)[number]) =>
      opens.filter((o) => o.ref === r.code_ref && o.opened_by_staff === r.staff_id && o.opened_at <= r.at).sort((a, b) => b.opened_at.localeCompare(a.opened_at))[0];
    await stores.audit.record({ orgId: caller.orgId, staffId: caller.staffId, apiKeyId: null, codeRef: null, action: 'audit.read', at: deps.clock.now().toISOString() });
    return c.json({
      events: page.map((r) => {
        const open = r.action === 'code.unlock' ? openOf(r) : undefined;
        return {
          id: r.id, at: r.at, action: r.action, account: r.username, apiKey: r.api_key_ref, codeRef: r.code_ref,
          ...(open ? { sectionId: open.section_id, reason: open.opened_reason } : {}),
        };
      }),
      next: rows.length > limit ? page.at(-1)!.id : null,
    });
  });
  return app;
}
