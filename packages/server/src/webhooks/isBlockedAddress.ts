import { BlockList, isIP } from 'node:net';

/** Why an address may not receive webhooks. */
export type BlockedAddressKind = 'internal' | 'invalid';

// Never a webhook receiver, whatever the development allowance says: nothing listens there.
const NEVER = new BlockList();
NEVER.addSubnet('0.0.0.0', 8, 'ipv4'); // "this network", unspecified
NEVER.addSubnet('224.0.0.0', 4, 'ipv4'); // multicast
NEVER.addSubnet('240.0.0.0', 4, 'ipv4'); // reserved, broadcast
NEVER.addAddress('::', 'ipv6'); // unspecified
NEVER.addSubnet('ff00::', 8, 'ipv6'); // multicast

// Inside the server's own networks: refused unless the development allowance (`allowPrivateNetworks`) is on.
const INTERNAL = new BlockList();
INTERNAL.addSubnet('127.0.0.0', 8, 'ipv4'); // loopback
INTERNAL.addSubnet('10.0.0.0', 8, 'ipv4'); // RFC 1918
INTERNAL.addSubnet('172.16.0.0', 12, 'ipv4');
INTERNAL.addSubnet('192.168.0.0', 16, 'ipv4');
INTERNAL.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local, cloud metadata (169.254.169.254)
INTERNAL.addSubnet('100.64.0.0', 10, 'ipv4'); // CGNAT
INTERNAL.addSubnet('192.0.0.0', 24, 'ipv4'); // IETF protocol assignments
INTERNAL.addSubnet('198.18.0.0', 15, 'ipv4'); // benchmarking
INTERNAL.addAddress('::1', 'ipv6'); // loopback
INTERNAL.addSubnet('fc00::', 7, 'ipv6'); // unique local
INTERNAL.addSubnet('fe80::', 10, 'ipv6'); // link-local
INTERNAL.addSubnet('fec0::', 10, 'ipv6'); // site-local (deprecated, still routed by some)

/** The 16 bytes of an IPv6 address (already known to be one). */
function ipv6Bytes(address: string): number[] {
  let text = address.split('%')[0]!.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.flatMap((group) => {
    const value = parseInt(group || '0', 16);
    return [value >> 8, value & 0xff];
  });
}

/**
 * The IPv4 address an IPv6 address carries, for the forms that reach it: IPv4-mapped (`::ffff:a.b.c.d`),
 * IPv4-compatible (`::a.b.c.d`), NAT64 (`64:ff9b::/96`) and 6to4 (`2002:AABB:CCDD::/16`); `null` otherwise.
 */
function embeddedIpv4(address: string): string | null {
  const bytes = ipv6Bytes(address);
  const v4 = (from: number) => bytes.slice(from, from + 4).join('.');
  const zero = (from: number, to: number) => bytes.slice(from, to).every((byte) => byte === 0);
  if (zero(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return v4(12);
  if (zero(0, 12) && !zero(12, 14)) return v4(12);
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zero(4, 12)) return v4(12);
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return v4(2);
  return null;
}

/**
 * Why `address` (an IP literal) may not receive webhooks: `invalid` (not an IP, unspecified, multicast,
 * reserved: never allowed) or `internal` (loopback, RFC 1918, unique-local, link-local including the cloud
 * metadata address, CGNAT: allowed only by the development allowance); `null` when it is a public address.
 * IPv6 forms that carry an IPv4 address are judged by that address.
 */
export function blockedAddressKind(address: string): BlockedAddressKind | null {
  const family = isIP(address.split('%')[0]!);
  if (family === 0) return 'invalid';
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4 !== null) return blockedAddressKind(v4);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const plain = address.split('%')[0]!;
  if (NEVER.check(plain, type)) return 'invalid';
  if (INTERNAL.check(plain, type)) return 'internal';
  return null;
}

/** True when `address` may not receive webhooks (see {@link blockedAddressKind}; `allowInternal`: the development allowance). */
export function isBlockedAddress(address: string, allowInternal = false): boolean {
  const kind = blockedAddressKind(address);
  return kind === 'invalid' || (kind === 'internal' && !allowInternal);
}
