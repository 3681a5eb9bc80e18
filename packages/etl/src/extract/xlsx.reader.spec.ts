import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { FileRejectedError } from '../errors.js';
import type { RawRow } from '../model.js';
import { caught, readAll, tempFolder, xlsxBytes } from '../testing/files.js';
import { readSpreadsheet } from './spreadsheet.js';
import { cellXml, minimalXlsx, rezip, unzipEntries, worksheetXml } from '../testing/zip.js';

const folder = tempFolder();
afterAll(() => folder.cleanup());

describe('XLSX read as a stream with exceljs', () => {
  it('yields rows with file, sheet and the row number the user sees', async () => {
    const bytes = await xlsxBytes([
      { name: '2025年', rows: [['指标名称', '地区', '数值'], ['原煤产量', '西池乡', 1580.5], [], ['原煤产量', '八义镇', 320]] },
      { name: '说明', rows: [['填报说明：本表按月填报']] },
    ]);
    const file = folder.file('long.xlsx', bytes);
    const { rows, info } = await readAll({ fileName: '原煤.xlsx', path: file });
    expect(info.kind).toBe('xlsx');
    expect(rows.map((r) => [r.sheet, r.row])).toEqual([
      ['2025年', 1],
      ['2025年', 2],
      ['2025年', 4],
      ['说明', 1],
    ]);
    expect(rows[1]).toEqual({ file: '原煤.xlsx', sheet: '2025年', row: 2, cells: ['原煤产量', '西池乡', 1580.5] });
    expect(info.rowsRead).toBe(4);
    expect(info.sheets.map((s) => [s.name, s.rows])).toEqual([
      ['2025年', 3],
      ['说明', 1],
    ]);
  });

  it('fills merged cells from their top-left cell: a merged "2025年" header and a region merged down', async () => {
    const bytes = await xlsxBytes([
      {
        name: 'S',
        rows: [
          ['2025年上党区原煤产量月报'],
          ['指标名称', '地区', '2025年'],
          [null, null, '1-2月', '3月', '4月'],
          ['原煤产量', '西池乡', 100, 60, 70],
          ['光伏玻璃产量', null, 5, 6, 7],
        ],
        merges: ['A1:E1', 'A2:A3', 'B2:B3', 'C2:E2', 'B4:B5'],
      },
    ]);
    const { rows } = await readAll({ fileName: 'm.xlsx', bytes });
    expect(rows.map((r) => r.cells)).toEqual([
      Array(5).fill('2025年上党区原煤产量月报'),
      ['指标名称', '地区', '2025年', '2025年', '2025年'],
      ['指标名称', '地区', '1-2月', '3月', '4月'],
      ['原煤产量', '西池乡', 100, 60, 70],
      ['光伏玻璃产量', '西池乡', 5, 6, 7],
    ]);
  });

  it('reads formulas as their cached result, percentages as shown, dates as dates, rich text as text', async () => {
    const bytes = await xlsxBytes([
      {
        name: 'S',
        rows: [
          ['指标名称', '数值', '占比', '期间', '备注'],
          [
            { richText: [{ text: '原煤' }, { text: '产量' }] },
            { formula: 'SUM(1,2)', result: 3 },
            0.955,
            new Date(Date.UTC(2025, 5, 1)),
            { formula: 'CONCAT("a","b")', result: 'ab' },
          ],
        ],
        numFmts: { C2: '0.0%', D2: 'yyyy-mm' },
      },
    ]);
    const { rows } = await readAll({ fileName: 'f.xlsx', bytes });
    expect(rows[1]?.cells).toEqual(['原煤产量', 3, '95.5%', new Date(Date.UTC(2025, 5, 1)), 'ab']);
  });

  it('a formula without a cached value is a whole-file error naming the cell', async () => {
    const bytes = await xlsxBytes([{ name: '原煤', rows: [['指标名称', '1月', '2月', '合计'], ['原煤产量', 1, 2, { formula: 'SUM(B2:C2)' } as never]] }]);
    const error = (await caught(readAll({ fileName: 'nocache.xlsx', bytes }))) as FileRejectedError;
    expect(error).toBeInstanceOf(FileRejectedError);
    expect(error.code).toBe('formula_without_value');
    expect(error.message).toContain('工作表"原煤"单元格D2');
    expect(error.message).toContain('=SUM(B2:C2)');
    expect(error.details).toMatchObject({ sheet: '原煤', cell: 'D2' });
  });

  it('reads a workbook zipped in Excel\'s order (worksheets before sharedStrings, spooled by exceljs)', async () => {
    const bytes = await xlsxBytes([
      { name: '2025年', rows: [['指标名称', '地区', '2025年', null], [null, null, '1-2月', '3月'], ['原煤产量', '西池乡', 60, 35]], merges: ['C1:D1', 'A1:A2'] },
    ]);
    const reordered = await rezip(bytes, (entries) => [
      ...entries.filter((e) => e.name !== 'xl/sharedStrings.xml'),
      ...entries.filter((e) => e.name === 'xl/sharedStrings.xml'),
    ]);
    const names = (await unzipEntries(reordered)).map((e) => e.name);
    expect(names.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(names.indexOf('xl/sharedStrings.xml'));
    const { rows } = await readAll({ fileName: 'excel-order.xlsx', bytes: reordered });
    expect(rows.map((r) => r.cells)).toEqual([
      ['指标名称', '地区', '2025年', '2025年'],
      ['指标名称', null, '1-2月', '3月'],
      ['原煤产量', '西池乡', 60, 35],
    ]);
    expect(rows[0]?.sheet).toBe('2025年');
  });

  it('skips hidden sheets and says so', async () => {
    const bytes = await xlsxBytes([
      { name: '数据', rows: [['指标名称', '数值']] },
      { name: '下拉选项', rows: [['西池乡'], ['八义镇']], state: 'hidden' },
    ]);
    const { rows, info } = await readAll({ fileName: 'h.xlsx', bytes });
    expect(rows.map((r) => r.sheet)).toEqual(['数据']);
    expect(info.notices).toEqual([{ file: 'h.xlsx', sheet: '下拉选项', row: 0, rule: 'hidden_sheet', reason: '工作表"下拉选项"为隐藏工作表，未读取' }]);
    const all = await readAll({ fileName: 'h.xlsx', bytes }, { includeHiddenSheets: true });
    expect(all.rows.map((r) => r.sheet)).toEqual(['数据', '下拉选项', '下拉选项']);
  });

  it('reads from a path, from bytes and from a stream (spooled to a temporary file that is removed)', async () => {
    const bytes = await xlsxBytes([{ name: 'S', rows: [['指标名称', '数值'], ['原煤产量', 1]] }]);
    const spool = path.join(folder.dir, 'spool');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(spool);
    const fromStream = await readAll({ fileName: 's.xlsx', stream: Readable.from([bytes.subarray(0, 100), bytes.subarray(100)]) }, { tempDir: spool });
    const fromBytes = await readAll({ fileName: 's.xlsx', bytes: new Uint8Array(bytes) });
    const fromPath = await readAll({ fileName: 's.xlsx', path: folder.file('s.xlsx', bytes) });
    expect(fromStream.rows).toEqual(fromBytes.rows);
    expect(fromPath.rows).toEqual(fromBytes.rows);
    expect(readdirSync(spool)).toEqual([]);
  });

  it('a small last sheet is read while the reader is still busy with the sheet before it', async () => {
    const first = Array.from({ length: 300 }, (_, i) => `<row r="${i + 1}">${cellXml(`A${i + 1}`, '原煤产量')}${cellXml(`B${i + 1}`, i)}</row>`).join('');
    const bytes = minimalXlsx([
      { name: '大表', xml: worksheetXml(first) },
      { name: '说明', xml: worksheetXml(`<row r="1">${cellXml('A1', '最后一张')}</row>`) },
    ]);
    const rows: RawRow[] = [];
    for await (const row of readSpreadsheet({ fileName: 'slow.xlsx', bytes })) {
      rows.push(row);
      // A consumer that takes its time (a database write) at the first sheet's last row.
      if (row.sheet === '大表' && row.row === 300) await new Promise((r) => setTimeout(r, 200));
    }
    expect(rows.filter((r) => r.sheet === '说明').map((r) => r.cells[0])).toEqual(['最后一张']);
  });

  it('100,000 blank rows in the sheet XML stop the sheet quickly, and the stop is reported', async () => {
    const blank = Array.from({ length: 100_000 }, (_, i) => `<row r="${i + 3}"><c r="A${i + 3}"/><c r="B${i + 3}" t="inlineStr"><is><t> </t></is></c></row>`).join('');
    const xml = worksheetXml(
      `<row r="1">${cellXml('A1', '指标名称')}${cellXml('B1', '数值')}</row><row r="2">${cellXml('A2', '原煤产量')}${cellXml('B2', 1)}</row>${blank}<row r="100003">${cellXml('A100003', '原煤产量')}</row>`,
    );
    const bytes = minimalXlsx([
      { name: '填充', xml },
      { name: '第二张', xml: worksheetXml(`<row r="1">${cellXml('A1', '还在')}</row>`) },
    ]);
    const started = Date.now();
    const { rows, info } = await readAll({ fileName: 'blank.xlsx', bytes });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(rows.map((r) => [r.sheet, r.row])).toEqual([
      ['填充', 1],
      ['填充', 2],
      ['第二张', 1],
    ]);
    expect(info.notices).toHaveLength(1);
    expect(info.notices[0]).toMatchObject({ rule: 'blank_run_stop', sheet: '填充', row: 3 });
  });

  it('a gap of more blank rows than the limit stops the sheet; the rows after it are reported as not read', async () => {
    const bytes = await xlsxBytes([{ name: 'S', rows: [['指标名称', '数值'], ['原煤产量', 1]] }]);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    wb.getWorksheet('S')!.getRow(5000).values = ['原煤产量', 2];
    const { rows, info } = await readAll({ fileName: 'gap.xlsx', bytes: Buffer.from(await wb.xlsx.writeBuffer()) });
    expect(rows.map((r) => r.row)).toEqual([1, 2]);
    expect(info.notices[0]?.reason).toBe('工作表"S"第3行至第4999行连续4997行空白，超过1000行的上限，第5000行及以后的内容未读取');
    const relaxed = await readAll({ fileName: 'gap.xlsx', bytes: Buffer.from(await wb.xlsx.writeBuffer()) }, { maxConsecutiveBlankRows: 10_000 });
    expect(relaxed.rows.map((r) => r.row)).toEqual([1, 2, 5000]);
  });

  it('16,384 used columns is refused', async () => {
    const header = Array.from({ length: 16_384 }, (_, i) => `列${i + 1}`);
    const bytes = await xlsxBytes([{ name: '宽', rows: [header] }]);
    const error = (await caught(readAll({ fileName: 'cols.xlsx', bytes }))) as FileRejectedError;
    expect(error.code).toBe('too_many_columns');
    expect(error.message).toBe('工作表"宽"第1行第201列（GS列）仍有内容，超过200列的上限，请删除多余的列后上传');
  });
});
