import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDb } from './fixtures/reporting-helpers.js';
import { startTestApp, type TestApp } from './support/app.js';

describe('plan, health, metrics and docs over HTTP', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  it('GET /api/health says the process is alive; GET /api/ready reports database, migrations, plan and scheduler', async () => {
    expect(await api.request('/api/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    const { status, body } = await api.request('/api/ready');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ready', database: { status: 'up' }, migrations: { current: true, pending: [] }, scheduler: { enabled: false, running: [] } });
    expect(body.plan.version).toMatch(/\d/);
  });

  it('GET /api/ready is 503 while a migration is pending', async () => {
    await withDb(api, (client) => client.query(`DELETE FROM migrations WHERE id = (SELECT max(id) FROM migrations) RETURNING name`));
    const { status, body } = await api.request('/api/ready');
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'not_ready', database: { status: 'up' }, migrations: { current: false } });
    expect(body.migrations.pending).toHaveLength(1);
  });

  it('GET /api/plan serves chains, the region tree, indicators and targets with sources', async () => {
    const { status, body } = await api.request('/api/plan');
    expect(status).toBe(200);
    expect(body.plan).toMatchObject({ region: '140404', baseYear: 2021, nearTermYear: 2025, targetYear: 2035, visionYear: 2050 });
    const chains = body.chains.filter((c: { kind: string }) => c.kind === 'chain').map((c: { code: string }) => c.code);
    expect(chains).toEqual(['green_coal', 'digital_equipment', 'medicine', 'nev', 'pv', 'recycling']);
    const district = body.regions.find((r: { code: string }) => r.code === '140404');
    expect(district).toMatchObject({ name: '上党区', kind: 'district', parentCode: null });
    const haojiazhuang = body.regions.find((r: { code: string }) => r.code === '140404106');
    expect(haojiazhuang).toMatchObject({ name: '郝家庄镇', parentCode: '140404' });
    expect(body.indicators.length).toBeGreaterThanOrEqual(40);
    const coal = body.indicators.find((i: { code: string }) => i.code === 'coal_output');
    expect(coal).toMatchObject({ name: '原煤产量', unit: '万吨', kind: 'flow', frequency: 'monthly', departmentCode: 'energy', chainCode: 'green_coal' });
    const coalTarget = body.targets.find(
      (t: { indicatorCode: string; regionCode: string; year: number }) => t.indicatorCode === 'coal_output' && t.regionCode === '140404' && t.year === 2025,
    );
    expect(coalTarget).toMatchObject({ value: '3300', illustrative: false, source: { id: 'article2024' } });
    expect(coalTarget.source.quote).toContain('3300万吨');
  });

  it('GET /api/metrics exposes Prometheus metrics including request durations', async () => {
    await api.request('/api/plan');
    const { status, body } = await api.request('/api/metrics');
    expect(status).toBe(200);
    expect(body).toContain('planwatch_http_request_duration_seconds_bucket');
    expect(body).toContain('planwatch_process_cpu_user_seconds_total');
  });

  it('serves OpenAPI docs and carries a request id on every response', async () => {
    const docs = await api.request('/api/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/plan', '/api/health']));
    const withId = await api.request('/api/health', { headers: { 'x-request-id': 'abc-123' } });
    expect(withId.headers.get('x-request-id')).toBe('abc-123');
  });
});
