/**
 * Author diagnostics are vfile messages with a stable rule id (see rules.ts),
 * a severity, and a place. Errors are data: nothing here throws.
 */
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { Point, Position } from 'unist';
import type { RuleId } from './rules.ts';

export type Severity = 'error' | 'warning';

/** Where a message points: a point, a range, or nothing (the whole file). */
export type Place = Point | Position | undefined;

/**
 * Adds a diagnostic to `file`.
 *
 * @example
 *   report(file, 'error', 'questionnaire-ref-unknown', "Unknown questionnaire 'isi7', expected one of: bis, phq9", node.position);
 */
export function report(file: VFile, severity: Severity, ruleId: RuleId, reason: string, place?: Place): VFileMessage {
  const message = file.message(reason, { place, ruleId, source: 'mestring' });
  message.fatal = severity === 'error';
  return message;
}

/** True when any of the files carries an error (warnings do not count). */
export function hasErrors(files: readonly VFile[]): boolean {
  return files.some((file) => file.messages.some((m) => m.fatal === true));
}

/** True when any of the files carries a warning. */
export function hasWarnings(files: readonly VFile[]): boolean {
  return files.some((file) => file.messages.some((m) => m.fatal === false));
}

/** A point that is `lines` lines further down; used where YAML was parsed apart from its file. */
export function shiftPoint(point: Point, lines: number): Point {
  return { line: point.line + lines, column: point.column };
}
