/**
 * The department-inbox job end to end, with real files in real department folders loaded into
 * real PostgreSQL through POST /api/etl/jobs/department-inbox/run: each department has its own
 * folder and may load only the figures it is the 报送单位 of (a town its own coal, 能源局 the
 * district's coal sales), row by row as its uploads are checked; the checks uploads go through
 * (核实性审核 needs a 说明 in the 备注, 强制性审核 refuses) and their report reach the reviewer's
 * card; a good file
 * waits in the review queue (not on the public pages) until a reviewer approves it; a bad file
 * moves to failed/ with a Chinese report and loads nothing; the same file twice changes
 * nothing; a changed value becomes a revision tied to the new batch; GBK CSV, wide layouts and
 * the stored-YTD check go through the same path. A trusted job (a system feed) puts its figures
 * in force at once, and its run record says so.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../src/cli/setup.js';
import { DomainEvents, type DomainEvent } from '../src/common/domain-events.js';
import { databaseFingerprint, withDb } from './fixtures/reporting-helpers.js';
import { startTestApp, type TestApp } from './support/app.js';

const JOB = 'department-inbox';
const XICHI = '140404201';
const BAYI = '140404104';
const XIHUO = '140404103';
const NANSONG = '140404107';
const DEPARTMENTS = ['agriculture', 'commerce', 'culture_tourism', 'development_reform', 'energy', 'health', 'industry', 'statistics'];

/** Drops a file into the inbox as a department would, "a minute ago" (the inbox waits for files to settle). */
function drop(dir: string, name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  const then = new Date(Date.now() - 60_000);
  utimesSync(file, then, then);
  return file;
}

