import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRecords } from '@planwatch/etl';
import pg from 'pg';
import { startTestApp, type TestApp } from './support/app.js';
import { TEST_AS_OF } from './support/constants.js';
import { sql } from './support/db.js';

type Row = { period: string; basis: 'month' | 'ytd'; value: string; span_start: string | null };

/**
 * YTD at `month` from raw approved rows, by hand: start from the latest YTD row at or before the
 * month (e.g. 1–2月 reported together as February YTD), then add month rows that cover every
 * month after it; a month nobody covered means the YTD is unknown (null).
 */
function ytdByHand(rows: Row[], year: number, month: number): number | null {
  const inYear = rows.filter((r) => r.period.startsWith(`${year}-`));
  const monthOf = (period: string) => Number(period.slice(5));
  const anchor = inYear.filter((r) => r.basis === 'ytd' && monthOf(r.period) <= month).sort((a, b) => monthOf(b.period) - monthOf(a.period))[0];
  let total = anchor ? Number(anchor.value) : 0;
  let covered = anchor ? monthOf(anchor.period) : 0;
  while (covered < month) {
    const next = inYear.find((r) => r.basis === 'month' && monthOf(r.span_start ?? r.period) === covered + 1 && monthOf(r.period) <= month);
    if (!next) return null;
    total += Number(next.value);
    covered = monthOf(next.period);
  }
  return total;
}

