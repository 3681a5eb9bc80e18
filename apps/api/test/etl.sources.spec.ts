/**
 * The structured sources into real PostgreSQL: the shipped coal-reporting-system job against a
 * local HTTP server on 127.0.0.1 (paging, the updatedAt watermark on the next run, a transient
 * 503 retried, all-or-nothing keeping the watermark), and a SQL query on a second database
 * created here, through the runner the CLI uses.
 */
import { EtlRunner, parseJobDefinition, urlConnector } from '@planwatch/etl';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { emptyDatabase, freshDatabase } from '../../../scripts/lib/test-postgres.js';
import { withDb } from './fixtures/reporting-helpers.js';
import { startTestApp, type TestApp } from './support/app.js';

const XICHI = '140404201';
const BAYI = '140404104';
const NANSONG = '140404107';
const XIHUO = '140404103';

interface Item {
  indicator: string;
  townCode: string;
  month: string;
  basis: string;
  value: number | string;
  unit: string;
  remark?: string;
  updatedAt: string;
}

async function approvedValue(url: string, indicator: string, region: string, period: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT o.value::text AS value, o.revision, o.note, b.etl_run_id FROM observations o JOIN batches b ON b.id = o.batch_id
        WHERE o.status = 'approved' AND o.indicator_code = $1 AND o.region_code = $2 AND o.period = $3 AND o.basis = 'month'`,
      [indicator, region, period],
    );
    return rows[0] as { value: string; revision: number; note: string | null; etl_run_id: string } | undefined;
  } finally {
    await client.end();
  }
}

describe('coal-reporting-system: HTTP JSON with paging and an updatedAt watermark', () => {
  let server: Server;
  let app: TestApp;
  let admin: string;
  let items: Item[] = [];
  const requests: URL[] = [];
  /** Status codes to answer before serving normally (one per request). */
  const failures: number[] = [];

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      requests.push(url);
      const failure = failures.shift();
      response.setHeader('content-type', 'application/json');
      if (failure) {
        response.statusCode = failure;
        return response.end(JSON.stringify({ error: failure === 503 ? 'maintenance' : 'forbidden' }));
      }
      // The system pages by 2 whatever is asked, and returns items strictly newer than updatedSince.
      const since = url.searchParams.get('updatedSince');
      const page = Number(url.searchParams.get('page'));
      const newer = items.filter((i) => !since || i.updatedAt > since).sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
      const size = Math.min(2, Number(url.searchParams.get('pageSize')));
      response.end(JSON.stringify({ items: newer.slice((page - 1) * size, page * size), nextPage: page * size < newer.length ? page + 1 : null }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    app = await startTestApp({ COAL_API_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/coal/production`, COAL_API_TOKEN: 'secret-token' });
    admin = await app.login('admin');
  });
  afterAll(async () => {
    await app.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const run = async () => {
    const response = await app.request('/api/etl/jobs/coal-reporting-system/run', { method: 'POST', token: admin });
    expect(response.status).toBe(200);
    return response.body;
  };

  it('first run: every page read (a 503 on the way retried), figures approved, the watermark recorded', async () => {
    items = [
      { indicator: 'coal_output', townCode: XICHI, month: '2026-10', basis: '当月', value: 80.5, unit: '万吨', updatedAt: '2026-11-03T08:00:00Z' },
      { indicator: '原煤产量', townCode: '八义镇', month: '2026年10月', basis: '当月', value: '612,500', unit: '吨', remark: '含洗选', updatedAt: '2026-11-04T08:00:00Z' },
      { indicator: 'coal_output', townCode: NANSONG, month: '2026-10', basis: '当月', value: 70.2, unit: '万吨', updatedAt: '2026-11-05T09:30:00Z' },
    ];
    failures.push(503);
    const result = await run();
    expect(result).toMatchObject({ status: 'succeeded', trigger: 'api', rowsRead: 3, rowsLoaded: 3, rowsRejected: 0 });
    expect(result.report).toMatchObject({ source: { type: 'http', target: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api\/coal\/production$/) }, since: null, watermark: '2026-11-05T09:30:00Z' });
    // 503 (retried), page 1, page 2.
    expect(requests.map((u) => [u.searchParams.get('page'), u.searchParams.get('updatedSince')])).toEqual([
      ['1', null],
      ['1', null],
      ['2', null],
    ]);
    expect(await approvedValue(app.databaseUrl, 'coal_output', BAYI, '2026-10')).toMatchObject({ value: '61.25', note: '含洗选', etl_run_id: result.id });
    expect(await approvedValue(app.databaseUrl, 'coal_output', XICHI, '2026-10')).toMatchObject({ value: '80.5', revision: 1 });
  });

  it('second run: asks only for what changed since the watermark; a corrected value becomes a revision', async () => {
    requests.length = 0;
    items.push({ indicator: 'coal_output', townCode: XICHI, month: '2026-10', basis: '当月', value: 81, unit: '万吨', updatedAt: '2026-11-06T10:00:00Z' });
    const result = await run();
    expect(requests.map((u) => u.searchParams.get('updatedSince'))).toEqual(['2026-11-05T09:30:00Z']);
    expect(result).toMatchObject({ status: 'succeeded', rowsRead: 1, rowsLoaded: 1, rowsUnchanged: 0 });
    expect(result.report).toMatchObject({ since: '2026-11-05T09:30:00Z', watermark: '2026-11-06T10:00:00Z' });
    expect(await approvedValue(app.databaseUrl, 'coal_output', XICHI, '2026-10')).toMatchObject({ value: '81', revision: 2, etl_run_id: result.id });
  });

  it('nothing new: a succeeded run that keeps the watermark', async () => {
    requests.length = 0;
    const result = await run();
    expect(result).toMatchObject({ status: 'succeeded', rowsRead: 0, rowsLoaded: 0 });
    expect(result.report.watermark).toBe('2026-11-06T10:00:00Z');
  });

  it('one bad item: nothing of the pass loads and the watermark does not move, so the next run asks again', async () => {
    items.push(
      { indicator: 'coal_output', townCode: BAYI, month: '2026-09', basis: '当月', value: 60, unit: '万吨', updatedAt: '2026-11-07T08:00:00Z' },
      { indicator: 'coal_output', townCode: '140409999', month: '2026-09', basis: '当月', value: 10, unit: '万吨', updatedAt: '2026-11-07T09:00:00Z' },
    );
    const before = await approvedValue(app.databaseUrl, 'coal_output', BAYI, '2026-09');
    const failed = await run();
    expect(failed).toMatchObject({ status: 'failed', rowsRead: 2, rowsLoaded: 0, rowsRejected: 1 });
    expect(failed.report.watermark).toBeUndefined();
    expect(failed.report.rejects).toEqual([
      { file: expect.stringContaining('/api/coal/production'), row: 2, column: 'townCode', field: 'region', value: '140409999', reason: expect.stringMatching(/[\u4e00-\u9fff]/) },
    ]);
    expect(await approvedValue(app.databaseUrl, 'coal_output', BAYI, '2026-09')).toEqual(before);

    requests.length = 0;
    items.pop();
    const retried = await run();
    expect(requests[0]!.searchParams.get('updatedSince')).toBe('2026-11-06T10:00:00Z');
    expect(retried).toMatchObject({ status: 'succeeded', rowsRead: 1, rowsLoaded: 1 });
    expect(retried.report.watermark).toBe('2026-11-07T08:00:00Z');
  });

  it('the checks uploads go through: 798 after 89.7 without a 备注 refuses the pass; with one it loads, and the batch keeps the hit with its 说明', async () => {
    const item = (remark: string | undefined, updatedAt: string): Item => ({ indicator: 'coal_output', townCode: XIHUO, month: '2026-10', basis: '当月', value: 798, unit: '万吨', ...(remark ? { remark } : {}), updatedAt });
    const before = await approvedValue(app.databaseUrl, 'coal_output', XIHUO, '2026-10');
    items.push(item(undefined, '2026-11-08T08:00:00Z'));
    const refused = await run();
    expect(refused).toMatchObject({ status: 'failed', rowsRead: 1, rowsLoaded: 0, rowsRejected: 1 });
    expect(refused.report.watermark).toBeUndefined();
    expect(refused.report.rejects[0]).toMatchObject({ row: 1, value: '798', field: 'note' });
    expect(refused.report.rejects[0].reason).toMatch(/^核实性审核：较上月（2026-09：89\.7）增长789\.6%，超出±50%的核实范围；.*请在备注（说明）中写明原因（至少4个字）后重新报送$/);
    expect(await approvedValue(app.databaseUrl, 'coal_output', XIHUO, '2026-10')).toEqual(before);

    items.pop();
    items.push(item('新矿井投产，产量已核实', '2026-11-08T09:00:00Z'));
    const loaded = await run();
    expect(loaded).toMatchObject({ status: 'succeeded', rowsRead: 1, rowsLoaded: 1, rowsRejected: 0 });
    expect(await approvedValue(app.databaseUrl, 'coal_output', XIHUO, '2026-10')).toMatchObject({ value: '798', note: '新矿井投产，产量已核实', etl_run_id: loaded.id });
    const report = await withDb(app, async (c) => (await c.query(`SELECT report FROM batches WHERE etl_run_id = $1`, [loaded.id])).rows[0].report);
    expect(report.checks).toHaveLength(1);
    expect(report.checks[0]).toMatchObject({ indicator: 'coal_output', region: XIHUO, period: '2026-10', value: '798', note: '新矿井投产，产量已核实' });
    expect(report.checks[0].hits.map((h: { rule: string; level: string }) => [h.rule, h.level])).toContainEqual(['month_on_month', 'soft']);
  });

  it('a 403 is not retried: the run fails with the server’s answer', async () => {
    requests.length = 0;
    failures.push(403);
    const result = await run();
    expect(requests).toHaveLength(1);
    expect(result).toMatchObject({ status: 'failed', rowsLoaded: 0 });
    expect(result.error).toContain('返回 HTTP 403');
    expect(result.report.units[0]).toMatchObject({ status: 'failed', errorCode: 'source_error' });
  });

  it('GET /api/etl/jobs lists both shipped jobs without credentials, each with its last run', async () => {
    const response = await app.request('/api/etl/jobs', { token: admin });
    expect(response.status).toBe(200);
    const jobs = response.body as Array<Record<string, any>>;
    expect(jobs.map((j) => [j.name, j.valid, j.schedule, j.mode, j.source.type])).toEqual([
      ['coal-reporting-system', true, '15 * * * *', 'all_or_nothing', 'http'],
      ['department-inbox', true, '*/5 * * * *', 'all_or_nothing', 'inbox'],
    ]);
    expect(JSON.stringify(jobs)).not.toContain('secret-token');
    expect(jobs[0]!.lastRun).toMatchObject({ status: 'failed', trigger: 'api' });
    expect(jobs[1]!.lastRun).toBeNull();
  });
});

