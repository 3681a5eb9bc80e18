/**
 * The whole reporting cycle through HTTP against real PostgreSQL, for two bureaus (能源局,
 * 工信局) and a town (西火镇): template → fill in Excel → upload → preview → submit → return →
 * correct → approve, and after approval the figure shows in progress, its history and the audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainEvents, type DomainEvent } from '../src/common/domain-events.js';
import { startTestApp, type TestApp } from './support/app.js';
import { approvedValue, downloadTemplate, fillTemplate, templateRows, upload, withDb, logins } from './fixtures/reporting-helpers.js';

const PERIOD = '2026-11';
const XIHUO = '140404103';
const XICHI = '140404201';
const DISTRICT = '140404';

type Task = { indicatorCode: string; regionCode: string; status: string; dueDate: string; overdue: boolean; reviewComment: string | null; pendingValue: string | null; approvedValue: string | null };

async function tasks(app: TestApp, token: string): Promise<Map<string, Task>> {
  const response = await app.request(`/api/reporting/tasks?period=${PERIOD}`, { token });
  expect(response.status).toBe(200);
  return new Map((response.body.tasks as Task[]).map((t) => [`${t.indicatorCode}@${t.regionCode}`, t]));
}

/** The month's value of a flow in GET /api/progress/indicators/:code, as the public screen sees it. */
async function progressMonthValue(app: TestApp, indicator: string, region: string): Promise<string | undefined> {
  const response = await app.request(`/api/progress/indicators/${indicator}?region=${region}&from=2026-01&to=${PERIOD}`);
  expect(response.status).toBe(200);
  return (response.body.monthly as Array<{ to: string; value: string }>).find((s) => s.to === PERIOD)?.value;
}

