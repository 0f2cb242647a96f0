/**
 * The gate in front of every guess (a code login, a staff password login). Nobody is ever
 * locked out: when guessing pressure rises the cost of a guess rises instead. While
 * failures are few, a guess needs nothing; beyond that it needs a solved proof-of-work
 * challenge whose difficulty doubles with every few failures from the caller's address
 * key (and, for staff, on the account) and with every many failures in total, up to a
 * cap a phone solves in seconds. A request with a valid, unused solution is always
 * judged: a valid code or password always gets in, whatever anyone else did.
 *
 * Counted: failures only (a typo in a code's check character never reaches the gate).
 * Keys: HMACs of the address bucket (hourly key) and of the account (throttle key).
 */
import { createHmac } from 'node:crypto';
import { apiError } from '../errors.ts';
import type { ThrottleState } from './throttle-state.ts';
import { addressKeys } from './client-address.ts';
import { issueChallenge, spendSolution, type ChallengeScope } from './proof-of-work.ts';

/** How difficulty follows failures. */
export interface WorkPolicy {
  /** Length of the sliding window failures are counted in, ms (default 15 minutes). */
  windowMs: number;
  /** Failures in the window before work is asked: per address key, per account, in total. */
  free: { address: number; account: number; global: number };
  /** Failures per doubling of the difficulty: per address key, per account, in total. */
  doubling: { address: number; account: number; global: number };
  /** maxnumber of the easiest challenge (about maxnumber / 2 hashes to solve). */
  base: number;
  /** The highest maxnumber ever asked: what the slowest phone must still solve. */
  max: number;
}

/** Person logins: 3 free failures per address and 100 in total per 15 minutes. */
export const personPolicy: WorkPolicy = {
  windowMs: 15 * 60_000,
  free: { address: 3, account: Infinity, global: 100 },
  doubling: { address: 3, account: Infinity, global: 100 },
  base: 10_000,
  max: 300_000,
};

/** Staff password logins: also counted per account (organisation and username). */
export const staffPolicy: WorkPolicy = {
  windowMs: 15 * 60_000,
  free: { address: 3, account: 3, global: 30 },
  doubling: { address: 3, account: 3, global: 30 },
  base: 10_000,
  max: 300_000,
};

/**
 * The maxnumber of the challenge to ask for at the given failure counts, or 0 when no
 * work is needed.
 *
 * @example
 *   difficulty(personPolicy, { address: 9, account: 0, global: 40 }) // 20000 * 2^(9/3 + 40/100)
 */
export function difficulty(policy: WorkPolicy, failures: { address: number; account: number; global: number }): number {
  const { free, doubling } = policy;
  if (failures.address < free.address && failures.account < free.account && failures.global < free.global) return 0;
  const exponent = failures.address / doubling.address + (Number.isFinite(doubling.account) ? failures.account / doubling.account : 0) + failures.global / doubling.global;
  return Math.round(Math.min(policy.max, policy.base * 2 ** exponent));
}

/** What the gate needs to know about one guess. */
export interface GuessInput {
  /** The client address (never stored: only its HMAC is used as a counter key). */
  address: string | undefined;
  /** The account guessed at, for staff logins (organisation and username). */
  account?: string;
  /** The solved challenge payload, when the client sends one. */
  altcha?: string;
}

/** A guess the gate let through: the route reports a failure with `fail()`. */
export interface Admitted {
  fail(): Promise<void>;
}

export interface GuessGate {
  /** Lets the guess through, or throws 429 challenge_required with a challenge to solve. */
  admit(input: GuessInput): Promise<Admitted>;
}

/**
 * A gate for one kind of guess.
 *
 * @example
 *   const gate = createGuessGate({ scope: 'person', policy: personPolicy, state, throttleKey, challengeKey, now });
 *   const guess = await gate.admit({ address, altcha: body.altcha });
 *   if (!valid) { await guess.fail(); throw apiError('invalid_code'); }
 */
export function createGuessGate(options: { scope: ChallengeScope; policy: WorkPolicy; state: ThrottleState; throttleKey: Buffer; challengeKey: string; now: () => Date }): GuessGate {
  const { scope, policy, state, throttleKey } = options;
  const windowMs = policy.windowMs;
  const global = `${scope}:global`;
  const accountKey = (account: string) => `${scope}:account:${createHmac('sha256', throttleKey).update(`account:${account}`).digest('base64url')}`;

  return {
    async admit(input) {
      const now = options.now();
      const at = now.getTime();
      const addresses = addressKeys(throttleKey, input.address, at, windowMs).map((key) => `${scope}:address:${key}`);
      const account = input.account === undefined ? undefined : accountKey(input.account);
      const fail = async () => {
        await Promise.all([addresses[0]!, global, ...(account ? [account] : [])].map((counter) => state.recordFailure(counter, windowMs, at)));
      };
      let problem: string | undefined;
      if (input.altcha !== undefined) {
        problem = await spendSolution(options.challengeKey, state, scope, input.altcha, now);
        if (!problem) return { fail };
      }
      const [address, accountFailures, globalFailures] = await Promise.all([
        Promise.all(addresses.map((key) => state.recentFailures(key, windowMs, at))).then((counts) => counts.reduce((a, b) => a + b, 0)),
        account ? state.recentFailures(account, windowMs, at) : Promise.resolve(0),
        state.recentFailures(global, windowMs, at),
      ]);
      const maxnumber = difficulty(policy, { address, account: accountFailures, global: globalFailures });
      if (maxnumber === 0) return { fail };
      // Work is needed (or the solution sent was not good): a new challenge, to solve and send with the guess.
      const challenge = await issueChallenge(options.challengeKey, scope, Math.max(maxnumber, policy.base), now);
      const message = problem ? `The proof-of-work solution was not accepted (${problem.replace('_', ' ')}): solve this new challenge.` : undefined;
      throw apiError('challenge_required', message, { challenge }, { 'Retry-After': '0' });
    },
  };
}
