/**
 * Endpoint secrets and Standard Webhooks signatures. A secret (`whsec_` + 24 random bytes,
 * base64) is shown once and stored sealed (AES-256-GCM, server/auth/secret-box.ts) under
 * its own key derived from the secret key file: a copy of the database alone cannot
 * forge a delivery. Signing is the `standardwebhooks` package's, never our own.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { Secrets } from '../config.ts';
import { seal, unseal } from '../auth/secret-box.ts';

/** The key endpoint secrets are sealed under (distinct from the two-factor key). */
export function webhookSealKey(secrets: Secrets): { seal: Buffer } {
  return { seal: createHmac('sha256', secrets.codeKey).update('mestring:webhook-seal:v1').digest() };
}

/**
 * A new endpoint secret and its sealed form.
 *
 * @example
 *   const { secret, sealed } = newEndpointSecret(deps.secrets); // secret 'whsec_...' to the admin, sealed to the db
 */
export function newEndpointSecret(secrets: Secrets): { secret: string; sealed: string } {
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  return { secret, sealed: seal(webhookSealKey(secrets), secret) };
}

/** Opens a sealed endpoint secret, or undefined when it cannot be opened. */
export function openEndpointSecret(secrets: Secrets, sealed: string): string | undefined {
  return unseal(webhookSealKey(secrets), sealed);
}

/**
 * The Standard Webhooks headers for one attempt: the message id is the same on every
 * attempt, the timestamp is the attempt's own.
 *
 * @example
 *   signedHeaders('whsec_...', 'msg_abc', new Date(), body) // { 'webhook-id', 'webhook-timestamp', 'webhook-signature' }
 */
export function signedHeaders(secret: string, msgId: string, at: Date, body: string): Record<string, string> {
  return {
    'webhook-id': msgId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(msgId, at, body),
  };
}
