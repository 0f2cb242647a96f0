/**
 * Gathers an organisation's cohort from the stores and hands it to the engine's
 * outcomeReport, which decides every figure and what k-anonymity hides. Thresholds come
 * from the loaded programs' instrument definitions (as classifyOutcome reads them).
 */
import type { CompiledProgram, Instrument } from '../../schemas/types.ts';
import { outcomeRules } from '../../engine/scoring/classify-outcome.ts';
import { outcomeReport, type CohortCode, type OutcomeReport } from '../../engine/reports/outcome-report.ts';
import type { TableStores } from '../store/index.ts';
import { nextTurn } from '../next-turn.ts';

export interface OutcomeQuery { from: string; to: string; program: CompiledProgram | null; k: number; timeZone: string }

/** Codes read at once. */
const cohortPage = 5000;
const noScores: Record<string, number[]> = Object.freeze(Object.create(null));
const noSections: string[] = Object.freeze([]) as unknown as string[];

/** The measures of the report: PHQ-9 and GAD-7 as the programs define them. */
const measures = ['phq9', 'gad7'] as const;

/**
 * The outcome report of `orgId`.
 *
 * @example
 *   const report = await outcomesOf(stores, programs, orgId, { from: '2025-01-01', to: '2025-06-30', program: null, k: 5, timeZone: 'Europe/Oslo' });
 */
export async function outcomesOf(stores: TableStores, programs: ReadonlyMap<string, CompiledProgram>, orgId: number, query: OutcomeQuery): Promise<OutcomeReport> {
  const instruments = new Map<string, Instrument>();
  for (const p of query.program ? [query.program] : programs.values()) {
    for (const id of measures) if (!instruments.has(id) && Object.hasOwn(p.instruments, id)) instruments.set(id, p.instruments[id]!);
  }
  const { rules } = outcomeRules(instruments, measures);
  const evaluationOf = new Map([...programs.values()].map((p) => [p.id, p.measurement.evaluation]));

  // The organisation's codes a page at a time, with a turn of the event loop between
  // pages: on SQLite the reads are synchronous, and an organisation may have issued a
  // great many codes (docs/performance.md, item 37).
  const codes = new Map<number, CohortCode & { scores: Record<string, number[]>; completedSections: string[] }>();
  // Only consented codes' answers are read: nothing of the others enters the report.
  const consented: number[] = [];
  for (let after = 0; ;) {
    const rows = await stores.reports.cohort(orgId, query.program?.id ?? null, { after, limit: cohortPage });
    for (const r of rows) {
      const consent = r.share === 1;
      if (consent) consented.push(r.id);
      codes.set(r.id, {
        programId: r.program_id, issuedAt: r.created_at, firstLoginAt: r.first_login_at, consent,
        // Scores and parts are filled in for consented codes only: the others share one
        // empty (frozen) record and list.
        scores: consent ? Object.create(null) : noScores, completedSections: consent ? [] : noSections, evaluation: null,
      });
    }
    if (rows.length < cohortPage) break;
    after = rows.at(-1)!.id;
    await nextTurn();
  }
  const evaluationIds = [...new Set(evaluationOf.values())];
  for (const r of await stores.reports.responses(consented, [...measures, ...evaluationIds])) {
    const code = codes.get(r.code_id)!;
    if (r.instrument_id === evaluationOf.get(code.programId)) {
      code.evaluation = JSON.parse(r.answers_json) as CohortCode['evaluation'];
      continue;
    }
    const total = (JSON.parse(r.score_json) as { total?: unknown }).total;
    if (typeof total === 'number') (code.scores[r.instrument_id] ??= []).push(total);
  }
  for (const s of await stores.reports.completions(consented)) codes.get(s.code_id)!.completedSections.push(s.section_id);
  return outcomeReport({
    from: query.from, to: query.to, timeZone: query.timeZone, program: query.program?.id ?? null, k: query.k, rules,
    sections: query.program ? query.program.sections.map((s) => ({ id: s.id, title: s.title })) : [],
    codes: [...codes.values()],
  });
}

/** One line per figure: `figure,count,rate`; a hidden value is empty and `suppressed` says so. */
export function outcomesCsv(report: OutcomeReport): string {
  const hidden = new Set(report.suppressed);
  const lines = [['figure', 'count', 'rate', 'suppressed']];
  const add = (figure: string, path: string, count: number | null, rate?: number | null) =>
    lines.push([figure, count === null ? '' : String(count), rate === undefined || rate === null ? '' : rate.toFixed(3), hidden.has(path) ? 'yes' : 'no']);
  for (const [name, value] of Object.entries(report.codes)) add(`codes.${name}`, `codes.${name}`, value);
  add('finished', 'finished', report.finished);
  add('casesAtStart', 'casesAtStart', report.casesAtStart);
  for (const name of ['reliableImprovement', 'reliableDeterioration', 'recovery', 'reliableRecovery'] as const) {
    add(name, `${name}.count`, report[name].count, report[name].rate);
  }
  report.funnel.forEach((s, i) => add(`funnel.${s.sectionId}`, `funnel[${i}].completed`, s.completed));
  for (const [name, value] of Object.entries(report.evaluation)) add(`evaluation.${name}`, `evaluation.${name}`, value);
  const quote = (cell: string) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return `${lines.map((l) => l.map(quote).join(',')).join('\r\n')}\r\n`;
}
