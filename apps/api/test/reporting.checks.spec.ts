/**
 * 核实性审核 and 强制性审核 through HTTP on real PostgreSQL (issue 19 §1–3): 西火镇 reports
 * 798 万吨 of coal for November after 87.41 in October, once through the online form's API and
 * once in its own template filled and re-saved by LibreOffice. Submitting is refused until the row
 * has a 说明; with one it goes to 能源局 (the 审核单位), whose card shows the hit, the 说明, 上月,
 * 上年同期, 环比, 同比 and the town's share. A figure typed in 吨 is named as such; a cumulative
 * figure below last month's is refused outright; a returned figure reported again shows the
 * reviewer's comment and what changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveWithLibreOffice } from '../../../packages/etl/src/testing/libreoffice.js';
import { downloadTemplate, fillTemplate, logins, upload, withDb } from './fixtures/reporting-helpers.js';
import { startTestApp, type TestApp } from './support/app.js';
import { REPORTING_NOW, REPORTING_PERIOD } from './support/constants.js';

const XIHUO = '140404103';
const COAL = `coal_output@${XIHUO}`;
const EXPLANATION = '新矿井11月投产，产量已核实';

/** 西火镇's October coal, as approved: 87.41 万吨. */
async function octoberIs87_41(app: TestApp): Promise<void> {
  await withDb(app, (c) =>
    c.query(`UPDATE observations SET value = 87.41 WHERE status = 'approved' AND indicator_code = 'coal_output' AND region_code = $1 AND period = '2026-10' AND basis = 'month'`, [XIHUO]),
  );
}

async function lastYear(app: TestApp): Promise<string> {
  return withDb(app, async (c) => (await c.query(`SELECT value::text FROM observations WHERE status = 'approved' AND indicator_code = 'coal_output' AND region_code = $1 AND period = '2025-11' AND basis = 'month'`, [XIHUO])).rows[0].value as string);
}

/** What the reviewer's card needs of the row, checked the same way for both paths. */
function expectCard(row: any, lastYearValue: string) {
  expect(row).toMatchObject({
    indicatorCode: 'coal_output',
    regionCode: XIHUO,
    value: '798',
    note: EXPLANATION,
    needsExplanation: false,
    comparisons: { previous: { period: '2026-10', value: '87.41', label: '上月' }, lastYear: { period: '2025-11', value: lastYearValue }, monthOnMonthPct: 812.9 },
  });
  expect(row.comparisons.yearOnYearPct).toBeGreaterThan(800);
  expect(row.comparisons.share.pct).toBeGreaterThan(60);
  expect(row.checks.map((h: any) => [h.rule, h.level])).toEqual([
    ['month_on_month', 'soft'],
    ['year_on_year', 'soft'],
    ['region_share', 'soft'],
  ]);
  expect(row.checks[0].message).toBe('较上月（2026-10：87.41）增长812.9%，超出±50%的核实范围');
}

