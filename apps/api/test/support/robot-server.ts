/**
 * A local group robot on 127.0.0.1 that behaves as WeCom's and DingTalk's do where it matters:
 * it takes at most `limit` messages per sliding `windowMs` (by arrival), answers the one over
 * the limit with the vendor's rate-limit code (DingTalk 130101, WeCom 45009) and then refuses
 * everything for `blockMs` (DingTalk blocks 10 minutes; shortened here); a path can be made to
 * answer a permanent errcode (93000, 310000 …). Paths starting with /wecom speak WeCom, the
 * rest DingTalk. Not a stub of our client: it only sees HTTP.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RobotMessage {
  path: string;
  url: string;
  /** Date.now() on arrival. */
  at: number;
  headers: Record<string, string | string[] | undefined>;
  json: any;
  /** The errcode it was answered. */
  errcode: number;
}

export interface RobotServer {
  url: string;
  /** Every request, in order of arrival. */
  requests: RobotMessage[];
  /** Requests answered errcode 0: what reached the group. */
  delivered(path?: string): RobotMessage[];
  /** The most requests that arrived within any window of `windowMs` (all of them, answered or not). */
  maxInWindow(windowMs?: number, path?: string): number;
  /** From now on, requests to `path` are answered `errcode` (null: normal again). */
  answer(path: string, errcode: number | null): void;
  /** Counts `n` sends that were never ours (another system using the same robot). */
  occupy(n: number): void;
  close(): Promise<void>;
}

export async function startRobotServer(options: { limit?: number; windowMs?: number; blockMs?: number; port?: number } = {}): Promise<RobotServer> {
  const limit = options.limit ?? 20;
  const windowMs = options.windowMs ?? 60_000;
  const blockMs = options.blockMs ?? 600_000;
  const requests: RobotMessage[] = [];
  /** Arrival times of the messages the robot took (what its limit counts). */
  const taken: number[] = [];
  const fixed = new Map<string, number>();
  let blockedUntil = 0;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const wecom = path.startsWith('/wecom');
      let json: unknown = null;
      try {
        json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        // answered 40035 below
      }
      let errcode = 0;
      if (fixed.has(path)) errcode = fixed.get(path)!;
      else if (json === null) errcode = 40035;
      else if (at < blockedUntil || taken.filter((t) => t > at - windowMs).length >= limit) {
        errcode = wecom ? 45009 : 130101;
        if (at >= blockedUntil) blockedUntil = at + blockMs;
      } else taken.push(at);
      requests.push({ path, url: req.url ?? '/', at, headers: req.headers, json, errcode });
      res.writeHead(200, { 'content-type': 'application/json' });
      const errmsg = errcode === 0 ? 'ok' : errcode === 130101 ? 'send too fast, exceed 20 times per minute' : errcode === 45009 ? 'api freq out of limit' : 'error';
      res.end(JSON.stringify({ errcode, errmsg }));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    delivered: (path) => requests.filter((r) => r.errcode === 0 && (path === undefined || r.path === path)),
    maxInWindow: (window = windowMs, path) => {
      const times = requests.filter((r) => path === undefined || r.path === path).map((r) => r.at);
      return Math.max(0, ...times.map((start) => times.filter((t) => t >= start && t < start + window).length));
    },
    answer: (path, errcode) => (errcode === null ? fixed.delete(path) : fixed.set(path, errcode)),
    occupy: (n) => {
      for (let i = 0; i < n; i++) taken.push(Date.now());
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
