/**
 * Token exchanges with the API on behalf of the browser session (server only): sign in, refresh,
 * sign out, and the department name shown in the user menu.
 *
 * Refresh tokens work once. A page fires several `/api` requests at the same moment, and each
 * would find the access token about to expire; so concurrent refreshes of one refresh token
 * share one call, and its answer is remembered for a few seconds so that a request which still
 * carried the old cookie gets the same new pair instead of a refusal. Only requests of the same
 * browser session (`pw_sid`) share it: a spent refresh token replayed from anywhere else reaches
 * the API, which takes it for stolen and ends the user's sessions. This lives in the memory of
 * one Next.js process: behind several web replicas, route sessions to one replica (sticky).
 */
import { createHash, randomBytes } from 'node:crypto';
import { errorDetail } from './endpoints';
import type { SessionUser, TokenPair } from './session';

export type RefreshResult = { ok: true; pair: TokenPair } | { ok: false; status: number; message: string };

/** A new browser session's id (`pw_sid`, see lib/session.ts). */
export function newSessionId(): string {
  return randomBytes(18).toString('base64url');
}

/** Long enough for the requests one page fires at once; short, so an answer is not handed out for long. */
export const REFRESH_SHARED_MS = 10_000;
const recent = new Map<string, { at: number; result: Promise<RefreshResult> }>();

const keyOf = (sessionId: string, refreshToken: string) => createHash('sha256').update(`${sessionId}\n${refreshToken}`).digest('hex');

function forget(nowMs: number): void {
  for (const [key, entry] of recent) if (nowMs - entry.at > REFRESH_SHARED_MS) recent.delete(key);
}

async function postJson(url: string, body: unknown, timeoutMs: number, extraHeaders: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...extraHeaders },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
    signal: AbortSignal.timeout(timeoutMs),
  });
}

/** A token pair from the API, or its refusal. */
async function tokenPair(url: string, body: unknown, timeoutMs: number, extraHeaders: Record<string, string> = {}): Promise<RefreshResult> {
  const response = await postJson(url, body, timeoutMs, extraHeaders);
  if (!response.ok) return { ok: false, status: response.status, message: await errorDetail(response) };
  return { ok: true, pair: (await response.json()) as TokenPair };
}

/**
 * `POST /api/auth/login`, passing on the browser's address (`X-Forwarded-For` as this server
 * received it) for the API's per-address login limits.
 */
export function login(apiUrl: string, username: string, password: string, timeoutMs: number, forwardedFor: string | null = null): Promise<RefreshResult> {
  return tokenPair(`${apiUrl}/api/auth/login`, { username, password }, timeoutMs, forwardedFor ? { 'x-forwarded-for': forwardedFor } : {});
}

/**
 * `POST /api/auth/refresh`, at most once per browser session and refresh token (see the module
 * comment); a request without a session id shares nothing. Network errors throw.
 */
export function refresh(apiUrl: string, refreshToken: string, sessionId: string | null, timeoutMs: number, nowMs = Date.now()): Promise<RefreshResult> {
  const exchange = () => tokenPair(`${apiUrl}/api/auth/refresh`, { refreshToken }, timeoutMs);
  if (!sessionId) return exchange();
  forget(nowMs);
  const key = keyOf(sessionId, refreshToken);
  const existing = recent.get(key);
  if (existing) return existing.result;
  const result = exchange();
  recent.set(key, { at: nowMs, result });
  // Only a new pair or a refusal is an answer; after a failure of the service the next request tries again.
  result.then(
    (answer) => answer.ok || answer.status === 401 || recent.delete(key),
    () => recent.delete(key),
  );
  return result;
}

/** `POST /api/auth/logout`: the API revokes every refresh token of the user. Best effort. */
export async function logout(apiUrl: string, accessToken: string, timeoutMs: number): Promise<void> {
  try {
    await postJson(`${apiUrl}/api/auth/logout`, undefined, timeoutMs, { authorization: `Bearer ${accessToken}` });
  } catch {
    // the cookies are cleared anyway
  }
}

/** The department's name for the user menu (from the public plan); null when it cannot be found. */
export async function departmentName(apiUrl: string, code: string | null, timeoutMs: number, previous?: SessionUser | null): Promise<string | null> {
  if (!code) return null;
  if (previous && previous.departmentCode === code && previous.departmentName) return previous.departmentName;
  try {
    const response = await fetch(`${apiUrl}/api/plan`, { headers: { accept: 'application/json' }, cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return null;
    const plan = (await response.json()) as { departments?: Array<{ code: string; name: string }> };
    return plan.departments?.find((d) => d.code === code)?.name ?? null;
  } catch {
    return null;
  }
}
