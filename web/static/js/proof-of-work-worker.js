// Solves a proof-of-work challenge off the page's thread, with altcha-lib's own solver
// (served from node_modules at /static/vendor/altcha/). Receives the challenge from the
// server's 429 challenge_required answer and the numbers to try (start to end); answers
// with the payload to send as `altcha`, or null when the answer is not in its range.
import { solveChallenge } from '/static/vendor/altcha/index.js';

self.onmessage = async (event) => {
  const { algorithm, challenge, salt, signature, start, end } = event.data;
  const solution = await solveChallenge(challenge, salt, algorithm, end, start).promise;
  self.postMessage(solution ? btoa(JSON.stringify({ algorithm, challenge, number: solution.number, salt, signature })) : null);
};
