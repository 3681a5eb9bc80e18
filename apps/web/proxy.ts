/**
 * Pages only (see `config.matcher`): a Content-Security-Policy with a fresh nonce on every page
 * (lib/security-headers.ts). The API proxy, the session endpoints and static files never pass
 * through here, so uploads stream to the API unbuffered as before.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { webEnv } from '@/lib/env';
import { NONCE_HEADER, newNonce, pageContentSecurityPolicy } from '@/lib/security-headers';

export function proxy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const policy = pageContentSecurityPolicy({ nonce, development: process.env.NODE_ENV === 'development', townshipGeoJsonUrl: webEnv().townshipGeoJsonUrl });
  // Next.js reads the nonce for its own scripts from the request's policy header.
  const headers = new Headers(request.headers);
  headers.set(NONCE_HEADER, nonce);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  matcher: [{ source: '/((?!api|session|_next/static|_next/image|icon.svg|favicon.ico).*)' }],
};