describe('progress API on the sample data', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  const approved = (indicator: string, region: string) =>
    sql<Row>(
      api.databaseUrl,
      `SELECT period, basis, value::text, span_start FROM observations
        WHERE indicator_code = $1 AND region_code = $2 AND status = 'approved' ORDER BY period`,
      [indicator, region],
    );
  const annualTarget = async (indicator: string, region: string, year: number) =>
    Number(
      (await sql<{ value: string }>(api.databaseUrl, `SELECT value::text FROM targets WHERE indicator_code = $1 AND region_code = $2 AND year = $3`, [indicator, region, year]))[0]!.value,
    );

  it('overview: PV glass output (district-reported flow) matches a hand computation', async () => {
    const { status, body } = await api.request(`/api/progress/overview?period=${TEST_AS_OF}`);
    expect(status).toBe(200);
    expect(body.period).toBe(TEST_AS_OF);
    expect(body.sample).toBe(true);
    const pv = body.headline.find((h: { code: string }) => h.code === 'pv_glass_output');
    const month = Number(pv.dataAsOf.slice(5));
    // The district's own YTD, or — the month 工信局 has not had approved — the sum of the towns that make it up.
    const own = ytdByHand(await approved('pv_glass_output', '140404'), 2026, month);
    const towns = await Promise.all(['140404102', '140404106'].map(async (town) => ytdByHand(await approved('pv_glass_output', town), 2026, month)));
    const ytd = own ?? towns.reduce((sum: number, value) => sum + value!, 0);
    const target = await annualTarget('pv_glass_output', '140404', 2026);
    expect(Number(pv.value)).toBeCloseTo(ytd, 6);
    expect(pv.timeProgressPct).toBeCloseTo((month / 12) * 100, 10);
    expect(pv.completionPct).toBeCloseTo((ytd / target) * 100, 8);
    expect(pv.gapPp).toBeCloseTo((ytd / target) * 100 - (month / 12) * 100, 8);
    const expectedStatus = pv.gapPp >= 0 ? 'green' : pv.gapPp >= -5 ? 'yellow' : 'red';
    expect(pv.status).toBe(expectedStatus);
    expect(pv.unit).toBe('万平方米');
    expect(pv.flags.sample).toBe(true);
    expect(pv.sentence).toMatch(/^光伏玻璃产量完成年度目标[\d.]+%，(落后|超过)序时进度[\d.]+个百分点。$/);
    expect(body.headline.map((h: { code: string }) => h.code)).toEqual(['coal_output', 'pv_glass_output', 'key_project_investment']);
  });

  it('coal output: the district is the sum of the coal towns, marked incomplete when one is missing', async () => {
    const { body } = await api.request(`/api/progress/indicators/coal_output?to=${TEST_AS_OF}`);
    const towns = ['140404201', '140404104', '140404103', '140404107'];
    const month = Number(body.indicator.dataAsOf.slice(5));
    const parts = await Promise.all(towns.map(async (town) => ytdByHand(await approved('coal_output', town), 2026, month)));
    const present = parts.filter((p): p is number => p !== null);
    expect(Number(body.indicator.value)).toBeCloseTo(present.reduce((a, b) => a + b, 0), 6);
    expect(body.indicator.flags.incomplete).toBe(present.length < towns.length);
    // The chart's YTD series agrees with the headline figure at its month.
    const point = body.ytd.find((p: { period: string }) => p.period === body.indicator.dataAsOf);
    expect(point.value).toBe(body.indicator.value);
    expect(body.monthly.length).toBeGreaterThan(0);
    // A town that stops reporting makes the sum incomplete, never a negative month.
    for (const segment of body.monthly) expect(Number(segment.value), `${segment.from}–${segment.to}`).toBeGreaterThanOrEqual(0);
    expect(body.planProgress.map((p: { targetYear: number }) => p.targetYear)).toEqual([2025, 2035]);
    // Plan trajectory passes through the 2025 target and the 2035 target.
    const at = (year: number) => body.trajectory.find((t: { year: number }) => t.year === year)?.expected;
    expect(at(2025)).toBe(String(await annualTarget('coal_output', '140404', 2025)));
    expect(at(2035)).toBe(String(await annualTarget('coal_output', '140404', 2035)));
    expect(body.regions.map((r: { code: string }) => r.code)).toEqual(['140404', ...towns]);
  });

  it('coal output with a town missing: judged like for like on the towns that reported (同口径)', async () => {
    const { body } = await api.request(`/api/progress/indicators/coal_output?to=${TEST_AS_OF}`);
    const coal = body.indicator;
    const towns = ['140404201', '140404104', '140404103', '140404107'];
    const month = Number(coal.dataAsOf.slice(5));
    const ytd = async (town: string, year: number, m: number) => ytdByHand(await approved('coal_output', town), year, m);
    const reporting: string[] = [];
    for (const town of towns) if ((await ytd(town, 2026, month)) !== null) reporting.push(town);
    // The sample keeps a hole in 西火镇's reports, so the case is on screen.
    expect(reporting.length).toBeLessThan(towns.length);
    const shares = await sql<{ region_code: string; share: string }>(
      api.databaseUrl,
      `SELECT DISTINCT region_code, share::text FROM targets WHERE indicator_code = 'coal_output' AND share IS NOT NULL`,
    );
    const share = reporting.reduce((sum, town) => sum + Number(shares.find((s) => s.region_code === town)!.share), 0);
    const target = (await annualTarget('coal_output', '140404', 2026)) * share;
    expect(coal).toMatchObject({ judgement: 'like_for_like', annualTarget: String(await annualTarget('coal_output', '140404', 2026)) });
    expect(coal.likeForLike.regions).toEqual(reporting);
    expect(Number(coal.likeForLike.target)).toBeCloseTo(target, 6);
    expect(coal.completionPct).toBeCloseTo((Number(coal.value) / target) * 100, 8);
    expect(coal.gapPp).toBeCloseTo((Number(coal.value) / target) * 100 - (month / 12) * 100, 8);
    expect(coal.status).toBe(coal.gapPp >= 0 ? 'green' : coal.gapPp >= -5 ? 'yellow' : 'red');
    // Year on year: the same towns, the same month last year.
    const lastYear = (await Promise.all(reporting.map((town) => ytd(town, 2025, month)))).reduce((a, b) => a! + b!, 0)!;
    expect(Number(coal.lastYearValue)).toBeCloseTo(lastYear, 6);
    expect(coal.yoyPct).toBeCloseTo((Number(coal.value) / lastYear - 1) * 100, 8);
    // Plan progress holds the same towns' projected year against their share of each plan target.
    const by2035 = body.planProgress.find((g: { targetYear: number }) => g.targetYear === 2035);
    expect(by2035.attainmentPct).toBeCloseTo((Number(coal.projection.value) / (Number(by2035.target) * share)) * 100, 6);
    // And the overview's headline and chain agree with the indicator page.
    const overview = (await api.request(`/api/progress/overview?period=${TEST_AS_OF}`)).body;
    expect(overview.headline[0]).toMatchObject({ code: 'coal_output', judgement: 'like_for_like', status: coal.status, completionPct: coal.completionPct });
  });

  it('town view: 西火镇 shows its own coal output YTD against its own target', async () => {
    const { status, body } = await api.request(`/api/progress/regions/140404103?period=${TEST_AS_OF}`);
    expect(status).toBe(200);
    const coal = body.indicators.find((i: { code: string }) => i.code === 'coal_output');
    const month = Number(coal.dataAsOf.slice(5));
    expect(Number(coal.value)).toBeCloseTo(ytdByHand(await approved('coal_output', '140404103'), 2026, month)!, 6);
    expect(Number(coal.annualTarget)).toBe(await annualTarget('coal_output', '140404103', 2026));
  });

  it('a town\'s monthly chart keeps the month values it reported after a missing month', async () => {
    const rows = (await approved('coal_output', '140404103')).filter((r) => r.period.startsWith('2026-') && r.basis === 'month');
    const { body } = await api.request(`/api/progress/indicators/coal_output?region=140404103&from=2026-01&to=${TEST_AS_OF}`);
    for (const row of rows) {
      const segment = body.monthly.find((m: { to: string }) => m.to === row.period);
      expect(segment, row.period).toBeDefined();
      expect(Number(segment.value)).toBeCloseTo(Number(row.value), 6);
    }
  });

  it('chain view: status counts and the capped composite follow from the indicators', async () => {
    const { body } = await api.request(`/api/progress/chains/green_coal?period=${TEST_AS_OF}`);
    const statuses = body.indicators.map((i: { status: string }) => i.status);
    for (const status of ['green', 'yellow', 'red', 'pending', 'no_data']) {
      expect(body.statusCounts[status]).toBe(statuses.filter((s: string) => s === status).length);
    }
    const scored = body.indicators.filter((i: { score: number | null }) => i.score !== null);
    const weights = await sql<{ code: string; weight: string }>(api.databaseUrl, `SELECT code, weight::text FROM indicators WHERE chain_code = 'green_coal'`);
    const weightOf = (code: string) => Number(weights.find((w) => w.code === code)!.weight);
    const composite =
      scored.reduce((sum: number, i: { code: string; score: number }) => sum + Math.min(Math.max(i.score, 0), 120) * weightOf(i.code), 0) /
      scored.reduce((sum: number, i: { code: string }) => sum + weightOf(i.code), 0);
    expect(body.composite).toBeCloseTo(composite, 8);
    expect(body.sentence).toContain('绿色煤炭');
    const worst = ['red', 'yellow', 'green', 'pending'].find((status) => statuses.includes(status)) ?? 'no_data';
    expect(body.status).toBe(worst);
  });

  it('key projects: summary, filters and detail agree with the rows', async () => {
    const list = await api.request('/api/projects');
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThanOrEqual(25);
    const stalled = await api.request('/api/projects?stalled=true');
    expect(stalled.body.length).toBeGreaterThan(0);
    expect(stalled.body.every((p: { stalled: boolean; stalledReason: string }) => p.stalled && p.stalledReason)).toBe(true);
    const pv = await api.request('/api/projects?chain=pv');
    expect(pv.body.every((p: { chainCode: string }) => p.chainCode === 'pv')).toBe(true);
    const first = list.body[0];
    const detail = await api.request(`/api/projects/${first.code}`);
    expect(detail.status).toBe(200);
    const thisYear = detail.body.progress
      .filter((p: { period: string }) => p.period.startsWith('2026-'))
      .reduce((sum: number, p: { investment: string }) => sum + Number(p.investment), 0);
    expect(Number(detail.body.completedThisYear)).toBeCloseTo(thisYear, 6);
    const overview = await api.request(`/api/progress/overview?period=${TEST_AS_OF}`);
    expect(overview.body.projects.total).toBe(list.body.length);
    expect(overview.body.projects.stalled).toBe(stalled.body.length);
    expect((await api.request('/api/projects/NOPE')).status).toBe(404);
  });

  it('answers a repeat poll with 304 until the data changes', async () => {
    const first = await api.request(`/api/progress/overview?period=${TEST_AS_OF}`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    const again = await api.request(`/api/progress/overview?period=${TEST_AS_OF}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const otherPeriod = await api.request('/api/progress/overview?period=2026-09', { headers: { 'if-none-match': etag } });
    expect(otherPeriod.status).toBe(200);
  });

  it('names the parameter in every 400', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/api/progress/overview?period=2026-13', /"period"/],
      ['/api/progress/overview?period=202610', /"period"/],
      ['/api/progress/chains/no_such_chain', /"code".*no_such_chain/],
      ['/api/progress/regions/999', /"code"/],
      ['/api/progress/indicators/coal_outptu', /"code".*coal_outptu/],
      ['/api/progress/indicators/coal_output?from=2026-05&to=2026-01', /"from"/],
      ['/api/progress/indicators/coal_output?region=140404101', /"region"/],
      ['/api/projects?stalled=maybe', /"stalled"/],
      ['/api/progress/overview?colour=red', /"colour"/],
    ];
    for (const [path, message] of cases) {
      const { status, body } = await api.request(path);
      expect(status, path).toBe(400);
      expect(body.message, path).toMatch(message);
    }
  });

  it('says a period has no data instead of showing zero', async () => {
    const { body } = await api.request('/api/progress/overview?period=2019-06');
    for (const headline of body.headline) {
      expect(headline.value).toBeNull();
      expect(headline.status).toBe('no_data');
      expect(headline.sentence).toContain('暂无');
    }
  });

  it('a department sees its own pending figures as provisional; the public does not', async () => {
    const pending = await sql<{ indicator_code: string; department_code: string; region_code: string; period: string }>(
      api.databaseUrl,
      `SELECT o.indicator_code, i.department_code, o.region_code, o.period FROM observations o JOIN indicators i ON i.code = o.indicator_code
        WHERE o.status = 'submitted' AND i.department_code = 'industry' AND i.kind = 'flow' ORDER BY o.period DESC LIMIT 1`,
    );
    expect(pending.length).toBe(1);
    const { indicator_code: code, region_code: region, period } = pending[0]!;
    const token = await api.login('industry');
    const own = await api.request(`/api/progress/indicators/${code}?region=${region}&to=${period}`, { token });
    const anonymous = await api.request(`/api/progress/indicators/${code}?region=${region}&to=${period}`);
    expect(own.body.indicator.flags.provisional).toBe(true);
    expect(anonymous.body.indicator.flags.provisional).toBe(false);
  });

  it('serves newly approved figures at once (the cache follows the data version)', async () => {
    const before = await api.request(`/api/progress/indicators/pv_glass_output?to=${TEST_AS_OF}`);
    const client = new pg.Client({ connectionString: api.databaseUrl });
    await client.connect();
    await client.query('BEGIN');
    const [{ id }] = (await client.query(`INSERT INTO batches (source, status) VALUES ('etl', 'loaded') RETURNING id`)).rows as [{ id: string }];
    await loadRecords(
      client,
      [{ indicator: 'pv_glass_output', region: '140404', period: TEST_AS_OF, basis: 'ytd', value: '99999', position: { file: 'test', row: 1 } }],
      { batchId: id, status: 'approved' },
    );
    await client.query('COMMIT');
    await client.end();
    // Another process's commit reaches this one by NOTIFY, within milliseconds.
    const started = Date.now();
    let after = await api.request(`/api/progress/indicators/pv_glass_output?to=${TEST_AS_OF}`);
    while (after.body.indicator.value !== '99999' && Date.now() - started < 2_000) {
      await new Promise((r) => setTimeout(r, 20));
      after = await api.request(`/api/progress/indicators/pv_glass_output?to=${TEST_AS_OF}`);
    }
    expect(before.body.indicator.value).not.toBe('99999');
    expect(after.body.indicator).toMatchObject({ value: '99999', dataAsOf: TEST_AS_OF });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('a sum of towns with a town missing and no shares in the plan', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
    // A plan that splits no coal target among the towns: nothing to compare the reporting towns with.
    await sql(api.databaseUrl, `UPDATE targets SET share = NULL WHERE indicator_code = 'coal_output'`);
  });
  afterAll(() => api.close());

  it('is 待补报: not judged, no gap, projection or year on year, and not red in its chain', async () => {
    const { body } = await api.request(`/api/progress/indicators/coal_output?to=${TEST_AS_OF}`);
    expect(body.indicator).toMatchObject({
      judgement: 'pending',
      status: 'pending',
      likeForLike: null,
      completionPct: null,
      gapPp: null,
      projection: null,
      yoyPct: null,
      flags: { incomplete: true },
    });
    expect(body.indicator.sentence).toMatch(/^原煤产量已报乡镇累计[\d,.]+万吨，西火镇未报，待补报后评价。$/);
    expect(body.planProgress.map((g: { attainmentPct: number | null }) => g.attainmentPct)).toEqual([null, null]);
    const chain = (await api.request(`/api/progress/chains/green_coal?period=${TEST_AS_OF}`)).body;
    expect(chain.statusCounts.pending).toBeGreaterThanOrEqual(1);
    const judged = chain.indicators.filter((i: { code: string }) => i.code !== 'coal_output').map((i: { status: string }) => i.status);
    expect(chain.status).toBe(['red', 'yellow', 'green', 'pending'].find((status) => [...judged, 'pending'].includes(status)));
  });
});
