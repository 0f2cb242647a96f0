/**
 * Recognises the errors a database raises when it cannot store now. SQLite: a full disk
 * or database (SQLITE_FULL), a read-only file or connection (SQLITE_READONLY*), I/O
 * errors, a busy lock that outlasted the timeout. PostgreSQL: no connection (refused,
 * reset, terminated), the server shutting down or out of resources (class 53, disk full
 * among them), a read-only transaction, connection exceptions (class 08). The app answers
 * them 503 `storage_unavailable`: the statement or transaction failed as a whole, so
 * nothing was acknowledged and nothing half-written remains.
 */

const sqliteCodes = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|PROTOCOL|NOLFS)(_|$)/;
/** SQLSTATE classes and codes: 08 connection, 53 resources, 57P0x shutdown, 25006 read-only, 40P01 deadlock, 40001 serialization. */
const postgresStates = /^(08...|53...|57P0[1-4]|25006|40P01|40001)$/;
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

/**
 * The error code when `error` means the store cannot save now, else undefined.
 *
 * @example
 *   storageFailure(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })) // 'SQLITE_FULL'
 *   storageFailure(Object.assign(new Error('the database system is shutting down'), { code: '57P03' })) // 'PG_57P03'
 */
export function storageFailure(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (sqliteCodes.test(code)) return code;
    if (postgresStates.test(code)) return `PG_${code}`;
    if (socketCodes.has(code)) return code;
  }
  const message = error instanceof Error ? error.message : '';
  // pg raises plain Errors when a connection ends under a query or the pool is closed.
  if (/Connection terminated|connection timeout|Client has encountered a connection error|Cannot use a pool after calling end/.test(message)) return 'PG_CONNECTION';
  return undefined;
}
