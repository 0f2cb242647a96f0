/**
 * Solves the server's proof-of-work challenges the way a client (or an attacker) does:
 * with altcha-lib's own solver, returning the payload to send as `altcha`.
 */
import { solveChallenge } from 'altcha-lib/v1';
import type { Challenge } from 'altcha-lib/v1/types';

/**
 * The `altcha` payload that solves `challenge`.
 *
 * @example
 *   const altcha = await solve(res.json.error.challenge);
 */
export async function solve(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
  if (!solution) throw new Error('the challenge has no solution below its maxnumber');
  return Buffer.from(JSON.stringify({ algorithm: challenge.algorithm, challenge: challenge.challenge, number: solution.number, salt: challenge.salt, signature: challenge.signature })).toString('base64');
}

/** A small policy for tests: the same rules, cheap challenges. */
export const cheapPolicy = { base: 500, max: 8000 };
