/**
 * The same-origin `/api/*` proxy to the NestJS API (server only; used by app/api/[...path]/route.ts).
 *
 * - The target is PLANWATCH_API_URL read at request time, so one build runs against an API on
 *   any port (the e2e harness, `npm start`, a deployment).
 * - Bodies stream both ways: multipart uploads go to the API as they arrive, XLSX downloads and
 *   HTML briefings come back as they are produced. Nothing is buffered here.
 * - A request that carries its own `Authorization` header is forwarded as it is. Otherwise the
 *   session cookies supply the bearer token, refreshed first when it is about to expire (the new
 *   cookies ride on the response). A state-changing request authenticated by cookie must come
 *   from this site (Sec-Fetch-Site / Origin), so another site cannot act with a user's session.
 * - When the API answers 401 to a cookie-authenticated request, or refuses its refresh token
 *   with 401, the session cookies are cleared: the browser then sends the user to /login. A
 *   refresh that fails for any other reason (the API or its database down, 5xx) keeps them and
 *   answers 503: the session is still good once the service is back.
 */
import type { NextRequest } from 'next/server';
import { webEnv } from './env';
import { accessState, clearedCookies, decodeUser, serializeCookie, sessionCookies, SESSION_COOKIES, type CookieSpec } from './session';
import { departmentName, newSessionId, refresh } from './session-tokens';

/** Request headers passed on to the API (everything else, cookies included, stays here). */
const FORWARD_REQUEST = [
  'accept',
  'accept-language',
  'authorization',
  'content-type',
  'if-none-match',
  'if-modified-since',
  'range',
  'user-agent',
  'x-request-id',
  'x-forwarded-for',
] as const;

/** Response headers never passed back: hop-by-hop, and what this server owns (cookies, encoding). */
const DROP_RESPONSE = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'set-cookie',
  'content-encoding',
  'x-powered-by',
]);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `${apiUrl}/api/a/b?query`, each segment re-encoded (a segment cannot smuggle `/` or `..`). */
export function upstreamUrl(apiUrl: string, path: readonly string[], search: string): string {
  const segments = path.map((s) => encodeURIComponent(s)).filter((s) => s !== '' && s !== '.' && s !== '..');
  return `${apiUrl}/api/${segments.join('/')}${search}`;
}

export function requestHeadersFor(incoming: Headers, bearer: string | null): Headers {
  const headers = new Headers();
  for (const name of FORWARD_REQUEST) {
    const value = incoming.get(name);
    if (value !== null) headers.set(name, value);
  }
  if (bearer) headers.set('authorization', `Bearer ${bearer}`);
  // Ask for the bytes as they are: Node's fetch would decode a compressed body but keep its
  // content-encoding header, and the browser would try to decode it a second time.
  headers.set('accept-encoding', 'identity');
  return headers;
}

export function responseHeadersFrom(upstream: Headers): Headers {
  const headers = new Headers();
  const encoded = upstream.has('content-encoding');
  upstream.forEach((value, name) => {
    if (DROP_RESPONSE.has(name)) return;
    if (encoded && name === 'content-length') return;
    headers.append(name, value);
  });
  return headers;
}

/** A browser request from a page of this site (not a form or script on another site). */
export function isSameSiteRequest(headers: Headers, ownHost: string | null): boolean {
  const site = headers.get('sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = headers.get('origin');
  if (origin && ownHost) {
    try {
      return new URL(origin).host === ownHost;
    } catch {
      return false;
    }
  }
  return false;
}

function isSecure(request: NextRequest): boolean {
  const forwarded = request.headers.get('x-forwarded-proto');
  return (forwarded ?? request.nextUrl.protocol.replace(':', '')) === 'https';
}

function jsonError(status: number, message: string, cookies: CookieSpec[] = []): Response {
  const headers = new Headers({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  for (const c of cookies) headers.append('set-cookie', serializeCookie(c));
  return new Response(JSON.stringify({ statusCode: status, message }), { status, headers });
}

export async function proxyToApi(request: NextRequest, path: readonly string[]): Promise<Response> {
  const { apiUrl, apiTimeoutMs } = webEnv();
  const method = request.method.toUpperCase();
  const secure = isSecure(request);
  const setCookies: CookieSpec[] = [];

  // 1. Who is asking: the request's own token, or the session cookies (refreshed if need be).
  let bearer: string | null = null;
  let cookieAuth = false;
  if (!request.headers.has('authorization')) {
    const state = accessState(
      {
        access: request.cookies.get(SESSION_COOKIES.access)?.value,
        expires: request.cookies.get(SESSION_COOKIES.expires)?.value,
        refresh: request.cookies.get(SESSION_COOKIES.refresh)?.value,
      },
      Date.now(),
    );
    if (state.kind !== 'anonymous') {
      if (!SAFE_METHODS.has(method) && !isSameSiteRequest(request.headers, request.headers.get('x-forwarded-host') ?? request.headers.get('host'))) {
        return jsonError(403, '跨站请求被拒绝：请从本站页面操作');
      }
      cookieAuth = true;
      if (state.kind === 'valid') {
        bearer = state.accessToken;
      } else {
        try {
          const sessionId = request.cookies.get(SESSION_COOKIES.session)?.value ?? null;
          const result = await refresh(apiUrl, state.refreshToken, sessionId, apiTimeoutMs);
          if (result.ok) {
            const previous = decodeUser(request.cookies.get(SESSION_COOKIES.user)?.value);
            const name = await departmentName(apiUrl, result.pair.principal.departmentCode, apiTimeoutMs, previous);
            setCookies.push(...sessionCookies(result.pair, name, Date.now(), secure, sessionId ?? newSessionId()));
            bearer = result.pair.accessToken;
          } else if (result.status === 401) {
            // The session is over (refresh token expired, revoked or the user disabled).
            setCookies.push(...clearedCookies(secure));
            cookieAuth = false;
          } else {
            return jsonError(503, `登录状态暂时无法刷新，请稍后重试（${result.message}）`);
          }
        } catch (error) {
          return jsonError(502, `数据服务不可达（${error instanceof Error ? error.message : String(error)}）`);
        }
      }
    }
  }

  // 2. Forward, streaming the body.
  const hasBody = !SAFE_METHODS.has(method) && request.body !== null;
  let upstream: Response;
  try {
    upstream = await fetch(upstreamUrl(apiUrl, path, request.nextUrl.search), {
      method,
      headers: requestHeadersFor(request.headers, bearer),
      body: hasBody ? request.body : undefined,
      redirect: 'manual',
      cache: 'no-store',
      signal: request.signal,
      // Required by Node's fetch to send a stream as the body.
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit);
  } catch (error) {
    if (request.signal.aborted) return new Response(null, { status: 499 });
    return jsonError(502, `数据服务不可达（${error instanceof Error ? error.message : String(error)}）`, setCookies);
  }

  // 3. Answer, with the session's new cookies (or cleared ones after a 401).
  const headers = responseHeadersFrom(upstream.headers);
  if (upstream.status === 401 && cookieAuth) setCookies.splice(0, setCookies.length, ...clearedCookies(secure));
  for (const c of setCookies) headers.append('set-cookie', serializeCookie(c));
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
  return new Response(method === 'HEAD' ? null : upstream.body, { status: upstream.status, statusText: upstream.statusText, headers });
}
