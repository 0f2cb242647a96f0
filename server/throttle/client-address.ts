/**
 * The client's address, for throttling only, and the keys it is counted under. Behind a
 * reverse proxy every request comes from the proxy; when the socket's peer is one of the
 * trusted proxies (MESTRING_TRUSTED_PROXIES), the client is the rightmost address in
 * X-Forwarded-For that is not itself a trusted proxy (the ones to its left could have been
 * written by anyone). An address is never stored or logged: throttle counters are keyed
 * by an HMAC of it under a key derived from the secret key and the current hour.
 */
import { BlockList, isIP } from 'node:net';
import { createHmac } from 'node:crypto';

/**
 * Parses the trusted proxies: comma-separated addresses or CIDR ranges, IPv4 or IPv6.
 * Throws with the offending entry when one is neither.
 *
 * @example
 *   const trusted = trustedProxies(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);
 */
export function trustedProxies(entries: readonly string[]): BlockList | undefined {
  if (!entries.length) return undefined;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits, extra] = entry.split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? undefined : Number(bits);
    const max = family === 6 ? 128 : 32;
    if (!family || extra !== undefined || (prefix !== undefined && (!/^\d{1,3}$/.test(bits!) || prefix > max))) {
      throw new Error(`MESTRING_TRUSTED_PROXIES: unexpected '${entry}', expected an IPv4 or IPv6 address or a CIDR range such as 10.0.0.0/8`);
    }
    if (prefix === undefined) list.addAddress(address, family === 6 ? 'ipv6' : 'ipv4');
    else list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}

/** An X-Forwarded-For entry as a bare address: brackets and an IPv4 port removed. */
function bare(entry: string): string {
  const trimmed = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed);
  if (bracketed) return bracketed[1]!;
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(trimmed);
  return withPort ? withPort[1]! : trimmed;
}

const isTrusted = (trusted: BlockList, address: string) => {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
};

/**
 * The client address of a request that came from `socket` with the header
 * `forwardedFor` (all X-Forwarded-For headers joined by commas).
 *
 * @example
 *   clientAddress('10.0.0.5', '203.0.113.7, 10.0.0.9', trustedProxies(['10.0.0.0/8'])) // '203.0.113.7'
 */
export function clientAddress(socket: string | undefined, forwardedFor: string | undefined, trusted: BlockList | undefined): string | undefined {
  if (!trusted || !socket || !isTrusted(trusted, socket) || !forwardedFor) return socket;
  const hops = forwardedFor.split(',').map(bare).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!isTrusted(trusted, hops[i]!)) return hops[i];
  return hops[0] ?? socket;
}

/** The eight groups of an IPv6 address, or undefined when it is not one. */
function ipv6Groups(address: string): string[] | undefined {
  if (isIP(address) !== 6) return undefined;
  const [head = '', tail] = address.toLowerCase().split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  if (right.some((g) => g.includes('.')) || left.some((g) => g.includes('.'))) return undefined;
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => g.replace(/^0+(?=.)/, ''));
}

/**
 * What a client is counted as: an IPv4 address itself (also when written IPv4-mapped), an
 * IPv6 address by its /64 network (one household or phone gets a whole /64).
 *
 * @example
 *   addressBucket('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 */
export function addressBucket(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  const groups = ipv6Groups(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

const hourMs = 3_600_000;

/** The hourly key for address HMACs: derived from the throttle key and the hour, the same on every instance. */
const hourKey = (throttleKey: Buffer, hour: number) => createHmac('sha256', throttleKey).update(`address-hour:${hour}`).digest();

/**
 * The counter keys of `address` for a window of `windowMs` ending at `at`: the HMAC under
 * this hour's key, and under the previous hour's key while the window still reaches into
 * it. Failures are recorded under the first key and counted under all of them.
 *
 * @example
 *   const [current, ...older] = addressKeys(secrets.throttleKey, '203.0.113.7', Date.now(), 15 * 60_000);
 */
export function addressKeys(throttleKey: Buffer, address: string | undefined, at: number, windowMs: number): string[] {
  const bucket = addressBucket(address);
  const hours = [...new Set([Math.floor(at / hourMs), Math.floor((at - windowMs) / hourMs)])];
  return hours.map((hour) => createHmac('sha256', hourKey(throttleKey, hour)).update(bucket).digest('base64url'));
}