describe('a SQL query on another PostgreSQL, with a watermark', () => {
  let url: string;
  let other: string;
  const runner = () => new EtlRunner({ connector: urlConnector(url), retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
  const WATERMARKED = `SELECT indicator, town, month, basis, value, unit, updated_at
      FROM monthly_figures
     WHERE $1::timestamptz IS NULL OR updated_at > $1::timestamptz
     ORDER BY updated_at`;
  const job = (sourceUrl: string, query = WATERMARKED) =>
    parseJobDefinition(
      `
name: stats-db
description: 统计局数据库
trusted: true
source:
  type: sql
  url: ${sourceUrl}
  query: ${JSON.stringify(query)}
  watermarkField: updated_at
  batchSize: 2
  mapping: { indicator: indicator, region: town, period: month, basis: basis, value: value, unit: unit }
`,
      { file: 'stats-db.job.yaml' },
    );

  beforeAll(async () => {
    url = await freshDatabase(inject('database'), 'etl_sql');
    other = await emptyDatabase(inject('database'));
    const client = new pg.Client({ connectionString: other });
    await client.connect();
    await client.query(`
      CREATE TABLE monthly_figures (indicator text, town text, month text, basis text, value numeric, unit text, updated_at timestamptz);
      INSERT INTO monthly_figures VALUES
        ('coal_output', '西池乡', '2026-10', '当月', 79.25, '万吨', '2026-11-02T01:00:00Z'),
        ('coal_output', '140404104', '2026-10', '当月', 60.5, '万吨', '2026-11-02T02:00:00Z'),
        ('coal_output', '南宋镇', '2026-10', '当月', 690000, '吨', '2026-11-02T03:00:00Z');`);
    await client.end();
  });

  it('streams the rows through a cursor, loads them, and records the watermark', async () => {
    const summary = await runner().run(job(other), { trigger: 'cli' });
    expect(summary).toMatchObject({ status: 'succeeded', trigger: 'cli', rowsRead: 3, rowsLoaded: 3 });
    expect(summary.report).toMatchObject({ source: { type: 'sql' }, since: null, watermark: '2026-11-02T03:00:00.000Z' });
    expect(summary.report.source.target).not.toContain('postgres:postgres@');
    expect(await approvedValue(url, 'coal_output', NANSONG, '2026-10')).toMatchObject({ value: '69', etl_run_id: summary.id });
  });

  it('the next run reads only newer rows', async () => {
    await withDb({ databaseUrl: other } as TestApp, (c) => c.query(`INSERT INTO monthly_figures VALUES ('coal_output', '西池乡', '2026-10', '当月', 79.5, '万吨', '2026-11-03T00:00:00Z')`));
    const summary = await runner().run(job(other), { trigger: 'cli' });
    expect(summary).toMatchObject({ status: 'succeeded', rowsRead: 1, rowsLoaded: 1, rowsUnchanged: 0 });
    expect(summary.report).toMatchObject({ since: '2026-11-02T03:00:00.000Z', watermark: '2026-11-03T00:00:00.000Z' });
    expect(await approvedValue(url, 'coal_output', XICHI, '2026-10')).toMatchObject({ value: '79.5', revision: 2 });
  });

  it('runs exactly one read-only statement: "SELECT …; COMMIT; …" and a writing CTE change nothing on the source', async () => {
    const tables = async () =>
      withDb({ databaseUrl: other } as TestApp, async (c) => ({
        tables: (await c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows.map((r) => r.tablename),
        figures: (await c.query(`SELECT count(*)::int AS n FROM monthly_figures`)).rows[0].n,
      }));
    const before = await tables();
    for (const query of [
      `SELECT indicator, town, month, basis, value, unit, updated_at FROM monthly_figures; COMMIT; CREATE TABLE pwned (x int); DELETE FROM monthly_figures`,
      `SELECT 1 AS indicator; COMMIT; DELETE FROM monthly_figures`,
      `WITH gone AS (DELETE FROM monthly_figures RETURNING *) SELECT * FROM gone`,
    ]) {
      const summary = await runner().run(job(other, query), { trigger: 'cli' });
      expect(summary).toMatchObject({ status: 'failed', rowsLoaded: 0 });
      expect(summary.error).toContain('读取数据源失败');
      expect(await tables()).toEqual(before);
    }
  });

  it('an unreachable database is retried, then the run fails and says why', async () => {
    const dead = new URL(other);
    dead.port = '1';
    const summary = await runner().run(job(dead.toString()), { trigger: 'cli' });
    expect(summary).toMatchObject({ status: 'failed', rowsLoaded: 0 });
    expect(summary.error).toContain('读取数据源失败：连接源数据库失败');
    const runs = await withDb({ databaseUrl: url } as TestApp, async (c) => (await c.query(`SELECT status, count(*)::int AS n FROM etl_runs WHERE job = 'stats-db' GROUP BY 1 ORDER BY 1`)).rows);
    expect(runs).toEqual([
      { status: 'failed', n: 4 },
      { status: 'succeeded', n: 2 },
    ]);
  });
});
