/**
 * The department-inbox job end to end, with real files in real department folders loaded into
 * real PostgreSQL through POST /api/etl/jobs/department-inbox/run: each department has its own
 * folder and may load only its own figures, row by row as its uploads are checked; a good file
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

/** 能源局's November workbook: a title, a header, four towns (one in 吨, loose names and periods), a subtotal and a note. */
function coalWorkbook(values: { xichi: number; bayi: number; xihuoTons: number; nansong: number }): Promise<Buffer> {
  return workbook([
    {
      name: '10月',
      rows: [
        ['2026年10月 产煤乡镇原煤产量'],
        ['指标名称', '地区', '期间', '口径', '数值', '单位', '备注'],
        ['原煤产量', '西池乡', '2026-10', '当月', values.xichi, '万吨'],
        ['原煤产量', '八义镇', '2026年10月', '当月', values.bayi, '万吨'],
        ['原煤产量', '长治县西火镇', '2026.10', '当月', values.xihuoTons, '吨', '按吨填报'],
        ['原煤产量', '南宋', '202610', '当月', values.nansong, '万吨'],
        ['原煤产量', '合计', '2026-10', '当月', 0, '万吨'],
        [],
        ['注：本表由能源局填报'],
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
  /** 能源局's folder. */
  let inbox: string;
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'planwatch-inbox-'));
    inbox = path.join(root, 'energy');
    mkdirSync(inbox);
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

  it('a figure already waiting in a draft or a submission is refused, naming the batch (the sample holds both for October)', async () => {
    const before = await fingerprint(app);
    drop(inbox, '能源局-待审.csv', ['指标编码,地区编码,期间,口径,数值,单位', `coal_output,${BAYI},2026-10,当月,62.25,万吨`, `coal_output,${NANSONG},2026-10,当月,70,万吨`].join('\n'));
    const run = await runInbox(app, admin);
    expect(run).toMatchObject({ status: 'failed', rowsLoaded: 0, rowsRejected: 2 });
    const [draft, submitted] = run.report.rejects;
    expect(draft).toMatchObject({ row: 2, reason: expect.stringMatching(/^该数据已有待提交的网上填报草稿（批次[0-9a-f-]{36}），请先在网上提交或作废后再放入收件箱$/) });
    expect(submitted).toMatchObject({ row: 3, reason: expect.stringMatching(/^该数据已提交待审核（批次[0-9a-f-]{36}），审核完成前不能再次报送$/) });
    expect(await fingerprint(app)).toEqual(before);

    // Clear the way for the files below: 能源局 discards its draft, its reviewer returns the submission.
    const energy = await app.login('energy');
    const reviewer = await app.login('energy_review');
    const draftBatch = /批次([0-9a-f-]{36})/.exec(draft.reason)![1];
    const submittedBatch = /批次([0-9a-f-]{36})/.exec(submitted.reason)![1];
    expect((await app.request(`/api/reporting/submissions/${draftBatch}/discard`, { method: 'POST', token: energy })).status).toBe(200);
    expect((await app.request(`/api/reporting/submissions/${submittedBatch}/return`, { method: 'POST', token: reviewer, body: { comment: '请改由收件箱报送' } })).status).toBe(200);
  });

  it('a good workbook: submitted into the review queue (not on the public pages), moved to processed/; approved, it is in force', async () => {
    drop(inbox, '能源局-2026年10月.xlsx', await coalWorkbook({ xichi: 81.5, bayi: 62.25, xihuoTons: 850_000, nansong: 70 }));
    drop(inbox, '~$能源局-2026年10月.xlsx', 'excel lock file');
    drop(inbox, 'readme.txt', '说明');

    // The sample data already holds 西火镇's October figure (the others are still due).
    const sampleXihuo = (await approved(app, 'coal_output', XIHUO, '2026-10'))!;
    expect(sampleXihuo.source).toBe('sample');
    expect(await approved(app, 'coal_output', XICHI, '2026-10')).toBeUndefined();

    const run = await runInbox(app, admin);
    expect(run).toMatchObject({ status: 'succeeded', rowsLoaded: 4, rowsUnchanged: 0, rowsRejected: 0 });
    const [unit] = run.report.units;
    expect(unit).toMatchObject({ label: '能源局-2026年10月.xlsx', status: 'loaded', loadAs: 'submitted', department: 'energy', inserted: 3, changed: 1, records: 4, indicatorCodes: ['coal_output'], detected: { kind: 'xlsx' } });
    expect(unit.skippedByRule).toMatchObject({ title_row: 1, subtotal_row: 1, note_row: 1 });
    expect(unit.movedTo).toBe(path.join(inbox, 'processed', '能源局-2026年10月.xlsx'));
    expect(unit.reportFile).toBeUndefined();
    expect(existsSync(unit.movedTo)).toBe(true);
    expect(readdirSync(inbox).sort()).toEqual(['failed', 'processed', 'readme.txt', '~$能源局-2026年10月.xlsx']);

    // Not on the screen: nothing is in force until a reviewer approves.
    expect(await approved(app, 'coal_output', XICHI, '2026-10')).toBeUndefined();
    expect((await approved(app, 'coal_output', XIHUO, '2026-10'))!.id).toBe(sampleXihuo.id);
    expect(await monthValue(app, XICHI, '2026-10')).toBeUndefined();
    expect(events.filter((e) => e.type === 'figures_approved')).toEqual([]);

    // In the review queue, as 能源局's submission, with its rows as an upload's preview shows them.
    const reviewer = await app.login('energy_review');
    const queue = await app.request('/api/reporting/submissions?status=submitted', { token: reviewer });
    expect(queue.body.map((b: { id: string }) => b.id)).toContain(unit.batchId);
    const batch = (await app.request(`/api/reporting/submissions/${unit.batchId}`, { token: reviewer })).body;
    expect(batch).toMatchObject({ source: 'etl', status: 'submitted', departmentCode: 'energy', period: '2026-10', fileName: '能源局-2026年10月.xlsx', pendingRows: 4, createdBy: { username: 'admin' } });
    expect(batch.report.summary).toMatchObject({ new: 3, changed: 1, rejected: 0 });
    expect(batch.report.rows.find((r: { regionCode: string }) => r.regionCode === XIHUO)).toMatchObject({ kind: 'changed', oldValue: sampleXihuo.value, value: '85', regionName: '西火镇', unit: '万吨' });
    expect((await app.request(`/api/reporting/submissions/${unit.batchId}`, { token: await app.login('industry') })).status).toBe(403);

    await approve(app, unit.batchId);
    const xichi = await approved(app, 'coal_output', XICHI, '2026-10');
    expect(xichi).toMatchObject({ value: '81.5', revision: 1, supersedes_id: null, source: 'etl', batch_status: 'approved', etl_run_id: run.id, file_name: '能源局-2026年10月.xlsx' });
    expect(xichi!.file_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(xichi!.batch_id).toBe(unit.batchId);
    // 850,000 吨 → 85 万吨, replacing the sample figure as its next revision.
    const xihuo = await approved(app, 'coal_output', XIHUO, '2026-10');
    expect(xihuo).toMatchObject({ value: '85', revision: sampleXihuo.revision + 1, supersedes_id: sampleXihuo.id, batch_id: unit.batchId });
    const adminId = await withDb(app, async (c) => (await c.query(`SELECT id FROM users WHERE username = 'admin'`)).rows[0].id);
    expect(xihuo!.created_by).toBe(adminId);

    expect(await monthValue(app, BAYI, '2026-10')).toBe('62.25');
    expect(await monthValue(app, XICHI, '2026-10')).toBe('81.5');
    expect(await monthValue(app, NANSONG, '2026-10')).toBe('70');
    expect(events).toContainEqual({ type: 'figures_approved', batchId: unit.batchId, indicatorCodes: ['coal_output'], at: expect.any(Date) });
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
      inbox,
      'bad.csv',
      [
        '指标编码,地区编码,期间,口径,数值,单位',
        `coal_output,${XICHI},2026-10,当月,90,万吨`, // valid on its own: must not load
        'coal_output,999999,2026-10,当月,10,万吨',
        `coal_output,${BAYI},2026-10,当月,abc,万吨`,
        `coal_output,${XIHUO},2026-10,当月,-5,万吨`,
        `coal_output,${NANSONG},2026-10,当月,12,立方米`,
      ].join('\r\n'),
    );
    const run = await runInbox(app, admin);
    expect(run).toMatchObject({ status: 'failed', rowsLoaded: 0, rowsUnchanged: 0, rowsRejected: 4 });
    expect(run.error).toContain('bad.csv（4行数据有误，整批未导入）');
    expect(run.report.units[0]).toMatchObject({ status: 'rejected', records: 1, rejected: 4, batchId: null, movedTo: path.join(inbox, 'failed', 'bad.csv') });
    expect(run.report.rejects.map((r: { row: number; column: string; value: string }) => [r.row, r.column, r.value])).toEqual([
      [3, 'B', '999999'],
      [4, 'E', 'abc'],
      [5, 'E', '-5'],
      [6, 'F', '立方米'],
    ]);
    for (const reject of run.report.rejects) expect(reject).toMatchObject({ file: 'bad.csv', reason: expect.stringMatching(/[\u4e00-\u9fff]/) });

    const reportFile = path.join(inbox, 'failed', 'bad.csv.report.txt');
    expect(run.report.units[0].reportFile).toBe(reportFile);
    const report = readFileSync(reportFile, 'utf8');
    expect(report.startsWith('\ufeff文件：bad.csv')).toBe(true);
    expect(report).toContain('结果：未导入：发现4行数据有误。为避免只导入一部分数据，本文件的全部数据均未导入');
    expect(report).toMatch(/1\. 第3行 B列 值"999999"：.*地区/);
    expect(report).toMatch(/2\. 第4行 E列 值"abc"：/);
    expect(report).toMatch(/3\. 第5行 E列 值"-5"：.*负/);
    expect(report).toMatch(/4\. 第6行 F列 值"立方米"：/);

    expect(await fingerprint(app)).toEqual(before);
    expect((await approved(app, 'coal_output', XICHI, '2026-10'))!.value).toBe('81.5');
    expect(events.length).toBe(eventsBefore);
    expect(existsSync(path.join(inbox, 'bad.csv'))).toBe(false);
  });

  it('the same file again: nothing changes (rows_unchanged), no new batch, no revision', async () => {
    const before = await fingerprint(app);
    drop(inbox, '能源局-2026年10月.xlsx', await coalWorkbook({ xichi: 81.5, bayi: 62.25, xihuoTons: 850_000, nansong: 70 }));
    const run = await runInbox(app, admin);
    expect(run).toMatchObject({ status: 'succeeded', rowsLoaded: 0, rowsUnchanged: 4, rowsRejected: 0 });
    expect(run.report.units[0]).toMatchObject({ status: 'loaded', inserted: 0, changed: 0, unchanged: 4, batchId: null });
    // A second file of the same name does not overwrite the first in processed/.
    expect(run.report.units[0].movedTo).toBe(path.join(inbox, 'processed', `能源局-2026年10月.${run.id.slice(0, 8)}.xlsx`));
    expect(await fingerprint(app)).toEqual(before);
    const runs = await withDb(app, async (c) => (await c.query(`SELECT rows_unchanged, rows_loaded, status FROM etl_runs WHERE id = $1`, [run.id])).rows[0]);
    expect(runs).toEqual({ rows_unchanged: 4, rows_loaded: 0, status: 'succeeded' });
  });

  it('a changed value: a new revision tied to the new batch, the old one superseded', async () => {
    const old = (await approved(app, 'coal_output', XICHI, '2026-10'))!;
    drop(inbox, '能源局-2026年10月-更正.xlsx', await coalWorkbook({ xichi: 82.05, bayi: 62.25, xihuoTons: 850_000, nansong: 70 }));
    const run = await runInbox(app, admin);
    expect(run).toMatchObject({ status: 'succeeded', rowsLoaded: 1, rowsUnchanged: 3 });
    const unit = run.report.units[0];
    expect(unit).toMatchObject({ inserted: 0, changed: 1, unchanged: 3 });
    expect((await approved(app, 'coal_output', XICHI, '2026-10'))!.value).toBe('81.5');
    await approve(app, unit.batchId);
    const current = (await approved(app, 'coal_output', XICHI, '2026-10'))!;
    expect(current).toMatchObject({ value: '82.05', revision: 2, supersedes_id: old.id, batch_id: unit.batchId, etl_run_id: run.id, file_name: '能源局-2026年10月-更正.xlsx' });
    expect(current.batch_id).not.toBe(old.batch_id);
    const history = await withDb(app, async (c) =>
      (await c.query(`SELECT status, value::text AS value, revision, batch_id FROM observations WHERE indicator_code = 'coal_output' AND region_code = $1 AND period = '2026-10' ORDER BY revision`, [XICHI])).rows,
    );
    expect(history).toEqual([
      { status: 'superseded', value: '81.5', revision: 1, batch_id: old.batch_id },
      { status: 'approved', value: '82.05', revision: 2, batch_id: unit.batchId },
    ]);
    expect(await monthValue(app, XICHI, '2026-10')).toBe('82.05');
    // Only the changed figure belongs to the new batch.
    const inBatch = await withDb(app, async (c) => (await c.query(`SELECT count(*)::int AS n FROM observations WHERE batch_id = $1`, [unit.batchId])).rows[0].n);
    expect(inBatch).toBe(1);
  });

  it('GBK CSV in the wide layout loads; a second file checked against the stored YTD is refused; a text file named .xlsx is refused whole', async () => {
    const storedOct = await withDb(app, async (c) =>
      (await c.query(`SELECT value::text AS value FROM observations WHERE status = 'approved' AND indicator_code = 'coal_sales' AND region_code = '140404' AND period = '2026-10' AND basis = 'ytd'`)).rows[0].value as string,
    );
    const nov = (Number(storedOct) + 250).toFixed(2);
    drop(inbox, '1-gbk.csv', iconv.encode(['指标名称,地区,年份,口径,单位,11月,12月', `煤炭销量,上党区,2026,累计,万吨,${nov},—`].join('\r\n'), 'gbk'));
    // November's 累计 below October's, which is in force (stored YTD is reloaded per file).
    drop(inbox, '2-ytd.csv', ['指标编码,地区编码,期间,口径,数值,单位', 'coal_sales,140404,2026-11,累计,1,万吨'].join('\n'));
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
    expect(run.report.rejects.find((r: { file: string }) => r.file === '2-ytd.csv')).toMatchObject({ row: 2, column: 'E', value: '1', reason: `累计值1小于上月累计${Number(storedOct)}（已入库数据）` });

    expect(fake).toMatchObject({ label: '3-fake.xlsx', status: 'failed', errorCode: 'layout_unrecognised', movedTo: path.join(inbox, 'failed', '3-fake.xlsx') });
    const report = readFileSync(path.join(inbox, 'failed', '3-fake.xlsx.report.txt'), 'utf8');
    expect(report).toContain('结果：未导入：文件"3-fake.xlsx"中未找到可识别的表头');
  });

  it('merged two-row headers, 1-2月 spans, title/subtotal/note rows load; duplicates and one region written twice are refused', async () => {
    drop(
      inbox,
      '4-分月.xlsx',
      await (async () => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('分月');
        [
          ['2019年产煤乡镇原煤产量（当月）'],
          ['指标名称', '地区', '口径', '2019年', null, null],
          [null, null, null, '1-2月', '3月', '4月'],
          ['原煤产量', '西池乡', '当月', 60, 35, 30],
          ['原煤产量', '八义', '当月', 40, 21.5, '—'],
          ['原煤产量', '小计', '当月', 100, 56.5, 30],
          ['注：1-2月合并填报'],
        ].forEach((row, i) => (ws.getRow(i + 1).values = row));
        ws.mergeCells('A1:F1');
        ['A2:A3', 'B2:B3', 'C2:C3', 'D2:F2'].forEach((range) => ws.mergeCells(range));
        return Buffer.from(await wb.xlsx.writeBuffer());
      })(),
    );
    drop(
      inbox,
      '5-重复.csv',
      [
        '指标名称,地区,期间,口径,数值,单位',
        '原煤产量,西火镇,2019-05,当月,30,万吨',
        '原煤产量,西火,2019-05,当月,31,万吨', // the same region written another way, another value
        '原煤产量,南宋镇,2019-05,当月,12,万吨',
        '原煤产量,南宋镇,2019-05,当月,12,万吨', // an exact duplicate
      ].join('\n'),
    );
    const base = Date.now() - 30_000;
    ['4-分月.xlsx', '5-重复.csv'].forEach((f, i) => utimesSync(path.join(inbox, f), new Date(base + i * 1000), new Date(base + i * 1000)));

    const run = await runInbox(app, admin);
    expect(run.status).toBe('partial');
    const [wide, duplicates] = run.report.units;
    expect(wide).toMatchObject({ status: 'loaded', inserted: 5, skippedByRule: { title_row: 1, header_row: 2, subtotal_row: 1, note_row: 1, empty_value: 1 } });
    await approve(app, wide.batchId);
    const rows = await withDb(app, async (c) =>
      (await c.query(`SELECT region_code, period, span_start, value::text AS value FROM observations WHERE status = 'approved' AND indicator_code = 'coal_output' AND period LIKE '2019-%' ORDER BY region_code DESC, period`)).rows,
    );
    expect(rows).toEqual([
      { region_code: XICHI, period: '2019-02', span_start: '2019-01', value: '60' },
      { region_code: XICHI, period: '2019-03', span_start: null, value: '35' },
      { region_code: XICHI, period: '2019-04', span_start: null, value: '30' },
      { region_code: BAYI, period: '2019-02', span_start: '2019-01', value: '40' },
      { region_code: BAYI, period: '2019-03', span_start: null, value: '21.5' },
    ]);
    expect(duplicates).toMatchObject({ label: '5-重复.csv', status: 'rejected', records: 1 });
    const reasons = run.report.rejects.filter((r: { file: string }) => r.file === '5-重复.csv').map((r: { row: number; reason: string }) => [r.row, r.reason]);
    expect(reasons.map(([row]: [number]) => row)).toEqual([2, 3, 5]);
    for (const [, reason] of reasons) expect(reason).toMatch(/重复|矛盾|不一致|第\d+行/);
  });

  it('GET /api/etl/runs lists every run, filtered by job and status, for admins and reviewers only', async () => {
    const all = await app.request(`/api/etl/runs?job=${JOB}`, { token: admin });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(10);
    expect(all.body.runs.map((r: { status: string }) => r.status)).toEqual(['partial', 'partial', 'succeeded', 'succeeded', 'failed', 'failed', 'failed', 'succeeded', 'failed', 'succeeded']);
    expect(all.body.runs[0]).toMatchObject({ job: JOB, trigger: 'api', rowsRead: expect.any(Number), finishedAt: expect.any(String) });
    expect(all.body.runs[0].report).toBeUndefined();

    const stats = await app.login('stats');
    const failed = await app.request(`/api/etl/runs?job=${JOB}&status=failed`, { token: stats });
    expect(failed.status).toBe(200);
    expect(failed.body.runs).toHaveLength(4);
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
