/**
 * The outcome report over a synthetic cohort whose every figure is worked out by hand
 * below (group by group), then k-anonymity: small cells, the subtraction rule, 0 shown.
 */
import { describe, expect, it } from 'vitest';
import { outcomeReport, type CohortCode, type OutcomeReportInput } from '../../../engine/reports/outcome-report.ts';
import { suppressedPaths } from '../../../engine/reports/k-anonymity.ts';
import { outcomeRules } from '../../../engine/scoring/classify-outcome.ts';
import { instrument } from '../scoring/instruments.ts';

const { rules } = outcomeRules(new Map([['phq9', instrument('phq9')], ['gad7', instrument('gad7')]]));

interface Group {
  n: number; program?: string; issuedAt?: string; firstLoginAt?: string | null; consent?: boolean;
  phq9?: number[]; gad7?: number[]; sections?: string[]; evaluation?: CohortCode['evaluation'];
}
const group = (g: Group): CohortCode[] => Array.from({ length: g.n }, () => ({
  programId: g.program ?? 'p',
  issuedAt: g.issuedAt ?? '2025-01-10T09:00:00Z',
  firstLoginAt: g.firstLoginAt === undefined ? '2025-01-12T09:00:00Z' : g.firstLoginAt,
  consent: g.consent ?? true,
  scores: { phq9: g.phq9 ?? [], gad7: g.gad7 ?? [] },
  completedSections: g.sections ?? [],
  evaluation: g.evaluation ?? null,
}));

// Pre and post are the first and last score; rules: PHQ-9 case >= 10, change >= 6; GAD-7 case >= 8, change >= 4.
const g1 = group({ n: 5, phq9: [16, 11, 8], gad7: [12, 6], sections: ['s1', 's2', 's3'], evaluation: { completed: 1, change: 1 } }); // case -> not; both drop: reliable recovery
const g1Midnight = group({ n: 1, firstLoginAt: '2024-12-31T23:30:00Z', phq9: [16, 8], gad7: [12, 6], sections: ['s1', 's2', 's3'], evaluation: { completed: 1, change: 1 } }); // 00:30 on 1 January in Oslo
const g2 = group({ n: 5, phq9: [12, 8], gad7: [5, 5], sections: ['s1', 's2'], evaluation: { completed: 2, change: 3 } }); // case -> not; drop 4 < 6: recovery, not reliable
const g3 = group({ n: 5, phq9: [5, 12], gad7: [3, 9], sections: ['s1'], evaluation: { completed: 3, change: 5 } }); // not a case; rises 7 and 6: reliable deterioration
const g4 = group({ n: 5, phq9: [20, 13], gad7: [15, 10], sections: ['s1', 's2', 's3'] }); // case -> case; drops 7 and 5: reliable improvement only
const g5 = group({ n: 7, phq9: [14], gad7: [10, 6], evaluation: { completed: 3, change: 2 } }); // one PHQ-9 only: not finished
const g6 = group({ n: 5, phq9: [10, 4], gad7: [8, 4], sections: ['s1'] }); // exactly at every cut-off: case; drops of exactly 6 and 4: reliable recovery
const g7 = group({ n: 5, consent: false, phq9: [16, 4], gad7: [12, 2], sections: ['s1', 's2', 's3'], evaluation: { completed: 1, change: 1 } }); // no consent: left out
const g8 = group({ n: 5, firstLoginAt: null }); // issued, never used
const g9 = group({ n: 4, issuedAt: '2025-03-30T09:00:00Z', firstLoginAt: '2025-04-02T09:00:00Z', phq9: [16, 4], gad7: [12, 2] }); // used after the window
const g9Midnight = group({ n: 1, issuedAt: '2025-03-30T09:00:00Z', firstLoginAt: '2025-03-31T22:30:00Z', phq9: [16, 4], gad7: [12, 2] }); // 00:30 on 1 April in Oslo
const g10 = group({ n: 5, phq9: [15, 9], gad7: [4, 9], sections: ['s1'] }); // PHQ-9 drops 6, GAD-7 rises 5: neither; case at both ends
const otherProgram = group({ n: 5, program: 'q', phq9: [16, 4], gad7: [12, 2], sections: ['q1'] });
const early = group({ n: 5, issuedAt: '2024-11-01T09:00:00Z', firstLoginAt: '2024-11-02T09:00:00Z' }); // before the window

