/** Tokens and refs: random, of a fixed form, never handed out twice. */
import { describe, expect, it } from 'vitest';
import { hashToken, newRef, newToken } from '../../server/auth/tokens.ts';

describe('refs', () => {
  it('are 96 random bits in base64url after the prefix, and unique across many refills of their pool', () => {
    // The pool holds 256 refs: 5,000 refs take it through nineteen refills.
    const refs = Array.from({ length: 5000 }, () => newRef('chk'));
    for (const ref of refs) expect(ref).toMatch(/^chk_[A-Za-z0-9_-]{16}$/);
    expect(new Set(refs).size).toBe(refs.length);
    // Every character position varies: no part of a ref is fixed or repeated from the last.
    for (let at = 4; at < 20; at++) expect(new Set(refs.map((r) => r[at])).size).toBeGreaterThan(40);
    for (let i = 1; i < refs.length; i++) expect(refs[i]!.slice(4)).not.toBe(refs[i - 1]!.slice(4));
  });
});

describe('tokens', () => {
  it('are 256 random bits after their kind, stored only as their sha256', () => {
    const { token, hash } = newToken('msp');
    expect(token).toMatch(/^msp_[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(hashToken(token));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(newToken('msp').token).not.toBe(token);
  });
});
