import { loadRecords } from '@planwatch/etl';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { TEST_AS_OF } from './support/constants.js';

/** Polls `read` until it returns something, or gives up after `ms`. */
async function eventually<T>(read: () => Promise<T | null>, ms: number): Promise<T | null> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (value !== null || Date.now() - started > ms) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A fresh start must not say 当前无触发中的预警 while the screen is red: with scheduled work
 * enabled, the rules are evaluated at start-up and after figures change in any process — not
 * only at each rule's next cron time (08:00 the next day).
 */
describe('alerts from the first minute', () => {
  let a: TestApp;
  let b: TestApp | undefined;
  let db: pg.Client;

  beforeAll(async () => {
    a = await startTestApp({ CRON_ENABLED: 'true' });
    db = new pg.Client({ connectionString: a.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await b?.close();
    await a?.close();
  });

  // Signed in: anonymous callers see what is firing but not which rule fired it.
  const tokens = new Map<TestApp, string>();
  const firing = async (app: TestApp) => {
    if (!tokens.has(app)) tokens.set(app, await app.login('admin'));
    const body = (await app.request('/api/alerts?state=firing&limit=500', { token: tokens.get(app) })).body as { total: number; items: Array<{ subject: { indicatorCode?: string; regionCode?: string }; ruleCode: string }> };
    return body.total > 0 ? body : null;
  };

  it('a fresh start shows the sample’s alerts within a minute, without anyone asking', async () => {
    const rules = (await db.query(`SELECT count(*)::int AS n FROM alert_rules WHERE enabled`)).rows[0].n as number;
    const evaluated = await eventually(async () => {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM job_runs WHERE job LIKE 'alerts.evaluate:%' AND status = 'succeeded'`);
      return rows[0].n === rules ? rules : null;
    }, 60_000);
    expect(evaluated).toBe(rules);
    expect((await firing(a))?.total).toBeGreaterThan(10);
    const { rows } = await db.query(`SELECT DISTINCT trigger, tick_key FROM job_runs WHERE job LIKE 'alerts.evaluate:%'`);
    expect(rows).toEqual([{ trigger: 'event', tick_key: expect.stringMatching(/^data-version:\d+$/) }]);
  });

  it('a second process starting on the same data does not evaluate it again', async () => {
    const before = (await db.query(`SELECT count(*)::int AS n FROM job_runs WHERE job LIKE 'alerts.evaluate:%'`)).rows[0].n as number;
    b = await startTestApp({ CRON_ENABLED: 'true' }, { databaseUrl: a.databaseUrl });
    await new Promise((r) => setTimeout(r, 2_000));
    const { rows } = await db.query(`SELECT job, count(*)::int AS n FROM job_runs WHERE job LIKE 'alerts.evaluate:%' GROUP BY job HAVING count(*) > 1`);
    expect(rows).toEqual([]);
    expect((await db.query(`SELECT count(*)::int AS n FROM job_runs WHERE job LIKE 'alerts.evaluate:%'`)).rows[0].n).toBe(before);
  });

  it('figures loaded by another process (an ETL command) are judged at once, once across the API processes', async () => {
    // PV glass far behind its target: a red target-gap alert must follow the load without an evaluate call.
    await db.query('BEGIN');
    const [{ id }] = (await db.query(`INSERT INTO batches (source, status) VALUES ('etl', 'loaded') RETURNING id`)).rows as [{ id: string }];
    await loadRecords(db, [{ indicator: 'pv_glass_output', region: '140404', period: TEST_AS_OF, basis: 'ytd', value: '1', position: { file: 'test', row: 1 } }], {
      batchId: id,
      status: 'approved',
    });
    await db.query('COMMIT');
    const version = (await db.query(`SELECT data_version_of('in_force') AS v`)).rows[0].v as string;
    const pvRed = await eventually(async () => {
      const alerts = await firing(a);
      return alerts?.items.find((x) => x.ruleCode === 'target_gap_default' && x.subject.indicatorCode === 'pv_glass_output' && x.subject.regionCode === '140404') ?? null;
    }, 30_000);
    expect(pvRed).not.toBeNull();
    const runs = await eventually(async () => {
      const { rows } = await db.query(`SELECT job, count(*)::int AS n FROM job_runs WHERE tick_key = $1 GROUP BY job`, [`data-version:${version}`]);
      return rows.length > 0 ? rows : null;
    }, 10_000);
    expect(runs!.every((r: { n: number }) => r.n === 1)).toBe(true);
  });
});
