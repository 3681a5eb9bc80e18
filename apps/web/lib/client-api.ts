/**
 * The browser's calls to the API for signed-in pages: same-origin `/api` (the proxy adds the
 * session's token), JSON in and out, errors with the API's Chinese message. A 401 means the
 * session is over: the page goes to /login and comes back afterwards.
 */
import { errorDetail } from './endpoints';
import { loginPath } from './session';

export class ClientApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ClientApiError';
  }
}

/** Sends the browser to /login, to come back to where it was. */
export function redirectToLogin(): void {
  if (typeof window === 'undefined') return;
  window.location.assign(loginPath(`${window.location.pathname}${window.location.search}`, 'expired'));
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as multipart (uploads). */
  form?: FormData;
  signal?: AbortSignal;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form; // the browser sets the multipart boundary
  }
  let response: Response;
  try {
    response = await fetch(path, { method: options.method ?? (body ? 'POST' : 'GET'), headers, body, credentials: 'same-origin', cache: 'no-store', signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ClientApiError(0, `网络错误：${error instanceof Error ? error.message : String(error)}`);
  }
  if (response.status === 401) {
    redirectToLogin();
    throw new ClientApiError(401, '登录已过期，请重新登录');
  }
  if (!response.ok) throw new ClientApiError(response.status, await errorDetail(response));
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A query string from defined values only. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