describe('能源局: template, upload, return, correction, approval, revision', () => {
  let app: TestApp;
  let energy: string;
  let energyReview: string;
  let stats: string;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp();
    [energy, energyReview, stats, admin] = await logins(app, ['energy', 'energy_review', 'stats', 'admin'] as const);
  });
  afterAll(() => app.close());

  it('lists what is due for November: every monthly indicator × region in scope, due 10 December', async () => {
    const due = await tasks(app, energy);
    expect([...due.keys()].sort()).toEqual(
      ['coal_output@140404103', 'coal_output@140404104', 'coal_output@140404107', 'coal_output@140404201', 'coal_rail_shipment@140404', 'coal_sales@140404'].sort(),
    );
    for (const task of due.values()) expect(task).toMatchObject({ status: 'due', dueDate: '2026-12-10', overdue: false });
  });

  it('runs template → fill → upload → preview → submit → return → correct → approve', async () => {
    // Template: the department's rows with last period's and last year's values for reference.
    const template = await downloadTemplate(app, energy, PERIOD);
    const rows = await templateRows(template);
    const xihuoRow = rows.find((r) => r.indicator === 'coal_output' && r.region === XIHUO)!;
    expect(xihuoRow).toMatchObject({ period: PERIOD, basis: '当月', unit: '万吨', previous: 85.37 });
    const sales = rows.find((r) => r.indicator === 'coal_sales')!;
    const rail = rows.find((r) => r.indicator === 'coal_rail_shipment')!;
    expect(sales.basis).toBe('累计');

    // Fill in Excel: three figures, one of them tripled by a slip of the finger.
    const salesYtd = (Number(sales.previous) + 280).toFixed(2);
    const filled = await fillTemplate(template, {
      [`coal_output@${XIHUO}`]: 86.5,
      [`coal_output@${XICHI}`]: 70.25,
      'coal_sales@140404': Number(salesYtd),
      'coal_rail_shipment@140404': Number(rail.previous) * 3,
    });
    const preview = await upload(app, energy, filled, '能源局11月报表.xlsx', { period: PERIOD });
    expect(preview.status).toBe(201);
    expect(preview.body).toMatchObject({ status: 'preview', source: 'upload', departmentCode: 'energy', period: PERIOD, fileName: '能源局11月报表.xlsx', rowsRejected: 0, pendingRows: 4 });
    expect(preview.body.report.summary).toMatchObject({ new: 4, changed: 0, unchanged: 0, rejected: 0 });
    expect(preview.body.report.submittable).toBe(true);
    expect(preview.body.report.reasonRequired).toBe(false);
    const warning = preview.body.report.warnings.find((w: { indicatorCode: string }) => w.indicatorCode === 'coal_rail_shipment');
    expect(warning).toMatchObject({ kind: 'month_on_month', comparedPeriod: '2026-10', changePct: 200 });
    expect(warning.message).toMatch(/较上月.*增长200%，超过50%的提示阈值/);
    const firstId = preview.body.id as string;

    // Nothing is in force yet; the original file is kept by its hash.
    expect(await approvedValue(app, 'coal_output', XIHUO, PERIOD, 'month')).toBeNull();
    expect(await progressMonthValue(app, 'coal_rail_shipment', DISTRICT)).toBeUndefined();
    const stored = await app.request(`/api/reporting/submissions/${firstId}/file`, { token: energy });
    expect(stored.status).toBe(200);
    expect(stored.headers.get('content-disposition')).toContain(encodeURIComponent('能源局11月报表.xlsx'));
    const sha = await withDb(app, async (c) => (await c.query(`SELECT file_sha256 FROM batches WHERE id = $1`, [firstId])).rows[0].file_sha256);
    expect(sha).toBe(preview.body.fileSha256);
    expect((await tasks(app, energy)).get(`coal_output@${XIHUO}`)).toMatchObject({ status: 'draft', pendingValue: '86.5' });

    // Submit: the whole preview becomes a submission.
    const submitted = await app.request(`/api/reporting/submissions/${firstId}/submit`, { method: 'POST', token: energy, body: {} });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', pendingRows: 4 });
    expect((await tasks(app, energy)).get(`coal_output@${XIHUO}`)?.status).toBe('submitted');

    // Review queue of the department's own reviewer; returned with a comment (required).
    const queue = await app.request('/api/reporting/submissions?status=submitted', { token: energyReview });
    expect(queue.status).toBe(200);
    expect(queue.body.map((b: { id: string }) => b.id)).toContain(firstId);
    expect(queue.body.every((b: { departmentCode: string }) => b.departmentCode === 'energy')).toBe(true);
    const noComment = await app.request(`/api/reporting/submissions/${firstId}/return`, { method: 'POST', token: energyReview, body: { comment: '  ' } });
    expect(noComment.status).toBe(400);
    const returned = await app.request(`/api/reporting/submissions/${firstId}/return`, { method: 'POST', token: energyReview, body: { comment: '铁路发运量明显偏高，请核实' } });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', reviewComment: '铁路发运量明显偏高，请核实', reviewedBy: { username: 'energy_review' } });
    const afterReturn = await tasks(app, energy);
    expect(afterReturn.get('coal_rail_shipment@140404')).toMatchObject({ status: 'returned', reviewComment: '铁路发运量明显偏高，请核实' });
    expect(await approvedValue(app, 'coal_rail_shipment', DISTRICT, PERIOD, 'month')).toBeNull();

    // Correct in the template and upload again; approve.
    const corrected = await fillTemplate(await downloadTemplate(app, energy, PERIOD), {
      [`coal_output@${XIHUO}`]: 86.5,
      [`coal_output@${XICHI}`]: 70.25,
      'coal_sales@140404': Number(salesYtd),
      'coal_rail_shipment@140404': Number(rail.previous) + 1,
    });
    const second = await upload(app, energy, corrected, '能源局11月报表（更正）.xlsx');
    expect(second.status).toBe(201);
    expect(second.body.report.summary).toMatchObject({ new: 4, rejected: 0 });
    expect(second.body.report.warnings.filter((w: { kind: string }) => w.kind === 'month_on_month')).toEqual([]);
    expect((await app.request(`/api/reporting/submissions/${second.body.id}/submit`, { method: 'POST', token: energy, body: {} })).status).toBe(200);
    const approved = await app.request(`/api/reporting/submissions/${second.body.id}/approve`, { method: 'POST', token: stats, body: { comment: '同意' } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', pendingRows: 0, reviewedBy: { username: 'stats' } });

    // In force: the database, the public progress page and the calendar all see it.
    expect(await approvedValue(app, 'coal_output', XIHUO, PERIOD, 'month')).toBe('86.5');
    expect(await approvedValue(app, 'coal_rail_shipment', DISTRICT, PERIOD, 'month')).toBe(String(Number(rail.previous) + 1));
    expect(Number(await progressMonthValue(app, 'coal_rail_shipment', DISTRICT))).toBeCloseTo(Number(rail.previous) + 1, 9);
    expect((await tasks(app, energy)).get(`coal_output@${XIHUO}`)).toMatchObject({ status: 'approved', approvedValue: '86.5' });
    expect((await tasks(app, energy)).get('coal_output@140404104')).toMatchObject({ status: 'due' });
  });

  it('takes a correction of an approved figure only with a reason, reviews it again and keeps the history', async () => {
    const template = await downloadTemplate(app, energy, PERIOD);
    const railNow = Number((await templateRows(template)).find((r) => r.indicator === 'coal_rail_shipment')!.previous) + 1;
    const railApproved = String(railNow);
    const railCorrected = Number((railNow + 0.8).toFixed(2));
    const filled = await fillTemplate(template, { 'coal_rail_shipment@140404': railCorrected }, { 'coal_rail_shipment@140404': '补录月末专列' });
    const preview = await upload(app, energy, filled, '更正.xlsx');
    expect(preview.status).toBe(201);
    expect(preview.body.report.rows[0]).toMatchObject({ kind: 'changed', oldValue: railApproved, value: String(railCorrected), note: '补录月末专列' });
    expect(preview.body.report.reasonRequired).toBe(true);
    const id = preview.body.id as string;

    const withoutReason = await app.request(`/api/reporting/submissions/${id}/submit`, { method: 'POST', token: energy, body: {} });
    expect(withoutReason.status).toBe(400);
    // The reporter sees the Chinese message alone; the parameter stays machine-readable.
    expect(withoutReason.body.message).toBe('本次提交修改了已审核通过的数据，请填写修改原因');
    expect(withoutReason.body.parameters).toEqual([{ parameter: 'reason', problems: ['本次提交修改了已审核通过的数据，请填写修改原因'] }]);
    expect((await app.request(`/api/reporting/submissions/${id}/submit`, { method: 'POST', token: energy, body: { reason: '月末专列漏统' } })).status).toBe(200);
    // The old value stays in force until the correction is approved.
    expect(await approvedValue(app, 'coal_rail_shipment', DISTRICT, PERIOD, 'month')).toBe(railApproved);
    expect((await app.request(`/api/reporting/submissions/${id}/approve`, { method: 'POST', token: energyReview, body: {} })).status).toBe(200);
    expect(await approvedValue(app, 'coal_rail_shipment', DISTRICT, PERIOD, 'month')).toBe(String(railCorrected));
    expect(Number(await progressMonthValue(app, 'coal_rail_shipment', DISTRICT))).toBeCloseTo(railCorrected, 9);

    const history = await app.request(`/api/observations/history?indicator=coal_rail_shipment&region=${DISTRICT}&period=${PERIOD}&basis=month`, { token: energy });
    expect(history.status).toBe(200);
    const versions = history.body.versions as Array<{ status: string; value: string; previousValue: string | null; batch: Record<string, unknown> }>;
    expect(versions.map((v) => [v.status, v.previousValue])).toEqual([
      ['returned', null],
      ['superseded', null],
      ['approved', railApproved],
    ]);
    expect(versions[1]!.value).toBe(railApproved);
    expect(versions[2]).toMatchObject({
      value: String(railCorrected),
      revision: 2,
      reason: '月末专列漏统',
      note: '补录月末专列',
      createdBy: { username: 'energy' },
      decidedBy: { username: 'energy_review' },
      batch: { id, source: 'upload', fileName: '更正.xlsx', status: 'approved' },
    });
    expect(versions[0]!.batch).toMatchObject({ status: 'returned', reviewComment: '铁路发运量明显偏高，请核实', fileName: '能源局11月报表.xlsx' });

    // Every write is in the audit log, with before and after.
    const audit = await app.request(`/api/audit?entity=batch&entityId=${id}`, { token: admin });
    expect(audit.status).toBe(200);
    const actions = (audit.body as Array<{ action: string; before: unknown; after: { changes?: unknown }; username: string }>).reverse();
    expect(actions.map((a) => [a.action, a.username])).toEqual([
      ['preview', 'energy'],
      ['submit', 'energy'],
      ['approve', 'energy_review'],
    ]);
    expect(actions[1]).toMatchObject({ before: { status: 'preview' }, after: { status: 'submitted', reason: '月末专列漏统' } });
    expect(actions[2]!.after.changes).toEqual([{ indicator: 'coal_rail_shipment', region: DISTRICT, period: PERIOD, basis: 'month', old: railApproved, new: String(railCorrected) }]);
  });
});

