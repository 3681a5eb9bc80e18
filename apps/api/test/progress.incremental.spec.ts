import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRecords } from '../../../packages/etl/src/load/observation-store.js';
import type { ObservationRecord } from '../../../packages/etl/src/model.js';
import { startTestApp, type TestApp } from './support/app.js';
import { sql } from './support/db.js';
import { until } from './support/wait.js';

type Figure = Pick<ObservationRecord, 'indicator' | 'region' | 'period' | 'basis' | 'value'>;

/** Puts figures in force through the ETL write path, committed from a connection of its own (as another process would). */
async function approve(databaseUrl: string, figures: Figure[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ id: string }>(`INSERT INTO batches (source, status) VALUES ('etl', 'loaded') RETURNING id`);
    await loadRecords(client, figures.map((f, i) => ({ ...f, position: { file: 'incremental-test', row: i + 1 } })), { batchId: rows[0]!.id, status: 'approved' });
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

/**
 * After a change the API recomputes only the indicators it touched (issue 15): every answer must
 * be what a process that never saw the earlier answers computes from scratch on the same data.
 */
describe('progress after a change (only what it touches recomputed)', () => {
  let api: TestApp;
  let paths: string[];

  /** Every public progress answer: the overviews, and every chain and region with each indicator's result. */
  const answers = async (app: TestApp) => {
    const all: Record<string, unknown> = {};
    for (const path of paths) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      const { generatedAt: _generatedAt, ...body } = response.body as Record<string, unknown>;
      all[path] = body;
    }
    return all;
  };

  /** The same answers from a process started now, which computes everything afresh. */
  const fromScratch = async () => {
    const fresh = await startTestApp({}, { databaseUrl: api.databaseUrl });
    try {
      return await answers(fresh);
    } finally {
      await fresh.close();
    }
  };

  const changed = async (before: unknown) => until('the API to hear of the change', async () => JSON.stringify(await answers(api)) !== JSON.stringify(before), 10_000);

  beforeAll(async () => {
    api = await startTestApp({ DATA_VERSION_RECHECK_SECONDS: '3600' });
    const overview = (await api.request('/api/progress/overview?period=2026-10')).body as { chains: Array<{ code: string }>; services: Array<{ code: string }>; regions: Array<{ code: string }> };
    paths = [
      '/api/progress/overview',
      '/api/progress/overview?period=2026-10',
      '/api/progress/overview?period=2026-09',
      '/api/progress/regions/140404?period=2026-10',
      ...overview.regions.map((r) => `/api/progress/regions/${r.code}?period=2026-10`),
      ...[...overview.chains, ...overview.services].map((c) => `/api/progress/chains/${c.code}?period=2026-10`),
    ];
  });
  afterAll(() => api?.close());

  it('answers as a fresh process does after figures change, the parts of a ratio included', async () => {
    let before = await answers(api);
    await approve(api.databaseUrl, [
      { indicator: 'coal_output', region: '140404103', period: '2026-10', basis: 'month', value: '87.6' },
      { indicator: 'coal_output', region: '140404201', period: '2026-09', basis: 'month', value: '310.25' },
    ]);
    await changed(before);
    expect(await answers(api)).toEqual(await fromScratch());

    before = await answers(api);
    // The numerator of 先进产能占比 (a ratio of two stocks): the ratio is assessed again too.
    await approve(api.databaseUrl, [{ indicator: 'coal_advanced_capacity', region: '140404104', period: '2026-09', basis: 'month', value: '1' }]);
    await changed(before);
    expect(await answers(api)).toEqual(await fromScratch());
  });

  it('answers as a fresh process does after the plan changes (everything recomputed)', async () => {
    const before = await answers(api);
    await sql(api.databaseUrl, `UPDATE targets SET value = value * 2 WHERE indicator_code = 'coal_output' AND year = 2026`);
    await changed(before);
    expect(await answers(api)).toEqual(await fromScratch());
  });

  it('answers as a fresh process does after a project changes (only the projects summary recomputed)', async () => {
    const before = await answers(api);
    await sql(api.databaseUrl, `UPDATE projects SET annual_plan_investment = annual_plan_investment + 1234 WHERE code = (SELECT min(code) FROM projects)`);
    await changed(before);
    expect(await answers(api)).toEqual(await fromScratch());
  });

  it('records what each writing transaction changed: the indicators, the projects, the plan', async () => {
    const [{ mark }] = (await sql<{ mark: string }>(api.databaseUrl, `SELECT pg_current_snapshot()::text AS mark`)) as [{ mark: string }];
    await approve(api.databaseUrl, [{ indicator: 'pv_glass_output', region: '140404', period: '2026-10', basis: 'ytd', value: '9999' }]);
    const since = () =>
      sql<{ scope: string; indicator: string | null }>(
        api.databaseUrl,
        `SELECT DISTINCT scope, indicator_code AS indicator FROM data_changes WHERE NOT pg_visible_in_snapshot(xid, $1::pg_snapshot) ORDER BY 1, 2`,
        [mark],
      );
    expect(await since()).toEqual([{ scope: 'figures', indicator: 'pv_glass_output' }]);
    await sql(api.databaseUrl, `UPDATE projects SET name = name WHERE code = (SELECT min(code) FROM projects)`);
    await sql(api.databaseUrl, `UPDATE targets SET value = value WHERE indicator_code = 'coal_output' AND year = 2026`);
    expect(await since()).toEqual([
      { scope: 'figures', indicator: 'pv_glass_output' },
      { scope: 'plan', indicator: null },
      { scope: 'projects', indicator: null },
    ]);
  });
});
