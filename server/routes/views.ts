/** How stored rows are shown in responses: one shape per kind, used by person and staff routes. */
import type { EntryRow, ResponseRow, CheckinRow } from '../store/progress.ts';
import type { AppointmentRow } from '../store/appointments.ts';
import { overallProgress, type SectionStatus } from '../../engine/progress/index.ts';
import type { CompiledProgram } from '../../schemas/types.ts';

export const entryView = (e: EntryRow) => ({
  id: e.ref, exerciseId: e.exercise_id, sectionId: e.section_id, values: JSON.parse(e.values_json) as Record<string, unknown>,
  programVersion: e.program_version, createdAt: e.created_at, updatedAt: e.updated_at,
});

export const responseView = (r: ResponseRow) => ({
  id: r.ref, instrument: r.instrument_id, answers: JSON.parse(r.answers_json) as Record<string, unknown>,
  score: JSON.parse(r.score_json) as Record<string, unknown>, programVersion: r.program_version, createdAt: r.created_at,
});

export const checkinView = (r: CheckinRow) => ({ id: r.ref, ratings: JSON.parse(r.ratings_json) as Record<string, unknown>, programVersion: r.program_version, createdAt: r.created_at });

export const appointmentView = (a: Pick<AppointmentRow, 'ref' | 'at' | 'kind'>) => ({ id: a.ref, at: a.at, kind: a.kind });

export const sectionView = (s: SectionStatus) => ({
  id: s.id, number: s.number, title: s.title, summary: s.summary, state: s.state,
  openedAt: s.openedAt, completedAt: s.completedAt, lockedReason: s.lockedReason, missing: s.missing,
});

/** Each instrument's scores over time, oldest first. */
export function scoresOverTime(rows: ResponseRow[]) {
  const instruments: Record<string, { at: string; total: number | null; band: string | null; flags: string[]; subscales: unknown }[]> = Object.create(null);
  for (const r of rows) {
    const score = JSON.parse(r.score_json) as { total?: number | null; band?: string | null; flags?: string[]; subscales?: unknown };
    (instruments[r.instrument_id] ??= []).push({ at: r.created_at, total: score.total ?? null, band: score.band ?? null, flags: score.flags ?? [], subscales: score.subscales ?? {} });
  }
  return instruments;
}

/** A person's program state (GET /v1/me/program, completing a part, a staff unlock): one shape, the document's ProgramState. */
export const programStateView = (program: CompiledProgram, states: SectionStatus[], locales?: string[]) => ({
  programId: program.id, version: program.version, locale: program.locale, ...(locales ? { locales } : {}), sections: states.map(sectionView), progress: overallProgress(states),
});
