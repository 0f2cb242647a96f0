/**
 * What belonging to a group course means for one code: when its parts open under the
 * group's schedule, and the group's next meeting. Nothing here says anything about the
 * other members.
 */
import type { CompiledProgram } from '../schemas/types.ts';
import { scheduledOpenings } from '../engine/progress/group-schedule.ts';
import type { TableStores } from './store/index.ts';
import type { GroupRow } from './store/groups.ts';

/**
 * When each part opens for `code` (by part id), or undefined outside a group.
 *
 * @example
 *   sectionStates(program, snapshot, now, await scheduleFor(stores, program, code, 'Europe/Oslo'))
 */
export async function scheduleFor(stores: TableStores, program: CompiledProgram, code: { group_id: number | null }, timeZone: string): Promise<Record<string, string> | undefined> {
  return groupSchedule(program, code.group_id === null ? undefined : await stores.groups.byId(code.group_id), timeZone);
}

/** When each part opens for the members of `group` (already read), or undefined without one. */
export function groupSchedule(program: CompiledProgram, group: Pick<GroupRow, 'start_date' | 'schedule'> | undefined, timeZone: string): Record<string, string> | undefined {
  return group ? scheduledOpenings(program, group.start_date, group.schedule, timeZone) : undefined;
}

/** The group's first meeting at or after `now` (ISO 8601), or null. */
export function nextMeeting(group: Pick<GroupRow, 'meetings'> | undefined, now: Date): string | null {
  const at = now.toISOString();
  return group?.meetings.filter((m) => m >= at).sort()[0] ?? null;
}
