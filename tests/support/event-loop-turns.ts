/**
 * How many turns the event loop took while `work` ran: a long job that yields between
 * pages lets requests in, one that never yields gives 0 (on SQLite, whose reads are
 * synchronous, awaiting them does not yield).
 *
 * @example
 *   const { value, turns } = await turnsDuring(() => env.call('GET', '/v1/staff/codes', { token }));
 */
export async function turnsDuring<T>(work: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let counting = true;
  const count = () => {
    if (!counting) return;
    turns++;
    setImmediate(count);
  };
  setImmediate(count);
  try {
    const value = await work();
    return { value, turns };
  } finally {
    counting = false;
  }
}
