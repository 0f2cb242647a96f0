/**
 * A webhook receiver on loopback for tests: records every delivery with its headers and
 * raw body, verifies the signature with the `standardwebhooks` package (as a partner
 * would), and answers with the status `answer` chooses (200 unless told otherwise), at
 * once or when its promise settles (to hold a delivery in flight).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  timestamp: string;
  body: string;
  json: { type: string; occurredAt: string; data: Record<string, unknown> };
  /** True when the signature verified under the secret given to `verifyWith`. */
  verified: boolean;
  /** The status the receiver answered (0 while it holds the request). */
  answered: number;
}

export async function webhookReceiver() {
  let secret: string | undefined;
  let answer: (delivery: Omit<Received, 'answered'>) => number | Promise<number> = () => 200;
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const headers = { 'webhook-id': String(req.headers['webhook-id']), 'webhook-timestamp': String(req.headers['webhook-timestamp']), 'webhook-signature': String(req.headers['webhook-signature']) };
      let verified = false;
      try {
        if (secret) new Webhook(secret).verify(body, headers);
        verified = !!secret;
      } catch {
        verified = false;
      }
      const delivery = { id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], body, json: JSON.parse(body), verified };
      const entry: Received = { ...delivery, answered: 0 };
      received.push(entry);
      void Promise.resolve(answer(delivery)).then((status) => {
        entry.answered = status;
        if (!res.destroyed) res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    /** The deliveries that were answered 2xx. */
    accepted: () => received.filter((r) => r.answered >= 200 && r.answered < 300),
    verifyWith(value: string) {
      secret = value;
    },
    answerWith(fn: (delivery: Omit<Received, 'answered'>) => number | Promise<number>) {
      answer = fn;
    },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
export type WebhookReceiver = Awaited<ReturnType<typeof webhookReceiver>>;