describe('工信局: district and zone figures, reviewed district-wide', () => {
  let app: TestApp;
  let industry: string;
  let stats: string;
  let energyReview: string;

  beforeAll(async () => {
    app = await startTestApp();
    [industry, stats, energyReview] = await logins(app, ['industry', 'stats', 'energy_review'] as const);
  });
  afterAll(() => app.close());

  it('runs the cycle; only 统计局 (not 能源局’s reviewer) may review it', async () => {
    const template = await downloadTemplate(app, industry, PERIOD);
    const rows = await templateRows(template);
    const keys = rows.map((r) => `${r.indicator}@${r.region}`);
    expect(keys).toEqual(expect.arrayContaining(['pv_glass_output@140404', 'equipment_output_value@140404406', 'equipment_output_value@140404401', 'gangue_utilized@140404103']));
    expect(keys.some((k) => k.startsWith('coal_'))).toBe(false);
    const glass = rows.find((r) => r.indicator === 'pv_glass_output')!;
    const equipment = rows.find((r) => r.indicator === 'equipment_output_value' && r.region === DISTRICT)!;
    const gangue = rows.find((r) => r.indicator === 'gangue_utilized' && r.region === XIHUO)!;
    const gangueValue = Number((Number(gangue.previous) * 1.05).toFixed(2));

    // October is still pending review in the sample data, so last year is the reference here.
    expect(glass.previous).toBeNull();
    const equipmentYtd = Number((Number(equipment.lastYear) * 1.1).toFixed(2));
    const filled = await fillTemplate(template, {
      'pv_glass_output@140404': Number((Number(glass.lastYear) * 0.1).toFixed(2)),
      'equipment_output_value@140404': equipmentYtd,
      [`gangue_utilized@${XIHUO}`]: gangueValue,
    });
    const preview = await upload(app, industry, filled, 'industry-2026-11.xlsx');
    expect(preview.status).toBe(201);
    expect(preview.body.report.summary).toMatchObject({ new: 3, rejected: 0 });
    expect(preview.body.report.warnings.map((w: { indicatorCode: string; kind: string }) => `${w.indicatorCode}:${w.kind}`)).toEqual(['pv_glass_output:year_on_year']);
    const id = preview.body.id as string;
    expect((await app.request(`/api/reporting/submissions/${id}/submit`, { method: 'POST', token: industry, body: {} })).status).toBe(200);

    expect((await app.request(`/api/reporting/submissions/${id}/approve`, { method: 'POST', token: energyReview, body: {} })).status).toBe(403);
    const returned = await app.request(`/api/reporting/submissions/${id}/return`, { method: 'POST', token: stats, body: { comment: '光伏玻璃产量单位疑似填错（应为万平方米）' } });
    expect(returned.status).toBe(200);

    // The correction goes through online entry this time: same validation, same flow.
    const glassValue = (Number(glass.lastYear) * 1.02).toFixed(2);
    const entry = await app.request('/api/reporting/entries', {
      method: 'POST',
      token: industry,
      body: {
        period: PERIOD,
        rows: [
          { indicator: 'pv_glass_output', region: DISTRICT, basis: 'month', value: glassValue },
          { indicator: '数字装备制造业产值', region: '上党区', basis: '累计', value: equipmentYtd },
          { indicator: 'gangue_utilized', region: '长治县西火镇', basis: '当月', value: gangueValue },
        ],
      },
    });
    expect(entry.status).toBe(201);
    expect(entry.body).toMatchObject({ source: 'online', status: 'preview', fileName: null, rowsRejected: 0 });
    expect(entry.body.report.summary).toMatchObject({ new: 3, warnings: 0 });
    expect((await app.request(`/api/reporting/submissions/${entry.body.id}/submit`, { method: 'POST', token: industry, body: {} })).status).toBe(200);
    const events: DomainEvent[] = [];
    const subscription = app.app.get(DomainEvents).events.subscribe((e) => events.push(e));
    expect((await app.request(`/api/reporting/submissions/${entry.body.id}/approve`, { method: 'POST', token: stats, body: {} })).status).toBe(200);
    subscription.unsubscribe();
    // The alerts module and the progress cache hear of it.
    expect(events).toEqual([{ type: 'figures_approved', batchId: entry.body.id, indicatorCodes: expect.any(Array), at: expect.any(Date) }]);
    expect((events[0] as { indicatorCodes: string[] }).indicatorCodes.sort()).toEqual(['equipment_output_value', 'gangue_utilized', 'pv_glass_output']);

    expect(await approvedValue(app, 'pv_glass_output', DISTRICT, PERIOD, 'month')).toBe(String(Number(glassValue)));
    expect(await approvedValue(app, 'equipment_output_value', DISTRICT, PERIOD, 'ytd')).toBe(String(equipmentYtd));
    expect(Number(await progressMonthValue(app, 'gangue_utilized', XIHUO))).toBeCloseTo(gangueValue, 9);
  });
});

