/**
 * Staff passwords, hashed with node's scrypt (N=2^15, r=8, p=1) and a random salt.
 * One-time passwords are random and readable so they can be read out over the phone.
 */
import { randomBytes, scryptSync, timingSafeEqual, randomInt } from 'node:crypto';

const params = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/**
 * The stored form of a password: `scrypt$N$r$p$salt$hash` (base64url parts).
 *
 * @example
 *   const stored = hashPassword('correct horse'); verifyPassword('correct horse', stored) // true
 */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFC'), salt, 32, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Whether `password` matches `stored`, in constant time. */
export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p), maxmem: params.maxmem,
  });
  return timingSafeEqual(expected, actual);
}

const words = '23456789abcdefghjkmnpqrstuvwxyz';

/** A one-time password: 4 groups of 4 readable characters (about 79 bits). */
export function oneTimePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 4; i++) group += words[randomInt(words.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** Why a new password is not accepted, or undefined when it is. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 12) return 'The password must be at least 12 characters long.';
  if (password.length > 200) return 'The password must be at most 200 characters long.';
  return undefined;
}
