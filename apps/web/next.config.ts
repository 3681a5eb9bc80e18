import type { NextConfig } from 'next';

/**
 * The browser only ever talks to its own origin: `/api/*` is proxied to the NestJS API, so the
 * wall screen's client-side refresh needs no CORS and no second address. Server components call
 * the API directly (lib/api.ts). Note: Next.js records rewrites in the build output, so the
 * proxy target is the PLANWATCH_API_URL seen by `next build` (default http://127.0.0.1:3001).
 */
const apiUrl = (process.env.PLANWATCH_API_URL ?? 'http://127.0.0.1:3001').replace(/\/+$/, '');

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  turbopack: {
    // Browser bundles take only the vocabulary and formatters of @planwatch/shared (see the
    // comment in lib/shared.browser.ts); the server uses the whole package.
    resolveAlias: { '@planwatch/shared': { browser: './lib/shared.browser.ts' } },
  },
  async rewrites() {
    return [{ source: '/api/:path*', destination: `${apiUrl}/api/:path*` }];
  },
};

export default config;
