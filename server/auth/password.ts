/**
 * Staff passwords, hashed with node's scrypt (N=2^15, r=8, p=1) and a random salt. Hashing
 * runs on libuv's thread pool (async scrypt), so that a burst of logins never holds up
 * the event loop. New passwords must be at least 12 characters and hard to guess
 * (zxcvbn-ts with its common-password and English dictionaries, score 3 or more).
 * One-time passwords are random and readable so they can be read out over the phone.
 */
import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import pLimit from 'p-limit';

const params = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/**
 * At most one hash per core but one at a time: each scrypt keeps a core busy for about a
 * tenth of a second, and libuv's four threads on a two-core machine would leave the event
 * loop waiting for the processor (a burst of 40 wrong logins made /healthz take 240 ms at
 * p99). Hashes beyond that wait their turn; everything else keeps a core.
 */
export const hashingSlots = Math.max(1, availableParallelism() - 1);
const hashing = pLimit(hashingSlots);

/** How many hashes run now and how many wait: what the limit above holds. */
export const hashingLoad = () => ({ running: hashing.activeCount, waiting: hashing.pendingCount });

const scryptAsync = (password: string, salt: Buffer, length: number, options: ScryptOptions) =>
  hashing(() => new Promise<Buffer>((resolve, reject) => scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key)))));

/**
 * The stored form of a password: `scrypt$N$r$p$salt$hash` (base64url parts).
 *
 * @example
 *   const stored = await hashPassword('correct horse'); await verifyPassword('correct horse', stored) // true
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password.normalize('NFC'), salt, 32, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Whether `password` matches `stored`, in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, {
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

/**
 * Built on first use: importing the dictionaries decompresses them (most of a second of
 * CPU), and only password changes need them, so the server does not pay it at start.
 */
let strength: Promise<ZxcvbnFactory> | undefined;

async function strengthChecker(): Promise<ZxcvbnFactory> {
  const [{ ZxcvbnFactory }, common, english] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]);
  return new ZxcvbnFactory({ translations: english.translations, graphs: common.adjacencyGraphs, dictionary: { ...common.dictionary, ...english.dictionary } });
}

/**
 * Why a new password is not accepted, or undefined when it is. `context` holds words the
 * password must not lean on (organisation, username).
 *
 * @example
 *   await passwordProblem('passwordpassword') // 'The password is too easy to guess: ...'
 */
export async function passwordProblem(password: string, context: string[] = []): Promise<string | undefined> {
  if (password.length < 12) return 'The password must be at least 12 characters long.';
  if (password.length > 200) return 'The password must be at most 200 characters long.';
  strength ??= strengthChecker();
  const result = (await strength).check(password, [...context, 'mestring']);
  if (result.score >= 3) return undefined;
  const why = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  return `The password is too easy to guess${why ? `: ${why}` : '.'} Try a few unusual words together.`;
}
