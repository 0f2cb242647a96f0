/** Group courses of an organisation: program, name, start, shared schedule and meetings. */
import type { Executor } from './executor.ts';
import type { GroupSchedule } from '../../engine/progress/group-schedule.ts';
import { preparedQuery } from './prepared.ts';

export interface GroupRow { id: number; ref: string; org_id: number; program_id: string; name: string; start_date: string; schedule: GroupSchedule; meetings: string[]; created_at: string }

const cols = ['id', 'ref', 'org_id', 'program_id', 'name', 'start_date', 'schedule_json', 'meetings_json', 'created_at'] as const;
type Raw = { id: number; ref: string; org_id: number; program_id: string; name: string; start_date: string; schedule_json: string; meetings_json: string; created_at: string };
// Written out (no rest and spread): a group member's every request reads the group.
const row = (r: Raw): GroupRow => ({
  id: r.id, ref: r.ref, org_id: r.org_id, program_id: r.program_id, name: r.name, start_date: r.start_date,
  schedule: JSON.parse(r.schedule_json) as GroupSchedule, meetings: JSON.parse(r.meetings_json) as string[], created_at: r.created_at,
});

// A group member's part states need the group on every request: built once (store/prepared.ts).
const byIdQuery = preparedQuery((db, id: number) => db.selectFrom('groups').select(cols).where('id', '=', id));

/**
 * Groups.
 *
 * @example
 *   const groups = groupStore(x); await groups.byRef(orgId, 'grp_...');
 */
export function groupStore(x: Executor) {
  return {
    create: (g: { ref: string; orgId: number; programId: string; name: string; startDate: string; schedule: GroupSchedule; meetings: string[]; staffId: number; now: string }) =>
      x.write(async (db) => {
        await db.insertInto('groups').values({
          ref: g.ref, org_id: g.orgId, program_id: g.programId, name: g.name, start_date: g.startDate,
          schedule_json: JSON.stringify(g.schedule), meetings_json: JSON.stringify(g.meetings), created_by: g.staffId, created_at: g.now,
        }).execute();
      }),
    list: async (orgId: number): Promise<GroupRow[]> => (await x.db.selectFrom('groups').select(cols).where('org_id', '=', orgId).orderBy('id', 'desc').execute()).map(row),
    byRef: async (orgId: number, ref: string): Promise<GroupRow | undefined> => {
      const r = await x.db.selectFrom('groups').select(cols).where('org_id', '=', orgId).where('ref', '=', ref).executeTakeFirst();
      return r ? row(r) : undefined;
    },
    byId: async (id: number): Promise<GroupRow | undefined> => {
      const [r] = await byIdQuery(x, id);
      return r ? row(r) : undefined;
    },
  };
}
export type GroupStore = ReturnType<typeof groupStore>;
