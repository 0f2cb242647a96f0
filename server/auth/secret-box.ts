/**
 * Seals small secrets (TOTP shared secrets) with AES-256-GCM under a key derived from the
 * secret key file, and keys HMACs of recovery codes, so that a copy of the database alone
 * can neither produce a staff member's one-time codes nor test recovery codes offline.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Secrets } from '../config.ts';

/** Keys for the second factor, derived from the code key with distinct labels. */
export interface FactorKeys {
  seal: Buffer;
  recovery: Buffer;
}

/**
 * Derives the second-factor keys from the server's secrets.
 *
 * @example
 *   const keys = factorKeys(deps.secrets); const box = seal(keys, 'JBSWY3DP...');
 */
export function factorKeys(secrets: Secrets): FactorKeys {
  const derive = (label: string) => createHmac('sha256', secrets.codeKey).update(label).digest();
  return { seal: derive('mestring:totp-seal:v1'), recovery: derive('mestring:recovery-hmac:v1') };
}

/** Seals `plain` as `v1.<iv>.<tag>.<ciphertext>` (base64url parts). */
export function seal(keys: Pick<FactorKeys, 'seal'>, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.seal, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** Opens a sealed value, or undefined when it is damaged or sealed under another key. */
export function unseal(keys: Pick<FactorKeys, 'seal'>, sealed: string): string | undefined {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.seal, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** The stored form of a recovery code (HMAC-SHA-256, hex). */
export function recoveryHmac(keys: FactorKeys, code: string): string {
  return createHmac('sha256', keys.recovery).update(code).digest('hex');
}
