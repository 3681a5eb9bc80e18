/**
 * The whole reporting cycle through HTTP against real PostgreSQL, for two bureaus (能源局,
 * 工信局) and a town (西火镇), in early December (November is over and due on the 10th):
 * template → fill in Excel → upload → preview (with 核实性审核) → submit → return → correct →
 * approve, each figure reviewed by its 审核单位; after approval the figure shows in progress, its
 * history and the audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainEvents, type DomainEvent } from '../src/common/domain-events.js';
import { startTestApp, type TestApp } from './support/app.js';
import { approvedValue, downloadTemplate, fillTemplate, templateRows, upload, withDb, logins } from './fixtures/reporting-helpers.js';
import { REPORTING_NOW, REPORTING_PERIOD } from './support/constants.js';

const PERIOD = REPORTING_PERIOD;
const XIHUO = '140404103';
const XICHI = '140404201';
const DISTRICT = '140404';

type Task = { indicatorCode: string; regionCode: string; status: string; dueDate: string; overdue: boolean; reviewComment: string | null; pendingValue: string | null; approvedValue: string | null };

/** A submission's batches: the one answered and those it was split into, by 审核单位. */
function byReviewer(submitted: { id: string; reviewerDepartmentCode: string; report: { splitInto?: Array<{ batchId: string; reviewerDepartmentCode: string }> } }): Map<string, string> {
  return new Map([[submitted.reviewerDepartmentCode, submitted.id], ...(submitted.report.splitInto ?? []).map((s) => [s.reviewerDepartmentCode, s.batchId] as [string, string])]);
}

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
    app = await startTestApp({}, { now: REPORTING_NOW });
    [energy, energyReview, stats, admin] = await logins(app, ['energy', 'energy_review', 'stats', 'admin'] as const);
  });
  afterAll(() => app.close());

  it('lists what is due for November: the district figures it reports, due 10 December; the towns’ coal it only watches', async () => {
    const due = await tasks(app, energy);
    expect([...due.keys()].sort()).toEqual(['coal_rail_shipment@140404', 'coal_sales@140404']);
    for (const task of due.values()) expect(task).toMatchObject({ status: 'due', dueDate: '2026-12-10', overdue: false });
    const watched = (await app.request(`/api/reporting/tasks?period=${PERIOD}`, { token: energy })).body.watched as Array<{ indicatorCode: string; regionCode: string; reporterName: string; reviewerName: string }>;
    expect(watched.filter((w) => w.indicatorCode === 'coal_output').map((w) => [w.regionCode, w.reporterName, w.reviewerName])).toEqual([
      [XICHI, '西池乡', '能源局'],
      ['140404104', '八义镇', '能源局'],
      [XIHUO, '西火镇', '能源局'],
      ['140404107', '南宋镇', '能源局'],
    ]);
  });

  it('runs template → fill → upload → preview → submit → return → correct → approve', async () => {
    // Template: the department's rows with last period's and last year's values for reference.
    const template = await downloadTemplate(app, energy, PERIOD);
    const rows = await templateRows(template);
    expect(rows.map((r) => `${r.indicator}@${r.region}`).sort()).toEqual(['coal_rail_shipment@140404', 'coal_sales@140404']);
    const sales = rows.find((r) => r.indicator === 'coal_sales')!;
    const rail = rows.find((r) => r.indicator === 'coal_rail_shipment')!;
    expect(sales).toMatchObject({ period: PERIOD, basis: '累计', unit: '万吨' });
    expect(rail.previous).toEqual(expect.any(Number));

    // Fill in Excel: two figures, one of them tripled by a slip of the finger.
    const salesYtd = (Number(sales.previous) + 280).toFixed(2);
    const filled = await fillTemplate(template, { 'coal_sales@140404': Number(salesYtd), 'coal_rail_shipment@140404': Number(rail.previous) * 3 });
    const preview = await upload(app, energy, filled, '能源局11月报表.xlsx', { period: PERIOD });
    expect(preview.status).toBe(201);
    expect(preview.body).toMatchObject({ status: 'preview', source: 'upload', departmentCode: 'energy', period: PERIOD, fileName: '能源局11月报表.xlsx', rowsRejected: 0, pendingRows: 2 });
    expect(preview.body.report.summary).toMatchObject({ new: 2, changed: 0, unchanged: 0, rejected: 0, needExplanation: 1 });
    expect(preview.body.report.submittable).toBe(true);
    expect(preview.body.report.reasonRequired).toBe(false);
    const warning = preview.body.report.warnings.find((w: { indicatorCode: string }) => w.indicatorCode === 'coal_rail_shipment');
    expect(warning).toMatchObject({ rule: 'month_on_month', level: 'soft', comparedPeriod: '2026-10', changePct: 200 });
    expect(warning.message).toMatch(/^较上月（2026-10：[\d.]+）增长200%，超出±50%的核实范围$/);
    const firstId = preview.body.id as string;

    // Nothing is in force yet; the original file is kept by its hash.
    expect(await approvedValue(app, 'coal_rail_shipment', DISTRICT, PERIOD, 'month')).toBeNull();
    expect(await progressMonthValue(app, 'coal_rail_shipment', DISTRICT)).toBeUndefined();
    const stored = await app.request(`/api/reporting/submissions/${firstId}/file`, { token: energy });
    expect(stored.status).toBe(200);
    expect(stored.headers.get('content-disposition')).toContain(encodeURIComponent('能源局11月报表.xlsx'));
    const sha = await withDb(app, async (c) => (await c.query(`SELECT file_sha256 FROM batches WHERE id = $1`, [firstId])).rows[0].file_sha256);
    expect(sha).toBe(preview.body.fileSha256);
    expect((await tasks(app, energy)).get('coal_rail_shipment@140404')).toMatchObject({ status: 'draft', pendingValue: String(Number(rail.previous) * 3) });

    // Submit: the tripled figure needs its 说明 first; then the whole preview becomes a submission.
    const unexplained = await app.request(`/api/reporting/submissions/${firstId}/submit`, { method: 'POST', token: energy, body: {} });
    expect(unexplained.status).toBe(422);
    expect(unexplained.body).toMatchObject({ code: 'explanation_required', rows: [{ indicatorCode: 'coal_rail_shipment', regionCode: DISTRICT }] });
    const explained = { rows: [{ indicator: 'coal_rail_shipment', region: DISTRICT, period: PERIOD, basis: 'month', note: '月末集中发运，已与铁路部门核对' }] };
    const submitted = await app.request(`/api/reporting/submissions/${firstId}/submit`, { method: 'POST', token: energy, body: explained });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', pendingRows: 2, reviewerDepartmentCode: 'energy' });
    expect((await tasks(app, energy)).get('coal_rail_shipment@140404')?.status).toBe('submitted');

    // Review queue of the 审核单位's reviewer; returned with a comment (required).
    const queue = await app.request('/api/reporting/submissions?status=submitted&reviewable=true', { token: energyReview });
    expect(queue.status).toBe(200);
    expect(queue.body.map((b: { id: string }) => b.id)).toContain(firstId);
    expect(queue.body.every((b: { reviewerDepartmentCode: string }) => b.reviewerDepartmentCode === 'energy')).toBe(true);
    expect((await app.request(`/api/reporting/submissions/${firstId}/return`, { method: 'POST', token: stats, body: { comment: '统计局不是审核单位' } })).status).toBe(403);
    const noComment = await app.request(`/api/reporting/submissions/${firstId}/return`, { method: 'POST', token: energyReview, body: { comment: '  ' } });
    expect(noComment.status).toBe(400);
    const returned = await app.request(`/api/reporting/submissions/${firstId}/return`, { method: 'POST', token: energyReview, body: { comment: '铁路发运量明显偏高，请核实' } });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', reviewComment: '铁路发运量明显偏高，请核实', reviewedBy: { username: 'energy_review' } });
    const afterReturn = await tasks(app, energy);
    expect(afterReturn.get('coal_rail_shipment@140404')).toMatchObject({ status: 'returned', reviewComment: '铁路发运量明显偏高，请核实' });
    expect(await approvedValue(app, 'coal_rail_shipment', DISTRICT, PERIOD, 'month')).toBeNull();

    // Correct in the template and upload again: the preview shows what the returned figure was; approve.
    // Still far above last November (a new siding): that 说明 goes in the template's 说明 column.
    const corrected = await fillTemplate(
      await downloadTemplate(app, energy, PERIOD),
      { 'coal_sales@140404': Number(salesYtd), 'coal_rail_shipment@140404': Number(rail.previous) + 1 },
      { 'coal_rail_shipment@140404': '新专用线投运，同比增长' },
    );
    const second = await upload(app, energy, corrected, '能源局11月报表（更正）.xlsx');
    expect(second.status).toBe(201);
    expect(second.body.report.summary).toMatchObject({ new: 2, rejected: 0 });
    expect(second.body.report.warnings.filter((w: { rule: string }) => w.rule === 'month_on_month')).toEqual([]);
    expect(second.body.report.rows.find((r: { indicatorCode: string }) => r.indicatorCode === 'coal_rail_shipment').returned).toMatchObject({ batchId: firstId, value: String(Number(rail.previous) * 3), comment: '铁路发运量明显偏高，请核实' });
    const secondSubmit = await app.request(`/api/reporting/submissions/${second.body.id}/submit`, { method: 'POST', token: energy, body: {} });
    expect(secondSubmit.status, JSON.stringify(secondSubmit.body)).toBe(200);
    const approved = await app.request(`/api/reporting/submissions/${second.body.id}/approve`, { method: 'POST', token: energyReview, body: { comment: '同意' } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', pendingRows: 0, reviewedBy: { username: 'energy_review' } });

    // In force: the database, the public progress page and the calendar all see it.
    expect(await approvedValue(app, 'coal_sales', DISTRICT, PERIOD, 'ytd')).toBe(String(Number(salesYtd)));
    expect(await approvedValue(app, 'coal_rail_shipment', DISTRICT, PERIOD, 'month')).toBe(String(Number(rail.previous) + 1));
    expect(Number(await progressMonthValue(app, 'coal_rail_shipment', DISTRICT))).toBeCloseTo(Number(rail.previous) + 1, 9);
    expect((await tasks(app, energy)).get('coal_rail_shipment@140404')).toMatchObject({ status: 'approved', approvedValue: String(Number(rail.previous) + 1) });
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
    // The reporter sees the Chinese message alone, naming the rows; the parameter stays machine-readable.
    const message = '本次提交修改了已审核通过的数据，请填写修改原因：铁路专用线煤炭发运量/上党区。';
    expect(withoutReason.body.message).toBe(message);
    expect(withoutReason.body.parameters).toEqual([{ parameter: 'reason', problems: [message] }]);
    expect((await app.request(`/api/reporting/submissions/${id}/submit`, { method: 'POST', token: energy, body: { reason: '月末专列漏统' } })).status).toBe(200);
    // The old value stays in force until the correction is approved.
    expect(await approvedValue(app, 'coal_rail_shipment', DISTRICT, PERIOD, 'month')).toBe(railApproved);
    expect((await app.request(`/api/reporting/submissions/${id}/approve`, { method: 'POST', token: energyReview, body: {} })).status).toBe(200);
    expect(await approvedValue(app, 'coal_rail_shipment', DISTRICT, PERIOD, 'month')).toBe(String(railCorrected));
    expect(Number(await progressMonthValue(app, 'coal_rail_shipment', DISTRICT))).toBeCloseTo(railCorrected, 9);

    const history = await app.request(`/api/observations/history?indicator=coal_rail_shipment&region=${DISTRICT}&period=${PERIOD}&basis=month`, { token: energy });
    expect(history.status).toBe(200);
    const versions = history.body.versions as Array<{ version: number; status: string; value: string; previousValue: string | null; batch: Record<string, unknown> }>;
    expect(versions.map((v) => [v.version, v.status, v.previousValue])).toEqual([
      [1, 'returned', null],
      [2, 'superseded', null],
      [3, 'approved', railApproved],
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
    expect(actions[1]).toMatchObject({
      before: { status: 'preview' },
      after: { status: 'submitted', reviewers: ['energy'], figures: [{ key: `coal_rail_shipment|${DISTRICT}|${PERIOD}|month`, note: '补录月末专列', reason: '月末专列漏统' }] },
    });
    expect(actions[2]!.after.changes).toEqual([{ indicator: 'coal_rail_shipment', region: DISTRICT, period: PERIOD, basis: 'month', old: railApproved, new: String(railCorrected) }]);
  });
});

describe('工信局: district figures, reviewed by 工信局 itself', () => {
  let app: TestApp;
  let industry: string;
  let stats: string;
  let energyReview: string;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp({}, { now: REPORTING_NOW });
    [industry, stats, energyReview, admin] = await logins(app, ['industry', 'stats', 'energy_review', 'admin'] as const);
  });
  afterAll(() => app.close());

  it('runs the cycle; neither 统计局 nor 能源局’s reviewer may decide it, its 审核单位 (here an administrator) does', async () => {
    const template = await downloadTemplate(app, industry, PERIOD);
    const rows = await templateRows(template);
    const keys = rows.map((r) => `${r.indicator}@${r.region}`);
    expect(keys).toEqual(expect.arrayContaining(['pv_glass_output@140404', 'equipment_output_value@140404']));
    // Towns' and zones' figures are the towns' and zones' to report; 工信局 reports the district's.
    expect(rows.every((r) => r.region === DISTRICT)).toBe(true);
    expect(keys.some((k) => k.startsWith('coal_'))).toBe(false);
    const glass = rows.find((r) => r.indicator === 'pv_glass_output')!;
    const equipment = rows.find((r) => r.indicator === 'equipment_output_value')!;

    // October is still pending review in the sample data, so last year is the reference here.
    expect(glass.previous).toBeNull();
    const equipmentYtd = Number((Number(equipment.lastYear) * 1.1).toFixed(2));
    const filled = await fillTemplate(template, { 'pv_glass_output@140404': Number((Number(glass.lastYear) * 0.1).toFixed(2)), 'equipment_output_value@140404': equipmentYtd });
    const preview = await upload(app, industry, filled, 'industry-2026-11.xlsx');
    expect(preview.status).toBe(201);
    expect(preview.body.report.summary).toMatchObject({ new: 2, rejected: 0 });
    expect(preview.body.report.warnings.map((w: { indicatorCode: string; rule: string }) => `${w.indicatorCode}:${w.rule}`)).toEqual(['pv_glass_output:year_on_year']);
    const id = preview.body.id as string;
    const explained = { rows: [{ indicator: 'pv_glass_output', region: DISTRICT, period: PERIOD, basis: 'month', note: '生产线检修停产，已核实' }] };
    expect((await app.request(`/api/reporting/submissions/${id}/submit`, { method: 'POST', token: industry, body: explained })).status).toBe(200);

    expect((await app.request(`/api/reporting/submissions/${id}/approve`, { method: 'POST', token: energyReview, body: {} })).status).toBe(403);
    expect((await app.request(`/api/reporting/submissions/${id}/approve`, { method: 'POST', token: stats, body: {} })).status).toBe(403);
    const returned = await app.request(`/api/reporting/submissions/${id}/return`, { method: 'POST', token: admin, body: { comment: '光伏玻璃产量单位疑似填错（应为万平方米）' } });
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
        ],
      },
    });
    expect(entry.status).toBe(201);
    expect(entry.body).toMatchObject({ source: 'online', status: 'preview', fileName: null, rowsRejected: 0 });
    expect(entry.body.report.summary).toMatchObject({ new: 2, warnings: 0 });
    expect((await app.request(`/api/reporting/submissions/${entry.body.id}/submit`, { method: 'POST', token: industry, body: {} })).status).toBe(200);
    const events: DomainEvent[] = [];
    const subscription = app.app.get(DomainEvents).events.subscribe((e) => events.push(e));
    expect((await app.request(`/api/reporting/submissions/${entry.body.id}/approve`, { method: 'POST', token: admin, body: {} })).status).toBe(200);
    subscription.unsubscribe();
    // The alerts module and the progress cache hear of it.
    expect(events).toEqual([{ type: 'figures_approved', batchId: entry.body.id, indicatorCodes: expect.any(Array), at: expect.any(Date) }]);
    expect((events[0] as { indicatorCodes: string[] }).indicatorCodes.sort()).toEqual(['equipment_output_value', 'pv_glass_output']);

    expect(await approvedValue(app, 'pv_glass_output', DISTRICT, PERIOD, 'month')).toBe(String(Number(glassValue)));
    expect(await approvedValue(app, 'equipment_output_value', DISTRICT, PERIOD, 'ytd')).toBe(String(equipmentYtd));
  });
});

