/**
 * The preview in detail, on 2 December (November is over): the template the etl layout
 * recogniser reads back, each row new / changed / unchanged / rejected, permission and calendar
 * rejects, pending conflicts, and that a preview with any rejected row writes nothing and cannot
 * be submitted. 能源局 reports the district's coal sales and rail shipments, 西火镇 its own coal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { COL, TEMPLATE_SHEET, databaseFingerprint, downloadTemplate, readWorkbook, templateRows, upload, withDb, logins } from './fixtures/reporting-helpers.js';
import { REPORTING_NOW } from './support/constants.js';

const XIHUO = '140404103';
const BAYI = '140404104';
const NANSONG = '140404107';

describe('reporting preview', () => {
  let app: TestApp;
  let energy: string;
  let xihuo: string;
  let industry: string;
  let admin: string;
  let stats: string;
  let energyReview: string;

  beforeAll(async () => {
    app = await startTestApp({}, { now: REPORTING_NOW });
    [energy, xihuo, industry, admin, stats, energyReview] = await logins(app, ['energy', 'xihuo', 'industry', 'admin', 'stats', 'energy_review'] as const);
  });
  afterAll(() => app.close());

  const entries = (token: string, body: unknown) => app.request('/api/reporting/entries', { method: 'POST', token, body });
  const approvedValue = (indicator: string, region: string, period: string) =>
    withDb(app, async (c) => (await c.query(`SELECT value::text FROM observations WHERE status='approved' AND indicator_code=$1 AND region_code=$2 AND period=$3`, [indicator, region, period])).rows[0].value as string);

  describe('the template', () => {
    it('locks everything but 数值 and 说明, offers 当月/累计 and carries reference values', async () => {
      const workbook = await readWorkbook(await downloadTemplate(app, energy, '2026-11'));
      const sheet = workbook.getWorksheet(TEMPLATE_SHEET)!;
      expect(sheet.getRow(2).values).toEqual([undefined, '指标编码', '指标名称', '地区编码', '地区', '期间', '口径', '单位', '上期数值（参考）', '上年同期数值（参考）', '数值', '说明']);
      expect((sheet as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
      for (let r = 3; r <= sheet.rowCount; r++) {
        const row = sheet.getRow(r);
        for (let c = 1; c <= 11; c++) {
          const unlocked = row.getCell(c).protection?.locked === false;
          expect(unlocked, `row ${r} column ${c}`).toBe(c === COL.value || c === COL.note);
        }
        expect(row.getCell(COL.basis).dataValidation).toMatchObject({ type: 'list', formulae: ['"当月,累计"'] });
        expect(row.getCell(COL.value).dataValidation).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual' });
      }
      const rows = await templateRows(await downloadTemplate(app, xihuo, '2026-11'));
      expect(rows.find((r) => r.indicator === 'coal_output' && r.region === XIHUO)).toMatchObject({ previous: 85.37, unit: '万吨' });
      expect(rows.find((r) => r.indicator === 'coal_output' && r.region === XIHUO)!.lastYear).toEqual(expect.any(Number));
    });

    it('writes 1–2月 for an indicator reported January and February together, and quarter rows at quarter ends', async () => {
      const february = await templateRows(await downloadTemplate(app, xihuo, '2026-02'));
      expect(february.find((r) => r.indicator === 'coal_output')).toMatchObject({ period: '2026年1-2月', basis: '当月' });
      expect(february.some((r) => r.indicator === 'coal_capacity')).toBe(false);
      const january = await templateRows(await downloadTemplate(app, xihuo, '2026-01'));
      expect(january.some((r) => r.indicator === 'coal_output')).toBe(false);
      const september = await templateRows(await downloadTemplate(app, xihuo, '2026-09'));
      expect(september.filter((r) => r.indicator === 'coal_capacity').map((r) => r.region)).toEqual([XIHUO]);
    });

    it('is read back by the etl layout recogniser: an unfilled template has a layout but no data', async () => {
      const before = await databaseFingerprint(app);
      const response = await upload(app, energy, await downloadTemplate(app, energy, '2026-11'), '空模板.xlsx');
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'no_data' });
      expect(await databaseFingerprint(app)).toEqual(before);
    });

    it('accepts a CSV in the template’s own columns, reference columns included', async () => {
      const rows = await templateRows(await downloadTemplate(app, xihuo, '2026-11'));
      const header = '指标编码,指标名称,地区编码,地区,期间,口径,单位,上期数值（参考）,上年同期数值（参考）,数值,说明';
      const lines = rows.map((r, i) => [r.indicator, '', r.region, '', r.period, r.basis, r.unit, String(r.previous ?? ''), String(r.lastYear ?? ''), String(70 + i), ''].join(','));
      const response = await upload(app, xihuo, Buffer.from([header, ...lines].join('\r\n'), 'utf8'), '模板.csv');
      expect(response.status).toBe(201);
      expect(response.body.report.summary).toMatchObject({ new: rows.length, rejected: 0 });
      expect(response.body.report.rows.map((r: { indicatorCode: string; value: string }) => `${r.indicatorCode}=${r.value}`)).toEqual(rows.map((r, i) => `${r.indicator}=${70 + i}`));
      expect((await app.request(`/api/reporting/submissions/${response.body.id}/discard`, { method: 'POST', token: xihuo })).status).toBe(200);
    });

    it('is for the caller’s own department unless an admin (or a district-wide reviewer) names one', async () => {
      expect((await app.request('/api/reporting/template?period=2026-11&department=industry', { token: energy })).status).toBe(403);
      expect((await app.request('/api/reporting/template?period=2026-11', { token: admin })).status).toBe(400);
      const byAdmin = await fetch(`${app.baseUrl}/api/reporting/template?period=2026-11&department=industry`, { headers: { authorization: `Bearer ${admin}` } });
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.headers.get('content-type')).toContain('spreadsheetml');
      const rows = await templateRows(Buffer.from(await byAdmin.arrayBuffer()));
      expect(rows.some((r) => r.indicator === 'pv_glass_output')).toBe(true);
    });
  });

  describe('rows', () => {
    it('classifies new, changed and unchanged rows and rejects what the caller may not write, writing nothing', async () => {
      const approved1010 = await approvedValue('coal_output', XIHUO, '2026-10');
      const before = await databaseFingerprint(app);
      const response = await entries(xihuo, {
        rows: [
          { indicator: 'coal_output', region: XIHUO, period: '2026-10', basis: 'month', value: approved1010 },
          { indicator: 'coal_output', region: XIHUO, period: '2026-11', basis: 'month', value: '88' },
          { indicator: '原煤产量', region: '西火', period: '2026-09', basis: '当月', value: '89.9' },
          { indicator: 'pv_glass_output', region: '140404', period: '2026-11', basis: 'month', value: '900' },
          { indicator: 'coal_sales', region: XIHUO, period: '2026-11', basis: 'ytd', value: '3000' },
          { indicator: 'coal_capacity', region: XIHUO, period: '2026-11', basis: 'month', value: '500' },
          { indicator: 'coal_output', region: XIHUO, period: '2026-12', basis: 'month', value: '80' },
          { indicator: 'coal_output', region: NANSONG, period: '2026-11', basis: 'month', value: '57' },
          { indicator: 'tourist_visits', region: XIHUO, period: '2026-11', basis: 'month', value: 'abc' },
          { indicator: '不存在的指标', region: XIHUO, period: '2026-11', basis: 'month', value: '1' },
        ],
      });
      expect(response.status).toBe(201);
      const report = response.body.report;
      expect(report.rows.map((r: { row: number; kind: string; oldValue: string | null }) => [r.row, r.kind, r.oldValue])).toEqual([
        [1, 'unchanged', approved1010],
        [2, 'new', null],
        [3, 'changed', '89.7'],
      ]);
      const reasons = Object.fromEntries(report.rejects.map((r: { row: number; reason: string }) => [r.row, r.reason]));
      expect(reasons[4]).toBe('无权填报"上党区"的数据：本账号只能填报西火镇。');
      expect(reasons[5]).toBe('规划中指标"煤炭销量"只统计上党区全区数据，不含"西火镇"：该数据导入后无处显示，请核对地区。');
      expect(reasons[6]).toBe('指标"煤矿核定生产能力"按季度填报，期间应为3、6、9、12月（本行为2026-11）。');
      expect(reasons[7]).toBe('2026年12月尚未结束，该月数据须在月末之后填报。');
      expect(reasons[8]).toBe('无权填报"南宋镇"的数据：本账号只能填报西火镇。');
      expect(reasons[9]).toMatch(/abc.*。$/);
      expect(reasons[10]).toBe('指标"不存在的指标"无法识别。');
      // Online rows are named by what they are about, not by a cell.
      expect(report.rejects.find((r: { row: number }) => r.row === 9)).toMatchObject({ file: '在线填报', subject: '接待游客/西火镇', value: 'abc' });
      expect(report.rejects.find((r: { row: number }) => r.row === 9).column).toBeUndefined();
      expect(report).toMatchObject({ submittable: false, reasonRequired: true });
      expect(response.body).toMatchObject({ status: 'preview', rowsRejected: 7, pendingRows: 0 });

      // Only the batch (and its audit entry) was written: no figure, no draft.
      const after = await databaseFingerprint(app);
      expect(after.observations).toBe(before.observations);
      const submit = await app.request(`/api/reporting/submissions/${response.body.id}/submit`, { method: 'POST', token: xihuo, body: { reason: 'x' } });
      expect(submit.status).toBe(422);
      expect(submit.body).toMatchObject({ code: 'has_rejects', message: '预览中有7行被拒绝，整批不能提交：请修正后重新上传。' });
      expect((await databaseFingerprint(app)).observations).toBe(before.observations);
    });

    it('lets a town write only its own town', async () => {
      const response = await entries(xihuo, {
        period: '2026-11',
        rows: [
          { indicator: 'coal_output', basis: 'month', value: '88' },
          { indicator: 'coal_output', region: '西池乡', basis: 'month', value: '60' },
          { indicator: 'coal_sales', region: '140404', basis: 'ytd', value: '3000' },
          { indicator: 'coal_output', region: '长治县西火镇', period: '2026-10', basis: 'month', value: '88' },
        ],
      });
      expect(response.status).toBe(201);
      expect(response.body.report.rows.map((r: { regionCode: string }) => r.regionCode)).toEqual([XIHUO]);
      expect(response.body.report.rejects.map((r: { row: number; reason: string }) => [r.row, r.reason])).toEqual([
        [2, '无权填报"西池乡"的数据：本账号只能填报西火镇。'],
        [3, '无权填报"上党区"的数据：本账号只能填报西火镇。'],
        [4, '期间2026-10与本次填报期间2026-11不一致。'],
      ]);
    });

    it('replaces the department’s earlier preview of the same figure, and refuses another department’s draft', async () => {
      // The sample holds 八义镇's October coal as a draft of 八义镇's; an administrator enters it for 八义镇.
      const sampleDraftBatch = await withDb(app, async (c) =>
        (await c.query(`SELECT batch_id FROM observations WHERE status='draft' AND indicator_code='coal_output' AND region_code=$1 AND period='2026-10'`, [BAYI])).rows[0].batch_id as string,
      );
      const first = await entries(admin, { department: 'town_bayi', rows: [{ indicator: 'coal_output', region: BAYI, period: '2026-10', basis: 'month', value: '85.5' }] });
      expect(first.status).toBe(201);
      expect(first.body.report.replaced).toEqual([sampleDraftBatch]);
      expect((await app.request(`/api/reporting/submissions/${sampleDraftBatch}`, { token: admin })).body.status).toBe('discarded');

      const townTries = await entries(xihuo, { rows: [{ indicator: 'coal_output', region: XIHUO, period: '2026-11', basis: 'month', value: '87' }] });
      expect(townTries.body.report.submittable).toBe(true);
      const adminTries = await entries(admin, { rows: [{ indicator: 'coal_output', region: XIHUO, period: '2026-11', basis: 'month', value: '87.5' }] });
      expect(adminTries.body.report.rejects[0].reason).toBe('西火镇正在填报该数据（草稿未提交），请协调后再填报。');
    });

    it('replaces the department’s earlier preview whole: unsubmitted previews do not pile up', async () => {
      const both = await entries(xihuo, {
        period: '2026-11',
        rows: [
          { indicator: 'coal_output', region: XIHUO, basis: 'month', value: '86.5' },
          { indicator: 'tourist_visits', region: XIHUO, basis: 'month', value: '11.25' },
        ],
      });
      expect(both.body.report.summary).toMatchObject({ new: 2 });
      const fix = await entries(xihuo, { period: '2026-11', rows: [{ indicator: 'tourist_visits', region: XIHUO, basis: 'month', value: '11.5' }] });
      expect(fix.body.report.replaced).toEqual([both.body.id]);
      expect((await app.request(`/api/reporting/submissions/${both.body.id}`, { token: xihuo })).body.status).toBe('discarded');
      const previews = (await app.request('/api/reporting/submissions?status=preview', { token: xihuo })).body as Array<{ id: string }>;
      expect(previews.map((b) => b.id)).toEqual([fix.body.id]);
      const drafts = await withDb(app, async (c) =>
        (await c.query(`SELECT batch_id, indicator_code, value::text AS value FROM observations WHERE status = 'draft' AND region_code = $1 AND period = '2026-11' ORDER BY indicator_code`, [XIHUO])).rows,
      );
      expect(drafts).toEqual([{ batch_id: fix.body.id, indicator_code: 'tourist_visits', value: '11.5' }]);
    });

    it('lets an admin enter figures for a department, which its reporters may submit only if they could have written them', async () => {
      const mixed = await entries(admin, {
        department: 'energy',
        period: '2026-11',
        rows: [
          { indicator: 'coal_rail_shipment', region: '140404', basis: 'month', value: '30', note: '管理员代录，已核实' },
          { indicator: 'nev_output', region: '140404', basis: 'month', value: '400', note: '管理员代录，已核实' },
        ],
      });
      expect(mixed.status).toBe(201);
      expect(mixed.body).toMatchObject({ departmentCode: 'energy', rowsRejected: 0, pendingRows: 2 });
      const byReporter = await app.request(`/api/reporting/submissions/${mixed.body.id}/submit`, { method: 'POST', token: energy, body: {} });
      expect(byReporter.status).toBe(403);
      expect(byReporter.body.message).toBe('该批次含有您无权填报的数据，不能由您提交');
      const byAdmin = await app.request(`/api/reporting/submissions/${mixed.body.id}/submit`, { method: 'POST', token: admin, body: {} });
      expect(byAdmin.status, JSON.stringify(byAdmin.body)).toBe(200);
      expect((await entries(energy, { department: 'industry', rows: [{ indicator: 'coal_sales', region: '140404', period: '2026-11', basis: 'ytd', value: '1' }] })).status).toBe(403);
    });

    it('discards a preview, refuses to submit a preview with nothing new, and validates the entry body', async () => {
      const preview = await entries(energy, { rows: [{ indicator: 'coal_sales', region: '140404', period: '2026-11', basis: 'ytd', value: '3000' }] });
      expect(preview.body).toMatchObject({ rowsRejected: 0, pendingRows: 1 });
      const id = preview.body.id as string;
      expect((await app.request(`/api/reporting/submissions/${id}/discard`, { method: 'POST', token: industry })).status).toBe(403);
      const discarded = await app.request(`/api/reporting/submissions/${id}/discard`, { method: 'POST', token: energy });
      expect(discarded.status).toBe(200);
      expect(discarded.body).toMatchObject({ status: 'discarded', pendingRows: 0 });
      expect((await app.request(`/api/reporting/submissions/${id}/submit`, { method: 'POST', token: energy, body: {} })).status).toBe(409);

      const approvedSales = await approvedValue('coal_sales', '140404', '2026-10');
      const same = await entries(energy, { rows: [{ indicator: 'coal_sales', region: '140404', period: '2026-10', basis: 'ytd', value: approvedSales }] });
      expect(same.body.report).toMatchObject({ submittable: false, summary: { unchanged: 1 } });
      const nothing = await app.request(`/api/reporting/submissions/${same.body.id}/submit`, { method: 'POST', token: energy, body: {} });
      expect(nothing.status).toBe(422);
      expect(nothing.body.code).toBe('nothing_to_submit');

      expect((await entries(energy, { rows: [] })).status).toBe(400);
      expect((await entries(energy, { rows: [{ region: XIHUO, value: 1 }] })).status).toBe(400);
      expect((await entries(energy, { period: '2026-13', rows: [{ indicator: 'coal_sales', value: 1 }] })).status).toBe(400);
    });
  });

  describe('calendar and queues', () => {
    it('marks figures missing after the deadline as late', async () => {
      const response = await app.request('/api/reporting/tasks?period=2026-10&department=statistics', { token: admin });
      expect(response.status).toBe(200);
      expect(response.body.today).toBe('2026-12-02');
      const retail = response.body.tasks.find((t: { indicatorCode: string }) => t.indicatorCode === 'retail_sales');
      expect(retail).toMatchObject({ status: 'late', overdue: true, dueDate: '2026-11-10' });
      expect(response.body.summary.late).toBeGreaterThan(0);
      const coal = async (department: string) =>
        ((await app.request(`/api/reporting/tasks?period=2026-10&department=${department}`, { token: admin })).body.tasks as Array<{ indicatorCode: string }>).find((t) => t.indicatorCode === 'coal_output');
      expect(await coal('town_xihuo')).toMatchObject({ status: 'approved', overdue: false });
      expect(await coal('town_nansong')).toMatchObject({ status: 'submitted', overdue: true });
    });

    it('shows each reviewer its review queue and each reporter its own batches', async () => {
      const all = (await app.request('/api/reporting/submissions?status=submitted', { token: stats })).body as Array<{ id: string; departmentCode: string; reviewerDepartmentCode: string }>;
      expect(all.map((b) => b.departmentCode)).toEqual(expect.arrayContaining(['energy', 'industry', 'town_nansong']));
      // 能源局's reviewer: its own department's batches and those it is the 审核单位 of (the towns' coal).
      const own = (await app.request('/api/reporting/submissions?status=submitted', { token: energyReview })).body as typeof all;
      expect(own.every((b) => b.departmentCode === 'energy' || b.reviewerDepartmentCode === 'energy')).toBe(true);
      const townCoal = own.find((b) => b.departmentCode === 'town_nansong')!;
      expect(townCoal.reviewerDepartmentCode).toBe('energy');
      const mine = await app.request('/api/reporting/submissions', { token: industry });
      expect(mine.body.every((b: { departmentCode: string }) => b.departmentCode === 'industry')).toBe(true);
      expect((await app.request('/api/reporting/submissions?department=energy', { token: industry })).status).toBe(403);
      expect((await app.request(`/api/reporting/submissions/${townCoal.id}`, { token: industry })).status).toBe(403);
      expect((await app.request(`/api/reporting/submissions/${townCoal.id}`, { token: stats })).status).toBe(200);
      expect((await app.request('/api/reporting/submissions/00000000-0000-4000-8000-000000000000', { token: admin })).status).toBe(404);
    });
  });

  it('1–2月: online entry reports February as 1-2月 like the template, and a bare February is refused', async () => {
    const tasks = (await app.request('/api/reporting/tasks?period=2026-02', { token: xihuo })).body.tasks as Array<{ indicatorCode: string; regionCode: string; periodText: string }>;
    const coal = tasks.find((t) => t.indicatorCode === 'coal_output' && t.regionCode === XIHUO)!;
    expect(coal.periodText).toBe('2026年1-2月');
    const energyTasks = (await app.request('/api/reporting/tasks?period=2026-02', { token: energy })).body.tasks as typeof tasks;
    expect(energyTasks.find((t) => t.indicatorCode === 'coal_sales')?.periodText).toBe('2026-02');

    const bare = await entries(xihuo, { period: '2026-02', rows: [{ indicator: 'coal_output', region: XIHUO, basis: 'month', value: '150.5' }] });
    expect(bare.status).toBe(201);
    expect(bare.body.rowsRejected).toBe(1);
    expect(bare.body.report.rejects[0].reason).toBe('指标"原煤产量"按1-2月合并报送，请将期间填为"2026年1-2月"。');

    const january = await entries(xihuo, { period: '2026-01', rows: [{ indicator: 'coal_output', region: XIHUO, basis: 'month', value: '75' }] });
    expect(january.body.report.rejects.map((r: { reason: string }) => r.reason)).toEqual(['指标"原煤产量"按1-2月合并报送，请将期间填为"2026年1-2月"。']);

    const joint = await entries(xihuo, { period: '2026-02', rows: [{ indicator: 'coal_output', region: XIHUO, period: coal.periodText, basis: 'month', value: '150.5' }] });
    expect(joint.body.rowsRejected).toBe(0);
    expect(joint.body.report.rows[0]).toMatchObject({ period: '2026-02', spanStart: '2026-01' });
  });

  it('an upload without a file is told so in Chinese only, naming the field', async () => {
    const response = await app.request('/api/reporting/submissions', { method: 'POST', token: energy, body: {} });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ message: '请选择要上传的文件', parameters: [{ parameter: 'file', problems: ['请选择要上传的文件'] }] });
  });
});
