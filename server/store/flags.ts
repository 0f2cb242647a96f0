/** Flags marked handled by a professional: by whom and when, never a note. */
import type { Executor } from './executor.ts';

export interface FlagAckRow { flag_id: string; username: string; at: string }

/**
 * Handled flags.
 *
 * @example
 *   await flagStore(x).handle(codeId, 'rsp_x:risk', staffId, now);
 */
export function flagStore(x: Executor) {
  return {
    /** The handled flags of a code. */
    handled: (codeId: number): Promise<FlagAckRow[]> =>
      x.db.selectFrom('flag_acks').innerJoin('staff', 'staff.id', 'flag_acks.staff_id')
        .select(['flag_acks.flag_id', 'staff.username', 'flag_acks.at']).where('flag_acks.code_id', '=', codeId).orderBy('flag_acks.at').execute(),
    /** Marks a flag handled; a flag handled already keeps its first handling. */
    handle: (codeId: number, flagId: string, staffId: number, at: string) =>
      x.write(async (db) => {
        await db.insertInto('flag_acks').values({ code_id: codeId, flag_id: flagId, staff_id: staffId, at })
          .onConflict((oc) => oc.columns(['code_id', 'flag_id']).doNothing()).execute();
      }),
  };
}
export type FlagStore = ReturnType<typeof flagStore>;
