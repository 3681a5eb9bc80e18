/**
 * The security headers of the web app (server only; used by proxy.ts and next.config.ts).
 *
 * Pages get a Content-Security-Policy with a fresh nonce per response: Next.js puts it on its
 * own scripts (it reads the policy from the request headers proxy.ts sets), our one inline
 * script (the wall screen's first scaling) takes it from `x-nonce`, and 'strict-dynamic' lets
 * the chunks they load run. No other script runs, the pages cannot be framed by other sites,
 * and the browser talks to this origin only (plus a township GeoJSON when one is configured).
 * Styles allow inline: React and ECharts set style attributes.
 */

/** Header that carries the page's nonce from proxy.ts to the page. */
export const NONCE_HEADER = 'x-nonce';

/** On every response, pages, the API proxy and static files alike. */
export const COMMON_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
];

/**
 * What the API proxy's answers may do if a browser renders one (the printable briefing, shown
 * in this site's own sandboxed frame): styles and images of its own, nothing else.
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/** The origin of a URL the browser fetches from, or null when there is none or it is not a URL. */
function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

export function pageContentSecurityPolicy(options: { nonce: string; development: boolean; townshipGeoJsonUrl: string | null }): string {
  const township = originOf(options.townshipGeoJsonUrl);
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // React's development build evaluates code (stack reconstruction); production never does.
    'script-src': ["'self'", `'nonce-${options.nonce}'`, "'strict-dynamic'", ...(options.development ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(township ? [township] : [])],
    'frame-src': ["'self'"],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** A nonce of 128 random bits, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}
