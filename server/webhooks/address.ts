/**
 * Which webhook addresses are public. An endpoint on the server's own network (loopback,
 * private, link-local, unique-local, CGNAT, multicast, reserved ...) would let an admin
 * probe internal services through the delivery log, so registration refuses such literals
 * and `localhost` names here, and delivery refuses them again at connect time (send.ts),
 * where a name's DNS answer is known. Ranges come from ipaddr.js: only its `unicast`
 * (publicly routable) range is public.
 */
import net from 'node:net';
import ipaddr from 'ipaddr.js';

/** True for an IP address in a publicly routable range; IPv4-mapped IPv6 counts as its IPv4 address. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/**
 * True when a URL's host is certainly not public: an IP literal outside the public
 * ranges, or `localhost` and its subdomains. Other names are left to the connect-time check.
 *
 * @example
 *   privateHost(new URL('https://[::ffff:10.0.0.5]/').hostname); // true
 */
export function privateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
  if (net.isIP(host)) return !isPublicAddress(host);
  return host === 'localhost' || host.endsWith('.localhost');
}
