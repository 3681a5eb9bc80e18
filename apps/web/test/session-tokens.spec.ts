import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REFRESH_SHARED_MS, refresh } from '../lib/session-tokens';

const pair = (n: number) => ({ accessToken: `at${n}`, refreshToken: `rt${n}`, expiresIn: 900, principal: { userId: 'u', username: 'energy', role: 'reporter', departmentCode: 'energy', regionCode: '140404', departmentKind: 'bureau' } });

/**
 * A stand-in for the API's POST /api/auth/refresh on 127.0.0.1, with the API's rule: each
 * refresh token works once, and one coming back after use is refused (the API then ends the
 * user's sessions).
 */
describe('refreshing the access token (one-time refresh tokens)', () => {
  let server: Server;
  let apiUrl = '';
  let calls = 0;
  const spent = new Set<string>();
  /** What the next calls answer instead of a pair: a status, or a dropped connection. */
  const failures: Array<number | 'drop'> = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        calls += 1;
        const failure = failures.shift();
        if (failure === 'drop') return request.socket.destroy();
        const token = (JSON.parse(body) as { refreshToken: string }).refreshToken;
        response.setHeader('content-type', 'application/json');
        if (typeof failure === 'number') {
          response.statusCode = failure;
          return response.end(JSON.stringify({ statusCode: failure, message: 'database unavailable' }));
        }
        if (spent.has(token)) {
          response.statusCode = 401;
          return response.end(JSON.stringify({ statusCode: 401, message: '刷新令牌无效或已过期，请重新登录' }));
        }
        spent.add(token);
        setTimeout(() => response.end(JSON.stringify(pair(calls))), 10);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    calls = 0;
  });

  it('makes one call for the concurrent requests of one session, and shares the answer only briefly', async () => {
    const now = Date.now();
    const results = await Promise.all([1, 2, 3].map(() => refresh(apiUrl, 'token-a', 'session-1', 1000, now)));
    expect(calls).toBe(1);
    expect(results.every((r) => r.ok && r.pair.accessToken === 'at1')).toBe(true);
    // A request of the same session that still carried the old cookie a moment later gets the same pair …
    const late = await refresh(apiUrl, 'token-a', 'session-1', 1000, now + 5_000);
    expect(calls).toBe(1);
    expect(late.ok && late.pair.refreshToken).toBe('rt1');
    // … but not once the moment has passed: the API sees the spent token again.
    const stale = await refresh(apiUrl, 'token-a', 'session-1', 1000, now + REFRESH_SHARED_MS + 1);
    expect(calls).toBe(2);
    expect(stale).toMatchObject({ ok: false, status: 401 });
    expect(REFRESH_SHARED_MS).toBeLessThanOrEqual(10_000);
  });

  it('never hands another session the pair: a replayed refresh token reaches the API', async () => {
    const now = Date.now();
    const owner = await refresh(apiUrl, 'token-b', 'session-owner', 1000, now);
    expect(owner.ok).toBe(true);
    const thief = await refresh(apiUrl, 'token-b', 'session-thief', 1000, now + 100);
    expect(thief).toMatchObject({ ok: false, status: 401 });
    const anonymous = await refresh(apiUrl, 'token-b', null, 1000, now + 200);
    expect(anonymous).toMatchObject({ ok: false, status: 401 });
    expect(calls).toBe(3);
  });

  it('remembers no failure of the service: the next request tries again', async () => {
    failures.push(503);
    const failed = await refresh(apiUrl, 'token-c', 'session-2', 1000);
    expect(failed).toEqual({ ok: false, status: 503, message: 'database unavailable' });
    await new Promise((r) => setTimeout(r, 0));
    expect((await refresh(apiUrl, 'token-c', 'session-2', 1000)).ok).toBe(true);
    failures.push('drop');
    await expect(refresh(apiUrl, 'token-d', 'session-2', 1000)).rejects.toThrow('fetch failed');
    await new Promise((r) => setTimeout(r, 0));
    expect((await refresh(apiUrl, 'token-d', 'session-2', 1000)).ok).toBe(true);
    expect(calls).toBe(4);
  });
});
