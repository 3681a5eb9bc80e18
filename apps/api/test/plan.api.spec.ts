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
    // The article's 确保全年…3300万吨 is a target of its own year; carried to 2025 it is illustrative, quoting it.
    expect(coalTarget).toMatchObject({ value: '3300', illustrative: true, source: { id: 'article2024', note: expect.stringContaining('示意') } });
    expect(coalTarget.source.quote).toContain('3300万吨');
    const coal2024 = body.targets.find((t: { indicatorCode: string; regionCode: string; year: number }) => t.indicatorCode === 'coal_output' && t.regionCode === '140404' && t.year === 2024);
    expect(coal2024).toMatchObject({ value: '3300', illustrative: false });
    expect(body.sources).toEqual([
      { id: 'article2024', title: expect.stringContaining('产业焕新'), year: 2024 },
      { id: 'plan2021', title: expect.stringContaining('产业布局专项规划'), year: null },
    ]);
  });

  it('GET /api/plan serves the published figures with their quotes, and the evidence for every place', async () => {
    const { body } = await api.request('/api/plan');
    expect(body.published).toHaveLength(5);
    expect(body.published.find((p: { indicatorCode: string }) => p.indicatorCode === 'intelligent_mining_faces')).toEqual({
      indicatorCode: 'intelligent_mining_faces',
      regionCode: '140404',
      period: '2024-12',
      dated: 'year',
      basis: 'month',
      value: '25',
      source: { sourceId: 'article2024', sourceTitle: expect.stringContaining('产业焕新'), quote: expect.stringContaining('智能化采掘工作面25处'), note: expect.stringContaining('目前') },
    });
    const pv = body.indicators.find((i: { code: string }) => i.code === 'pv_glass_output');
    expect(pv.regionCodes).toEqual(['140404102', '140404106']);
    expect(pv.placeSources.map((q: { quote: string }) => q.quote).join('')).toContain('先进装备制造园（荫城镇）');
    const grain = body.indicators.find((i: { code: string }) => i.code === 'grain_output');
    expect(grain.illustrativePlaces).toHaveLength(9);
    const logistics = body.regions.find((r: { code: string }) => r.code === 'P140404-02');
    expect(logistics).toMatchObject({ parentCode: '140404401', townCode: null, schematic: null });
    const health = body.chains.find((c: { code: string }) => c.code === 'health_wellness');
    expect(health.graph.upstream[0].illustrativePlaces).toEqual(['140404103', '140404107']);
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
