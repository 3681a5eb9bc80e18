/**
 * Hostile uploads get a clear Chinese error and change nothing: no figure, no batch, no stored
 * file, no audit entry. Each case compares a fingerprint of those tables before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { hostile } from './fixtures/hostile-files.js';
import { databaseFingerprint, upload } from './fixtures/reporting-helpers.js';
import { REPORTING_NOW } from './support/constants.js';

describe('hostile uploads', () => {
  let app: TestApp;
  let energy: string;

  beforeAll(async () => {
    // The files carry 能源局's November figure: November must be over.
    app = await startTestApp({}, { now: REPORTING_NOW });
    energy = await app.login('energy');
  });
  afterAll(() => app.close());

  async function refused(bytes: Buffer, fileName: string, status: number, code: string, message: RegExp) {
    const before = await databaseFingerprint(app);
    const response = await upload(app, energy, bytes, fileName);
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.body.code).toBe(code);
    expect(response.body.message).toMatch(message);
    expect(await databaseFingerprint(app)).toEqual(before);
    return response;
  }

  it('refuses a file over the default 20 MB limit with 413', async () => {
    const bytes = Buffer.alloc(20 * 1024 * 1024 + 1, 0x41);
    await refused(bytes, '大文件.csv', 413, 'too_large', /上传文件超过20 MB的大小上限/);
  });

  it('refuses a PNG renamed .xlsx, an executable renamed .csv and a zip that is no workbook', async () => {
    await refused(hostile.pngAsXlsx(), '报表.xlsx', 422, 'not_spreadsheet', /文件"报表.xlsx"不是表格文件，请上传.xlsx、.xls或.csv文件/);
    await refused(hostile.exeAsCsv(), '报表.csv', 422, 'not_spreadsheet', /不是表格文件/);
    await refused(await hostile.zipNotWorkbook(), '报表.xlsx', 422, 'not_spreadsheet', /是压缩包但不是Excel工作簿/);
  });

  it('refuses zip bombs before inflating them: declared size, lying header, entry count', async () => {
    await refused(await hostile.zipBombDeclared(), 'bomb.xlsx', 422, 'zip_bomb', /解压后过大.*声明的解压总大小超过64\.0 MB.*疑似压缩炸弹/);
    await refused(await hostile.zipBombLying(), 'bomb2.xlsx', 422, 'zip_bomb', /实际解压大小超过声明.*疑似压缩炸弹/);
    await refused(await hostile.zipManyEntries(), 'bomb3.xlsx', 422, 'zip_bomb', /压缩条目.*疑似压缩炸弹/);
  });

  it('refuses a macro-enabled workbook whatever it is called', async () => {
    await refused(await hostile.xlsm(), '报表.xlsm', 422, 'macro', /是启用宏的工作簿（\.xlsm，包含VBA宏），出于安全考虑不予读取/);
    await refused(await hostile.xlsm(), '报表.xlsx', 422, 'macro', /宏/);
  });

  it('refuses a formula saved without its calculated value', async () => {
    await refused(await hostile.formulaWithoutValue(), '公式.xlsx', 422, 'formula_without_value', /单元格E2的公式"=SUM\(2000,900\)"没有计算结果/);
  });

  it('refuses 100,000 blank rows (XLSX and CSV) instead of silently ignoring what follows them', async () => {
    await refused(await hostile.blankRowFlood(), '空行.xlsx', 422, 'blank_rows', /含有大量连续空行（工作表"填报表"自第2行起连续超过1000行空白/);
    await refused(hostile.blankRowFloodCsv(), '空行.csv', 422, 'blank_rows', /含有大量连续空行/);
  });

  it('refuses a sheet of 16,384 columns (XLSX and CSV)', async () => {
    await refused(await hostile.sixteenThousandColumns(), '宽表.xlsx', 422, 'too_many_columns', /超过200列的上限/);
    await refused(hostile.sixteenThousandColumnsCsv(), '宽表.csv', 422, 'too_many_columns', /超过200列的上限/);
  });

  it('accepts the same minimal workbook without the hostile part (control)', async () => {
    const before = await databaseFingerprint(app);
    const response = await upload(app, energy, await hostile.good(), '正常.xlsx');
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.report.summary).toMatchObject({ new: 1, rejected: 0 });
    expect(await databaseFingerprint(app)).not.toEqual(before);
  });
});

describe('a configured upload limit', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ UPLOAD_MAX_BYTES: String(64 * 1024) });
  });
  afterAll(() => app.close());

  it('applies UPLOAD_MAX_BYTES and names it in the message', async () => {
    const token = await app.login('energy');
    const before = await databaseFingerprint(app);
    const response = await upload(app, token, await hostile.good().then((b) => Buffer.concat([b, Buffer.alloc(70 * 1024)])), 'big.xlsx');
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'too_large', message: '上传文件超过64 KB的大小上限，请拆分或精简后重新上传' });
    expect(await databaseFingerprint(app)).toEqual(before);
  });
});
