/**
 * How fast can an attacker guess access codes against the real server (a child process
 * on a temp data folder, 127.0.0.1 only), now that guesses under pressure need a solved
 * proof-of-work challenge, and what does that mean for the chance of hitting a live code
 * in a year (R1: below 1e-6 with 1,000,000 live codes)? Bounded in count and time.
 *
 *   1. The ceiling: the server's own rate of judging guesses when every request brings a
 *      valid solution (challenges fetched from many addresses and solved beforehand with
 *      a native SHA-256 loop, as a well-equipped attacker would; then sent as fast as
 *      autocannon can). No amount of attacker compute judges guesses faster than this.
 *   2. One address, solving each challenge with altcha-lib's own solver, as fast as it can.
 *   3. Many addresses (a botnet's view), each guess solved with altcha-lib's solver.
 *   4. altcha-lib's and a native solver's hash rates, and the work the policy asks.
 *
 *   npx tsx bench/guess-rate.ts [--seconds 10] [--pool 1000]
 */
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import autocannon from 'autocannon';
import { solveChallenge } from 'altcha-lib/v1';
import type { Challenge } from 'altcha-lib/v1/types';
import { request, seedDataDir, startServerProcess } from '../tests/security/server-process.ts';
import { formatCode, generateCode } from '../server/codes/access-code.ts';
import { personPolicy } from '../server/throttle/guess-gate.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, pool: { type: 'string', default: '1000' } } });
const seconds = Math.min(60, Number(values.seconds));
const pool = Math.min(20_000, Number(values.pool));

const payload = (c: Challenge, number: number) => Buffer.from(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number, salt: c.salt, signature: c.signature })).toString('base64');
/** Native SHA-256 search: what an attacker's own code does. */
function solveNative(c: Challenge): number {
  for (let n = 0; n <= (c.maxnumber ?? 1e6); n++) if (createHash('sha256').update(c.salt + n).digest('hex') === c.challenge) return n;
  throw new Error('no solution');
}
/** altcha-lib's solver: what the reference client does. */
async function solveAltcha(c: Challenge): Promise<number> {
  const solution = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
  if (!solution) throw new Error('no solution');
  return solution.number;
}
const loopback = (i: number) => `127.${1 + ((i >> 16) & 127)}.${(i >> 8) & 255}.${(i & 255) || 1}`;
const guess = (port: number, localAddress: string, altcha?: string) => request(port, 'POST', '/v1/sessions', { body: { code: formatCode(generateCode()), ...(altcha ? { altcha } : {}) }, localAddress });

/** Guesses for `seconds` from `addressOf(i)`, solving every challenge with altcha-lib's solver. */
async function solvingAttack(port: number, addressOf: (i: number) => string) {
  const until = performance.now() + seconds * 1000;
  const statuses: Record<number, number> = {};
  let judged = 0;
  let highest = 0;
  for (let i = 0; performance.now() < until; i++) {
    let res = await guess(port, addressOf(i));
    if (res.status === 429) {
      const c = res.json.error.challenge as Challenge;
      highest = Math.max(highest, c.maxnumber ?? 0);
      res = await guess(port, addressOf(i), payload(c, await solveAltcha(c)));
    }
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (res.status === 401) judged++;
  }
  return { seconds, judged, judgedPerSecond: Number((judged / seconds).toFixed(2)), highestMaxnumber: highest, statuses };
}

const live = 1e6;
const space = 2 ** 80 * (32 / 37); // codes whose check character is in the alphabet
const perYear = (rate: number) => rate * 365.25 * 24 * 3600;
const chance = (guesses: number) => -Math.expm1(guesses * Math.log1p(-live / space));

const data = await seedDataDir({ codes: 1 });
let server = await startServerProcess(data);
try {
  // 1. The ceiling: a pool of solved challenges (each from a fresh address, at the base difficulty), then autocannon.
  const solved: string[] = [];
  const solving = performance.now();
  for (let i = 0; solved.length < pool; i++) {
    const address = loopback(100_000 + i);
    let res = await guess(server.port, address);
    for (let n = 0; res.status === 401 && n < 5; n++) res = await guess(server.port, address);
    const c = res.json.error.challenge as Challenge;
    solved.push(payload(c, solveNative(c)));
  }
  const nativeSolveSeconds = (performance.now() - solving) / 1000;
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}/v1/sessions`,
    method: 'POST',
    connections: 10,
    amount: solved.length,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ code: formatCode(generateCode()), altcha: solved[next++ % solved.length] }) }) }],
  });
  const ceilingStatuses: Record<string, number> = {};
  for (const [status, n] of Object.entries(result.statusCodeStats ?? {})) ceilingStatuses[status] = (n as { count: number }).count;
  const ceiling = result.requests.average;
  await server.stop();

  // 2 and 3 on a fresh server, so that the ceiling run's failures do not count.
  server = await startServerProcess(data);
  const oneAddress = await solvingAttack(server.port, () => '127.0.0.9');
  await server.stop();
  server = await startServerProcess(data);
  const spread = await solvingAttack(server.port, (i) => loopback(i));

  // 4. Solver speeds.
  const probe = { algorithm: 'SHA-256', challenge: createHash('sha256').update('probe&200000').digest('hex'), maxnumber: 200_000, salt: 'probe&', signature: '' } as Challenge;
  let started = performance.now();
  await solveAltcha(probe);
  const altchaHashesPerSecond = Math.round(200_000 / ((performance.now() - started) / 1000));
  started = performance.now();
  solveNative(probe);
  const nativeHashesPerSecond = Math.round(200_000 / ((performance.now() - started) / 1000));
  const atMax = (hashesPerSecond: number) => Number((hashesPerSecond / (personPolicy.max / 2)).toFixed(2));

  console.log(JSON.stringify({
    ceiling: { pool: solved.length, nativeSolveSeconds: Number(nativeSolveSeconds.toFixed(1)), judgedPerSecond: Math.round(ceiling), statuses: ceilingStatuses },
    oneAddressWithAltchaSolver: oneAddress,
    spreadWithAltchaSolver: spread,
    solvers: { altchaHashesPerSecond, nativeHashesPerSecond, policy: { base: personPolicy.base, max: personPolicy.max }, guessesPerSecondPerCoreAtMax: { altcha: atMax(altchaHashesPerSecond), native: atMax(nativeHashesPerSecond) } },
    chanceOfHittingALiveCodeInAYear: {
      activeCodes: live,
      atTheCeiling: chance(perYear(ceiling)),
      oneAddressWithAltchaSolver: chance(perYear(oneAddress.judgedPerSecond)),
      spreadWithAltchaSolver: chance(perYear(spread.judgedPerSecond)),
      ratePerSecondThatWouldReach1e6: Math.round(-Math.log1p(-1e-6) / -Math.log1p(-live / space) / perYear(1)),
    },
  }, null, 2));
} finally {
  await server.stop();
  rmSync(data.dir, { recursive: true, force: true });
}
