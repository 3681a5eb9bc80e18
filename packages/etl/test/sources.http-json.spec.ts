/**
 * readHttpJson against a real HTTP server on 127.0.0.1: paging, the watermark parameter, retries
 * of transient answers with backoff, and the errors that are not retried.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readHttpJson, type HttpJsonSourceConfig } from '../src/sources/http-json.source.js';
import { TransientError, withRetry } from '../src/sources/retry.js';
import { structuredToRaw } from '../src/sources/structured-record.js';

type Handler = (request: IncomingMessage, url: URL, response: ServerResponse) => void;

let server: Server;
let base: string;
let handler: Handler = (_q, _u, response) => response.end('{}');
const seen: URL[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    seen.push(url);
    handler(request, url, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  seen.length = 0;
});

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

const ITEMS = Array.from({ length: 5 }, (_, i) => ({
  indicator: 'coal_output',
  townCode: ['140404201', '140404104', '140404103', '140404107', '140404201'][i],
  month: `2026-${String(6 + i).padStart(2, '0')}`,
  basis: '当月',
  value: 80 + i,
  unit: '万吨',
  updatedAt: `2026-11-0${i + 1}T08:00:00Z`,
}));

/** A paged API: `?page=N&pageSize=M&updatedSince=ISO`, items strictly newer than updatedSince. */
const pagedApi: Handler = (_request, url, response) => {
  const since = url.searchParams.get('updatedSince');
  const size = Number(url.searchParams.get('pageSize'));
  const page = Number(url.searchParams.get('page'));
  const items = ITEMS.filter((i) => !since || i.updatedAt > since);
  const slice = items.slice((page - 1) * size, page * size);
  json(response, 200, { items: slice, nextPage: page * size < items.length ? page + 1 : null });
};

const config = (over: Partial<HttpJsonSourceConfig> = {}): HttpJsonSourceConfig => ({
  type: 'http',
  url: `${base}/api/coal`,
  pageSize: 2,
  params: { since: 'updatedSince' },
  watermarkField: 'updatedAt',
  mapping: { indicator: 'indicator', region: 'townCode', period: 'month', value: 'value', basis: 'basis', unit: 'unit' },
  ...over,
});

const fast = { baseDelayMs: 1, maxDelayMs: 5 };

async function collect(source: AsyncIterable<{ records: unknown[]; watermark: string | null }>) {
  const pages: Array<{ records: unknown[]; watermark: string | null }> = [];
  for await (const page of source) pages.push(page);
  return pages;
}

