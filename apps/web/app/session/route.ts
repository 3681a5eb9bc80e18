/**
 * The browser session (see lib/session.ts for the cookies):
 * - `POST /session {username, password}` signs in through `POST /api/auth/login` and sets the
 *   session cookies; answers `{ user }`.
 * - `GET /session` answers `{ user }` for a live session (refreshing the access token when it
 *   is about to expire) or 401.
 * - `DELETE /session` signs out: the API revokes the user's refresh tokens, the cookies go.
 * Tokens never reach JavaScript in the page.
 */
import type { NextRequest } from 'next/server';
import { isSameSiteRequest } from '@/lib/api-proxy';
import { webEnv } from '@/lib/env';
import { accessState, clearedCookies, decodeUser, serializeCookie, sessionCookies, SESSION_COOKIES, type CookieSpec, type SessionUser } from '@/lib/session';
import { departmentName, login, logout, newSessionId, refresh } from '@/lib/session-tokens';

export const dynamic = 'force-dynamic';

function secure(request: NextRequest): boolean {
  return (request.headers.get('x-forwarded-proto') ?? request.nextUrl.protocol.replace(':', '')) === 'https';
}

function json(status: number, body: unknown, cookies: CookieSpec[] = []): Response {
  const headers = new Headers({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  for (const c of cookies) headers.append('set-cookie', serializeCookie(c));
  return new Response(body === null ? null : JSON.stringify(body), { status, headers });
}

function sameSite(request: NextRequest): boolean {
  return isSameSiteRequest(request.headers, request.headers.get('x-forwarded-host') ?? request.headers.get('host'));
}

function unreachable(error: unknown): Response {
  return json(502, { statusCode: 502, message: `数据服务不可达（${error instanceof Error ? error.message : String(error)}）` });
}

export async function POST(request: NextRequest): Promise<Response> {
  if (!sameSite(request)) return json(403, { statusCode: 403, message: '跨站请求被拒绝：请从本站登录页登录' });
  let body: { username?: unknown; password?: unknown };
  try {
    body = (await request.json()) as typeof body;
  } catch {
    return json(400, { statusCode: 400, message: '请输入用户名和密码' });
  }
  const username = typeof body.username === 'string' ? body.username.trim() : '';
  const password = typeof body.password === 'string' ? body.password : '';
  if (!username || !password) return json(400, { statusCode: 400, message: '请输入用户名和密码' });
  const { apiUrl, apiTimeoutMs } = webEnv();
  try {
    const result = await login(apiUrl, username, password, apiTimeoutMs, request.headers.get('x-forwarded-for'));
    if (!result.ok) return json(result.status, { statusCode: result.status, message: result.message });
    const name = await departmentName(apiUrl, result.pair.principal.departmentCode, apiTimeoutMs);
    const user: SessionUser = { ...result.pair.principal, departmentName: name };
    return json(200, { user }, sessionCookies(result.pair, name, Date.now(), secure(request), newSessionId()));
  } catch (error) {
    return unreachable(error);
  }
}

export async function GET(request: NextRequest): Promise<Response> {
  const state = accessState(
    {
      access: request.cookies.get(SESSION_COOKIES.access)?.value,
      expires: request.cookies.get(SESSION_COOKIES.expires)?.value,
      refresh: request.cookies.get(SESSION_COOKIES.refresh)?.value,
    },
    Date.now(),
  );
  const previous = decodeUser(request.cookies.get(SESSION_COOKIES.user)?.value);
  if (state.kind === 'anonymous') return json(401, { statusCode: 401, message: '未登录' });
  if (state.kind === 'valid') return previous ? json(200, { user: previous }) : json(401, { statusCode: 401, message: '未登录' });
  const { apiUrl, apiTimeoutMs } = webEnv();
  const sessionId = request.cookies.get(SESSION_COOKIES.session)?.value ?? null;
  try {
    const result = await refresh(apiUrl, state.refreshToken, sessionId, apiTimeoutMs);
    if (!result.ok && result.status === 401) return json(401, { statusCode: 401, message: '登录已过期，请重新登录' }, clearedCookies(secure(request)));
    // Any other failure is the service's, not the session's: the cookies stay.
    if (!result.ok) return json(503, { statusCode: 503, message: `登录状态暂时无法刷新，请稍后重试（${result.message}）` });
    const name = await departmentName(apiUrl, result.pair.principal.departmentCode, apiTimeoutMs, previous);
    return json(200, { user: { ...result.pair.principal, departmentName: name } }, sessionCookies(result.pair, name, Date.now(), secure(request), sessionId ?? newSessionId()));
  } catch (error) {
    return unreachable(error);
  }
}

export async function DELETE(request: NextRequest): Promise<Response> {
  if (!sameSite(request)) return json(403, { statusCode: 403, message: '跨站请求被拒绝' });
  const { apiUrl, apiTimeoutMs } = webEnv();
  const state = accessState(
    {
      access: request.cookies.get(SESSION_COOKIES.access)?.value,
      expires: request.cookies.get(SESSION_COOKIES.expires)?.value,
      refresh: request.cookies.get(SESSION_COOKIES.refresh)?.value,
    },
    Date.now(),
  );
  let token: string | null = state.kind === 'valid' ? state.accessToken : null;
  if (state.kind === 'refresh') {
    // An expired access token cannot sign out; a fresh one can (and revokes the new refresh token too).
    const result = await refresh(apiUrl, state.refreshToken, request.cookies.get(SESSION_COOKIES.session)?.value ?? null, apiTimeoutMs).catch(() => null);
    token = result?.ok ? result.pair.accessToken : null;
  }
  if (token) await logout(apiUrl, token, apiTimeoutMs);
  return json(204, null, clearedCookies(secure(request)));
}
