/**
 * Details a clerk hits (issue 19 §7) and tracing a district figure (§9), through HTTP on real
 * PostgreSQL: the template leaves out figures waiting for review; a rejected row shows its figure,
 * its period column, its subject online, one 。; 修改原因 per row; versions counted per figure;
 * notes as typed; the online form gets its draft back; previews never submitted do not pile up;
 * sample batches count their rows; a district sum's history opens its towns' versions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportingSubmissionsService } from '../src/modules/reporting/reporting-submissions.service.js';
import { downloadTemplate, logins, readWorkbook, TEMPLATE_SHEET, templateRows, upload, withDb } from './fixtures/reporting-helpers.js';
import { startTestApp, type TestApp } from './support/app.js';
import { REPORTING_NOW, REPORTING_PERIOD } from './support/constants.js';

const XIHUO = '140404103';
const XICHI = '140404201';
const csv = (lines: string[]) => Buffer.from(lines.join('\n'), 'utf8');

describe('what a clerk meets', () => {
  let app: TestApp;
  let xihuo: string;
  let energy: string;

  beforeAll(async () => {
    app = await startTestApp({}, { now: REPORTING_NOW });
    [xihuo, energy] = await logins(app, ['xihuo', 'energy'] as const);
  });
  afterAll(() => app.close());

  const enter = (token: string, rows: object[], extra: object = {}) => app.request('/api/reporting/entries', { method: 'POST', token, body: { rows, ...extra } });
  const submit = (token: string, id: string, body: object = {}) => app.request(`/api/reporting/submissions/${id}/submit`, { method: 'POST', token, body });

  it('the online form gets its draft back, and a new entry replaces the earlier preview instead of piling up', async () => {
    const first = await enter(xihuo, [{ indicator: 'coal_output', region: XIHUO, period: REPORTING_PERIOD, basis: 'month', value: '5.1', note: '更正：停产检修，已核实' }]);
    const task = (await app.request(`/api/reporting/tasks?period=${REPORTING_PERIOD}`, { token: xihuo })).body.tasks.find((t: any) => t.indicatorCode === 'coal_output');
    expect(task).toMatchObject({ status: 'draft', pendingValue: '5.1', pendingNote: '更正：停产检修，已核实', batchId: first.body.id });

    const second = await enter(xihuo, [
      { indicator: 'coal_output', region: XIHUO, period: REPORTING_PERIOD, basis: 'month', value: '5.1', note: '更正：停产检修，已核实' },
      { indicator: 'tourist_visits', region: XIHUO, period: REPORTING_PERIOD, basis: 'month', value: '1.2', note: '淡季，已核实' },
    ]);
    expect(second.body.report.replaced).toEqual([first.body.id]);
    expect((await app.request(`/api/reporting/submissions/${first.body.id}`, { token: xihuo })).body.status).toBe('discarded');
    const open = (await app.request(`/api/reporting/submissions?status=preview`, { token: xihuo })).body;
    expect(open.map((b: any) => b.id)).toEqual([second.body.id]);
    // The note is stored as typed: full-width colon and comma stay.
    const notes = await withDb(app, async (c) => (await c.query(`SELECT note FROM observations WHERE batch_id = $1 ORDER BY indicator_code`, [second.body.id])).rows.map((r) => r.note));
    expect(notes).toEqual(['更正：停产检修，已核实', '淡季，已核实']);
  });

  it('a preview nobody submits is discarded after a day', async () => {
    const open = (await app.request(`/api/reporting/submissions?status=preview`, { token: xihuo })).body;
    expect(open).toHaveLength(1);
    const later = await startTestApp({}, { now: new Date(REPORTING_NOW.getTime() + 25 * 3600_000), databaseUrl: app.databaseUrl });
    try {
      const discarded = await later.app.get(ReportingSubmissionsService).discardStalePreviews();
      expect(discarded).toContain(open[0].id);
    } finally {
      await later.close();
    }
    expect((await app.request(`/api/reporting/submissions/${open[0].id}`, { token: xihuo })).body.status).toBe('discarded');
  });

  it('the template leaves out what waits for review, and says so', async () => {
    const entry = await enter(xihuo, [{ indicator: 'coal_output', region: XIHUO, period: REPORTING_PERIOD, basis: 'month', value: '86.4' }]);
    expect((await submit(xihuo, entry.body.id)).status).toBe(200);
    const template = await downloadTemplate(app, xihuo, REPORTING_PERIOD);
    expect((await templateRows(template)).some((r) => r.indicator === 'coal_output')).toBe(false);
    const sheet = (await readWorkbook(template)).getWorksheet(TEMPLATE_SHEET)!;
    expect(String(sheet.getCell(1, 1).value)).toContain('另有1项已提交待审核，未列入本表');
    expect(sheet.getCell(2, 11).value).toBe('说明');
  });

  it('a rejected row shows its figure (not its name), a period mismatch its period column, online rows their subject, each reason one sentence', async () => {
    const file = csv(['指标编码,地区编码,期间,口径,数值,说明', `coal_output,${XICHI},${REPORTING_PERIOD},当月,71.5,`, `coal_sales,140404,2026-10,累计,3100,`]);
    const preview = await upload(app, energy, file, '能源局.csv', { period: REPORTING_PERIOD });
    expect(preview.body.report.rejects).toEqual([
      { file: '能源局.csv', row: 2, column: 'E', value: '71.5', reason: '"原煤产量/西池乡"由西池乡报送，本账号不能填报。' },
      { file: '能源局.csv', row: 3, column: 'C', value: '2026-10', reason: '期间2026-10与本次填报期间2026-11不一致。' },
    ]);
    const online = await enter(energy, [{ indicator: 'coal_sales', region: '140404', period: REPORTING_PERIOD, basis: 'ytd', value: 'abc' }]);
    const [bad] = online.body.report.rejects;
    expect(bad).toMatchObject({ file: '在线填报', row: 1, subject: '煤炭销量/上党区', value: 'abc' });
    expect(bad.column).toBeUndefined();
    for (const r of [...preview.body.report.rejects, ...online.body.report.rejects]) expect(r.reason).toMatch(/[^。]。$/);
  });

  it('修改原因 belongs to the rows it explains; versions count 1, 2, 3 per figure', async () => {
    const october = await withDb(app, async (c) => (await c.query(`SELECT value::text FROM observations WHERE status = 'approved' AND indicator_code = 'tourist_visits' AND region_code = $1 AND period = '2026-10'`, [XIHUO])).rows[0].value as string);
    const corrected = String(Number(october) + 0.01);
    const entry = await enter(xihuo, [
      { indicator: 'tourist_visits', region: XIHUO, period: '2026-10', basis: 'month', value: corrected, note: '景区门票统计，已核实' },
      { indicator: 'tourist_visits', region: XIHUO, period: REPORTING_PERIOD, basis: 'month', value: String(Number(october) + 0.02), note: '景区门票统计，已核实' },
    ]);
    const noReason = await submit(xihuo, entry.body.id);
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toBe('本次提交修改了已审核通过的数据，请填写修改原因：接待游客/西火镇。');
    expect((await submit(xihuo, entry.body.id, { reason: '西火镇10月接待游客经复核更正' })).status).toBe(200);
    const reasons = await withDb(app, async (c) => (await c.query(`SELECT period, reason FROM observations WHERE batch_id = $1 ORDER BY period`, [entry.body.id])).rows);
    expect(reasons).toEqual([
      { period: '2026-10', reason: '西火镇10月接待游客经复核更正' },
      { period: REPORTING_PERIOD, reason: null },
    ]);
    await app.request(`/api/reporting/submissions/${entry.body.id}/return`, { method: 'POST', token: await app.login('stats'), body: { comment: 'x' } }).then((r) => expect(r.status).toBe(403));
    const reviewer = (await app.request(`/api/reporting/submissions/${entry.body.id}`, { token: xihuo })).body.reviewerDepartmentCode;
    expect(reviewer).toBe('culture_tourism');
    const admin = await app.login('admin');
    await app.request(`/api/reporting/submissions/${entry.body.id}/return`, { method: 'POST', token: admin, body: { comment: '请附票据' } });
    const again = await enter(xihuo, [{ indicator: 'tourist_visits', region: XIHUO, period: '2026-10', basis: 'month', value: corrected, note: '景区门票统计，已核实' }]);
    expect((await submit(xihuo, again.body.id, { rows: [{ indicator: 'tourist_visits', region: XIHUO, period: '2026-10', basis: 'month', reason: '补充票据后重报' }] })).status).toBe(200);
    expect((await app.request(`/api/reporting/submissions/${again.body.id}/approve`, { method: 'POST', token: admin, body: {} })).status).toBe(200);
    const history = (await app.request(`/api/observations/history?indicator=tourist_visits&region=${XIHUO}&period=2026-10`, { token: xihuo })).body;
    expect(history.versions.map((v: any) => [v.version, v.status, v.reason])).toEqual([
      [1, 'superseded', null],
      [2, 'returned', '西火镇10月接待游客经复核更正'],
      [3, 'approved', '补充票据后重报'],
    ]);
  });

  it('sample submissions count their rows', async () => {
    const sample = (await app.request('/api/reporting/submissions?status=submitted&period=2026-10', { token: await app.login('admin') })).body.filter((b: any) => b.source === 'online');
    expect(sample.length).toBeGreaterThan(0);
    for (const batch of sample) expect(batch.rowsTotal).toBe(batch.pendingRows);
  });
});

describe('tracing a district figure', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({}, { now: REPORTING_NOW });
  });
  afterAll(() => app.close());

  it('the history of a sum of towns opens the towns’ versions behind it (who, when, which batch)', async () => {
    const token = await app.login('energy');
    const district = (await app.request('/api/observations/history?indicator=coal_output&region=140404&period=2026-09', { token })).body;
    expect(district.versions).toEqual([]);
    expect(district.components.map((c: any) => c.region.name)).toEqual(['西火镇', '八义镇', '南宋镇', '西池乡']);
    const xihuo = district.components.find((c: any) => c.region.code === XIHUO);
    expect(xihuo.versions).toHaveLength(1);
    expect(xihuo.versions[0]).toMatchObject({ version: 1, status: 'approved', value: '89.7', sample: true, batch: { source: 'sample' } });
    // A figure reported for the district itself has no components.
    const sales = (await app.request('/api/observations/history?indicator=coal_sales&region=140404&period=2026-09', { token })).body;
    expect(sales.versions.length).toBeGreaterThan(0);
    expect(sales.components).toBeUndefined();
  });
});
