import { afterEach, describe, expect, it, vi } from 'vitest';
import { refresh } from '../lib/session-tokens';

const pair = (n: number) => ({ accessToken: `at${n}`, refreshToken: `rt${n}`, expiresIn: 900, principal: { userId: 'u', username: 'energy', role: 'reporter', departmentCode: 'energy', regionCode: '140404', departmentKind: 'bureau' } });

describe('refreshing the access token (one-time refresh tokens)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('makes one call for concurrent requests with the same refresh token, and remembers the answer', async () => {
    let calls = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        calls += 1;
        await new Promise((r) => setTimeout(r, 10));
        return new Response(JSON.stringify(pair(calls)), { status: 200, headers: { 'content-type': 'application/json' } });
      }),
    );
    const now = Date.now();
    const results = await Promise.all([refresh('http://api', 'same-token-a', 1000, now), refresh('http://api', 'same-token-a', 1000, now), refresh('http://api', 'same-token-a', 1000, now)]);
    expect(calls).toBe(1);
    expect(results.every((r) => r.ok && r.pair.accessToken === 'at1')).toBe(true);
    // A request that still carried the old cookie a moment later gets the same pair.
    const late = await refresh('http://api', 'same-token-a', 1000, now + 5_000);
    expect(calls).toBe(1);
    expect(late.ok && late.pair.refreshToken).toBe('rt1');
    // Another token is another call.
    await refresh('http://api', 'other-token-b', 1000, now);
    expect(calls).toBe(2);
  });

  it('reports a refused refresh token (the session is over) and retries after a network failure', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ message: '刷新令牌无效或已过期，请重新登录' }), { status: 401 })));
    const refused = await refresh('http://api', 'revoked-token-c', 1000);
    expect(refused).toEqual({ ok: false, status: 401, message: '刷新令牌无效或已过期，请重新登录' });

    let attempts = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        attempts += 1;
        if (attempts === 1) throw new TypeError('fetch failed');
        return new Response(JSON.stringify(pair(9)), { status: 200 });
      }),
    );
    await expect(refresh('http://api', 'flaky-token-d', 1000)).rejects.toThrow('fetch failed');
    await new Promise((r) => setTimeout(r, 0));
    const retried = await refresh('http://api', 'flaky-token-d', 1000);
    expect(retried.ok).toBe(true);
    expect(attempts).toBe(2);
  });
});
