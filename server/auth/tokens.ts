/**
 * Bearer tokens and API keys: 256 random bits, shown once, stored only as sha256.
 * A prefix tells the kind at a glance (msp_ person, mss_ staff, msk_ API key, msc_ calendar feed).
 */
import { createHash, randomBytes, randomFillSync } from 'node:crypto';

export type TokenKind = 'msp' | 'mss' | 'msk' | 'msc';

/**
 * A new token of `kind` and the hash to store.
 *
 * @example
 *   const { token, hash } = newToken('msp'); // token 'msp_...' goes to the client, hash to the db
 */
export function newToken(kind: TokenKind): { token: string; hash: string } {
  const token = `${kind}_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

/** The stored form of a token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Random bytes of a ref: 96 bits, 16 characters in base64url. */
const refBytes = 12;
// Each call to randomBytes costs some µs however few bytes it gives (OpenSSL checks the
// process and takes a lock per call): a check-in spent an eighth of its CPU time on its
// ref. Refs take their bytes from a pool filled 256 refs at a time from the same CSPRNG,
// as Node's randomUUID does; every byte is handed out once.
const pool = Buffer.alloc(refBytes * 256);
let taken = pool.length;

/** A random opaque id for URLs (refs of codes, check-ins, appointments, keys, webhook messages). */
export function newRef(prefix: string): string {
  if (taken === pool.length) {
    randomFillSync(pool);
    taken = 0;
  }
  const bytes = pool.subarray(taken, (taken += refBytes));
  return `${prefix}_${bytes.toString('base64url')}`;
}
