/**
 * A webhook receiver on loopback for tests: records every delivery with its headers and
 * raw body, verifies the signature with the `standardwebhooks` package (as a partner
 * would), and answers with the status `answer` chooses (200 unless told otherwise).
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
  /** The status the receiver answered. */
  answered: number;
}

export async function webhookReceiver() {
  let secret: string | undefined;
  let answer: (delivery: Omit<Received, 'answered'>) => number = () => 200;
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
      const status = answer(delivery);
      received.push({ ...delivery, answered: status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
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
    answerWith(fn: (delivery: Omit<Received, 'answered'>) => number) {
      answer = fn;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type WebhookReceiver = Awaited<ReturnType<typeof webhookReceiver>>;
