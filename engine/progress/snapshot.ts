/**
 * What the progress functions need to know about one person, as plain data: the
 * server reads it from the database, tests write it by hand.
 */

/** One person's progress at a moment. Times are ISO 8601 strings. */
export interface ProgressSnapshot {
  /** Stored part states by section id: once opened, a part stays open. */
  sections: Record<string, { openedAt: string; completedAt: string | null }>;
  /** Number of saved entries per exercise id. */
  entryCounts: Record<string, number>;
  /**
   * Questionnaire responses, oldest first: at least the latest to each questionnaire (the
   * server reads only those; nothing here looks further back).
   */
  responses: { instrument: string; at: string }[];
  /** Check-ins, oldest first: at least the latest (the server reads only that one). */
  checkins: { at: string }[];
  /** When an exercise entry was last saved or changed, if ever. */
  lastEntryAt?: string;
}

/**
 * `record[key]` only when `key` is the record's own property, so that an id such as
 * `constructor` or `__proto__` is never looked up on Object.prototype.
 *
 * @example
 *   ownValue(snapshot.entryCounts, 'constructor') // undefined, not the Object function
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** An empty snapshot, for a code that has done nothing yet. */
export function emptySnapshot(): ProgressSnapshot {
  return { sections: {}, entryCounts: {}, responses: [], checkins: [] };
}