describe('西火镇: a town reports only its own town', () => {
  let app: TestApp;
  let xihuo: string;
  let stats: string;
  let energyReview: string;

  beforeAll(async () => {
    app = await startTestApp();
    [xihuo, stats, energyReview] = await logins(app, ['xihuo', 'stats', 'energy_review'] as const);
  });
  afterAll(() => app.close());

  it('gets a template of its own town’s rows across departments and runs the cycle', async () => {
    const due = await tasks(app, xihuo);
    expect([...due.values()].every((t) => t.regionCode === XIHUO)).toBe(true);
    expect([...due.keys()]).toEqual(expect.arrayContaining([`coal_output@${XIHUO}`, `gangue_utilized@${XIHUO}`, `tourist_visits@${XIHUO}`]));

    const template = await downloadTemplate(app, xihuo, PERIOD);
    const rows = await templateRows(template);
    expect(rows.every((r) => r.region === XIHUO)).toBe(true);
    const gangue = rows.find((r) => r.indicator === 'gangue_utilized')!;
    const visits = rows.find((r) => r.indicator === 'tourist_visits')!;
    expect(visits).toMatchObject({ unit: '万人次', basis: '当月' });
    const filled = await fillTemplate(template, { [`coal_output@${XIHUO}`]: 91.3, [`gangue_utilized@${XIHUO}`]: Number(gangue.previous), [`tourist_visits@${XIHUO}`]: Number(visits.previous) * 4 });
    const preview = await upload(app, xihuo, filled, '西火镇11月.xlsx');
    expect(preview.status).toBe(201);
    expect(preview.body).toMatchObject({ departmentCode: 'town_xihuo', rowsRejected: 0 });
    expect(preview.body.report.summary).toMatchObject({ new: 3 });
    expect(preview.body.report.warnings.map((w: { indicatorCode: string; kind: string }) => `${w.indicatorCode}:${w.kind}`)).toContain('tourist_visits:month_on_month');
    const id = preview.body.id as string;
    expect((await app.request(`/api/reporting/submissions/${id}/submit`, { method: 'POST', token: xihuo, body: {} })).status).toBe(200);

    // A town's batch is reviewed district-wide: 能源局's reviewer may not, 统计局 may.
    expect((await app.request(`/api/reporting/submissions/${id}/return`, { method: 'POST', token: energyReview, body: { comment: 'x' } })).status).toBe(403);
    expect((await app.request(`/api/reporting/submissions/${id}/return`, { method: 'POST', token: stats, body: { comment: '原煤产量与企业直报不符，游客人次偏高' } })).status).toBe(200);
    expect((await tasks(app, xihuo)).get(`coal_output@${XIHUO}`)).toMatchObject({ status: 'returned', reviewComment: '原煤产量与企业直报不符，游客人次偏高' });

    // Corrected as a CSV in the template's columns, without a region column: the town is implied.
    const visitsValue = Number((Number(visits.previous) * 1.1).toFixed(2));
    const csv = ['指标编码,期间,口径,数值,备注', `coal_output,${PERIOD},当月,89.6,按企业直报更正`, `gangue_utilized,${PERIOD},当月,${gangue.previous}`, `tourist_visits,${PERIOD},当月,${visitsValue}`].join('\n');
    const corrected = await upload(app, xihuo, Buffer.from(csv, 'utf8'), '西火镇11月更正.csv');
    expect(corrected.status).toBe(201);
    expect(corrected.body.report.rows.map((r: { regionCode: string; kind: string }) => `${r.regionCode}:${r.kind}`)).toEqual([`${XIHUO}:new`, `${XIHUO}:new`, `${XIHUO}:new`]);
    expect((await app.request(`/api/reporting/submissions/${corrected.body.id}/submit`, { method: 'POST', token: xihuo, body: {} })).status).toBe(200);
    expect((await app.request(`/api/reporting/submissions/${corrected.body.id}/approve`, { method: 'POST', token: stats, body: {} })).status).toBe(200);

    expect(await approvedValue(app, 'coal_output', XIHUO, PERIOD, 'month')).toBe('89.6');
    expect(Number(await progressMonthValue(app, 'tourist_visits', XIHUO))).toBeCloseTo(visitsValue, 9);
    expect((await tasks(app, xihuo)).get(`coal_output@${XIHUO}`)).toMatchObject({ status: 'approved', approvedValue: '89.6' });
  });
});
