import { describe, expect, it } from 'vitest';
import { addressBucket, addressKeys, clientAddress, trustedProxies } from '../../server/throttle/client-address.ts';
import { readConfig } from '../../server/config.ts';
import { difficulty, personPolicy, staffPolicy } from '../../server/throttle/guess-gate.ts';
import { memoryThrottleState } from '../../server/throttle/throttle-state.ts';

describe('the client address behind trusted proxies', () => {
  const trusted = trustedProxies(readConfig({ MESTRING_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8 ,fd00::/8' }).trustedProxies);

  it('takes the rightmost untrusted X-Forwarded-For entry, only from a trusted peer', () => {
    expect(clientAddress('10.0.0.5', '203.0.113.7, 10.0.0.9', trusted)).toBe('203.0.113.7');
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.7', trusted)).toBe('203.0.113.7');
    expect(clientAddress('::ffff:127.0.0.1', '[2001:db8::1]:443', trusted)).toBe('2001:db8::1');
    expect(clientAddress('127.0.0.1', '198.51.100.2:5123', trusted)).toBe('198.51.100.2');
    expect(clientAddress('127.0.0.1', '10.0.0.1, 10.0.0.2', trusted)).toBe('10.0.0.1');
    expect(clientAddress('203.0.113.9', '1.2.3.4', trusted)).toBe('203.0.113.9');
    expect(clientAddress('127.0.0.1', undefined, trusted)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', '1.2.3.4', undefined)).toBe('127.0.0.1');
  });

  it('refuses a setting that is not an address or a range, naming it', () => {
    for (const bad of ['localhost', '10.0.0.0/33', '10.0.0.0/8/1', '::1/129', '10.0.0.0/x']) expect(() => trustedProxies([bad])).toThrow(`'${bad}'`);
    expect(trustedProxies([])).toBeUndefined();
  });

  it('counts an IPv6 client by its /64 and an IPv4-mapped one as IPv4', () => {
    expect(addressBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket(undefined)).toBe('unknown');
  });

  it('keys addresses by an hourly HMAC, also under the last hour while the window reaches into it', () => {
    const key = Buffer.alloc(32, 7);
    const at = Date.parse('2025-03-03T10:05:00Z');
    const keys = addressKeys(key, '203.0.113.7', at, 15 * 60_000);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(addressKeys(key, '203.0.113.7', Date.parse('2025-03-03T09:59:00Z'), 15 * 60_000)[0]);
    expect(addressKeys(key, '203.0.113.7', Date.parse('2025-03-03T10:30:00Z'), 15 * 60_000)).toEqual([keys[0]]);
    expect(keys.join()).not.toContain('203');
  });
});

describe('the work asked for', () => {
  it('is none while failures are few, then doubles, up to the cap', () => {
    expect(difficulty(personPolicy, { address: 2, account: 0, global: 99 })).toBe(0);
    expect(difficulty(personPolicy, { address: 3, account: 0, global: 0 })).toBe(personPolicy.base * 2);
    expect(difficulty(personPolicy, { address: 0, account: 0, global: 100 })).toBe(personPolicy.base * 2);
    expect(difficulty(personPolicy, { address: 1e6, account: 0, global: 1e6 })).toBe(personPolicy.max);
    expect(difficulty(staffPolicy, { address: 0, account: 3, global: 0 })).toBe(staffPolicy.base * 2);
  });

  it('counts failures in a sliding window and spends a challenge once', async () => {
    const state = memoryThrottleState();
    const w = 15 * 60_000;
    const start = Date.parse('2025-03-03T10:00:00Z');
    for (let i = 0; i < 10; i++) await state.recordFailure('c', w, start + i);
    expect(await state.recentFailures('c', w, start + 1000)).toBe(10);
    expect(await state.recentFailures('c', w, start + w + w / 2)).toBe(5);
    expect(await state.recentFailures('c', w, start + 2 * w)).toBe(0);
    expect(await state.spendChallenge('x', start + 1000, start)).toBe(true);
    expect(await state.spendChallenge('x', start + 1000, start + 10)).toBe(false);
  });
});
