/** The browser's transport for the screen: same-origin /api (proxied by next.config.ts). */
import { ApiError, errorDetail } from '@/lib/endpoints';
import type { Getter } from './screen-data';

const TIMEOUT_MS = 15_000;

export const clientGet: Getter = async (endpoint, signal) => {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(endpoint.path, { cache: 'no-store', headers: { accept: 'application/json' }, signal: combined });
  } catch (error) {
    throw new ApiError(endpoint.label, null, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw new ApiError(endpoint.label, response.status, await errorDetail(response));
  return (await response.json()) as never;
};
