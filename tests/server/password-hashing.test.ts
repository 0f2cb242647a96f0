import { describe, expect, it } from 'vitest';
import { hashPassword, hashingLoad, hashingSlots, verifyPassword } from '../../server/auth/password.ts';

describe('password hashing', () => {
  it('runs at most one hash per core but one, so the event loop keeps a core', async () => {
    const stored = await hashPassword('a long and unusual passphrase');
    const checks = Array.from({ length: hashingSlots + 3 }, () => verifyPassword('not the passphrase at all', stored));
    await Promise.resolve();
    expect(hashingLoad()).toEqual({ running: hashingSlots, waiting: 3 });
    expect(await Promise.all(checks)).toEqual(Array(hashingSlots + 3).fill(false));
    expect(await verifyPassword('a long and unusual passphrase', stored)).toBe(true);
    expect(hashingLoad()).toEqual({ running: 0, waiting: 0 });
  });
});
