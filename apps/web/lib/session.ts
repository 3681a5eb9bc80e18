/**
 * The browser session, kept in httpOnly cookies that only this Next.js server reads and writes
 * (route handlers `app/session/route.ts` and the `/api` proxy). Pure functions: no `next/headers`
 * here, so they are unit-tested and shared by the route handlers and server components.
 *
 * Cookies (all httpOnly, SameSite=Lax, Path=/, Secure over https):
 * - `pw_at`   the API access token; Max-Age = its lifetime (ACCESS_TOKEN_TTL_SECONDS, 15 min).
 * - `pw_exp`  when the access token expires (epoch ms), so the proxy refreshes it before then.
 * - `pw_rt`   the one-time refresh token; Max-Age = SESSION_MAX_AGE_S (the API's default
 *             REFRESH_TOKEN_TTL_SECONDS, 7 days). Its presence is what "signed in" means.
 * - `pw_user` who is signed in (base64url JSON of the API's principal + department name), for
 *             server components that show the user menu or pick a page's audience. Display
 *             only: every permission is decided by the API on each request.
 * - `pw_sid`  a random id of this browser session, the same from sign-in to sign-out: the
 *             refresh exchange shares one answer only among requests of the same session
 *             (lib/session-tokens.ts).
 */
import type { Role } from '@planwatch/shared';

export const SESSION_COOKIES = { access: 'pw_at', expires: 'pw_exp', refresh: 'pw_rt', user: 'pw_user', session: 'pw_sid' } as const;

/** Lifetime of the refresh and user cookies: the API's default refresh-token lifetime. */
export const SESSION_MAX_AGE_S = 7 * 24 * 3600;
/** Refresh the access token when less than this is left of it. */
export const REFRESH_MARGIN_MS = 60_000;

export const ROLE_LABELS: Record<Role, string> = { admin: '管理员', reviewer: '审核员', reporter: '填报员', viewer: '查看' };

/** The API's principal (`POST /api/auth/login` → principal) plus the department's name. */
export interface SessionUser {
  userId: string;
  username: string;
  role: Role;
  departmentCode: string | null;
  departmentName: string | null;
  regionCode: string | null;
  departmentKind: 'bureau' | 'town' | 'zone' | null;
  /** The first administrator of a production install: nothing but /account until the password is changed. */
  mustChangePassword: boolean;
}

/** What `POST /api/auth/login` and `POST /api/auth/refresh` answer. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  principal: Omit<SessionUser, 'departmentName'>;
}

export interface CookieSpec {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: 'lax'; path: '/'; secure: boolean; maxAge: number };
}

const ROLES: readonly string[] = ['admin', 'reviewer', 'reporter', 'viewer'];

/*
 * base64url of UTF-8 with the web platform's btoa/atob rather than Node's Buffer: this module is
 * also imported by client components (ROLE_LABELS, loginPath), and a Buffer there makes the
 * bundler ship a Buffer polyfill (about 10 KB compressed) to every page.
 */
function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(value: string): string {
  const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function encodeUser(user: SessionUser): string {
  return toBase64Url(JSON.stringify(user));
}

/** The user cookie, or null when it is missing or not one we wrote. */
export function decodeUser(value: string | undefined | null): SessionUser | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(fromBase64Url(value)) as Partial<SessionUser>;
    if (typeof parsed.userId !== 'string' || typeof parsed.username !== 'string' || !ROLES.includes(String(parsed.role))) return null;
    return {
      userId: parsed.userId,
      username: parsed.username,
      role: parsed.role as Role,
      departmentCode: typeof parsed.departmentCode === 'string' ? parsed.departmentCode : null,
      departmentName: typeof parsed.departmentName === 'string' ? parsed.departmentName : null,
      regionCode: typeof parsed.regionCode === 'string' ? parsed.regionCode : null,
      departmentKind: parsed.departmentKind === 'bureau' || parsed.departmentKind === 'town' || parsed.departmentKind === 'zone' ? parsed.departmentKind : null,
      mustChangePassword: parsed.mustChangePassword === true,
    };
  } catch {
    return null;
  }
}

