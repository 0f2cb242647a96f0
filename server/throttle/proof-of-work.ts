/**
 * Proof-of-work challenges with altcha-lib (the ALTCHA format, SHA-256): the server
 * signs a challenge whose answer is a number below `maxnumber`; the client finds it by
 * trying numbers (on average maxnumber / 2 hashes) and sends the solution back as the
 * base64 JSON payload altcha-lib's clients produce. A challenge is bound to what it was
 * issued for (person or staff login), expires, and is accepted once.
 */
import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import type { Challenge } from 'altcha-lib/v1/types';
import type { ThrottleState } from './throttle-state.ts';

export type { Challenge };
export type ChallengeScope = 'person' | 'staff';

/** How long a challenge may be solved and used: long enough for a slow phone at the highest difficulty. */
export const challengeLifetimeMs = 10 * 60_000;

/**
 * A signed challenge for `scope` with difficulty `maxnumber`.
 *
 * @example
 *   const challenge = await issueChallenge(key, 'person', 50_000, clock.now());
 */
export async function issueChallenge(hmacKey: string, scope: ChallengeScope, maxnumber: number, now: Date): Promise<Challenge> {
  return await createChallenge({ hmacKey, maxnumber, expires: new Date(now.getTime() + challengeLifetimeMs), params: { scope } });
}

/** Why a solution was not accepted. */
export type SolutionProblem = 'malformed' | 'wrong_scope' | 'expired' | 'invalid' | 'used';

interface Payload { algorithm: 'SHA-256'; challenge: string; number: number; salt: string; signature: string }

function decode(altcha: string): Payload | undefined {
  if (altcha.length > 2000) return undefined;
  try {
    const data = JSON.parse(Buffer.from(altcha, 'base64').toString('utf8')) as Partial<Payload>;
    const ok = data.algorithm === 'SHA-256' && typeof data.challenge === 'string' && /^[0-9a-f]{64}$/.test(data.challenge)
      && Number.isSafeInteger(data.number) && data.number! >= 0 && typeof data.salt === 'string' && data.salt.length <= 300
      && typeof data.signature === 'string' && /^[0-9a-f]{64}$/.test(data.signature);
    return ok ? (data as Payload) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks a solved payload: its signature and solution (altcha-lib), its scope and expiry
 * (against the app's clock), and that it was not used before; spends it when it is good.
 *
 * @example
 *   const problem = await spendSolution(key, state, 'person', body.altcha, clock.now());
 *   if (problem) ... // ask for a new challenge
 */
export async function spendSolution(hmacKey: string, state: ThrottleState, scope: ChallengeScope, altcha: string, now: Date): Promise<SolutionProblem | undefined> {
  const payload = decode(altcha);
  if (!payload) return 'malformed';
  const params = extractParams(payload);
  if (params.scope !== scope) return 'wrong_scope';
  const expires = Number(params.expires) * 1000;
  if (!Number.isFinite(expires) || expires <= now.getTime()) return 'expired';
  // Expiry is checked above against the app's clock, so altcha-lib's own (Date.now) check is off.
  if (!(await verifySolution(payload, hmacKey, false))) return 'invalid';
  if (!(await state.spendChallenge(payload.challenge, expires, now.getTime()))) return 'used';
  return undefined;
}
