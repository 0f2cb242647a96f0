// When the server asks for proof-of-work (429 challenge_required, after many wrong codes
// or passwords), the login solves the challenge in a Web Worker and sends the same
// request again with the solution: a valid code or password always gets in.
import { ApiError } from './api.js';

/**
 * The `altcha` payload that solves `challenge`, found by up to four workers that each try
 * a share of the numbers (a phone's cores make it that much faster).
 * @param {{ algorithm: string, challenge: string, maxnumber: number, salt: string, signature: string }} challenge
 * @returns {Promise<string>}
 */
function solve(challenge) {
  const count = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1));
  const share = Math.ceil((challenge.maxnumber + 1) / count);
  const workers = Array.from({ length: count }, () => new Worker('/static/js/proof-of-work-worker.js', { type: 'module' }));
  const stop = () => workers.forEach((w) => w.terminate());
  return new Promise((resolve, reject) => {
    let unsolved = 0;
    workers.forEach((worker, i) => {
      worker.onmessage = (event) => {
        if (event.data) {
          stop();
          resolve(event.data);
        } else if (++unsolved === count) {
          stop();
          reject(new Error('unsolved challenge'));
        }
      };
      worker.onerror = (event) => {
        stop();
        reject(new Error(event.message || 'worker failed'));
      };
      const start = i * share;
      worker.postMessage({ ...challenge, start, end: Math.min(challenge.maxnumber, start + share - 1) });
    });
  });
}

/**
 * Sends `body` with `send`; while the server asks for work, solves its challenge and sends
 * again with `altcha`. `checking(true)` while solving, `checking(false)` after.
 * @param {(body: Record<string, unknown>) => Promise<any>} send
 * @param {Record<string, unknown>} body
 * @param {(on: boolean) => void} checking
 */
export async function withProofOfWork(send, body, checking) {
  for (let round = 0; ; round++) {
    try {
      return await send(body);
    } catch (err) {
      const e = /** @type {ApiError} */ (err);
      if (!(e instanceof ApiError) || e.code !== 'challenge_required' || round >= 3) throw err;
      checking(true);
      try {
        body = { ...body, altcha: await solve(/** @type {any} */ (e.body).challenge) };
      } finally {
        checking(false);
      }
    }
  }
}
