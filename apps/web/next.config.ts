import type { NextConfig } from 'next';
import { API_CONTENT_SECURITY_POLICY, COMMON_SECURITY_HEADERS } from './lib/security-headers';

/**
 * The browser only ever talks to its own origin: `/api/*` is proxied to the NestJS API by the
 * route handler app/api/[...path]/route.ts, which reads PLANWATCH_API_URL at request time (so
 * the same build runs against an API on any address). Server components call the API directly
 * (lib/api.ts).
 *
 * Security headers: nosniff and the referrer policy on every response, a restrictive policy on
 * what the API proxy answers; pages get theirs, with a nonce, from proxy.ts.
 */
const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  headers: async () => [
    { source: '/:path*', headers: [...COMMON_SECURITY_HEADERS] },
    { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: API_CONTENT_SECURITY_POLICY }] },
  ],
};

export default config;
