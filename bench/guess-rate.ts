/**
 * Measures how fast an attacker can guess access codes against a real server on
 * 127.0.0.1 (a child process on a temp data folder), and what that means for the chance
 * of hitting a live code in a year. Bounded in count and time: autocannon for a few
 * seconds from one address, then a fixed number of guesses spread over many loopback
 * addresses. Prints a JSON report; docs/security.md quotes it.
 *
 *   npx tsx bench/guess-rate.ts [--seconds 5] [--spread 3000]
 */
import { parseArgs } from 'node:util';
import { rmSync } from 'node:fs';
import autocannon from 'autocannon';
import { request, seedDataDir, startServerProcess } from '../tests/security/server-process.ts';
import { formatCode, generateCode } from '../server/codes/access-code.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, spread: { type: 'string', default: '3000' } } });
const seconds = Math.min(30, Number(values.seconds));
const spread = Math.min(20_000, Number(values.spread));

const data = await seedDataDir({ codes: 1 });
const server = await startServerProcess(data);
try {
  // 1. One address, as fast as it can: how many guesses are judged, how many refused.
  const statuses: Record<string, number> = {};
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}/v1/sessions`,
    method: 'POST',
    connections: 10,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ code: formatCode(generateCode()) }) }) }],
  });
  for (const [status, n] of Object.entries(result.statusCodeStats ?? {})) statuses[status] = (n as { count: number }).count;

  // 2. Spread over many loopback addresses (a botnet's view): the global budget decides.
  const started = performance.now();
  const spreadStatuses: Record<number, number> = {};
  for (let i = 0; i < spread; i++) {
    const localAddress = `127.${1 + ((i >> 16) & 127)}.${(i >> 8) & 255}.${(i & 255) || 1}`;
    const res = await request(server.port, 'POST', '/v1/sessions', { body: { code: formatCode(generateCode()) }, localAddress });
    spreadStatuses[res.status] = (spreadStatuses[res.status] ?? 0) + 1;
  }
  const spreadSeconds = (performance.now() - started) / 1000;

  // The sustained judged rate is capped by the global budget: 1000 failures per 15 minutes.
  const globalPerSecond = 1000 / (15 * 60);
  const perYear = (rate: number) => rate * 365.25 * 24 * 3600;
  const live = 1e6;
  const space = 2 ** 80;
  const chance = (guesses: number) => -Math.expm1(guesses * Math.log1p(-live / space));
  const rawRate = result.requests.average;
  console.log(JSON.stringify({
    oneAddress: { seconds, requestsPerSecond: rawRate, statuses },
    spread: { guesses: spread, seconds: Number(spreadSeconds.toFixed(1)), statuses: spreadStatuses },
    sustainedJudgedGuessesPerSecond: Number(globalPerSecond.toFixed(3)),
    guessesPerYear: Math.round(perYear(globalPerSecond)),
    chanceOfHittingALiveCodeInAYear: { activeCodes: live, codeBits: 80, throttled: chance(perYear(globalPerSecond)), unthrottledAtMeasuredRate: chance(perYear(rawRate)) },
  }, null, 2));
} finally {
  await server.stop();
  rmSync(data.dir, { recursive: true, force: true });
}
