import type { NextConfig } from 'next';

/**
 * The browser only ever talks to its own origin: `/api/*` is proxied to the NestJS API by the
 * route handler app/api/[...path]/route.ts, which reads PLANWATCH_API_URL at request time (so
 * the same build runs against an API on any address). Server components call the API directly
 * (lib/api.ts).
 */
const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
};

export default config;
