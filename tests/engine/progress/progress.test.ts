import { describe, expect, it } from 'vitest';
import { dueNow, endedEarly, lastActivity, emptySnapshot, sectionStates, validateEntry, overallProgress } from '../../../engine/progress/index.ts';
import { fixtureProgram } from '../../server/helpers.ts';

const program = fixtureProgram();
const at = (iso: string) => new Date(iso);

describe('sectionStates', () => {
  it('locks part 1 behind the start questionnaires', () => {
    const states = sectionStates(program, emptySnapshot(), at('2025-03-03T08:00:00Z'));
    expect(states.map((s) => s.state)).toEqual(['locked', 'locked', 'locked']);
    expect(states[0]!.lockedReason).toEqual({ code: 'start_questionnaires_due', instruments: ['phq9', 'gad7'] });
  });

  it('opens part 1 when the start questionnaires are answered, and waits minDaysAfterPrevious for part 3', () => {
    const snapshot = emptySnapshot();
    snapshot.responses = [{ instrument: 'phq9', at: '2025-03-03T08:00:00Z' }, { instrument: 'gad7', at: '2025-03-03T08:01:00Z' }];
    expect(sectionStates(program, snapshot, at('2025-03-03T09:00:00Z'))[0]!.opensNow).toBe(true);
    snapshot.sections = { start: { openedAt: '2025-03-03T09:00:00Z', completedAt: '2025-03-03T10:00:00Z' }, logg: { openedAt: '2025-03-03T10:00:00Z', completedAt: '2025-03-04T10:00:00Z' } };
    const waiting = sectionStates(program, snapshot, at('2025-03-05T09:59:59Z'))[2]!;
    expect(waiting.lockedReason).toEqual({ code: 'waiting_days', opensAt: '2025-03-06T10:00:00.000Z' });
    expect(sectionStates(program, snapshot, at('2025-03-06T10:00:00Z'))[2]!.state).toBe('available');
  });

  it('keeps a stored open part open even when the part before it is not complete', () => {
    const snapshot = emptySnapshot();
    snapshot.sections = { logg: { openedAt: '2025-03-03T09:00:00Z', completedAt: null } };
    const states = sectionStates(program, snapshot, at('2025-03-03T10:00:00Z'));
    expect(states.map((s) => s.state)).toEqual(['locked', 'available', 'locked']);
    expect(overallProgress(states)).toEqual({ completed: 0, total: 3, percent: 0 });
  });

  it('counts required questionnaires only when answered since the part opened', () => {
    const snapshot = emptySnapshot();
    snapshot.sections = { logg: { openedAt: '2025-03-03T09:00:00Z', completedAt: null } };
    snapshot.entryCounts = { bekymring: 2 };
    snapshot.responses = [{ instrument: 'phq9', at: '2025-03-03T08:00:00Z' }];
    expect(sectionStates(program, snapshot, at('2025-03-03T10:00:00Z'))[1]!.missing).toEqual({ exercises: [], questionnaires: ['phq9'] });
    snapshot.responses.push({ instrument: 'phq9', at: '2025-03-03T09:30:00Z' });
    expect(sectionStates(program, snapshot, at('2025-03-03T10:00:00Z'))[1]!.missing).toEqual({ exercises: [], questionnaires: [] });
  });
});

