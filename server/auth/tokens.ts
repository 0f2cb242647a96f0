/**
 * Bearer tokens and API keys: 256 random bits, shown once, stored only as sha256.
 * A prefix tells the kind at a glance (msp_ person, mss_ staff, msk_ API key, msc_ calendar feed).
 */
import { createHash, randomBytes } from 'node:crypto';

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

/** A random opaque id for URLs (refs of codes, entries, appointments, keys). */
export function newRef(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
