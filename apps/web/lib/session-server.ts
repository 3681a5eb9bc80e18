/**
 * Who is signed in, for server components (reads the session cookies; never sets them — only
 * route handlers can). Display and routing only: the API checks every permission itself.
 */
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { accessState, decodeUser, loginPath, SESSION_COOKIES, type SessionUser } from './session';

/** The signed-in user, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const jar = await cookies();
  if (!jar.has(SESSION_COOKIES.refresh) && !jar.has(SESSION_COOKIES.access)) return null;
  return decodeUser(jar.get(SESSION_COOKIES.user)?.value);
}

/**
 * The session's access token while it is still good, for a server component's first render of
 * a signed-in page; null when it must be refreshed first (only route handlers can set the new
 * cookies, so the page then loads its data through the browser's /api).
 */
export async function currentAccessToken(): Promise<string | null> {
  const jar = await cookies();
  const state = accessState(
    { access: jar.get(SESSION_COOKIES.access)?.value, expires: jar.get(SESSION_COOKIES.expires)?.value, refresh: jar.get(SESSION_COOKIES.refresh)?.value },
    Date.now(),
  );
  return state.kind === 'valid' ? state.accessToken : null;
}

/** Where a user who must choose a new password is sent from every signed-in page. */
export const PASSWORD_CHANGE_PATH = '/account';

/** The signed-in user; otherwise a redirect to /login that comes back to `path`. */
export async function requireUser(path: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(loginPath(path));
  if (user.mustChangePassword && path !== PASSWORD_CHANGE_PATH) redirect(PASSWORD_CHANGE_PATH);
  return user;
}