describe('dueNow', () => {
  it('offers the check-in once per Oslo calendar day', () => {
    const snapshot = emptySnapshot();
    snapshot.responses = [{ instrument: 'phq9', at: '2025-03-03T08:00:00Z' }, { instrument: 'gad7', at: '2025-03-03T08:00:00Z' }];
    snapshot.checkins = [{ at: '2025-03-03T22:30:00Z' }]; // 23:30 in Oslo on the 3rd
    expect(dueNow(program, snapshot, at('2025-03-03T22:50:00Z')).map((d) => d.kind)).toEqual([]);
    expect(dueNow(program, snapshot, at('2025-03-03T23:10:00Z')).map((d) => d.kind)).toEqual(['checkin']); // 00:10 on the 4th
  });

  it('counts a check-in in a long history only on its own Oslo date, early or late in the day', () => {
    const snapshot = emptySnapshot();
    snapshot.responses = [{ instrument: 'phq9', at: '2025-03-03T08:00:00Z' }, { instrument: 'gad7', at: '2025-03-03T08:00:00Z' }];
    // A check-in every day of 2024, then one at 00:30 in Oslo on 1 April 2025 (22:30 UTC the day before).
    snapshot.checkins = Array.from({ length: 366 }, (_, i) => ({ at: new Date(Date.UTC(2024, 0, 1 + i, 12)).toISOString() }));
    snapshot.checkins.push({ at: '2025-03-31T22:30:00Z' });
    expect(dueNow(program, snapshot, at('2025-04-01T21:50:00Z')).map((d) => d.kind)).not.toContain('checkin'); // 23:50 on the 1st
    expect(dueNow(program, snapshot, at('2025-04-01T22:10:00Z')).map((d) => d.kind)).toContain('checkin'); // 00:10 on the 2nd
    expect(dueNow(program, snapshot, at('2025-03-31T21:50:00Z')).map((d) => d.kind)).toContain('checkin'); // 23:50 on 31 March, before it
  });

  it('finds the latest activity among answers, check-ins, entries and completed parts, and ends early after the inactive days', () => {
    const snapshot = emptySnapshot();
    snapshot.responses = [{ instrument: 'phq9', at: '2025-03-03T08:00:00Z' }, { instrument: 'gad7', at: '2025-03-04T08:00:00Z' }];
    snapshot.checkins = [{ at: '2025-03-06T08:00:00Z' }, { at: '2025-03-05T08:00:00Z' }];
    snapshot.lastEntryAt = '2025-03-02T08:00:00Z';
    snapshot.sections.start = { openedAt: '2025-03-03T08:00:00Z', completedAt: '2025-03-07T08:00:00Z' };
    expect(lastActivity(snapshot)).toBe('2025-03-07T08:00:00Z');
    snapshot.lastEntryAt = '2025-03-08T08:00:00Z';
    expect(lastActivity(snapshot)).toBe('2025-03-08T08:00:00Z');
    expect(lastActivity(emptySnapshot())).toBeUndefined();
    expect(endedEarly(snapshot, at('2025-03-17T07:59:00Z'), { inactivityDays: 9 })).toBe(false);
    expect(endedEarly(snapshot, at('2025-03-17T08:00:00Z'), { inactivityDays: 9 })).toBe(true);
    expect(endedEarly(snapshot, at('2026-03-17T08:00:00Z'), {})).toBe(false);
  });

  it('repeats weekly questionnaires after 7 days and asks end questions after the last part', () => {
    const snapshot = emptySnapshot();
    snapshot.responses = [{ instrument: 'phq9', at: '2025-03-03T08:00:00Z' }, { instrument: 'gad7', at: '2025-03-03T08:00:00Z' }];
    snapshot.checkins = [{ at: '2025-03-10T08:00:00Z' }];
    expect(dueNow(program, snapshot, at('2025-03-10T07:59:00Z'))).toEqual([]);
    expect(dueNow(program, snapshot, at('2025-03-10T08:00:00Z'))).toEqual([{ kind: 'repeated', instrument: 'gad7' }]);
    for (const id of ['start', 'logg', 'slutt']) snapshot.sections[id] = { openedAt: '2025-03-04T08:00:00Z', completedAt: '2025-03-09T08:00:00Z' };
    expect(dueNow(program, snapshot, at('2025-03-10T09:00:00Z'))).toEqual([{ kind: 'end', instrument: 'phq9' }, { kind: 'evaluation', instrument: 'evaluation' }]);
  });
});

describe('validateEntry', () => {
  const log = program.sections[1]!.blocks.find((b) => b.type === 'exercise')!;
  it('accepts valid values and reports each problem by field', () => {
    if (log.type !== 'exercise') throw new Error('fixture');
    expect(validateEntry(log, { worry: 'Jobben', strength: 4, kind: 'practical' })).toEqual([]);
    expect(validateEntry(log, { worry: 3, strength: 4.5, kind: 'other' }).map((e) => [e.field, e.code])).toEqual([
      ['worry', 'wrong_type'], ['strength', 'out_of_range'], ['kind', 'not_an_option'],
    ]);
  });
});

describe('repeat intervals', () => {
  it('makes a 2-weeks questionnaire due 14 days after its last answer and a 4-weeks one after 28', () => {
    const every = (e: 'week' | '2-weeks' | '4-weeks') => ({ ...program, measurement: { ...program.measurement, repeated: [{ instrument: 'gad7', every: e }] } });
    const snapshot = emptySnapshot();
    snapshot.responses = [{ instrument: 'phq9', at: '2025-03-03T08:00:00Z' }, { instrument: 'gad7', at: '2025-03-03T08:00:00Z' }];
    snapshot.checkins = [{ at: '2025-03-31T08:00:00Z' }, { at: '2025-03-17T08:00:00Z' }, { at: '2025-03-10T08:00:00Z' }];
    expect(dueNow(every('2-weeks'), snapshot, at('2025-03-10T08:00:00Z'))).toEqual([]);
    expect(dueNow(every('2-weeks'), snapshot, at('2025-03-17T08:00:00Z'))).toEqual([{ kind: 'repeated', instrument: 'gad7' }]);
    expect(dueNow(every('4-weeks'), snapshot, at('2025-03-17T08:00:00Z'))).toEqual([]);
    expect(dueNow(every('4-weeks'), snapshot, at('2025-03-31T08:00:00Z'))).toEqual([{ kind: 'repeated', instrument: 'gad7' }]);
  });
});
