/**
 * Every environment variable the web app reads, parsed once (server side). README documents each.
 *
 * - PLANWATCH_API_URL: the NestJS API for server components and for the `/api` proxy
 *   (default http://127.0.0.1:3001).
 * - NEXT_PUBLIC_TOWNSHIP_GEOJSON_URL: optional URL of a township GeoJSON that replaces the
 *   schematic town map on the wall screen. Read at request time on the server and handed to
 *   the screen as a prop, so a deployment can set it without rebuilding.
 * - PLANWATCH_API_TIMEOUT_MS: how long a server-side API call may take (default 8000).
 */

export interface WebEnv {
  apiUrl: string;
  townshipGeoJsonUrl: string | null;
  apiTimeoutMs: number;
}

// Read through a variable key so Next.js does not inline the build-time value.
function read(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export class WebEnvError extends Error {}

export function parseWebEnv(source: (name: string) => string | undefined = read): WebEnv {
  const apiUrl = (source('PLANWATCH_API_URL') ?? 'http://127.0.0.1:3001').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(apiUrl)) throw new WebEnvError(`PLANWATCH_API_URL must be an http(s) URL, got "${apiUrl}"`);
  const timeout = Number(source('PLANWATCH_API_TIMEOUT_MS') ?? 8000);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new WebEnvError('PLANWATCH_API_TIMEOUT_MS must be a positive number');
  return {
    apiUrl,
    townshipGeoJsonUrl: source('NEXT_PUBLIC_TOWNSHIP_GEOJSON_URL') ?? null,
    apiTimeoutMs: timeout,
  };
}

let cached: WebEnv | undefined;

/** The parsed environment (server only). */
export function webEnv(): WebEnv {
  cached ??= parseWebEnv();
  return cached;
}