const cohort = [g1, g1Midnight, g2, g3, g4, g5, g6, g7, g8, g9, g9Midnight, g10, otherProgram, early].flat();
const input = (over: Partial<OutcomeReportInput> = {}): OutcomeReportInput => ({
  from: '2025-01-01', to: '2025-03-31', timeZone: 'Europe/Oslo', program: 'p', k: 5, rules,
  sections: [{ id: 's1', title: 'One' }, { id: 's2', title: 'Two' }, { id: 's3', title: 'Three' }],
  codes: cohort, ...over,
});

describe('the outcome report over a synthetic cohort', () => {
  it('counts every class with its denominator, excluding codes without consent', () => {
    const report = outcomeReport(input());
    // issued in the window: g1 6, g2 5, g3 5, g4 5, g5 7, g6 5, g7 5, g8 5, g9 5, g10 5 = 53
    // first login in the window: all of those but g8 and g9 = 43; of them g7 (5) without consent: 38 counted
    expect(report.codes).toEqual({ issued: 53, activated: 43, withConsent: 38, withoutConsent: 5 });
    // finished (two PHQ-9 and two GAD-7): g1 6, g2 5, g3 5, g4 5, g6 5, g10 5 = 31 (g5 has one PHQ-9)
    expect(report.finished).toBe(31);
    // case at start: g1 6, g2 5, g4 5, g6 5, g10 5 = 26 (g3 is not)
    expect(report.casesAtStart).toBe(26);
    // reliable improvement: g1 6, g4 5, g6 5 = 16 of 31 finished
    expect(report.reliableImprovement).toEqual({ count: 16, rate: 0.516 });
    // reliable deterioration: g3 5 of 31 (g10's changes cancel out)
    expect(report.reliableDeterioration).toEqual({ count: 5, rate: 0.161 });
    // recovery: g1 6, g2 5, g6 5 = 16 of 26 cases (g4 and g10 are still cases)
    expect(report.recovery).toEqual({ count: 16, rate: 0.615 });
    // reliable recovery: g1 6, g6 5 = 11 of 26
    expect(report.reliableRecovery).toEqual({ count: 11, rate: 0.423 });
    // completed parts among the 38: s1 g1 g2 g3 g4 g6 g10 = 31, s2 g1 g2 g4 = 16, s3 g1 g4 = 11
    expect(report.funnel).toEqual([
      { sectionId: 's1', title: 'One', completed: 31 },
      { sectionId: 's2', title: 'Two', completed: 16 },
      { sectionId: 's3', title: 'Three', completed: 11 },
    ]);
    // answered: g1 6, g2 5, g3 5, g5 7 = 23; completed 'yes': g1 6; better: g1 6 + g5 7 = 13; worse: g3 5
    expect(report.evaluation).toEqual({ answered: 23, completedProgram: 6, betterOrMuchBetter: 13, worseOrMuchWorse: 5 });
    expect(report.suppressed).toEqual([]);
    expect(report).toMatchObject({ from: '2025-01-01', to: '2025-03-31', program: 'p', k: 5 });
  });

  it('counts every program without a program filter, and shows 0 as 0', () => {
    const all = outcomeReport(input({ program: null, sections: [] }));
    expect(all.codes).toEqual({ issued: 58, activated: 48, withConsent: 43, withoutConsent: 5 });
    expect(all.reliableRecovery).toEqual({ count: 16, rate: 0.516 }); // 11 + 5 of 26 + 5 = 31 cases
    expect(all.funnel).toEqual([]);
    const q = outcomeReport(input({ program: 'q', sections: [{ id: 'q1', title: 'Q' }] }));
    expect(q.codes).toEqual({ issued: 5, activated: 5, withConsent: 5, withoutConsent: 0 });
    expect(q.reliableDeterioration).toEqual({ count: 0, rate: 0 });
    expect(q.evaluation.answered).toBe(0);
    expect(q.suppressed).toEqual([]);
  });

  it('gives no rate for an empty denominator', () => {
    const none = outcomeReport(input({ from: '2026-01-01', to: '2026-01-31' }));
    expect(none.finished).toBe(0);
    expect(none.recovery).toEqual({ count: 0, rate: null });
    expect(none.suppressed).toEqual([]);
  });
});

