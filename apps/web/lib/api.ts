/**
 * Server-side access to the API: every call uncached (`no-store`), typed by the shared
 * contracts, and failing with an error that says which endpoint failed. Server components only.
 */
import { connection } from 'next/server';
import { ApiError, asAlertList, endpoints, errorDetail, type AlertView, type Endpoint, type ProjectFilters } from './endpoints';
import { webEnv } from './env';
import type { Period } from '@planwatch/shared';

export { ApiError } from './endpoints';

/**
 * GET one endpoint from the server side; also the transport of the wall screen's and the phone
 * home's first render. `accessToken`: as the signed-in user (lib/session-server.ts).
 */
export async function get<T>(endpoint: Endpoint<T>, accessToken?: string): Promise<T> {
  await connection(); // always at request time, never prerendered at build
  const { apiUrl, apiTimeoutMs } = webEnv();
  let response: Response;
  try {
    response = await fetch(`${apiUrl}${endpoint.path}`, {
      cache: 'no-store',
      headers: { accept: 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
      signal: AbortSignal.timeout(apiTimeoutMs),
    });
  } catch (error) {
    const reason = error instanceof Error ? (error.name === 'TimeoutError' ? `超时（${apiTimeoutMs} ms）` : error.message) : String(error);
    throw new ApiError(endpoint.label, null, `${reason}（${apiUrl}）`);
  }
  if (!response.ok) throw new ApiError(endpoint.label, response.status, await errorDetail(response));
  return (await response.json()) as T;
}

export const api = {
  plan: () => get(endpoints.plan()),
  overview: (period?: Period) => get(endpoints.overview(period)),
  chain: (code: string, period?: Period) => get(endpoints.chain(code, period)),
  region: (code: string, period?: Period) => get(endpoints.region(code, period)),
  indicator: (code: string, q?: { region?: string; from?: Period; to?: Period }) => get(endpoints.indicator(code, q)),
  projects: (filters?: ProjectFilters) => get(endpoints.projects(filters)),
  project: (code: string) => get(endpoints.project(code)),
  /** Firing alerts; null when the alerts endpoint does not exist yet (404) or fails. */
  firingAlerts: async (): Promise<AlertView[] | null> => {
    try {
      return asAlertList(await get<unknown>(endpoints.firingAlerts()));
    } catch {
      return null;
    }
  },
};

/** A 404 from the API, for pages that turn it into notFound(). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
