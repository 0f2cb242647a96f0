/**
 * Recognises the errors SQLite raises when it cannot store: a full disk or database
 * (SQLITE_FULL), a read-only file or connection (SQLITE_READONLY*), I/O errors, a busy
 * lock that outlasted the timeout. The app answers them 503 `storage_unavailable`: the
 * statement failed as a whole (SQLite statements and transactions are atomic), so nothing
 * was acknowledged and nothing half-written remains.
 */

const storageCodes = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|PROTOCOL|NOLFS)(_|$)/;

/**
 * The SQLite error code when `error` means the store cannot save now, else undefined.
 *
 * @example
 *   storageFailure(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })) // 'SQLITE_FULL'
 */
export function storageFailure(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && storageCodes.test(code) ? code : undefined;
}