describe('readHttpJson', () => {
  it('follows nextPage until null, with page and pageSize parameters, and tracks the greatest updatedAt', async () => {
    handler = pagedApi;
    const pages = await collect(readHttpJson(config(), null, fast));
    expect(pages.map((p) => p.records.length)).toEqual([2, 2, 1]);
    expect(pages.at(-1)!.watermark).toBe('2026-11-05T08:00:00Z');
    expect(seen.map((u) => [u.searchParams.get('page'), u.searchParams.get('pageSize'), u.searchParams.get('updatedSince')])).toEqual([
      ['1', '2', null],
      ['2', '2', null],
      ['3', '2', null],
    ]);
  });

  it('asks only for items newer than the watermark on the next run', async () => {
    handler = pagedApi;
    const pages = await collect(readHttpJson(config(), '2026-11-03T08:00:00Z', fast));
    expect(pages.flatMap((p) => p.records).map((r) => (r as { periodRaw: string }).periodRaw)).toEqual(['2026-09', '2026-10']);
    expect(seen[0]!.searchParams.get('updatedSince')).toBe('2026-11-03T08:00:00Z');
    expect(pages.at(-1)!.watermark).toBe('2026-11-05T08:00:00Z');
  });

  it('nothing new: one empty page, the watermark stays where it was', async () => {
    handler = pagedApi;
    const pages = await collect(readHttpJson(config(), '2026-12-01T00:00:00Z', fast));
    expect(pages).toEqual([{ records: [], watermark: '2026-12-01T00:00:00Z' }]);
  });

  it('each item becomes a raw record positioned by the source and its index', async () => {
    handler = pagedApi;
    const pages = await collect(readHttpJson(config({ pageSize: 10 }), null, fast));
    expect(pages[0]!.records[4]).toEqual({
      position: { file: `${base}/api/coal`, row: 5 },
      columns: { indicator: 'indicator', region: 'townCode', period: 'month', value: 'value', basis: 'basis', unit: 'unit' },
      indicatorRef: { code: 'coal_output' },
      regionRef: { code: '140404201' },
      periodRaw: '2026-10',
      basisRaw: '当月',
      valueRaw: 84,
      unitRaw: '万吨',
    });
  });

  it('a 503, a 429 and a dropped connection are retried with backoff, then the page is read', async () => {
    const failures = [503, 429, 'drop'];
    handler = (request, url, response) => {
      const next = failures.shift();
      if (next === 'drop') return request.socket.destroy();
      if (next !== undefined) return json(response, next as number, { error: 'busy' });
      pagedApi(request, url, response);
    };
    const delays: number[] = [];
    const pages = await collect(readHttpJson(config({ pageSize: 10 }), null, { ...fast, onRetry: (_attempt, _error, delay) => delays.push(delay) }));
    expect(pages[0]!.records).toHaveLength(5);
    expect(delays).toHaveLength(3);
    expect(seen).toHaveLength(4);
  });

  it('gives up after the configured attempts with the last transient error', async () => {
    handler = (_request, _url, response) => json(response, 503, {});
    await expect(collect(readHttpJson(config(), null, { ...fast, attempts: 3 }))).rejects.toThrow(TransientError);
    expect(seen).toHaveLength(3);
  });

  it('a 4xx is not retried and carries the server’s answer', async () => {
    handler = (_request, _url, response) => json(response, 401, { error: 'token expired' });
    await expect(collect(readHttpJson(config(), null, fast))).rejects.toThrow('/api/coal 返回 HTTP 401：{"error":"token expired"}');
    expect(seen).toHaveLength(1);
  });

  it('a timeout is transient', async () => {
    handler = () => undefined; // never answers
    await expect(collect(readHttpJson(config({ timeoutMs: 100 }), null, { ...fast, attempts: 2 }))).rejects.toThrow(/请求http:\/\/127\.0\.0\.1:\d+\/api\/coal失败/);
    expect(seen).toHaveLength(2);
  });

  it('a body without the items array is an error naming the field', async () => {
    handler = (_request, _url, response) => json(response, 200, { data: [] });
    await expect(collect(readHttpJson(config(), null, fast))).rejects.toThrow('/api/coal 的响应缺少数组字段"items"');
  });

  it('field names of the response and headers are configurable', async () => {
    let auth: string | undefined;
    handler = (request, url, response) => {
      auth = request.headers.authorization;
      const page = Number(url.searchParams.get('p'));
      json(response, 200, { data: { rows: page === 1 ? ITEMS.slice(0, 1) : [] }, more: page === 1 ? 2 : null, rows: page === 1 ? ITEMS.slice(0, 1) : [] });
    };
    const pages = await collect(readHttpJson(config({ params: { page: 'p' }, response: { items: 'rows', nextPage: 'more' }, headers: { authorization: 'Bearer abc' } }), null, fast));
    expect(pages.map((p) => p.records.length)).toEqual([1, 0]);
    expect(auth).toBe('Bearer abc');
  });
});

describe('withRetry', () => {
  it('retries only TransientError, with exponential backoff capped at maxDelayMs', async () => {
    const delays: number[] = [];
    let calls = 0;
    const value = await withRetry(
      async () => {
        calls += 1;
        if (calls < 4) throw new TransientError('busy');
        return 'ok';
      },
      { attempts: 5, baseDelayMs: 100, maxDelayMs: 250, sleep: async (ms) => void delays.push(ms) },
    );
    expect(value).toBe('ok');
    expect(delays).toHaveLength(3);
    // Full jitter: each delay within [0, min(max, base·2^(n-1))].
    [100, 200, 250].forEach((cap, i) => expect(delays[i]).toBeLessThanOrEqual(cap));
    await expect(withRetry(async () => Promise.reject(new Error('bad request')), { sleep: async () => undefined })).rejects.toThrow('bad request');
  });
});

describe('structuredToRaw', () => {
  it('ascii refs are codes, anything else names; blanks are absent; the note is kept', () => {
    const raw = structuredToRaw({ ind: '原煤产量', reg: '西火镇', p: '2026年10月', v: '1,580', note: '含洗选' }, { indicator: 'ind', region: 'reg', period: 'p', value: 'v', note: 'note' }, 'src', 0);
    expect(raw).toMatchObject({ indicatorRef: { name: '原煤产量' }, regionRef: { name: '西火镇' }, periodRaw: '2026年10月', valueRaw: '1,580', note: '含洗选', position: { file: 'src', row: 1 } });
    expect(structuredToRaw({ ind: ' ', reg: null, p: 1, v: 2 }, { indicator: 'ind', region: 'reg', period: 'p', value: 'v' }, 'src', 1)).toMatchObject({ indicatorRef: {}, regionRef: {} });
  });
});
