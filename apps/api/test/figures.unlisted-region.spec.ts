/**
 * Every figure that loads can be seen (issue 11 §2): a figure for a region the plan does not
 * list for its indicator would load and then be shown nowhere (the indicator page answers 400
 * "not reported for region"). A real XLSX with such rows goes through `npm run etl -- load`
 * and through the upload API, and the same figure is typed in online: each path refuses those
 * rows, with the row and a Chinese reason, and loads nothing of the file.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './fixtures/etl-cli.js';
import { databaseFingerprint, logins, upload } from './fixtures/reporting-helpers.js';
import { startTestApp, type TestApp } from './support/app.js';

const DONGHE = '140404203';
const HANDIAN = '140404001';

const PV_UNLISTED = '规划中指标"光伏玻璃产量"只按上党区和荫城镇、郝家庄镇统计，不含"东和乡"：该数据导入后无处显示，请核对地区';
const COAL_UNLISTED = '规划中指标"原煤产量"只按上党区和西池乡、八义镇、西火镇、南宋镇统计，不含"韩店街道"：该数据导入后无处显示，请核对地区';

/** 工信局's and 能源局's October figures, one workbook: the district's PV glass, and two figures for regions the plan does not list. */
async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('10月');
  ws.addRows([
    ['指标名称', '地区', '期间', '口径', '数值', '单位'],
    ['光伏玻璃产量', '上党区', '2026-10', '当月', 1190, '万平方米'],
    ['光伏玻璃产量', '东和乡', '2026-10', '当月', 12, '万平方米'],
    ['原煤产量', '韩店街道', '2026-10', '当月', 5, '万吨'],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('a figure for a region the plan does not list is refused on every load path', { timeout: 180_000 }, () => {
  let app: TestApp;
  let dir: string;
  let file: string;
  let admin: string;
  let industry: string;

  beforeAll(async () => {
    app = await startTestApp();
    [admin, industry] = await logins(app, ['admin', 'industry'] as const);
    dir = mkdtempSync(path.join(tmpdir(), 'planwatch-unlisted-'));
    file = path.join(dir, '工信局-2026年10月.xlsx');
    writeFileSync(file, await workbook());
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('etl load <file>: exit 1, both rows listed with the reason, nothing loaded', async () => {
    const before = await databaseFingerprint(app);
    const result = await cli(['load', file, '--json'], { DATABASE_URL: app.databaseUrl });
    expect(result.code).toBe(1);
    const run = JSON.parse(result.stdout);
    expect(run).toMatchObject({ status: 'failed', rowsLoaded: 0, rowsRejected: 2 });
    expect(run.report.rejects.map((r: { row: number; column: string; value: string; reason: string }) => [r.row, r.column, r.value, r.reason])).toEqual([
      [3, 'B', '东和乡', PV_UNLISTED],
      [4, 'B', '韩店街道', COAL_UNLISTED],
    ]);
    const { batches, observations } = await databaseFingerprint(app);
    expect({ batches, observations }).toEqual({ batches: before.batches, observations: before.observations });
  });

  it('upload: the preview rejects those rows (an administrator too) and cannot be submitted', async () => {
    for (const token of [admin, industry]) {
      const response = await upload(app, token, await workbook(), '工信局-2026年10月.xlsx', { period: '2026-10' });
      expect(response.status).toBe(201);
      expect(response.body.report.submittable).toBe(false);
      const rejects = response.body.report.rejects.map((r: { row: number; value: string; reason: string }) => [r.row, r.reason]);
      // The API's messages are sentences: one 。 at the end.
      expect(rejects).toContainEqual([3, `${PV_UNLISTED}。`]);
      expect(response.body.pendingRows).toBe(0);
    }
  });

  it('online entry: the same figure typed in is rejected with the same reason', async () => {
    const response = await app.request('/api/reporting/entries', {
      method: 'POST',
      token: admin,
      body: { period: '2026-10', rows: [{ indicator: 'pv_glass_output', region: DONGHE, basis: 'month', value: '12' }, { indicator: 'coal_output', region: HANDIAN, basis: 'month', value: '5' }] },
    });
    expect(response.status).toBe(201);
    expect(response.body.report.rejects.map((r: { row: number; reason: string }) => [r.row, r.reason])).toEqual([
      [1, `${PV_UNLISTED}。`],
      [2, `${COAL_UNLISTED}。`],
    ]);
  });
});