describe('798 after 87.41 through the online form: refused without a 说明, reviewed with one', () => {
  let app: TestApp;
  let xihuo: string;
  let energyReview: string;
  let stats: string;
  let batchId: string;

  beforeAll(async () => {
    app = await startTestApp({}, { now: REPORTING_NOW });
    [xihuo, energyReview, stats] = await logins(app, ['xihuo', 'energy_review', 'stats'] as const);
    await octoberIs87_41(app);
  });
  afterAll(() => app.close());

  it('previews the hits: the clerk sees what the reviewer will see', async () => {
    const preview = await app.request('/api/reporting/entries', {
      method: 'POST',
      token: xihuo,
      body: { period: REPORTING_PERIOD, rows: [{ indicator: 'coal_output', region: XIHUO, period: REPORTING_PERIOD, basis: 'month', value: '798' }] },
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(201);
    batchId = preview.body.id;
    const [row] = preview.body.report.rows;
    expect(row).toMatchObject({ value: '798', needsExplanation: true, comparisons: { previous: { value: '87.41' }, monthOnMonthPct: 812.9 } });
    expect(preview.body.report.summary).toMatchObject({ needExplanation: 1, warnings: 3, rejected: 0 });
    expect(preview.body.report.submittable).toBe(true);
  });

  it('submit answers 422 with the rows that still need a 说明, and a few characters are not one', async () => {
    const bare = await app.request(`/api/reporting/submissions/${batchId}/submit`, { method: 'POST', token: xihuo, body: {} });
    expect(bare.status).toBe(422);
    expect(bare.body).toMatchObject({ code: 'explanation_required', rows: [{ indicatorCode: 'coal_output', regionCode: XIHUO, indicatorName: '原煤产量', regionName: '西火镇', value: '798' }] });
    expect(bare.body.message).toBe('1行未通过核实性审核，须逐行填写说明（至少4个字）后才能提交：原煤产量/西火镇。');
    expect(bare.body.rows[0].hits.map((h: any) => h.rule)).toEqual(['month_on_month', 'year_on_year', 'region_share']);
    const short = await app.request(`/api/reporting/submissions/${batchId}/submit`, {
      method: 'POST',
      token: xihuo,
      body: { rows: [{ indicator: 'coal_output', region: XIHUO, period: REPORTING_PERIOD, basis: 'month', note: '无误。' }] },
    });
    expect(short.status).toBe(422);
    expect((await app.request(`/api/reporting/submissions/${batchId}`, { token: xihuo })).body.status).toBe('preview');
  });

  it('with a 说明 it goes to 能源局, the 审核单位, whose card shows the hit, the 说明, 上月 and 上年同期', async () => {
    const submitted = await app.request(`/api/reporting/submissions/${batchId}/submit`, {
      method: 'POST',
      token: xihuo,
      body: { rows: [{ indicator: 'coal_output', region: XIHUO, period: REPORTING_PERIOD, basis: 'month', note: EXPLANATION }] },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', departmentCode: 'town_xihuo', reviewerDepartmentCode: 'energy', reviewerDepartmentName: '能源局' });

    const queue = await app.request(`/api/reporting/submissions?status=submitted&reviewable=true`, { token: energyReview });
    expect(queue.body.map((b: { id: string }) => b.id)).toContain(batchId);
    const card = await app.request(`/api/reporting/submissions/${batchId}`, { token: energyReview });
    expect(card.status).toBe(200);
    expectCard(card.body.report.rows[0], await lastYear(app));
    const stored = await withDb(app, async (c) => (await c.query(`SELECT note, status FROM observations WHERE batch_id = $1`, [batchId])).rows);
    expect(stored).toEqual([{ note: EXPLANATION, status: 'submitted' }]);

    // 统计局 is not the 审核单位 of 原煤产量/西火镇; it sees the batch, may not decide it.
    expect((await app.request(`/api/reporting/submissions?status=submitted&reviewable=true`, { token: stats })).body.map((b: { id: string }) => b.id)).not.toContain(batchId);
    expect((await app.request(`/api/reporting/submissions/${batchId}/approve`, { method: 'POST', token: stats, body: {} })).status).toBe(403);
    const approved = await app.request(`/api/reporting/submissions/${batchId}/approve`, { method: 'POST', token: energyReview, body: { comment: '已电话核实' } });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
  });

  it('a 说明 given in the row’s note field passes at once', async () => {
    const preview = await app.request('/api/reporting/entries', {
      method: 'POST',
      token: xihuo,
      body: { period: REPORTING_PERIOD, rows: [{ indicator: 'tourist_visits', region: XIHUO, period: REPORTING_PERIOD, basis: 'month', value: '999999', note: '举办旅游节，游客激增' }] },
    });
    expect(preview.status).toBe(201);
    expect(preview.body.report.rows[0]).toMatchObject({ needsExplanation: false, note: '举办旅游节，游客激增' });
    expect(preview.body.report.rows[0].checks.length).toBeGreaterThan(0);
    const submitted = await app.request(`/api/reporting/submissions/${preview.body.id}/submit`, { method: 'POST', token: xihuo, body: {} });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.reviewerDepartmentCode).toBe('culture_tourism');
  });
});

describe('798 after 87.41 in the template filled and re-saved by LibreOffice', { timeout: 300_000 }, () => {
  let app: TestApp;
  let xihuo: string;
  let energyReview: string;

  beforeAll(async () => {
    app = await startTestApp({}, { now: REPORTING_NOW });
    [xihuo, energyReview] = await logins(app, ['xihuo', 'energy_review'] as const);
    await octoberIs87_41(app);
  }, 120_000);
  afterAll(() => app.close());

  const saved = async (notes: Record<string, string>) => {
    const filled = await fillTemplate(await downloadTemplate(app, xihuo, REPORTING_PERIOD), { [COAL]: 798 }, notes);
    return (await saveWithLibreOffice([{ name: '西火镇-2026-11.xlsx', bytes: filled }], 'xls'))[0]!;
  };

  it('without a 说明: previewed with the hit, submit refused with the row', async () => {
    const preview = await upload(app, xihuo, await saved({}), '西火镇-2026-11.xls', { period: REPORTING_PERIOD });
    expect(preview.status, JSON.stringify(preview.body)).toBe(201);
    expect(preview.body.report.rows).toHaveLength(1);
    expect(preview.body.report.rows[0]).toMatchObject({ value: '798', needsExplanation: true, sheet: '填报表', column: 'J' });
    const submit = await app.request(`/api/reporting/submissions/${preview.body.id}/submit`, { method: 'POST', token: xihuo, body: {} });
    expect(submit.status).toBe(422);
    expect(submit.body).toMatchObject({ code: 'explanation_required', rows: [{ indicatorCode: 'coal_output', regionCode: XIHUO }] });
  });

  it('with the 说明 column filled: submitted, and 能源局’s card shows the hit, the 说明, 上月 and 上年同期', async () => {
    const preview = await upload(app, xihuo, await saved({ [COAL]: EXPLANATION }), '西火镇-2026-11-说明.xls', { period: REPORTING_PERIOD });
    expect(preview.status, JSON.stringify(preview.body)).toBe(201);
    expect(preview.body.report.rows[0]).toMatchObject({ needsExplanation: false, note: EXPLANATION });
    const submit = await app.request(`/api/reporting/submissions/${preview.body.id}/submit`, { method: 'POST', token: xihuo, body: {} });
    expect(submit.status, JSON.stringify(submit.body)).toBe(200);
    const card = await app.request(`/api/reporting/submissions/${preview.body.id}`, { token: energyReview });
    expectCard(card.body.report.rows[0], await lastYear(app));
  });
});

describe('a unit slip, a negative month, a resubmission', () => {
  let app: TestApp;
  let xihuo: string;
  let energy: string;
  let energyReview: string;

  beforeAll(async () => {
    app = await startTestApp({}, { now: REPORTING_NOW });
    [xihuo, energy, energyReview] = await logins(app, ['xihuo', 'energy', 'energy_review'] as const);
    await octoberIs87_41(app);
  });
  afterAll(() => app.close());

  it('874,100 typed into a 万吨 field is named: 疑似以吨填报', async () => {
    const preview = await app.request('/api/reporting/entries', {
      method: 'POST',
      token: xihuo,
      body: { period: REPORTING_PERIOD, rows: [{ indicator: 'coal_output', region: XIHUO, period: REPORTING_PERIOD, basis: 'month', value: '874100' }] },
    });
    const magnitude = preview.body.report.rows[0].checks.find((h: any) => h.rule === 'magnitude');
    expect(magnitude.message).toMatch(/^874100万吨约为常见值（近期中位数[\d.]+万吨）的[\d.]+倍，疑似以吨填报（应以万吨填报）$/);
    expect(preview.body.report.rows[0].checks[0].rule).toBe('magnitude');
  });

  it('a cumulative figure below last month’s stored one is refused (强制性审核): the month would be negative', async () => {
    const october = await withDb(app, async (c) => (await c.query(`SELECT value::text FROM observations WHERE status = 'approved' AND indicator_code = 'coal_sales' AND period = '2026-10' AND basis = 'ytd'`)).rows[0].value as string);
    const below = String(Number(october) - 1);
    const preview = await app.request('/api/reporting/entries', {
      method: 'POST',
      token: energy,
      body: { period: REPORTING_PERIOD, rows: [{ indicator: 'coal_sales', region: '140404', period: REPORTING_PERIOD, basis: 'ytd', value: below, note: '口径调整，已核实' }] },
    });
    expect(preview.body.report.rows).toEqual([]);
    expect(preview.body.report.rejects).toEqual([
      { file: '在线填报', row: 1, value: below, subject: '煤炭销量/上党区', reason: `强制性审核未通过：累计值${below}小于上月累计${october}（已入库数据），本期当月值将为负数。` },
    ]);
    expect(preview.body.report.submittable).toBe(false);
  });

  it('a returned figure reported again shows the reviewer’s earlier comment and what changed (63.52 → 62.1)', async () => {
    const enter = (value: string) =>
      app.request('/api/reporting/entries', { method: 'POST', token: xihuo, body: { period: REPORTING_PERIOD, rows: [{ indicator: 'coal_output', region: XIHUO, period: REPORTING_PERIOD, basis: 'month', value, note: '本月减产，已核实' }] } });
    const first = await enter('63.52');
    expect((await app.request(`/api/reporting/submissions/${first.body.id}/submit`, { method: 'POST', token: xihuo, body: {} })).status).toBe(200);
    const returned = await app.request(`/api/reporting/submissions/${first.body.id}/return`, { method: 'POST', token: energyReview, body: { comment: '与煤矿月报不符，请核对' } });
    expect(returned.status).toBe(200);

    const again = await enter('62.1');
    expect(again.body.report.rows[0]).toMatchObject({ value: '62.1', returned: { batchId: first.body.id, value: '63.52', comment: '与煤矿月报不符，请核对' } });
    expect(again.body.report.resubmits).toEqual([{ batchId: first.body.id, reviewComment: '与煤矿月报不符，请核对', reviewedBy: 'energy_review', reviewedAt: returned.body.reviewedAt }]);
    const submitted = await app.request(`/api/reporting/submissions/${again.body.id}/submit`, { method: 'POST', token: xihuo, body: {} });
    expect(submitted.status).toBe(200);
    const card = await app.request(`/api/reporting/submissions/${again.body.id}`, { token: energyReview });
    expect(card.body.report.resubmits[0]).toMatchObject({ batchId: first.body.id, reviewComment: '与煤矿月报不符，请核对' });
    expect(card.body.report.rows[0].returned).toMatchObject({ value: '63.52' });
  });
});
