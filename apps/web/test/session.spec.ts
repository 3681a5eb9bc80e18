import { describe, expect, it } from 'vitest';
import {
  accessState,
  clearedCookies,
  decodeUser,
  encodeUser,
  homeFor,
  loginPath,
  REFRESH_MARGIN_MS,
  safeNextPath,
  serializeCookie,
  sessionCookies,
  SESSION_COOKIES,
  type SessionUser,
  type TokenPair,
} from '../lib/session';

const principal = { userId: 'u1', username: 'energy', role: 'reporter', departmentCode: 'energy', regionCode: '140404', departmentKind: 'bureau', mustChangePassword: false } as const;
const pair: TokenPair = { accessToken: 'at', refreshToken: 'rt', expiresIn: 900, principal };

describe('session cookies', () => {
  it('carry the token pair, its expiry and the user, httpOnly and SameSite=Lax', () => {
    const cookies = sessionCookies(pair, '能源局', 1_000_000, false, 'sid-1');
    const byName = new Map(cookies.map((c) => [c.name, c]));
    expect(byName.get(SESSION_COOKIES.access)?.value).toBe('at');
    expect(byName.get(SESSION_COOKIES.access)?.options.maxAge).toBe(900);
    expect(byName.get(SESSION_COOKIES.expires)?.value).toBe(String(1_000_000 + 900_000));
    expect(byName.get(SESSION_COOKIES.refresh)?.value).toBe('rt');
    expect(decodeUser(byName.get(SESSION_COOKIES.user)?.value)).toEqual({ ...principal, departmentName: '能源局' });
    expect(byName.get(SESSION_COOKIES.session)?.value).toBe('sid-1');
    for (const c of cookies) {
      expect(serializeCookie(c)).toMatch(/; HttpOnly; SameSite=Lax$/);
      expect(c.options.secure).toBe(false);
    }
    expect(serializeCookie(sessionCookies(pair, null, 0, true, 'sid-1')[0]!)).toContain('; Secure');
  });

  it('are cleared with Max-Age=0', () => {
    const cleared = clearedCookies(false);
    expect(cleared.map((c) => c.name).sort()).toEqual(Object.values(SESSION_COOKIES).sort());
    expect(cleared.every((c) => serializeCookie(c).includes('Max-Age=0'))).toBe(true);
  });

  it('never trust a user cookie they did not write', () => {
    expect(decodeUser(undefined)).toBeNull();
    expect(decodeUser('not-base64-json')).toBeNull();
    expect(decodeUser(Buffer.from(JSON.stringify({ userId: 'x', username: 'y', role: 'root' })).toString('base64url'))).toBeNull();
    const user: SessionUser = { ...principal, departmentName: null };
    expect(decodeUser(encodeUser(user))).toEqual(user);
    // A cookie written before the flag existed: no password change pending.
    const { mustChangePassword: _absent, ...older } = user;
    expect(decodeUser(Buffer.from(JSON.stringify(older)).toString('base64url'))?.mustChangePassword).toBe(false);
  });

  it('write the user cookie as Node base64url did, so cookies from before and after read the same', () => {
    // Chinese names, and lengths that need every amount of base64 padding (which base64url drops).
    for (const departmentName of ['能源局', '郝家庄镇人民政府', '上党经济技术开发区管委会x', null]) {
      const user: SessionUser = { ...principal, departmentName };
      const written = encodeUser(user);
      expect(written).toBe(Buffer.from(JSON.stringify(user), 'utf8').toString('base64url'));
      expect(decodeUser(written)).toEqual(user);
    }
  });
});

describe('what a request does with its session', () => {
  const now = 10_000_000;
  it('uses a fresh access token as it is', () => {
    expect(accessState({ access: 'at', expires: String(now + REFRESH_MARGIN_MS + 1), refresh: 'rt' }, now)).toEqual({ kind: 'valid', accessToken: 'at' });
  });
  it('refreshes before the access token expires, and after it is gone', () => {
    expect(accessState({ access: 'at', expires: String(now + REFRESH_MARGIN_MS - 1), refresh: 'rt' }, now)).toEqual({ kind: 'refresh', refreshToken: 'rt' });
    expect(accessState({ expires: String(now - 1), refresh: 'rt' }, now)).toEqual({ kind: 'refresh', refreshToken: 'rt' });
  });
  it('is anonymous without cookies', () => {
    expect(accessState({}, now)).toEqual({ kind: 'anonymous' });
    expect(accessState({ access: 'at', expires: String(now - 1) }, now)).toEqual({ kind: 'anonymous' });
  });
});

describe('redirects around signing in', () => {
  it('only goes back to paths on this site', () => {
    expect(safeNextPath('/reporting?period=2026-10')).toBe('/reporting?period=2026-10');
    expect(safeNextPath('/indicators/coal_output#trend')).toBe('/indicators/coal_output#trend');
    for (const bad of ['https://evil.example/', '//evil.example/x', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', 'reporting', '/login?next=/x', '/./login', '', null]) {
      expect(safeNextPath(bad), String(bad)).toBeNull();
    }
  });
  it('sends each role to its work', () => {
    expect(homeFor('reporter')).toBe('/reporting');
    expect(homeFor('reviewer')).toBe('/reporting/review');
    expect(homeFor('admin')).toBe('/admin/users');
    expect(homeFor('viewer')).toBe('/overview');
    expect(loginPath('/alerts?state=firing', 'expired')).toBe('/login?next=%2Falerts%3Fstate%3Dfiring&reason=expired');
  });
});
