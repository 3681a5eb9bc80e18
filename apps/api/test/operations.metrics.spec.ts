/**
 * What operators watch, through HTTP against real PostgreSQL: `/api/metrics` opens only to the
 * METRICS_TOKEN, and counts requests, ETL runs and rows, alert evaluations, progress cache hits
 * and the outbox.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDb } from './fixtures/reporting-helpers.js';
import { startTestApp, type TestApp } from './support/app.js';

const METRICS_TOKEN = 'scrape-token-scrape-token-0001';

/** The value of one sample (`name{labels} value`) in a Prometheus text exposition. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((pair) => l.slice(0, l.indexOf('}')).includes(pair)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('/api/metrics', () => {
  let app: TestApp;
  let inbox: string;

  beforeAll(async () => {
    inbox = mkdtempSync(path.join(tmpdir(), 'planwatch-metrics-inbox-'));
    app = await startTestApp({ METRICS_TOKEN, INBOX_DIR: inbox });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(inbox, { recursive: true, force: true });
  });

  const scrape = () => app.request('/api/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });

  it('answers only the metrics token: not anonymous callers, not a signed-in administrator', async () => {
    expect((await app.request('/api/metrics')).status).toBe(401);
    expect((await app.request('/api/metrics', { token: await app.login('admin') })).status).toBe(401);
    expect((await app.request('/api/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } })).status).toBe(401);
    const { status, body, headers } = await scrape();
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('text/plain');
    expect(body).toContain('planwatch_process_cpu_user_seconds_total');
  });

  it('counts request latency, progress cache hits and misses, alert evaluations, ETL runs and rows, and the outbox', async () => {
    const admin = await app.login('admin');
    // A webhook channel nobody serves: its messages wait in the outbox (this app runs no delivery worker).
    const channel = { code: 'district_hook', kind: 'webhook', config: { url: 'http://127.0.0.1:9/hook' } };
    expect((await app.request('/api/alerts/channels', { method: 'POST', token: admin, body: channel })).status).toBe(201);
    for (let i = 0; i < 2; i++) expect((await app.request('/api/progress/overview?period=2026-09')).status).toBe(200);
    expect((await app.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: {} })).status).toBe(200);
    mkdirSync(path.join(inbox, 'town_xichi'), { recursive: true });
    const file = path.join(inbox, 'town_xichi', '西池乡2019年.csv');
    writeFileSync(file, '指标名称,地区,期间,口径,数值,单位\n原煤产量,西池乡,2019-03,当月,71.5,万吨\n原煤产量,西池乡,2019-04,当月,70.25,万吨\n');
    utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect((await app.request('/api/etl/jobs/department-inbox/run', { method: 'POST', token: admin })).body).toMatchObject({ status: 'succeeded', rowsLoaded: 2 });

    // One message given up after its last attempt: a dead letter.
    const outbox = await withDb(app, async (client) => {
      await client.query(`UPDATE notifications SET status = 'dead' WHERE id = (SELECT min(id) FROM notifications WHERE status = 'pending')`);
      const { rows } = await client.query<{ pending: number }>(`SELECT count(*)::int AS pending FROM notifications WHERE status = 'pending'`);
      return rows[0]!;
    });
    expect(outbox.pending).toBeGreaterThan(0);

    const { body } = await scrape();
    expect(sample(body, 'planwatch_http_request_duration_seconds_count', { method: 'GET', route: '/api/progress/overview', status: '200' })).toBe(2);
    expect(sample(body, 'planwatch_progress_cache_requests_total', { result: 'miss' })).toBeGreaterThan(0);
    expect(sample(body, 'planwatch_progress_cache_requests_total', { result: 'hit' })).toBeGreaterThan(0);
    expect(sample(body, 'planwatch_alert_evaluations_total', { rule: 'target_gap_default', trigger: 'api', outcome: 'evaluated' })).toBe(1);
    expect(sample(body, 'planwatch_etl_runs_total', { job: 'department-inbox', trigger: 'api', status: 'succeeded' })).toBe(1);
    expect(sample(body, 'planwatch_etl_rows_total', { job: 'department-inbox', outcome: 'loaded' })).toBe(2);
    expect(sample(body, 'planwatch_outbox_messages', { status: 'pending' })).toBe(outbox.pending);
    expect(sample(body, 'planwatch_outbox_messages', { status: 'dead' })).toBe(1);
  });
});
