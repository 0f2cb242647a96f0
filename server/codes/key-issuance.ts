/**
 * Codes issued with an API key (a shop or partner platform): the key's own licence
 * allowance per program is spent together with the organisation's licence, and an
 * `Idempotency-Key` makes a retried request safe. The same key and body within 24 hours
 * answer the same code and spend one licence; the same key with another body is 409.
 * Everything happens in one transaction: on PostgreSQL a concurrent request with the same
 * key waits on the unique index until the first commits, then reads its code; on SQLite
 * the transactions run one after the other.
 */
import { createHash, createHmac } from 'node:crypto';
import type { Secrets } from '../config.ts';
import type { Stores } from '../store/index.ts';
import { issueCodeIn } from '../admin.ts';
import { apiError } from '../errors.ts';
import { seal, unseal, type FactorKeys } from '../auth/secret-box.ts';

/** How long a retry with the same Idempotency-Key gets the same code back. */
export const idempotencyWindowMs = 24 * 60 * 60 * 1000;

/** The sealing key for codes kept for retries (derived from the code key, its own label). */
const retryKeys = (secrets: Secrets): FactorKeys => {
  const key = createHmac('sha256', secrets.codeKey).update('mestring:idempotent-code:v1').digest();
  return { seal: key, recovery: key };
};

/** A stable hash of a JSON body (keys sorted), to tell a retry from a different request. */
export function bodyHash(body: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)])) : v;
  return createHash('sha256').update(JSON.stringify(canonical(body))).digest('hex');
}

export interface KeyIssue {
  orgId: number;
  keyId: number;
  programId: string;
  /** The person's language (else the organisation's). */
  locale?: string;
  /** The request's Idempotency-Key header, if any. */
  idempotencyKey?: string;
  body: unknown;
  now: Date;
}

/**
 * Issues a code for an API key, or answers the code an earlier request with the same
 * Idempotency-Key and body got. `replayed` tells which.
 *
 * @example
 *   const { issued, replayed } = await issueWithKey(stores, secrets, { orgId, keyId, programId, idempotencyKey, body, now });
 */
export async function issueWithKey(stores: Stores, secrets: Secrets, req: KeyIssue) {
  const now = req.now.toISOString();
  const expiredBefore = new Date(req.now.getTime() - idempotencyWindowMs).toISOString();
  const hash = bodyHash(req.body);
  return await stores.transaction(async (tx) => {
    if (req.idempotencyKey && !(await tx.apiKeyIssues.claim(req.keyId, req.idempotencyKey, hash, req.programId, now, expiredBefore))) {
      const earlier = await tx.apiKeyIssues.byIdempotencyKey(req.keyId, req.idempotencyKey);
      if (!earlier || earlier.body_hash !== hash) throw apiError('idempotency_key_reused');
      const code = earlier.code_sealed ? unseal(retryKeys(secrets), earlier.code_sealed) : undefined;
      const row = earlier.code_ref ? await tx.codes.byRefAnyOrg(earlier.code_ref) : undefined;
      // The code was erased by its person meanwhile (or its seal is gone): it cannot be given out again.
      if (!code || !row || row.erased_at) throw apiError('gone', 'The code issued for this Idempotency-Key no longer exists.');
      return { issued: { code, ref: row.ref, hint: row.hint, programId: row.program_id, locale: row.locale }, replayed: true };
    }
    const allowance = await tx.apiKeyIssues.useAllowance(req.keyId, req.programId);
    if (allowance === false) throw apiError('quota_exhausted', 'This API key has no licences left for this program.');
    const issued = await issueCodeIn(tx, secrets.codeKey, req.orgId, req.programId, { keyId: req.keyId }, req.now, null, req.locale);
    await tx.apiKeyIssues.record(req.keyId, {
      programId: req.programId, codeRef: issued.ref, now,
      ...(req.idempotencyKey ? { idempotencyKey: req.idempotencyKey, codeSealed: seal(retryKeys(secrets), issued.code) } : {}),
    });
    return { issued, replayed: false };
  });
}
