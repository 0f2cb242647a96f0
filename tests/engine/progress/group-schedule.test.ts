/** A group's schedule as data: opening times at local midnight (across clock changes), gating by date and completion, and the end evaluation for those who stop early. */
import { describe, expect, it } from 'vitest';
import { dueNow, emptySnapshot, localMidnight, scheduledOpenings, sectionStates } from '../../../engine/progress/index.ts';
import { fixtureProgram } from '../../server/helpers.ts';

const program = fixtureProgram();
const started = { ...emptySnapshot(), responses: [{ instrument: 'phq9', at: '2025-03-01T10:00:00.000Z' }, { instrument: 'gad7', at: '2025-03-01T10:00:00.000Z' }] };

describe('scheduledOpenings', () => {
  it('opens parts at midnight in the time zone, every N days, across a clock change', () => {
    expect(localMidnight('2025-03-03', 'Europe/Oslo')).toBe('2025-03-02T23:00:00.000Z');
    expect(localMidnight('2025-03-31', 'Europe/Oslo')).toBe('2025-03-30T22:00:00.000Z'); // summer time from 30 March
    expect(localMidnight('2025-03-30', 'Europe/Oslo')).toBe('2025-03-29T23:00:00.000Z'); // the day of the change starts in winter time
    expect(scheduledOpenings(program, '2025-03-17', { everyDays: 7 }, 'Europe/Oslo')).toEqual({
      start: '2025-03-16T23:00:00.000Z', logg: '2025-03-23T23:00:00.000Z', slutt: '2025-03-30T22:00:00.000Z',
    });
  });

  it('takes a date per part, and leaves parts without one to the usual gating', () => {
    expect(scheduledOpenings(program, '2025-03-17', { dates: { logg: '2025-04-01' } }, 'UTC')).toEqual({ logg: '2025-04-01T00:00:00.000Z' });
  });
});

describe('gating in a group', () => {
  const schedule = { start: '2025-03-02T23:00:00.000Z', logg: '2025-03-09T23:00:00.000Z' };
  it('opens a part only when its date has come and the part before it is complete', () => {
    const before = sectionStates(program, started, new Date('2025-03-02T22:59:59Z'), schedule);
    expect(before[0]).toMatchObject({ state: 'locked', lockedReason: { code: 'scheduled', opensAt: '2025-03-02T23:00:00.000Z' } });
    const done = { ...started, sections: { start: { openedAt: '2025-03-03T08:00:00.000Z', completedAt: '2025-03-04T08:00:00.000Z' } } };
    expect(sectionStates(program, done, new Date('2025-03-05T00:00:00Z'), schedule)[1]).toMatchObject({ state: 'locked', lockedReason: { code: 'scheduled' } });
    expect(sectionStates(program, done, new Date('2025-03-09T23:00:00Z'), schedule)[1]).toMatchObject({ state: 'available', opensNow: true });
    expect(sectionStates(program, started, new Date('2025-03-10T00:00:00Z'), schedule)[1]).toMatchObject({ state: 'locked', lockedReason: { code: 'previous_incomplete' } });
  });

  it('keeps a part opened early open', () => {
    const early = { ...started, sections: { start: { openedAt: '2025-03-01T11:00:00.000Z', completedAt: null } } };
    expect(sectionStates(program, early, new Date('2025-03-01T12:00:00Z'), schedule)[0]).toMatchObject({ state: 'available' });
  });
});

describe('the end evaluation for those who stop early', () => {
  const evaluation = (d: ReturnType<typeof dueNow>) => d.filter((x) => x.kind === 'evaluation');
  it('is due when stopped, or after the days without activity, until answered', () => {
    expect(evaluation(dueNow(program, started, new Date('2025-03-05T10:00:00Z'), 'UTC', { inactivityDays: 21 }))).toEqual([]);
    expect(dueNow(program, started, new Date('2025-03-05T10:00:00Z'), 'UTC', { stopped: true })[0]).toEqual({ kind: 'evaluation', instrument: 'evaluation' });
    expect(evaluation(dueNow(program, started, new Date('2025-03-22T09:59:59Z'), 'UTC', { inactivityDays: 21 }))).toEqual([]);
    expect(evaluation(dueNow(program, started, new Date('2025-03-22T10:00:00Z'), 'UTC', { inactivityDays: 21 }))).toHaveLength(1);
    const entry = { ...started, lastEntryAt: '2025-03-20T10:00:00.000Z' };
    expect(evaluation(dueNow(program, entry, new Date('2025-03-22T10:00:00Z'), 'UTC', { inactivityDays: 21 }))).toEqual([]);
    const answered = { ...started, responses: [...started.responses, { instrument: 'evaluation', at: '2025-03-03T10:00:00.000Z' }] };
    expect(evaluation(dueNow(program, answered, new Date('2025-04-22T10:00:00Z'), 'UTC', { stopped: true }))).toEqual([]);
  });
});
