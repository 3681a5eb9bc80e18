/** A JSON-speaking fetch against one base URL: JSON bodies are sent and parsed, FormData goes as it is. */
export type JsonRequest = (
  path: string,
  init?: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> },
) => Promise<{ status: number; body: any; headers: Headers }>;

export function jsonRequester(baseUrl: string): JsonRequest {
  return async (path, init = {}) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: RequestInit['body'];
    if (init.body instanceof FormData) body = init.body;
    else if (init.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.body);
    }
    const response = await fetch(`${baseUrl}${path}`, { method: init.method ?? 'GET', headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: response.status, body: parsed, headers: response.headers };
  };
}
