import { describe, expect, it } from 'vitest';
import { impossibleNight, minutesBetween, sleepWindow, sleepWindowLength, summariseNight, type SleepDiaryNight } from '../../../engine/exercises/sleep-diary.ts';

const night = (overrides: Partial<SleepDiaryNight> = {}): SleepDiaryNight => ({
  'in-bed': '23:00',
  'lights-out': '23:30',
  'sleep-latency': 30,
  'awake-during-night': 30,
  'final-wake': '06:30',
  'out-of-bed': '07:00',
  ...overrides,
});

describe('sleep diary', () => {
  it('finds the times that cannot all be true, and never reports more than 100 % efficiency', () => {
    expect(impossibleNight(night())).toEqual([]);
    expect(impossibleNight(night({ 'in-bed': '23:30', 'lights-out': '23:30', 'final-wake': '06:30', 'out-of-bed': '06:30', 'sleep-latency': 0, 'awake-during-night': 0 }))).toEqual([]);
    expect(impossibleNight(night({ 'lights-out': '22:30' })).map((p) => p.field)).toEqual(['lights-out']);
    expect(impossibleNight(night({ 'out-of-bed': '06:00' })).map((p) => p.field)).toEqual(['out-of-bed']);
    expect(impossibleNight(night({ 'sleep-latency': 500 })).map((p) => p.field)).toEqual(['sleep-latency']);
    expect(impossibleNight(night({ 'awake-during-night': 400 })).map((p) => p.field)).toEqual(['awake-during-night']);
    // Saved before the check: out of bed (06:00) before the final wake (07:00) would be 114 %.
    const old = summariseNight(night({ 'lights-out': '23:00', 'sleep-latency': 0, 'awake-during-night': 0, 'final-wake': '07:00', 'out-of-bed': '06:00' }));
    expect(old).toEqual({ timeInBed: 420, totalSleepTime: 420, sleepEfficiency: 100 });
  });

  it('counts nights across midnight', () => {
    expect(minutesBetween('23:30', '06:30')).toBe(420);
    expect(minutesBetween('00:30', '07:30')).toBe(420);
    expect(minutesBetween('22:00', '22:00')).toBe(0);
  });

  it('computes time in bed, total sleep time and efficiency to one decimal', () => {
    expect(summariseNight(night())).toEqual({ timeInBed: 480, totalSleepTime: 360, sleepEfficiency: 75 });
    // 7 h in bed, 6 h 10 min asleep: 370 / 420 = 88.095... -> 88.1
    expect(summariseNight(night({ 'in-bed': '23:30', 'lights-out': '23:30', 'sleep-latency': 20, 'awake-during-night': 30, 'final-wake': '06:30', 'out-of-bed': '06:30' }))).toEqual({
      timeInBed: 420,
      totalSleepTime: 370,
      sleepEfficiency: 88.1,
    });
  });

  it('never gives a negative sleep time', () => {
    expect(summariseNight(night({ 'sleep-latency': 300, 'awake-during-night': 200 })).totalSleepTime).toBe(0);
  });

  it('sets the sleep window from the last seven nights, at least five hours, ending at the rise time', () => {
    const nights = [night({ 'awake-during-night': 0 }), ...Array.from({ length: 7 }, () => night())];
    expect(sleepWindow(nights, '06:30')).toEqual({ minutes: 360, bedtime: '00:30', riseTime: '06:30', nights: 7 });
    const short = Array.from({ length: 3 }, () => night({ 'sleep-latency': 120, 'awake-during-night': 120 }));
    expect(sleepWindow(short, '07:00')).toEqual({ minutes: 300, bedtime: '02:00', riseTime: '07:00', nights: 3 });
    expect(sleepWindow([], '07:00')).toBeNull();
  });

  it('gives the window length from the last seven nights alone', () => {
    expect(sleepWindowLength([600, 360, 330, 345, 300, 390, 360, 330])).toEqual({ minutes: 345, averageSleep: 345, nights: 7 });
    expect(sleepWindowLength([240, 250])).toEqual({ minutes: 300, averageSleep: 245, nights: 2 });
    expect(sleepWindowLength([])).toBeNull();
  });
});
