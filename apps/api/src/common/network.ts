import { isIP } from 'node:net';

/** Parses `a.b.c.d/n` or `x::/n`; null when it is not a network. */
export function parseNetwork(cidr: string): { address: string; prefix: number; type: 'ipv4' | 'ipv6' } | null {
  const [address = '', bits, ...rest] = cidr.trim().split('/');
  const version = isIP(address);
  const prefix = Number(bits);
  if (rest.length > 0 || version === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > (version === 4 ? 32 : 128)) return null;
  return { address, prefix, type: version === 4 ? 'ipv4' : 'ipv6' };
}
