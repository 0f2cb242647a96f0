/**
 * What the service's aggregate reports read: an organisation's codes with their current
 * consent, and, for a set of codes, the questionnaire scores and completed parts. The
 * report itself (engine/reports) decides what may be shown.
 */
import type { Executor } from './executor.ts';

export interface CohortRow { id: number; program_id: string; created_at: string; first_login_at: string | null; share: number | null }
export interface CohortResponseRow { code_id: number; instrument_id: string; answers_json: string; score_json: string }

/** IN lists are read in slices, to stay far below either database's parameter limit. */
const slice = 500;
async function inSlices<T>(ids: readonly number[], read: (ids: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += slice) out.push(...(await read(ids.slice(i, i + slice))));
  return out;
}

/**
 * Reads for reports.
 *
 * @example
 *   const rows = await reportStore(x).cohort(orgId, 'angst', { after: 0, limit: 5000 });
 */
export function reportStore(x: Executor) {
  return {
    /** A page of the organisation's codes (of one program, or all) by id after `page.after`, erased ones included, with the latest consent. */
    cohort: (orgId: number, programId: string | null, page: { after: number; limit: number }): Promise<CohortRow[]> => {
      let query = x.db.selectFrom('codes').select(['codes.id', 'codes.program_id', 'codes.created_at', 'codes.first_login_at'])
        .select((eb) => eb.selectFrom('consents').select('share').whereRef('consents.code_id', '=', 'codes.id').orderBy('id', 'desc').limit(1).as('share'))
        .where('org_id', '=', orgId);
      if (programId !== null) query = query.where('program_id', '=', programId);
      return query.where('codes.id', '>', page.after).orderBy('codes.id').limit(page.limit).execute();
    },
    /** Responses to `instruments` of `codeIds`, oldest first. */
    responses: (codeIds: readonly number[], instruments: readonly string[]): Promise<CohortResponseRow[]> =>
      inSlices(codeIds, (ids) => x.db.selectFrom('responses').select(['code_id', 'instrument_id', 'answers_json', 'score_json'])
        .where('code_id', 'in', ids).where('instrument_id', 'in', [...instruments]).orderBy('id').execute()),
    /** Completed parts of `codeIds`. */
    completions: (codeIds: readonly number[]): Promise<{ code_id: number; section_id: string }[]> =>
      inSlices(codeIds, (ids) => x.db.selectFrom('section_states').select(['code_id', 'section_id'])
        .where('code_id', 'in', ids).where('completed_at', 'is not', null).execute()),
  };
}
export type ReportStore = ReturnType<typeof reportStore>;