async function workbook(sheets: Array<{ name: string; rows: ExcelJS.CellValue[][] }>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    sheet.rows.forEach((row, i) => {
      if (row.length) ws.getRow(i + 1).values = row;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * 西火镇's workbook: a title, a header, its coal for October in 吨 under a loose name and period,
 * August's (missing until now) and October's visitors (as approved), a subtotal and a note.
 */
function xihuoWorkbook(values: { octoberTons: number; august: number; visitors: string }): Promise<Buffer> {
  return workbook([
    {
      name: '10月',
      rows: [
        ['2026年西火镇主要指标'],
        ['指标名称', '地区', '期间', '口径', '数值', '单位', '备注'],
        ['原煤产量', '长治县西火镇', '2026.10', '当月', values.octoberTons, '吨', '按吨填报'],
        ['原煤产量', '西火', '2026年8月', '当月', values.august, '万吨', '补报'],
        ['接待游客', '西火镇', '202610', '当月', Number(values.visitors), '万人次'],
        ['原煤产量', '合计', '2026-10', '当月', 0, '万吨'],
        [],
        ['注：本表由西火镇填报'],
      ],
    },
  ]);
}

async function runInbox(app: TestApp, token: string) {
  const response = await app.request(`/api/etl/jobs/${JOB}/run`, { method: 'POST', token });
  expect(response.status).toBe(200);
  return response.body;
}

/** A reviewer approves the batch the inbox submitted; its figures come into force. */
async function approve(app: TestApp, batchId: string) {
  const reviewer = await app.login('energy_review');
  const response = await app.request(`/api/reporting/submissions/${batchId}/approve`, { method: 'POST', token: reviewer, body: { comment: '核对无误' } });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

async function approved(app: TestApp, indicator: string, region: string, period: string, basis = 'month') {
  return withDb(app, async (client) => {
    const { rows } = await client.query(
      `SELECT o.id, o.value::text AS value, o.revision, o.supersedes_id, o.batch_id, o.created_by, b.source, b.status AS batch_status, b.etl_run_id, b.file_name, b.file_sha256
         FROM observations o JOIN batches b ON b.id = o.batch_id
        WHERE o.status = 'approved' AND o.indicator_code = $1 AND o.region_code = $2 AND o.period = $3 AND o.basis = $4`,
      [indicator, region, period, basis],
    );
    return rows[0] as
      | { id: string; value: string; revision: number; supersedes_id: string | null; batch_id: string; created_by: string | null; source: string; batch_status: string; etl_run_id: string; file_name: string; file_sha256: string | null }
      | undefined;
  });
}

async function monthValue(app: TestApp, region: string, period: string): Promise<string | undefined> {
  const response = await app.request(`/api/progress/indicators/coal_output?region=${region}&from=2026-01&to=${period}`);
  expect(response.status).toBe(200);
  return (response.body.monthly as Array<{ to: string; value: string }>).find((s) => s.to === period)?.value;
}

/** Figures, batches and stored files: equal before and after means the run wrote nothing. */
const fingerprint = (app: TestApp) => databaseFingerprint(app);

describe('department-inbox: all or nothing, through POST /api/etl/jobs/:name/run', () => {
  let app: TestApp;
  let admin: string;
  let root: string;
  /** 能源局's folder (the district's coal sales). */
  let inbox: string;
  /** 西火镇's folder (its own coal and visitors). */
  let xihuoBox: string;
  /** A town's folder. */
  const townBox = (code: string) => path.join(root, code);
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'planwatch-inbox-'));
    inbox = path.join(root, 'energy');
    xihuoBox = townBox('town_xihuo');
    for (const folder of [inbox, xihuoBox, townBox('town_xichi'), townBox('town_bayi'), townBox('town_nansong')]) mkdirSync(folder);
    app = await startTestApp({ INBOX_DIR: root });
    admin = await app.login('admin');
    app.app.get(DomainEvents).events.subscribe((event) => events.push(event));
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('setup gives every department a folder; an empty inbox: a succeeded, untrusted run with nothing read', async () => {
    const previous = process.env.INBOX_DIR;
    process.env.INBOX_DIR = root;
    try {
      await prepareDatabase(app.databaseUrl, { sampleAsOf: null, demoUsers: false, inboxFolders: true, log: () => undefined });
    } finally {
      if (previous === undefined) delete process.env.INBOX_DIR;
      else process.env.INBOX_DIR = previous;
    }
    const folders = readdirSync(root);
    for (const code of [...DEPARTMENTS, 'town_xihuo', 'town_xichi', 'zone_changzhi_edz']) expect(folders).toContain(code);
    const departments = await withDb(app, async (c) => (await c.query(`SELECT count(*)::int AS n FROM departments`)).rows[0].n as number);
    expect(folders).toHaveLength(departments);

    const run = await runInbox(app, admin);
    expect(run).toMatchObject({ job: JOB, trigger: 'api', status: 'succeeded', rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, error: null });
    expect(run.report).toMatchObject({ mode: 'all_or_nothing', trusted: false, source: { type: 'inbox', target: root }, units: [], rejects: [] });
  });

  it('a figure already waiting in a draft or a submission is refused, saying where it stands, never a batch number (the sample holds both for October)', async () => {
    const before = await fingerprint(app);
    drop(townBox('town_bayi'), '八义镇-待审.csv', ['指标编码,地区编码,期间,口径,数值,单位', `coal_output,${BAYI},2026-10,当月,85.34,万吨`].join('\n'));
    drop(townBox('town_nansong'), '南宋镇-待审.csv', ['指标编码,地区编码,期间,口径,数值,单位', `coal_output,${NANSONG},2026-10,当月,56.89,万吨`].join('\n'));
    utimesSync(path.join(townBox('town_nansong'), '南宋镇-待审.csv'), new Date(Date.now() - 30_000), new Date(Date.now() - 30_000));
    const run = await runInbox(app, admin);
    expect(run).toMatchObject({ status: 'failed', rowsLoaded: 0, rowsRejected: 2 });
    expect(run.report.rejects.map((r: { file: string; row: number; reason: string }) => [r.file, r.row, r.reason])).toEqual([
      ['八义镇-待审.csv', 2, '该数据已有待提交的网上填报草稿，请先在网上提交或作废后再放入收件箱'],
      ['南宋镇-待审.csv', 2, '南宋镇已报，待能源局审核，审核完成前不能再次报送'],
    ]);
    expect(await fingerprint(app)).toEqual(before);

    // Clear the way for the files below: the draft is discarded, 能源局's reviewer returns the submission.
    const pending = await withDb(app, async (c) =>
      (await c.query(`SELECT DISTINCT batch_id::text AS id, status FROM observations WHERE indicator_code = 'coal_output' AND period = '2026-10' AND status IN ('draft', 'submitted')`)).rows as Array<{ id: string; status: string }>,
    );
    const draftBatch = pending.find((p) => p.status === 'draft')!.id;
    const submittedBatch = pending.find((p) => p.status === 'submitted')!.id;
    expect((await app.request(`/api/reporting/submissions/${draftBatch}/discard`, { method: 'POST', token: admin })).status).toBe(200);
    expect((await app.request(`/api/reporting/submissions/${submittedBatch}/return`, { method: 'POST', token: await app.login('energy_review'), body: { comment: '请改由收件箱报送' } })).status).toBe(200);
  });

  it('a good workbook: submitted into the review queue (not on the public pages), moved to processed/; approved, it is in force', async () => {
    const visitors = (await approved(app, 'tourist_visits', XIHUO, '2026-10'))!.value;
    drop(xihuoBox, '西火镇-2026年10月.xlsx', await xihuoWorkbook({ octoberTons: 850_000, august: 90, visitors }));
    drop(xihuoBox, '~$西火镇-2026年10月.xlsx', 'excel lock file');
    drop(xihuoBox, 'readme.txt', '说明');

    // The sample data holds 西火镇's October coal; its August coal was never reported.
    const sampleXihuo = (await approved(app, 'coal_output', XIHUO, '2026-10'))!;
    expect(sampleXihuo.source).toBe('sample');
    expect(await approved(app, 'coal_output', XIHUO, '2026-08')).toBeUndefined();

    const run = await runInbox(app, admin);
    expect(run).toMatchObject({ status: 'succeeded', rowsLoaded: 2, rowsUnchanged: 1, rowsRejected: 0 });
    const [unit] = run.report.units;
    expect(unit).toMatchObject({ label: '西火镇-2026年10月.xlsx', status: 'loaded', loadAs: 'submitted', department: 'town_xihuo', inserted: 1, changed: 1, unchanged: 1, records: 3, indicatorCodes: ['coal_output'], detected: { kind: 'xlsx' } });
    expect(unit.skippedByRule).toMatchObject({ title_row: 1, subtotal_row: 1, note_row: 1 });
    expect(unit.movedTo).toBe(path.join(xihuoBox, 'processed', '西火镇-2026年10月.xlsx'));
    expect(unit.reportFile).toBeUndefined();
    expect(existsSync(unit.movedTo)).toBe(true);
    expect(readdirSync(xihuoBox).sort()).toEqual(['processed', 'readme.txt', '~$西火镇-2026年10月.xlsx']);

    // Not on the screen: nothing is in force until a reviewer approves.
    expect(await approved(app, 'coal_output', XIHUO, '2026-08')).toBeUndefined();
    expect((await approved(app, 'coal_output', XIHUO, '2026-10'))!.id).toBe(sampleXihuo.id);
    expect(await monthValue(app, XIHUO, '2026-08')).toBeUndefined();
    expect(events.filter((e) => e.type === 'figures_approved')).toEqual([]);

    // In 能源局's review queue (the 审核单位 of the town's coal), with its rows as an upload's preview shows them.
    const reviewer = await app.login('energy_review');
    const queue = await app.request('/api/reporting/submissions?status=submitted&reviewable=true', { token: reviewer });
    expect(queue.body.map((b: { id: string }) => b.id)).toContain(unit.batchId);
    const batch = (await app.request(`/api/reporting/submissions/${unit.batchId}`, { token: reviewer })).body;
    expect(batch).toMatchObject({ source: 'etl', status: 'submitted', departmentCode: 'town_xihuo', reviewerDepartmentCode: 'energy', fileName: '西火镇-2026年10月.xlsx', pendingRows: 2, createdBy: { username: 'admin' } });
    expect(batch.report.summary).toMatchObject({ new: 1, changed: 1, rejected: 0 });
    expect(batch.report.rows.find((r: { period: string }) => r.period === '2026-10')).toMatchObject({
      kind: 'changed',
      oldValue: sampleXihuo.value,
      value: '85',
      regionName: '西火镇',
      unit: '万吨',
      comparisons: { previous: { period: '2026-09', value: '89.7' } },
    });
    expect((await app.request(`/api/reporting/submissions/${unit.batchId}`, { token: await app.login('industry') })).status).toBe(403);

    await approve(app, unit.batchId);
    const august = await approved(app, 'coal_output', XIHUO, '2026-08');
    expect(august).toMatchObject({ value: '90', revision: 1, supersedes_id: null, source: 'etl', batch_status: 'approved', etl_run_id: run.id, file_name: '西火镇-2026年10月.xlsx' });
    expect(august!.file_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(august!.batch_id).toBe(unit.batchId);
    // 850,000 吨 → 85 万吨, replacing the sample figure as its next revision.
    const october = await approved(app, 'coal_output', XIHUO, '2026-10');
    expect(october).toMatchObject({ value: '85', revision: sampleXihuo.revision + 1, supersedes_id: sampleXihuo.id, batch_id: unit.batchId });
    const adminId = await withDb(app, async (c) => (await c.query(`SELECT id FROM users WHERE username = 'admin'`)).rows[0].id);
    expect(october!.created_by).toBe(adminId);

    expect(await monthValue(app, XIHUO, '2026-08')).toBe('90');
    expect(await monthValue(app, XIHUO, '2026-10')).toBe('85');
    expect(events).toContainEqual({ type: 'figures_approved', batchId: unit.batchId, indicatorCodes: ['coal_output'], at: expect.any(Date) });
  });

  it('798 after 63.07 in 西池乡’s file: refused without a 说明 in the 备注; with one, submitted, and 能源局’s card shows the hit, the 说明, 上月 and 上年同期', async () => {
    const xichiBox = townBox('town_xichi');
    const file = (note: string) => ['指标编码,地区编码,期间,口径,数值,单位,备注', `coal_output,${XICHI},2026-10,当月,798,万吨,${note}`].join('\r\n');
    const before = await fingerprint(app);
    drop(xichiBox, '西池乡-10月.csv', file(''));
    const refused = await runInbox(app, admin);
    expect(refused).toMatchObject({ status: 'failed', rowsLoaded: 0, rowsRejected: 1 });
    expect(refused.report.units[0]).toMatchObject({ status: 'rejected', department: 'town_xichi', movedTo: path.join(xichiBox, 'failed', '西池乡-10月.csv') });
    const [reject] = refused.report.rejects;
    expect(reject).toMatchObject({ file: '西池乡-10月.csv', row: 2, value: '798' });
    expect(reject.reason).toMatch(/^核实性审核：较上月（2026-09：63\.07）增长1165\.3%，超出±50%的核实范围；.*请在备注（说明）中写明原因（至少4个字）后重新报送$/);
    expect(readFileSync(path.join(xichiBox, 'failed', '西池乡-10月.csv.report.txt'), 'utf8')).toContain('核实性审核');
    expect(await fingerprint(app)).toEqual(before);

    drop(xichiBox, '西池乡-10月-说明.csv', file('新井投产，产量已与煤矿月报核实'));
    const run = await runInbox(app, admin);
    expect(run).toMatchObject({ status: 'succeeded', rowsLoaded: 1, rowsRejected: 0 });
    const batchId = run.report.units[0].batchId;
    const card = (await app.request(`/api/reporting/submissions/${batchId}`, { token: await app.login('energy_review') })).body;
    expect(card).toMatchObject({ source: 'etl', status: 'submitted', departmentCode: 'town_xichi', reviewerDepartmentCode: 'energy' });
    const [row] = card.report.rows;
    expect(row).toMatchObject({ value: '798', note: '新井投产，产量已与煤矿月报核实', needsExplanation: false, comparisons: { previous: { period: '2026-09', value: '63.07' }, lastYear: { period: '2025-10' } } });
    expect(row.checks.map((h: { rule: string; level: string }) => [h.rule, h.level])).toContainEqual(['month_on_month', 'soft']);
    expect(card.report.summary.warnings).toBe(row.checks.length);
    // 能源局's reviewer returns it: it was a test of the checks, not a figure.
    expect((await app.request(`/api/reporting/submissions/${batchId}/return`, { method: 'POST', token: await app.login('energy_review'), body: { comment: '数值有误，请核对' } })).status).toBe(200);
  });

  it("a town's folder holding another town's rows: every such row refused with the department rule, nothing submitted", async () => {
    const town = path.join(root, 'town_xihuo');
    const before = await fingerprint(app);
    drop(
      town,
      '西火镇-2026年10月.csv',
      [
        '指标编码,地区编码,期间,口径,数值,单位',
        `coal_output,${XIHUO},2026-10,当月,86,万吨`, // its own: allowed, but the file loads all or nothing
        `coal_output,${XICHI},2026-10,当月,99,万吨`,
        `coal_output,${BAYI},2026-10,当月,98,万吨`,
        'coal_sales,140404,2026-10,累计,9999,万吨',
      ].join('\r\n'),
    );
    const run = await runInbox(app, admin);
    expect(run).toMatchObject({ status: 'failed', rowsLoaded: 0, rowsRejected: 3 });
    expect(run.report.units[0]).toMatchObject({ status: 'rejected', department: 'town_xihuo', records: 1, rejected: 3, movedTo: path.join(town, 'failed', '西火镇-2026年10月.csv') });
    expect(run.report.rejects.map((r: { row: number; reason: string }) => [r.row, r.reason])).toEqual([
      [3, '无权填报"西池乡"的数据：本部门只能填报西火镇'],
      [4, '无权填报"八义镇"的数据：本部门只能填报西火镇'],
      [5, '无权填报"上党区"的数据：本部门只能填报西火镇'],
    ]);
    const report = readFileSync(path.join(town, 'failed', '西火镇-2026年10月.csv.report.txt'), 'utf8');
    expect(report).toContain('第3行');
    expect(report).toContain('本部门只能填报西火镇');
    expect(await fingerprint(app)).toEqual(before);
  });

  it('a file dropped outside any department folder is refused unread, with the reason', async () => {
    const before = await fingerprint(app);
    drop(root, '无主文件.csv', ['指标编码,地区编码,期间,口径,数值,单位', `coal_output,${XICHI},2026-10,当月,1,万吨`].join('\n'));
    const run = await runInbox(app, admin);
    expect(run.report.units[0]).toMatchObject({ status: 'failed', errorCode: 'no_department', movedTo: path.join(root, 'failed', '无主文件.csv') });
    expect(run.report.units[0].error).toContain('请放入本部门的文件夹');
    expect(await fingerprint(app)).toEqual(before);
  });

  it('a bad file: moved to failed/ with a Chinese report naming row, column, value and reason; NOTHING of it loaded', async () => {
    const before = await fingerprint(app);
    const eventsBefore = events.length;
    drop(
      xihuoBox,
      'bad.csv',
      [
        '指标编码,地区编码,期间,口径,数值,单位',
        `coal_output,${XIHUO},2026-10,当月,86,万吨`, // valid on its own: must not load
        'coal_output,999999,2026-10,当月,10,万吨',
        `tourist_visits,${XIHUO},2026-10,当月,abc,万人次`,
        `gangue_utilized,${XIHUO},2026-10,当月,-5,万吨`,
        `scrap_steel_processed,${XIHUO},2026-10,当月,12,立方米`,
      ].join('\r\n'),
    );
    const run = await runInbox(app, admin);
    expect(run).toMatchObject({ status: 'failed', rowsLoaded: 0, rowsUnchanged: 0, rowsRejected: 4 });
    expect(run.error).toContain('bad.csv（4行数据有误，整批未导入）');
    expect(run.report.units[0]).toMatchObject({ status: 'rejected', records: 1, rejected: 4, batchId: null, movedTo: path.join(xihuoBox, 'failed', 'bad.csv') });
    expect(run.report.rejects.map((r: { row: number; column: string; value: string }) => [r.row, r.column, r.value])).toEqual([
      [3, 'B', '999999'],
      [4, 'E', 'abc'],
      [5, 'E', '-5'],
      [6, 'F', '立方米'],
    ]);
    for (const reject of run.report.rejects) expect(reject).toMatchObject({ file: 'bad.csv', reason: expect.stringMatching(/[\u4e00-\u9fff]/) });

    const reportFile = path.join(xihuoBox, 'failed', 'bad.csv.report.txt');
    expect(run.report.units[0].reportFile).toBe(reportFile);
    const report = readFileSync(reportFile, 'utf8');
    expect(report.startsWith('\ufeff文件：bad.csv')).toBe(true);
    expect(report).toContain('结果：未导入：发现4行数据有误。为避免只导入一部分数据，本文件的全部数据均未导入');
    expect(report).toMatch(/1\. 第3行 B列 值"999999"：.*地区/);
    expect(report).toMatch(/2\. 第4行 E列 值"abc"：/);
    expect(report).toMatch(/3\. 第5行 E列 值"-5"：.*负/);
    expect(report).toMatch(/4\. 第6行 F列 值"立方米"：/);

    expect(await fingerprint(app)).toEqual(before);
    expect((await approved(app, 'coal_output', XIHUO, '2026-10'))!.value).toBe('85');
    expect(events.length).toBe(eventsBefore);
    expect(existsSync(path.join(xihuoBox, 'bad.csv'))).toBe(false);
  });

  it('the same file again: nothing changes (rows_unchanged), no new batch, no revision', async () => {
    const before = await fingerprint(app);
    const visitors = (await approved(app, 'tourist_visits', XIHUO, '2026-10'))!.value;
    drop(xihuoBox, '西火镇-2026年10月.xlsx', await xihuoWorkbook({ octoberTons: 850_000, august: 90, visitors }));
    const run = await runInbox(app, admin);
    expect(run).toMatchObject({ status: 'succeeded', rowsLoaded: 0, rowsUnchanged: 3, rowsRejected: 0 });
    expect(run.report.units[0]).toMatchObject({ status: 'loaded', inserted: 0, changed: 0, unchanged: 3, batchId: null });
    // A second file of the same name does not overwrite the first in processed/.
    expect(run.report.units[0].movedTo).toBe(path.join(xihuoBox, 'processed', `西火镇-2026年10月.${run.id.slice(0, 8)}.xlsx`));
    expect(await fingerprint(app)).toEqual(before);
    const runs = await withDb(app, async (c) => (await c.query(`SELECT rows_unchanged, rows_loaded, status FROM etl_runs WHERE id = $1`, [run.id])).rows[0]);
    expect(runs).toEqual({ rows_unchanged: 3, rows_loaded: 0, status: 'succeeded' });
  });

  it('a changed value: a new revision tied to the new batch, the old one superseded', async () => {
    const old = (await approved(app, 'coal_output', XIHUO, '2026-08'))!;
    const visitors = (await approved(app, 'tourist_visits', XIHUO, '2026-10'))!.value;
    drop(xihuoBox, '西火镇-2026年10月-更正.xlsx', await xihuoWorkbook({ octoberTons: 850_000, august: 90.55, visitors }));
    const run = await runInbox(app, admin);
    expect(run).toMatchObject({ status: 'succeeded', rowsLoaded: 1, rowsUnchanged: 2 });
    const unit = run.report.units[0];
    expect(unit).toMatchObject({ inserted: 0, changed: 1, unchanged: 2 });
    expect((await approved(app, 'coal_output', XIHUO, '2026-08'))!.value).toBe('90');
    await approve(app, unit.batchId);
    const current = (await approved(app, 'coal_output', XIHUO, '2026-08'))!;
    expect(current).toMatchObject({ value: '90.55', revision: 2, supersedes_id: old.id, batch_id: unit.batchId, etl_run_id: run.id, file_name: '西火镇-2026年10月-更正.xlsx' });
    expect(current.batch_id).not.toBe(old.batch_id);
    const history = await withDb(app, async (c) =>
      (await c.query(`SELECT status, value::text AS value, revision, batch_id FROM observations WHERE indicator_code = 'coal_output' AND region_code = $1 AND period = '2026-08' ORDER BY revision`, [XIHUO])).rows,
    );
    expect(history).toEqual([
      { status: 'superseded', value: '90', revision: 1, batch_id: old.batch_id },
      { status: 'approved', value: '90.55', revision: 2, batch_id: unit.batchId },
    ]);
    expect(await monthValue(app, XIHUO, '2026-08')).toBe('90.55');
    // Only the changed figure belongs to the new batch.
    const inBatch = await withDb(app, async (c) => (await c.query(`SELECT count(*)::int AS n FROM observations WHERE batch_id = $1`, [unit.batchId])).rows[0].n);
    expect(inBatch).toBe(1);
  });

  it('GBK CSV in the wide layout loads; a 累计 below the stored one is refused by 强制性审核; a text file named .xlsx is refused whole', async () => {
    const storedYtd = (period: string) =>
      withDb(app, async (c) =>
        (await c.query(`SELECT value::text AS value FROM observations WHERE status = 'approved' AND indicator_code = 'coal_sales' AND region_code = '140404' AND period = $1 AND basis = 'ytd'`, [period])).rows[0].value as string,
      );
    const storedOct = await storedYtd('2026-10');
    const storedSep = await storedYtd('2026-09');
    const nov = (Number(storedOct) + 250).toFixed(2);
    drop(inbox, '1-gbk.csv', iconv.encode(['指标名称,地区,年份,口径,单位,11月,12月', `煤炭销量,上党区,2026,累计,万吨,${nov},—`].join('\r\n'), 'gbk'));
    // October's 累计 corrected to below September's, which is in force: October's month would be negative.
    drop(inbox, '2-ytd.csv', ['指标编码,地区编码,期间,口径,数值,单位', 'coal_sales,140404,2026-10,累计,1,万吨'].join('\n'));
    drop(inbox, '3-fake.xlsx', '这不是一个表格文件');
    const files = ['1-gbk.csv', '2-ytd.csv', '3-fake.xlsx'];
    const base = Date.now() - 60_000;
    files.forEach((f, i) => utimesSync(path.join(inbox, f), new Date(base + i * 1000), new Date(base + i * 1000)));

    const run = await runInbox(app, admin);
    expect(run.status).toBe('partial');
    const [gbk, ytd, fake] = run.report.units;
    expect(gbk).toMatchObject({ label: '1-gbk.csv', status: 'loaded', inserted: 1, detected: { kind: 'csv', encoding: 'gb18030' }, skippedByRule: { empty_value: 1 } });
    await approve(app, gbk.batchId);
    expect((await approved(app, 'coal_sales', '140404', '2026-11', 'ytd'))!.value).toBe(String(Number(nov)));

    expect(ytd).toMatchObject({ label: '2-ytd.csv', status: 'rejected', rejected: 1 });
    expect(run.report.rejects.find((r: { file: string }) => r.file === '2-ytd.csv')).toMatchObject({
      row: 2,
      column: 'E',
      value: '1',
      reason: `强制性审核未通过：累计值1小于上月累计${Number(storedSep)}（已入库数据），本期当月值将为负数`,
    });

    expect(fake).toMatchObject({ label: '3-fake.xlsx', status: 'failed', errorCode: 'layout_unrecognised', movedTo: path.join(inbox, 'failed', '3-fake.xlsx') });
    const report = readFileSync(path.join(inbox, 'failed', '3-fake.xlsx.report.txt'), 'utf8');
    expect(report).toContain('结果：未导入：文件"3-fake.xlsx"中未找到可识别的表头');
  });

  it('merged two-row headers, 1-2月 spans, title/subtotal/note rows load; duplicates and one region written twice are refused', async () => {
    drop(
      townBox('town_xichi'),
      '4-分月.xlsx',
      await (async () => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('分月');
        [
          ['2019年西池乡原煤产量（当月）'],
          ['指标名称', '地区', '口径', '2019年', null, null],
          [null, null, null, '1-2月', '3月', '4月'],
          ['原煤产量', '西池', '当月', 60, 35, '—'],
          ['原煤产量', '小计', '当月', 60, 35, null],
          ['注：1-2月合并填报'],
        ].forEach((row, i) => (ws.getRow(i + 1).values = row));
        ws.mergeCells('A1:F1');
        ['A2:A3', 'B2:B3', 'C2:C3', 'D2:F2'].forEach((range) => ws.mergeCells(range));
        return Buffer.from(await wb.xlsx.writeBuffer());
      })(),
    );
    drop(
      xihuoBox,
      '5-重复.csv',
      [
        '指标名称,地区,期间,口径,数值,单位',
        '原煤产量,西火镇,2019-05,当月,30,万吨',
        '原煤产量,西火,2019-05,当月,31,万吨', // the same region written another way, another value
        '接待游客,西火镇,2019-05,当月,12,万人次',
        '接待游客,西火镇,2019-05,当月,12,万人次', // an exact duplicate
      ].join('\n'),
    );
    const base = Date.now() - 30_000;
    [path.join(townBox('town_xichi'), '4-分月.xlsx'), path.join(xihuoBox, '5-重复.csv')].forEach((f, i) => utimesSync(f, new Date(base + i * 1000), new Date(base + i * 1000)));

    const run = await runInbox(app, admin);
    expect(run.status).toBe('partial');
    const [wide, duplicates] = run.report.units;
    expect(wide).toMatchObject({ status: 'loaded', department: 'town_xichi', inserted: 2, skippedByRule: { title_row: 1, header_row: 2, subtotal_row: 1, note_row: 1, empty_value: 1 } });
    await approve(app, wide.batchId);
    const rows = await withDb(app, async (c) =>
      (await c.query(`SELECT region_code, period, span_start, value::text AS value FROM observations WHERE status = 'approved' AND indicator_code = 'coal_output' AND period LIKE '2019-%' ORDER BY region_code DESC, period`)).rows,
    );
    expect(rows).toEqual([
      { region_code: XICHI, period: '2019-02', span_start: '2019-01', value: '60' },
      { region_code: XICHI, period: '2019-03', span_start: null, value: '35' },
    ]);
    expect(duplicates).toMatchObject({ label: '5-重复.csv', status: 'rejected', records: 1 });
    const reasons = run.report.rejects.filter((r: { file: string }) => r.file === '5-重复.csv').map((r: { row: number; reason: string }) => [r.row, r.reason]);
    expect(reasons.map(([row]: [number]) => row)).toEqual([2, 3, 5]);
    for (const [, reason] of reasons) expect(reason).toMatch(/重复|矛盾|不一致|第\d+行/);
  });

  it('GET /api/etl/runs lists every run, filtered by job and status, for admins and reviewers only', async () => {
    const all = await app.request(`/api/etl/runs?job=${JOB}`, { token: admin });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(12);
    expect(all.body.runs.map((r: { status: string }) => r.status)).toEqual(['partial', 'partial', 'succeeded', 'succeeded', 'failed', 'failed', 'failed', 'succeeded', 'failed', 'succeeded', 'failed', 'succeeded']);
    expect(all.body.runs[0]).toMatchObject({ job: JOB, trigger: 'api', rowsRead: expect.any(Number), finishedAt: expect.any(String) });
    expect(all.body.runs[0].report).toBeUndefined();

    const stats = await app.login('stats');
    const failed = await app.request(`/api/etl/runs?job=${JOB}&status=failed`, { token: stats });
    expect(failed.status).toBe(200);
    expect(failed.body.runs).toHaveLength(5);
    expect(failed.body.runs[0]).toMatchObject({ status: 'failed', rowsRejected: 4 });

    const one = await app.request(`/api/etl/runs/${failed.body.runs[0].id}`, { token: stats });
    expect(one.body.report.rejects).toHaveLength(4);

    const energy = await app.login('energy');
    expect((await app.request('/api/etl/runs', { token: energy })).status).toBe(403);
    expect((await app.request('/api/etl/runs')).status).toBe(401);
    expect((await app.request('/api/etl/runs?status=sleeping', { token: admin })).status).toBe(400);
  });
});

describe('quarantine mode: the valid rows load, the rejected ones stay in the report', () => {
  let app: TestApp;
  let admin: string;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'planwatch-quarantine-'));
    const jobs = path.join(root, 'jobs');
    const inbox = path.join(root, 'inbox');
    mkdirSync(jobs, { recursive: true });
    mkdirSync(inbox, { recursive: true });
    writeFileSync(
      path.join(jobs, 'town-inbox.job.yaml'),
      ['name: town-inbox', 'description: 乡镇系统推送（隔离模式，受信任）', 'mode: quarantine', 'trusted: true', 'source:', '  type: inbox', `  dir: ${inbox}`, '  settleSeconds: 0', 'defaults:', '  basis: 当月', '  year: 2026'].join('\n'),
    );
    app = await startTestApp({ ETL_JOBS_DIR: jobs });
    admin = await app.login('admin');
    mkdirSync(path.join(inbox, 'town_xichi'), { recursive: true });
    drop(
      path.join(inbox, 'town_xichi'),
      '西池乡10月.csv',
      ['指标名称,地区,期间,数值', '原煤产量,西池,10月,88', '原煤产量,西池,9月,-1', '原煤产量,火星镇,10月,5'].join('\n'),
    );
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('a trusted job loads 1 row in force at once, quarantines 2, run partial and says trusted, the file in processed/ with its report', async () => {
    const response = await app.request('/api/etl/jobs/town-inbox/run', { method: 'POST', token: admin });
    expect(response.status).toBe(200);
    const run = response.body;
    expect(run).toMatchObject({ status: 'partial', rowsLoaded: 1, rowsRejected: 2, report: { trusted: true } });
    const unit = run.report.units[0];
    expect(unit).toMatchObject({ status: 'quarantined', loadAs: 'approved', department: 'town_xichi', inserted: 1, rejected: 2, movedTo: path.join(root, 'inbox', 'town_xichi', 'processed', '西池乡10月.csv') });
    expect(run.report.rejects.map((r: { row: number; value: string }) => [r.row, r.value])).toEqual([
      [3, '-1'],
      [4, '火星镇'],
    ]);
    expect((await approved(app, 'coal_output', XICHI, '2026-10'))!.value).toBe('88');
    const report = readFileSync(unit.reportFile, 'utf8');
    expect(report).toContain('部分导入（隔离模式）');
    expect(report).toContain('第4行 B列 值"火星镇"');
    const batch = await withDb(app, async (c) => (await c.query(`SELECT rows_total, rows_rejected, report FROM batches WHERE id = $1`, [unit.batchId])).rows[0]);
    expect(batch).toMatchObject({ rows_total: 3, rows_rejected: 2 });
    expect(batch.report.rejects).toHaveLength(2);
  });
});
