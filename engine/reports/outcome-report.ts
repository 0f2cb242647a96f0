/**
 * The service's outcome report: how many codes were issued and used, how many finished,
 * were a case at the start, reliably improved or deteriorated, recovered and reliably
 * recovered (NHS Talking Therapies definitions, thresholds from the instrument
 * definitions through classifyOutcome), where people stopped (the funnel of completed
 * parts) and what the end evaluation said. Only codes whose person consents at report
 * time are counted; every count then passes k-anonymity (k-anonymity.ts). Pure: the
 * server gathers the cohort, this decides every figure.
 */
import { classifyOutcome, type MeasureRules } from '../scoring/classify-outcome.ts';
import { localDate } from '../progress/due.ts';
import { suppressedPaths } from './k-anonymity.ts';

/** The smallest k: counts from 1 to k-1 are hidden. A report may ask for more, never less. */
export const minimumK = 5;

/** One code as the report sees it. Nothing in it says who the person is. */
export interface CohortCode {
  programId: string;
  /** When the code was generated (ISO 8601). */
  issuedAt: string;
  /** The first login with the code (ISO 8601), or null when never used. */
  firstLoginAt: string | null;
  /** Whether the person consents to sharing now. */
  consent: boolean;
  /** Questionnaire totals by instrument id, oldest first. */
  scores: Readonly<Record<string, readonly number[]>>;
  /** Ids of the parts the person completed. */
  completedSections: readonly string[];
  /** The latest end evaluation's answers (items `completed` and `change`), or null. */
  evaluation: { completed?: unknown; change?: unknown } | null;
}

export interface OutcomeReportInput {
  /** First and last day (YYYY-MM-DD, inclusive) of the first logins counted, in `timeZone`. */
  from: string;
  to: string;
  timeZone: string;
  /** The program counted, or null for all. */
  program: string | null;
  k: number;
  /** The measures and their thresholds (outcomeRules over the instrument definitions). */
  rules: readonly MeasureRules[];
  /** The parts of `program` in order, for the funnel; empty without a program. */
  sections: readonly { id: string; title: string }[];
  codes: readonly CohortCode[];
}

export interface Figure { count: number | null; rate: number | null }

export interface OutcomeReport {
  from: string; to: string; program: string | null; k: number;
  codes: { issued: number | null; activated: number | null; withConsent: number | null; withoutConsent: number | null };
  finished: number | null;
  casesAtStart: number | null;
  reliableImprovement: Figure;
  reliableDeterioration: Figure;
  recovery: Figure;
  reliableRecovery: Figure;
  funnel: { sectionId: string; title: string; completed: number | null }[];
  evaluation: { answered: number | null; completedProgram: number | null; betterOrMuchBetter: number | null; worseOrMuchWorse: number | null };
  /** The JSON path of every value hidden for anonymity (counts and their rates). */
  suppressed: string[];
}

/** The evaluation form's answers counted (programs/instruments/evaluation.yaml). */
const evaluationAnswers = { completedYes: 1, better: [1, 2], worse: [4, 5] } as const;

const rate = (count: number, of: number) => (of === 0 ? null : Math.round((count / of) * 1000) / 1000);

/**
 * The report over `input.codes`.
 *
 * @example
 *   outcomeReport({ from: '2025-01-01', to: '2025-06-30', timeZone: 'Europe/Oslo', program: null, k: 5, rules, sections: [], codes })
 *   // { codes: { issued: 40, activated: 36, withConsent: 30, withoutConsent: 6 }, finished: 21, ... }
 */
