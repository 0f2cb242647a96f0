/**
 * A turn of the event loop for the requests waiting, in the middle of a long job (the
 * questionnaire.due scan, the staff's list of codes).
 *
 * On SQLite every read is synchronous: a job that only reads never gives the event loop
 * back on its own, however many awaits it has (they resolve as microtasks), and every
 * request waits until it ends. `setImmediate` runs after the I/O that is ready.
 *
 * @example
 *   for (const page of pages) { work(page); await nextTurn(); }
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
