/**
 * Files as departments really have them (issue 11 §4), through the upload API: the
 * department's own downloaded template (西火镇's), filled in and re-saved by LibreOffice Calc both as
 * Excel 97–2003 (.xls) and as .xlsx, previews like the template itself; a real macro workbook
 * (.xlsm with xl/vbaProject.bin, as Excel lays it out) is refused as a macro workbook.
 */
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveWithLibreOffice } from '../../../packages/etl/src/testing/libreoffice.js';
import { databaseFingerprint, downloadTemplate, fillTemplate, logins, upload } from './fixtures/reporting-helpers.js';
import { startTestApp, type TestApp } from './support/app.js';
import { REPORTING_NOW, REPORTING_PERIOD } from './support/constants.js';

const XIHUO = '140404103';
const VALUES = { [`coal_output@${XIHUO}`]: 86.25, [`tourist_visits@${XIHUO}`]: 12.5 };

/** A macro-enabled workbook as Excel writes one: macroEnabled content type, and the VBA project as an OLE2 file in xl/vbaProject.bin. */
function macroWorkbook(): Buffer {
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet([['指标编码', '地区编码', '期间', '口径', '数值'], ['coal_sales', '140404', '2026-11', '累计', 2900]]), '填报表');
  const project = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(project, 'PROJECT', Buffer.from('ID="{5A1C2F43-0000-0000-0000-000000000000}"\r\nDocument=ThisWorkbook/&H00000000\r\n'));
  XLSX.CFB.utils.cfb_add(project, 'VBA/ThisWorkbook', Buffer.from('Attribute VB_Name = "ThisWorkbook"\r\nPrivate Sub Workbook_Open()\r\nShell "calc.exe"\r\nEnd Sub\r\n'));
  workbook.vbaraw = XLSX.CFB.write(project, { type: 'buffer' });
  return XLSX.write(workbook, { bookType: 'xlsm', bookVBA: true, type: 'buffer' }) as Buffer;
}

describe('office files: .xls and LibreOffice-saved templates', { timeout: 300_000 }, () => {
  let app: TestApp;
  let xihuo: string;
  let template: Buffer;
  let asXls: Buffer;
  let asXlsx: Buffer;

  beforeAll(async () => {
    app = await startTestApp({}, { now: REPORTING_NOW });
    [xihuo] = await logins(app, ['xihuo'] as const);
    template = await fillTemplate(await downloadTemplate(app, xihuo, REPORTING_PERIOD), VALUES);
    asXls = (await saveWithLibreOffice([{ name: '西火镇-2026-11.xlsx', bytes: template }], 'xls'))[0]!;
    asXlsx = (await saveWithLibreOffice([{ name: '西火镇-2026-11.xlsx', bytes: template }], 'xlsx'))[0]!;
  }, 300_000);
  afterAll(() => app.close());

  const previewed = (body: { report: { rows: Array<{ indicatorCode: string; regionCode: string; value: string; kind: string }> } }) =>
    body.report.rows.map((r) => [r.indicatorCode, r.regionCode, r.value, r.kind]).sort();

  it('the template as .xls (LibreOffice "Excel 97–2003") previews the same rows as the template itself', async () => {
    expect(asXls.subarray(0, 4)).toEqual(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
    const original = await upload(app, xihuo, template, '西火镇-2026-11.xlsx', { period: REPORTING_PERIOD });
    expect(original.status).toBe(201);
    const response = await upload(app, xihuo, asXls, '西火镇-2026-11.xls', { period: REPORTING_PERIOD });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.report).toMatchObject({ submittable: true, rejects: [] });
    expect(previewed(response.body)).toEqual(previewed(original.body));
    expect(previewed(response.body)).toEqual([
      ['coal_output', XIHUO, '86.25', 'new'],
      ['tourist_visits', XIHUO, '12.5', 'new'],
    ]);
    const file = await fetch(`${app.baseUrl}/api/reporting/submissions/${response.body.id}/file`, { headers: { authorization: `Bearer ${xihuo}` } });
    expect(file.headers.get('content-type')).toBe('application/vnd.ms-excel');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(asXls);
  });

  it('the template re-saved as .xlsx by LibreOffice (its own zip layout) previews the same rows', async () => {
    const response = await upload(app, xihuo, asXlsx, '西火镇-2026-11-另存.xlsx', { period: REPORTING_PERIOD });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.report).toMatchObject({ submittable: true, rejects: [] });
    expect(previewed(response.body)).toEqual([
      ['coal_output', XIHUO, '86.25', 'new'],
      ['tourist_visits', XIHUO, '12.5', 'new'],
    ]);
  });

  it('a real macro workbook (.xlsm with xl/vbaProject.bin) is refused as a macro workbook and changes nothing', async () => {
    const before = await databaseFingerprint(app);
    const response = await upload(app, xihuo, macroWorkbook(), '报表.xlsm');
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'macro' });
    expect(response.body.message).toBe('文件"报表.xlsm"是启用宏的工作簿（.xlsm，包含VBA宏），出于安全考虑不予读取，请在Excel中另存为"Excel工作簿(*.xlsx)"后上传');
    expect(await databaseFingerprint(app)).toEqual(before);
  });
});
