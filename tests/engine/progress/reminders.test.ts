import { describe, expect, it } from 'vitest';
import { emptySnapshot, questionnaireReminders } from '../../../engine/progress/index.ts';
import { fixtureProgram } from '../../server/helpers.ts';

const program = fixtureProgram();
const now = new Date('2025-03-05T12:00:00Z');

describe('questionnaireReminders', () => {
  it('is silent until the initial questionnaires are answered', () => {
    expect(questionnaireReminders(program, emptySnapshot(), now)).toEqual([]);
  });

  it('falls a week after the last answer, or now when already due', () => {
    const snapshot = { ...emptySnapshot(), responses: [{ instrument: 'phq9', at: '2025-03-01T10:00:00.000Z' }, { instrument: 'gad7', at: '2025-03-01T10:00:00.000Z' }] };
    expect(questionnaireReminders(program, snapshot, now)).toEqual([{ instrument: 'gad7', at: '2025-03-08T10:00:00.000Z' }]);
    expect(questionnaireReminders(program, snapshot, new Date('2025-03-20T00:00:00Z'))).toEqual([{ instrument: 'gad7', at: '2025-03-20T00:00:00.000Z' }]);
  });

  it('stops after the last part is completed', () => {
    const sections = Object.fromEntries(program.sections.map((s) => [s.id, { openedAt: '2025-03-01T10:00:00.000Z', completedAt: '2025-03-02T10:00:00.000Z' }]));
    const snapshot = { ...emptySnapshot(), sections, responses: [{ instrument: 'phq9', at: '2025-03-01T10:00:00.000Z' }, { instrument: 'gad7', at: '2025-03-01T10:00:00.000Z' }] };
    expect(questionnaireReminders(program, snapshot, now)).toEqual([]);
  });

  it('follows the interval of each repeated questionnaire', () => {
    const monthly = { ...program, measurement: { ...program.measurement, repeated: [{ instrument: 'gad7', every: '4-weeks' as const }, { instrument: 'phq9', every: 'section' as const }] } };
    const snapshot = { ...emptySnapshot(), responses: [{ instrument: 'phq9', at: '2025-03-01T10:00:00.000Z' }, { instrument: 'gad7', at: '2025-03-01T10:00:00.000Z' }] };
    expect(questionnaireReminders(monthly, snapshot, now)).toEqual([{ instrument: 'gad7', at: '2025-03-29T10:00:00.000Z' }]);
  });
});
