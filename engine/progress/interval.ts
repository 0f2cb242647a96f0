/**
 * How long after its last answer a repeated questionnaire falls due again. The interval
 * should match the questionnaire's own time frame: PHQ-9 and GAD-7 ask about the last two
 * weeks, PSS-10 and BIS about the last month.
 */
import type { CompiledProgram } from '../../schemas/types.ts';

export type RepeatEvery = CompiledProgram['measurement']['repeated'][number]['every'];

const day = 24 * 60 * 60 * 1000;
const days: Record<Exclude<RepeatEvery, 'section'>, number> = { week: 7, '2-weeks': 14, '4-weeks': 28 };

/**
 * The interval in milliseconds, or undefined for `section` (due after each completed part).
 *
 * @example
 *   repeatInterval('2-weeks') // 1209600000
 */
export function repeatInterval(every: RepeatEvery): number | undefined {
  return every === 'section' ? undefined : days[every] * day;
}