export function outcomeReport(input: OutcomeReportInput): OutcomeReport {
  const k = Math.max(minimumK, Math.floor(input.k));
  // Whether `at` falls on a day from `from` to `to` in the service's time zone. Zones lie
  // at most 14 hours from UTC, so a time more than 15 hours inside the window's UTC days
  // is inside it in every zone, and one more than 15 hours outside is outside: only the
  // times near an edge need their local date, which formatting makes costly when a
  // report counts an organisation's every code (docs/performance.md, item 37).
  const margin = 15 * 3600_000;
  const windowStart = Date.parse(`${input.from}T00:00:00Z`);
  const windowEnd = Date.parse(`${input.to}T00:00:00Z`) + 24 * 3600_000;
  const inWindow = (at: string | null) => {
    if (!at) return false;
    const time = Date.parse(at);
    if (time >= windowStart + margin && time < windowEnd - margin) return true;
    if (time < windowStart - margin || time >= windowEnd + margin) return false;
    const day = localDate(new Date(time), input.timeZone);
    return day >= input.from && day <= input.to;
  };
  const ofProgram = input.codes.filter((c) => input.program === null || c.programId === input.program);
  const activated = ofProgram.filter((c) => inWindow(c.firstLoginAt));
  const counted = activated.filter((c) => c.consent);

  const outcomes = counted.flatMap((c) => {
    if (!input.rules.every((r) => (c.scores[r.id]?.length ?? 0) >= 2)) return [];
    const pre = Object.fromEntries(input.rules.map((r) => [r.id, c.scores[r.id]![0]!]));
    const post = Object.fromEntries(input.rules.map((r) => [r.id, c.scores[r.id]!.at(-1)!]));
    const { result } = classifyOutcome(pre, post, input.rules);
    return result ? [result] : [];
  });
  const cases = outcomes.filter((o) => o.casenessPre);
  const evaluations = counted.map((c) => c.evaluation).filter((e) => e !== null);

  const counts = new Map<string, number>([
    ['codes.issued', ofProgram.filter((c) => inWindow(c.issuedAt)).length],
    ['codes.activated', activated.length],
    ['codes.withConsent', counted.length],
    ['codes.withoutConsent', activated.length - counted.length],
    ['finished', outcomes.length],
    ['casesAtStart', cases.length],
    ['reliableImprovement.count', outcomes.filter((o) => o.reliableImprovement).length],
    ['reliableDeterioration.count', outcomes.filter((o) => o.reliableDeterioration).length],
    ['recovery.count', cases.filter((o) => o.recovery === true).length],
    ['reliableRecovery.count', cases.filter((o) => o.reliableRecovery === true).length],
    ['evaluation.answered', evaluations.length],
    ['evaluation.completedProgram', evaluations.filter((e) => e.completed === evaluationAnswers.completedYes).length],
    ['evaluation.betterOrMuchBetter', evaluations.filter((e) => (evaluationAnswers.better as readonly unknown[]).includes(e.change)).length],
    ['evaluation.worseOrMuchWorse', evaluations.filter((e) => (evaluationAnswers.worse as readonly unknown[]).includes(e.change)).length],
  ]);
  const funnelPaths = input.sections.map((s, i) => {
    const path = `funnel[${i}].completed`;
    counts.set(path, counted.filter((c) => c.completedSections.includes(s.id)).length);
    return path;
  });
  const hidden = suppressedPaths(counts, k, {
    sums: [{ total: 'codes.activated', parts: ['codes.withConsent', 'codes.withoutConsent'] }],
    chains: [['codes.withConsent', ...funnelPaths]],
  });

  const shown = (path: string) => (hidden.has(path) ? null : counts.get(path)!);
  const suppressed = [...counts.keys()].filter((p) => hidden.has(p));
  const figure = (name: string, of: number): Figure => {
    const count = shown(`${name}.count`);
    if (count === null) suppressed.push(`${name}.rate`);
    return { count, rate: count === null ? null : rate(count, of) };
  };
  return {
    from: input.from, to: input.to, program: input.program, k,
    codes: { issued: shown('codes.issued'), activated: shown('codes.activated'), withConsent: shown('codes.withConsent'), withoutConsent: shown('codes.withoutConsent') },
    finished: shown('finished'),
    casesAtStart: shown('casesAtStart'),
    reliableImprovement: figure('reliableImprovement', outcomes.length),
    reliableDeterioration: figure('reliableDeterioration', outcomes.length),
    recovery: figure('recovery', cases.length),
    reliableRecovery: figure('reliableRecovery', cases.length),
    funnel: input.sections.map((s, i) => ({ sectionId: s.id, title: s.title, completed: shown(funnelPaths[i]!) })),
    evaluation: {
      answered: shown('evaluation.answered'), completedProgram: shown('evaluation.completedProgram'),
      betterOrMuchBetter: shown('evaluation.betterOrMuchBetter'), worseOrMuchWorse: shown('evaluation.worseOrMuchWorse'),
    },
    suppressed,
  };
}
