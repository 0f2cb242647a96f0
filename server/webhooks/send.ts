/**
 * One webhook attempt over node:http(s): POST the signed body, follow no redirect (a
 * redirect is an answer, not a place to send the body), give up after the timeout, and
 * discard the answer's body. Unless private addresses are allowed, request-filtering-agent
 * checks the address the socket connects to, after DNS (so a name that resolves, or
 * later rebinds, to the server's own network is never sent to): such an attempt is
 * `address_private`.
 */
import http from 'node:http';
import https from 'node:https';
import type { Agent } from 'node:http';

/** What an HTTP attempt came to, before scheduling. */
export type Sent =
  | { ok: true; status: number }
  | { ok: false; error: 'http_error' | 'timeout' | 'network' | 'address_private'; status: number | null };

export interface Sender {
  (url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<Sent>;
}

/** request-filtering-agent's refusal carries no code; its message is pinned by tests/server/webhooks.test.ts. */
const refusedByFilter = (error: Error) => /^DNS lookup .* is not allowed\./.test(error.message);

class AttemptTimeout extends Error {
  override name = 'TimeoutError';
}

/**
 * A sender; `allowPrivate` (MESTRING_WEBHOOKS_ALLOW_PRIVATE) turns the address check off.
 *
 * @example
 *   const send = webhookSender({ allowPrivate: false });
 *   await send('https://partner.example/hooks', signed, body, 10_000); // { ok: true, status: 204 }
 */
export function webhookSender(options: { allowPrivate: boolean }): Sender {
  // No keep-alive: every attempt connects, and so every attempt's address is checked.
  const filter = { keepAlive: false, allowPrivateIPAddress: options.allowPrivate, allowMetaIPAddress: options.allowPrivate };
  // Imported with the first attempt: a server with no webhooks never loads it (about 0.1 s at start-up).
  let agents: Promise<{ http: Agent; https: Agent }> | undefined;
  const agentsOnce = () => (agents ??= import('request-filtering-agent').then(({ RequestFilteringHttpAgent, RequestFilteringHttpsAgent }) =>
    ({ http: new RequestFilteringHttpAgent(filter), https: new RequestFilteringHttpsAgent(filter) })));

  return async (url, headers, body, timeoutMs) => attempt(await agentsOnce(), url, headers, body, timeoutMs);
}

/** One POST through the filtering agents, resolved (never rejected) with what it came to. */
function attempt(agents: { http: Agent; https: Agent }, url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<Sent> {
  return new Promise<Sent>((resolve) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const req = (secure ? https : http).request(target, {
      method: 'POST',
      agent: secure ? agents.https : agents.http,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Mestring-Webhooks/1', ...headers },
    });
    // One clock for the whole attempt: connecting, sending, the answer's status and its body.
    const timer = setTimeout(() => req.destroy(new AttemptTimeout()), timeoutMs);
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      resolve(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, error: 'http_error', status });
      res.on('error', () => {});
      res.on('close', () => clearTimeout(timer));
      res.resume();
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      const kind = error instanceof AttemptTimeout ? 'timeout' : refusedByFilter(error) ? 'address_private' : 'network';
      resolve({ ok: false, error: kind, status: null });
    });
    req.end(body);
  });
}
