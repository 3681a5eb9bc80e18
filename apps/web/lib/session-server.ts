/**
 * Who is signed in, for server components (reads the session cookies; never sets them — only
 * route handlers can). Display and routing only: the API checks every permission itself.
 */
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { decodeUser, loginPath, SESSION_COOKIES, type SessionUser } from './session';

/** The signed-in user, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const jar = await cookies();
  if (!jar.has(SESSION_COOKIES.refresh) && !jar.has(SESSION_COOKIES.access)) return null;
  return decodeUser(jar.get(SESSION_COOKIES.user)?.value);
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