describe('k-anonymity', () => {
  it('hides counts below k with their rates, and what would give them away by subtraction', () => {
    const report = outcomeReport(input({ k: 6 }));
    // primary: every count of 5. Secondary: activated (43 - 38 = the hidden 5 without consent),
    // and s3 (16 - 11 = 5 people stopped after s2).
    expect(report.codes).toEqual({ issued: 53, activated: null, withConsent: 38, withoutConsent: null });
    expect(report.reliableDeterioration).toEqual({ count: null, rate: null });
    expect(report.funnel.map((s) => s.completed)).toEqual([31, 16, null]);
    expect(report.evaluation).toEqual({ answered: 23, completedProgram: 6, betterOrMuchBetter: 13, worseOrMuchWorse: null });
    expect(report.suppressed.sort()).toEqual([
      'codes.activated', 'codes.withoutConsent', 'evaluation.worseOrMuchWorse', 'funnel[2].completed',
      'reliableDeterioration.count', 'reliableDeterioration.rate',
    ]);
  });

  it('never goes below k = 5', () => {
    expect(outcomeReport(input({ k: 2 })).k).toBe(5);
  });

  it('hides the total when one part of a sum is small, and the funnel step after a small loss', () => {
    const fewWithout = cohort.filter((c) => !g7.slice(2).includes(c)); // 3 without consent
    const report = outcomeReport(input({ codes: fewWithout }));
    expect(report.codes).toEqual({ issued: 50, activated: null, withConsent: 38, withoutConsent: null });
    expect(report.suppressed).toEqual(['codes.activated', 'codes.withoutConsent']);
  });
});

describe('suppressedPaths', () => {
  const counts = (o: Record<string, number>) => new Map(Object.entries(o));
  it('hides 1 to k-1, never 0', () => {
    expect([...suppressedPaths(counts({ a: 0, b: 1, c: 4, d: 5 }), 5)]).toEqual(['b', 'c']);
  });
  it('hides the smallest non-zero part when only the total is small', () => {
    expect([...suppressedPaths(counts({ t: 12, a: 0, b: 4, c: 8 }), 5, { sums: [{ total: 't', parts: ['a', 'b', 'c'] }] })].sort()).toEqual(['b', 't']);
    expect([...suppressedPaths(counts({ t: 20, a: 9, b: 11, c: 0 }), 5, { sums: [{ total: 't', parts: ['a', 'b', 'c'] }] })]).toEqual([]);
  });
  it('compares a funnel step with the last shown step before it', () => {
    // 30 -> 27 loses 3: hidden; 30 -> 24 loses 6: shown; 24 -> 23 loses 1: hidden; 24 -> 20 loses 4: hidden; 24 -> 0 shown
    expect([...suppressedPaths(counts({ b: 30, s1: 27, s2: 24, s3: 23, s4: 20, s5: 0 }), 5, { chains: [['b', 's1', 's2', 's3', 's4', 's5']] })]).toEqual(['s1', 's3', 's4']);
  });
});

describe('the report window in the service\'s time zone', () => {
  it('counts a code by its local day, near each edge of the window and far from it, in zones from UTC-11 to UTC+14', () => {
    // Every 20 minutes over two days around one edge of the window at a time (a count
    // over both edges would not notice a window shifted by some hours): a code issued
    // then is counted exactly when its local date is inside the window.
    const window = { from: '2025-03-20', to: '2025-03-31' };
    const around = (edge: string) => Array.from({ length: 3 * 72 }, (_, i) => new Date(Date.parse(edge) + (i - 108) * 20 * 60_000).toISOString());
    for (const timeZone of ['Europe/Oslo', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kathmandu', 'UTC']) {
      const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
      for (const times of [around('2025-03-20T00:00:00Z'), around('2025-04-01T00:00:00Z')]) {
        const expected = times.filter((at) => {
          const local = day.format(new Date(at));
          return local >= window.from && local <= window.to;
        }).length;
        const codes = times.map((at) => ({ programId: 'p', issuedAt: at, firstLoginAt: null, consent: false, scores: {}, completedSections: [], evaluation: null }));
        expect([timeZone, times[0], outcomeReport(input({ ...window, timeZone, codes })).codes.issued]).toEqual([timeZone, times[0], expected]);
      }
    }
  });
});
