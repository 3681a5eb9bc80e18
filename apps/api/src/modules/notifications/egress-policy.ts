import { BlockList, isIP } from 'node:net';
import type { RobotKind } from '@planwatch/shared';
import { parseNetwork } from '../../common/network.js';

/**
 * Where notifications may be sent. An administrator's webhook URL must not turn the API into a
 * way to reach what only it can reach: loopback, private, link-local (the cloud metadata service
 * at 169.254.169.254) and other special-purpose addresses are refused unless an operator lets
 * particular networks through (WEBHOOK_ALLOWED_NETWORKS), and the WeCom and DingTalk robots go
 * only to their vendors' endpoints.
 */
const SPECIAL_PURPOSE: ReadonlyArray<readonly [string, number, 'ipv4' | 'ipv6']> = [
  ['0.0.0.0', 8, 'ipv4'], // "this network"
  ['10.0.0.0', 8, 'ipv4'], // private
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['127.0.0.0', 8, 'ipv4'], // loopback
  ['169.254.0.0', 16, 'ipv4'], // link-local, cloud metadata
  ['172.16.0.0', 12, 'ipv4'], // private
  ['192.0.0.0', 24, 'ipv4'], // IETF protocol assignments
  ['192.168.0.0', 16, 'ipv4'], // private
  ['198.18.0.0', 15, 'ipv4'], // benchmarking
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, broadcast
  ['::', 96, 'ipv6'], // unspecified, loopback, IPv4-compatible
  ['fc00::', 7, 'ipv6'], // unique local
  ['fe80::', 10, 'ipv6'], // link-local
  ['ff00::', 8, 'ipv6'], // multicast
];

export interface EgressConfig {
  /** CIDRs (a.b.c.d/n, x::/n) of special-purpose addresses that may be reached all the same. */
  allowedNetworks: readonly string[];
  /** Each robot's endpoint: its URL must start with this. */
  robotBases: Readonly<Record<RobotKind, string>>;
}

const ROBOT_NAMES: Record<RobotKind, string> = { wecom: '企业微信机器人', dingtalk: '钉钉机器人' };

export class EgressPolicy {
  private readonly special = new BlockList();
  private readonly allowed = new BlockList();

  constructor(private readonly config: EgressConfig) {
    for (const [address, prefix, type] of SPECIAL_PURPOSE) this.special.addSubnet(address, prefix, type);
    for (const cidr of config.allowedNetworks) {
      const network = parseNetwork(cidr);
      if (!network) throw new Error(`not a network: "${cidr}"`);
      this.allowed.addSubnet(network.address, network.prefix, network.type);
    }
  }

  /** Why an address (as resolved, or written in the URL) may not be reached; null when it may. */
  addressProblem(address: string): string | null {
    const version = isIP(address);
    if (version === 0) return `"${address}"不是IP地址`;
    const type = version === 4 ? 'ipv4' : 'ipv6';
    if (!this.special.check(address, type) || this.allowed.check(address, type)) return null;
    return `不允许向本机、内网或链路本地地址（${address}）发送通知；确需发送时，请运维人员在 WEBHOOK_ALLOWED_NETWORKS 中放行该网段`;
  }

  /**
   * Why a channel's URL may not be used; null when it may. A host name is checked again, as
   * resolved, each time a notification is sent (WebhookTransport).
   */
  urlProblem(kind: 'webhook' | RobotKind, url: string): string | null {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return '地址无效';
    }
    if (kind !== 'webhook') {
      const base = this.config.robotBases[kind];
      if (!parsed.href.startsWith(base)) return `${ROBOT_NAMES[kind]}的地址须以 ${base} 开头`;
    }
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    return isIP(host) === 0 ? null : this.addressProblem(host);
  }
}