describe('西火镇: a town reports only its own town, each figure to its own 审核单位', () => {
  let app: TestApp;
  let xihuo: string;
  let stats: string;
  let energyReview: string;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp({}, { now: REPORTING_NOW });
    [xihuo, stats, energyReview, admin] = await logins(app, ['xihuo', 'stats', 'energy_review', 'admin'] as const);
  });
  afterAll(() => app.close());

  it('gets a template of its own town’s rows across departments and runs the cycle', async () => {
    const due = await tasks(app, xihuo);
    expect([...due.values()].every((t) => t.regionCode === XIHUO)).toBe(true);
    expect([...due.keys()]).toEqual(expect.arrayContaining([`coal_output@${XIHUO}`, `gangue_utilized@${XIHUO}`, `tourist_visits@${XIHUO}`]));

    const template = await downloadTemplate(app, xihuo, PERIOD);
    const rows = await templateRows(template);
    expect(rows.every((r) => r.region === XIHUO)).toBe(true);
    expect(rows.find((r) => r.indicator === 'coal_output')).toMatchObject({ period: PERIOD, basis: '当月', unit: '万吨', previous: 85.37, lastYear: expect.any(Number) });
    const visits = rows.find((r) => r.indicator === 'tourist_visits')!;
    expect(visits).toMatchObject({ unit: '万人次', basis: '当月' });
    const filled = await fillTemplate(template, { [`coal_output@${XIHUO}`]: 91.3, [`tourist_visits@${XIHUO}`]: Number(visits.previous) * 4 }, { [`tourist_visits@${XIHUO}`]: '举办旅游节，客流激增' });
    const preview = await upload(app, xihuo, filled, '西火镇11月.xlsx');
    expect(preview.status).toBe(201);
    expect(preview.body).toMatchObject({ departmentCode: 'town_xihuo', rowsRejected: 0 });
    expect(preview.body.report.summary).toMatchObject({ new: 2, needExplanation: 0 });
    expect(preview.body.report.warnings.map((w: { indicatorCode: string; rule: string }) => `${w.indicatorCode}:${w.rule}`)).toContain('tourist_visits:month_on_month');
    const submitted = await app.request(`/api/reporting/submissions/${preview.body.id}/submit`, { method: 'POST', token: xihuo, body: {} });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);

    // Coal goes to 能源局, visitors to 文旅局: one batch each; 统计局 decides neither.
    const batches = byReviewer(submitted.body);
    expect([...batches.keys()].sort()).toEqual(['culture_tourism', 'energy']);
    const coal = batches.get('energy')!;
    expect((await app.request(`/api/reporting/submissions/${coal}/return`, { method: 'POST', token: stats, body: { comment: 'x' } })).status).toBe(403);
    expect((await app.request(`/api/reporting/submissions/${coal}/return`, { method: 'POST', token: energyReview, body: { comment: '原煤产量与企业直报不符' } })).status).toBe(200);
    expect((await tasks(app, xihuo)).get(`coal_output@${XIHUO}`)).toMatchObject({ status: 'returned', reviewComment: '原煤产量与企业直报不符' });
    expect((await app.request(`/api/reporting/submissions/${batches.get('culture_tourism')}/approve`, { method: 'POST', token: admin, body: {} })).status).toBe(200);

    // Corrected as a CSV in the template's columns, without a region column: the town is implied.
    const csv = ['指标编码,期间,口径,数值,备注', `coal_output,${PERIOD},当月,89.6,按企业直报更正`].join('\n');
    const corrected = await upload(app, xihuo, Buffer.from(csv, 'utf8'), '西火镇11月更正.csv');
    expect(corrected.status).toBe(201);
    expect(corrected.body.report.rows.map((r: { regionCode: string; kind: string }) => `${r.regionCode}:${r.kind}`)).toEqual([`${XIHUO}:new`]);
    expect((await app.request(`/api/reporting/submissions/${corrected.body.id}/submit`, { method: 'POST', token: xihuo, body: {} })).status).toBe(200);
    expect((await app.request(`/api/reporting/submissions/${corrected.body.id}/approve`, { method: 'POST', token: energyReview, body: {} })).status).toBe(200);

    expect(await approvedValue(app, 'coal_output', XIHUO, PERIOD, 'month')).toBe('89.6');
    expect(Number(await progressMonthValue(app, 'tourist_visits', XIHUO))).toBeCloseTo(Number(visits.previous) * 4, 9);
    expect((await tasks(app, xihuo)).get(`coal_output@${XIHUO}`)).toMatchObject({ status: 'approved', approvedValue: '89.6' });
  });
});
