import type { RawRecord } from '../model.js';
import { TransientError, withRetry, type RetryOptions } from './retry.js';
import { structuredToRaw, type FieldMapping } from './structured-record.js';

export interface HttpJsonSourceConfig {
  type: 'http';
  /** Endpoint returning `{ items: [...], nextPage?: string|number|null }` (field names configurable). */
  url: string;
  pageSize?: number;
  /** Query parameter names the system expects. */
  params?: { page?: string; pageSize?: string; since?: string };
  /** Response fields. */
  response?: { items?: string; nextPage?: string };
  /** Field of each item that only grows (e.g. updatedAt): the next run asks only for newer items. */
  watermarkField?: string;
  headers?: Record<string, string>;
  mapping: FieldMapping;
  timeoutMs?: number;
}

export interface HttpPage {
  records: RawRecord[];
  /** The greatest watermark value seen so far. */
  watermark: string | null;
}

/**
 * Reads a paged JSON API from the last watermark on: transient failures (network, 5xx, 429,
 * timeouts) are retried with backoff; anything else fails the run with the server's answer.
 */
export async function* readHttpJson(
  config: HttpJsonSourceConfig,
  since: string | null,
  retry: RetryOptions = {},
  fetchImpl: typeof fetch = fetch,
): AsyncGenerator<HttpPage> {
  const names = { page: 'page', pageSize: 'pageSize', since: 'since', ...config.params };
  const itemsField = config.response?.items ?? 'items';
  const nextField = config.response?.nextPage ?? 'nextPage';
  let page: string | number | null = 1;
  let watermark = since;
  let index = 0;
  while (page !== null && page !== undefined) {
    const url = new URL(config.url);
    url.searchParams.set(names.page, String(page));
    url.searchParams.set(names.pageSize, String(config.pageSize ?? 500));
    if (since && config.watermarkField) url.searchParams.set(names.since, since);
    const body = await withRetry(async () => {
      let response: Response;
      try {
        response = await fetchImpl(url, { headers: { accept: 'application/json', ...config.headers }, signal: AbortSignal.timeout(config.timeoutMs ?? 30_000) });
      } catch (error) {
        throw new TransientError(`请求${url.origin}${url.pathname}失败：${(error as Error).message}`, { cause: error });
      }
      if (response.status >= 500 || response.status === 429) throw new TransientError(`${url.pathname} 返回 HTTP ${response.status}`);
      if (!response.ok) throw new Error(`${url.pathname} 返回 HTTP ${response.status}：${(await response.text()).slice(0, 200)}`);
      return (await response.json()) as Record<string, unknown>;
    }, retry);
    const items = body[itemsField];
    if (!Array.isArray(items)) throw new Error(`${url.pathname} 的响应缺少数组字段"${itemsField}"`);
    const records = items.map((item: Record<string, unknown>) => {
      const mark = config.watermarkField ? item[config.watermarkField] : undefined;
      if (mark !== undefined && mark !== null && (watermark === null || String(mark) > watermark)) watermark = String(mark);
      return structuredToRaw(item, config.mapping, `${url.origin}${url.pathname}`, index++);
    });
    yield { records, watermark };
    const next = body[nextField];
    page = items.length === 0 ? null : (next as string | number | null | undefined) ?? null;
  }
}