/** The cookies for a fresh token pair of the browser session `sessionId`. */
export function sessionCookies(pair: TokenPair, departmentName: string | null, nowMs: number, secure: boolean, sessionId: string): CookieSpec[] {
  const base = { httpOnly: true, sameSite: 'lax', path: '/', secure } as const;
  const user: SessionUser = { ...pair.principal, departmentName };
  const accessSeconds = Math.max(1, Math.floor(pair.expiresIn));
  return [
    { name: SESSION_COOKIES.access, value: pair.accessToken, options: { ...base, maxAge: accessSeconds } },
    { name: SESSION_COOKIES.expires, value: String(nowMs + accessSeconds * 1000), options: { ...base, maxAge: SESSION_MAX_AGE_S } },
    { name: SESSION_COOKIES.refresh, value: pair.refreshToken, options: { ...base, maxAge: SESSION_MAX_AGE_S } },
    { name: SESSION_COOKIES.user, value: encodeUser(user), options: { ...base, maxAge: SESSION_MAX_AGE_S } },
    { name: SESSION_COOKIES.session, value: sessionId, options: { ...base, maxAge: SESSION_MAX_AGE_S } },
  ];
}

/** Cookies that end the session. */
export function clearedCookies(secure: boolean): CookieSpec[] {
  const base = { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: 0 } as const;
  return Object.values(SESSION_COOKIES).map((name) => ({ name, value: '', options: base }));
}

/** `Set-Cookie` header value for one cookie. */
export function serializeCookie(cookie: CookieSpec): string {
  const o = cookie.options;
  return [
    `${cookie.name}=${encodeURIComponent(cookie.value)}`,
    `Path=${o.path}`,
    `Max-Age=${o.maxAge}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(o.secure ? ['Secure'] : []),
  ].join('; ');
}

export type AccessState =
  /** Use the access token as it is. */
  | { kind: 'valid'; accessToken: string }
  /** Exchange the refresh token first. */
  | { kind: 'refresh'; refreshToken: string }
  /** Not signed in. */
  | { kind: 'anonymous' };

/** What to do with the cookies of a request: use the token, refresh it before it expires, or nothing. */
export function accessState(cookies: { access?: string | undefined; expires?: string | undefined; refresh?: string | undefined }, nowMs: number): AccessState {
  const expires = Number(cookies.expires);
  if (cookies.access && Number.isFinite(expires) && expires - nowMs > REFRESH_MARGIN_MS) return { kind: 'valid', accessToken: cookies.access };
  if (cookies.refresh) return { kind: 'refresh', refreshToken: cookies.refresh };
  // An access token without a refresh cookie (should not happen) is used while it lasts.
  if (cookies.access && Number.isFinite(expires) && expires > nowMs) return { kind: 'valid', accessToken: cookies.access };
  return { kind: 'anonymous' };
}

/**
 * A `next` parameter that is safe to redirect to after signing in: a path on this site only
 * (no scheme, no `//host`, no backslashes or control characters), never the login page itself.
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/')) return null;
  // Resolved the way a browser will (which drops tabs and newlines: "/\t/evil.example" is
  // "//evil.example"); only a path on this site survives, returned as the browser would read it.
  const base = 'https://planwatch.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return null;
  }
  if (url.origin !== base || /[\u0000-\u001f\u007f\\]/.test(next)) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return /^\/login(\?|$|\/)/.test(path) ? null : path;
}

/** Where a user lands after signing in when no `next` was asked for. */
export function homeFor(role: Role): string {
  switch (role) {
    case 'reporter':
      return '/reporting';
    case 'reviewer':
      return '/reporting/review';
    case 'admin':
      return '/admin/users';
    default:
      return '/overview';
  }
}

/** The login page for a path that needs a session. */
export function loginPath(next: string, reason?: 'expired'): string {
  const params = new URLSearchParams({ next });
  if (reason) params.set('reason', reason);
  return `/login?${params.toString()}`;
}
