/**
 * One owner per figure (issue 19 §4), through HTTP on real PostgreSQL: 原煤产量 for 西火镇 is
 * on 西火镇's task list only; 能源局 (its 审核单位) sees where it stands in words, never a batch
 * number or an error; 能源局 entering it is refused by name; 能源局's reviewer reviews the town's
 * coal, 统计局's cannot; a town's entry for two 审核单位 becomes two submissions, one each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logins } from './fixtures/reporting-helpers.js';
import { startTestApp, type TestApp } from './support/app.js';
import { REPORTING_NOW, REPORTING_PERIOD } from './support/constants.js';

const XIHUO = '140404103';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('one 报送单位 and one 审核单位 per figure', () => {
  let app: TestApp;
  let xihuo: string;
  let energy: string;
  let energyReview: string;
  let stats: string;

  beforeAll(async () => {
    app = await startTestApp({}, { now: REPORTING_NOW });
    [xihuo, energy, energyReview, stats] = await logins(app, ['xihuo', 'energy', 'energy_review', 'stats'] as const);
  });
  afterAll(() => app.close());

  const tasks = async (token: string) => (await app.request(`/api/reporting/tasks?period=${REPORTING_PERIOD}`, { token })).body;

  it('puts 原煤产量/西火镇 on 西火镇’s list only; 能源局 watches it, read-only', async () => {
    const town = await tasks(xihuo);
    expect(town.tasks.map((t: any) => `${t.indicatorCode}@${t.regionCode}`)).toContain(`coal_output@${XIHUO}`);
    expect(town.tasks.find((t: any) => t.indicatorCode === 'coal_output')).toMatchObject({ status: 'due', reviewerName: '能源局', dueDate: '2026-12-10', daysLeft: 8 });
    const bureau = await tasks(energy);
    expect(bureau.tasks.map((t: any) => t.indicatorCode).sort()).toEqual(['coal_rail_shipment', 'coal_sales']);
    expect(bureau.watched.find((w: any) => w.indicatorCode === 'coal_output' && w.regionCode === XIHUO)).toMatchObject({
      status: 'due',
      reporterName: '西火镇',
      reviewerName: '能源局',
      statusText: '待西火镇报送',
    });
  });

  it('when the town has reported, 能源局 reads "西火镇已报，待能源局审核" and entering it is refused by name, with no batch number', async () => {
    const preview = await app.request('/api/reporting/entries', {
      method: 'POST',
      token: xihuo,
      body: { period: REPORTING_PERIOD, rows: [{ indicator: 'coal_output', region: XIHUO, period: REPORTING_PERIOD, basis: 'month', value: '86.1' }] },
    });
    expect((await app.request(`/api/reporting/submissions/${preview.body.id}/submit`, { method: 'POST', token: xihuo, body: {} })).status).toBe(200);

    const watched = (await tasks(energy)).watched.find((w: any) => w.indicatorCode === 'coal_output' && w.regionCode === XIHUO);
    expect(watched).toMatchObject({ status: 'submitted', statusText: '西火镇已报，待能源局审核' });
    expect(JSON.stringify(watched)).not.toMatch(UUID);

    const attempt = await app.request('/api/reporting/entries', {
      method: 'POST',
      token: energy,
      body: { period: REPORTING_PERIOD, rows: [{ indicator: 'coal_output', region: XIHUO, period: REPORTING_PERIOD, basis: 'month', value: '90' }] },
    });
    expect(attempt.status).toBe(201);
    expect(attempt.body.report.rejects).toEqual([{ file: '在线填报', row: 1, value: '90', subject: '原煤产量/西火镇', reason: '"原煤产量/西火镇"由西火镇报送，本账号不能填报。' }]);
    expect(JSON.stringify(attempt.body.report)).not.toMatch(UUID);
  });

  it('the coal reviewer sees and approves the town’s coal; 统计局 sees it but may not decide it', async () => {
    const queue = (await app.request('/api/reporting/submissions?status=submitted&reviewable=true', { token: energyReview })).body;
    const townCoal = queue.find((b: any) => b.departmentCode === 'town_xihuo');
    expect(townCoal).toMatchObject({ reviewerDepartmentCode: 'energy', period: REPORTING_PERIOD });
    expect((await app.request(`/api/reporting/submissions/${townCoal.id}`, { token: stats })).status).toBe(200);
    expect((await app.request(`/api/reporting/submissions/${townCoal.id}/approve`, { method: 'POST', token: stats, body: {} })).status).toBe(403);
    expect((await app.request(`/api/reporting/submissions/${townCoal.id}/approve`, { method: 'POST', token: energyReview, body: {} })).status).toBe(200);
    expect((await tasks(energy)).watched.find((w: any) => w.indicatorCode === 'coal_output' && w.regionCode === XIHUO)).toMatchObject({
      status: 'approved',
      statusText: '西火镇已报，能源局已审核通过',
      approvedValue: '86.1',
    });
  });

  it('a town’s entry for two 审核单位 becomes two submissions, each reviewed by its own', async () => {
    const preview = await app.request('/api/reporting/entries', {
      method: 'POST',
      token: xihuo,
      body: {
        period: REPORTING_PERIOD,
        rows: [
          { indicator: 'scrap_steel_processed', region: XIHUO, period: REPORTING_PERIOD, basis: 'month', value: '1.2', note: '新增回收点，已核实' },
          { indicator: 'tourist_visits', region: XIHUO, period: REPORTING_PERIOD, basis: 'month', value: '1.1', note: '淡季客流，已核实' },
        ],
      },
    });
    expect(preview.body.report.rejects).toEqual([]);
    const submitted = await app.request(`/api/reporting/submissions/${preview.body.id}/submit`, { method: 'POST', token: xihuo, body: {} });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const [first, second] = [submitted.body, submitted.body.report.splitInto[0]];
    expect(first.reviewerDepartmentCode).toBe('industry');
    expect(first.report.rows.map((r: any) => r.indicatorCode)).toEqual(['scrap_steel_processed']);
    expect(submitted.body.report.splitInto).toEqual([{ batchId: expect.stringMatching(UUID), reviewerDepartmentCode: 'culture_tourism', figures: 1 }]);
    const other = (await app.request(`/api/reporting/submissions/${second.batchId}`, { token: xihuo })).body;
    expect(other).toMatchObject({ status: 'submitted', reviewerDepartmentCode: 'culture_tourism', departmentCode: 'town_xihuo', rowsTotal: 1 });
    expect(other.report.rows.map((r: any) => r.indicatorCode)).toEqual(['tourist_visits']);
    expect(other.report.splitInto).toEqual([{ batchId: first.id, reviewerDepartmentCode: 'industry', figures: 1 }]);
  });
});
