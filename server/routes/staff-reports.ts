/**
 * The service's aggregate reports, for staff accounts of the organisation. Only figures
 * that k-anonymity lets through leave the server (engine/reports); reading a report is
 * audited like every other staff read.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { programOr404, type RouteDeps } from '../deps.ts';
import { apiError } from '../errors.ts';
import { requireStaffAccount } from '../middleware/staff-auth/index.ts';
import { minimumK } from '../../engine/reports/outcome-report.ts';
import { outcomesCsv, outcomesOf } from '../reports/outcomes.ts';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string | undefined): s is string => !!s && datePattern.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const invalid = (field: string, code: string, message: string) => apiError('validation_failed', undefined, { fields: [{ field, code, message }] });

/** Whether the client asked for CSV rather than JSON. */
export const wantsCsv = (accept: string | undefined) => !!accept && /\btext\/csv\b/i.test(accept) && !/\bapplication\/json\b/i.test(accept);

/**
 * @example
 *   app.route('/', staffReportRoutes(deps)); // after staffAuth on /v1/staff/*
 */
export function staffReportRoutes(deps: RouteDeps) {
  const app = new Hono<AppEnv>();
  app.get('/v1/staff/reports/outcomes', async (c) => {
    const caller = c.get('staff');
    requireStaffAccount(caller);
    const { from, to, program: programId, k: kText, format } = c.req.query();
    if (format !== undefined && format !== 'csv' && format !== 'json') throw invalid('format', 'not_an_option', 'Expected csv or json');
    if (!isDate(from)) throw invalid('from', 'format', 'Expected a date, YYYY-MM-DD');
    if (!isDate(to)) throw invalid('to', 'format', 'Expected a date, YYYY-MM-DD');
    if (from > to) throw invalid('to', 'out_of_range', 'Expected a date on or after from');
    let k = minimumK;
    if (kText !== undefined) {
      k = Number(kText);
      if (!/^\d{1,4}$/.test(kText) || k < minimumK) throw invalid('k', 'out_of_range', `Expected a whole number of at least ${minimumK}: k may be raised, never lowered`);
    }
    const program = programId === undefined || programId === '' ? null : programOr404(deps, programId);
    const report = await outcomesOf(deps.stores, deps.programs, caller.orgId, { from, to, program, k, timeZone: deps.timeZone });
    await deps.stores.audit.record({ orgId: caller.orgId, staffId: caller.staffId, apiKeyId: null, codeRef: null, action: 'report.outcomes', at: deps.clock.now().toISOString() });
    // A download link cannot set Accept: ?format=csv asks for the same CSV.
    if (format === 'csv' || (format === undefined && wantsCsv(c.req.header('accept')))) {
      return c.body(outcomesCsv(report), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="mestring-outcomes-${from}-${to}.csv"` });
    }
    return c.json(report);
  });
  return app;
}
