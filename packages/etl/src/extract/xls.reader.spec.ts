/**
 * Excel 97–2003 (.xls) files as LibreOffice Calc writes them: the same rows, layouts and
 * records as the .xlsx they were saved from, and the same limits. The workbooks are written
 * with exceljs, then converted by `soffice --convert-to xls` in one run for the whole file.
 */
import * as XLSX from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { FileRejectedError } from '../errors.js';
import { parseObservationsFile } from '../parse-observations-file.js';
import { TEST_CATALOG } from '../testing/catalog.js';
import { caught, readAll, xlsxBytes, type SheetSpec } from '../testing/files.js';
import { saveWithLibreOffice } from '../testing/libreoffice.js';
import { TITLED_WIDE_REPORT } from '../testing/workbooks.js';

const WORKBOOKS: Record<string, SheetSpec[]> = {
  long: [
    {
      name: '6月',
      rows: [
        ['指标编码', '地区编码', '期间', '口径', '数值', '单位', '备注'],
        ['COAL_OUTPUT', '140404201', '2025-06', '累计', 15_800_000, '吨', '快报'],
        ['ADV_CAPACITY_SHARE', '140404', '2025-06', '当月', 0.955, null],
        ['PV_GLASS', '140404106000', new Date(Date.UTC(2025, 5, 1)), '累计', 0.145, '亿m²'],
        ['原煤产量', '八义镇', '2025-06', '累计', '一千', '万吨'],
      ],
      numFmts: { E3: '0.0%', C4: 'yyyy-mm' },
    },
    { name: '隐藏', rows: [['指标编码', '地区编码', '期间', '口径', '数值'], ['COAL_OUTPUT', '140404103', '2025-06', '累计', 1]], state: 'hidden' },
  ],
  wide: TITLED_WIDE_REPORT,
  blankGap: [{ name: 'S', rows: [['指标编码', '数值'], ['COAL_OUTPUT', 1], ...Array.from({ length: 30 }, () => []), ['COAL_OUTPUT', 2]] }],
};

const files: Record<string, { xlsx: Buffer; xls: Buffer }> = {};

beforeAll(async () => {
  const names = Object.keys(WORKBOOKS);
  const xlsx = await Promise.all(names.map((name) => xlsxBytes(WORKBOOKS[name]!)));
  const xls = await saveWithLibreOffice(names.map((name, i) => ({ name: `${name}.xlsx`, bytes: xlsx[i]! })), 'xls');
  names.forEach((name, i) => (files[name] = { xlsx: xlsx[i]!, xls: xls[i]! }));
}, 240_000);

/** What a parse found, without the file name (which differs by extension). */
async function parsed(fileName: string, bytes: Buffer) {
  const result = await parseObservationsFile({ fileName, bytes }, TEST_CATALOG, {});
  const strip = <T,>(item: T) => JSON.parse(JSON.stringify(item).replaceAll(`"${fileName}"`, '"F"')) as T;
  return { kind: result.kind, layout: result.layout.map(strip), records: result.records.map(strip), rejects: result.rejects.map(strip), skipped: result.skipped.map(strip), rowsRead: result.rowsRead };
}

describe('.xls written by LibreOffice Calc', () => {
  it('is an OLE2 file, not a zip', () => {
    expect(files.long!.xls.subarray(0, 4)).toEqual(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  });

  it('reads as the same layouts, records, rejects and skipped rows as the .xlsx it was saved from', async () => {
    for (const name of ['long', 'wide']) {
      const fromXlsx = await parsed(`${name}.xlsx`, files[name]!.xlsx);
      const fromXls = await parsed(`${name}.xls`, files[name]!.xls);
      expect(fromXls.kind).toBe('xls');
      expect({ ...fromXls, kind: 'xlsx' }).toEqual(fromXlsx);
    }
  });

  it('reads percentages as shown, dates as dates, merged cells and hidden sheets as the XLSX reader does', async () => {
    const { records, rejects, skipped } = await parsed('long.xls', files.long!.xls);
    expect(records.map((r) => [r.indicator, r.region, r.period, r.basis, r.value, r.note])).toEqual([
      ['COAL_OUTPUT', '140404201', '2025-06', 'ytd', '1580', '快报'],
      ['ADV_CAPACITY_SHARE', '140404', '2025-06', 'month', '95.5', undefined],
      ['PV_GLASS', '140404106', '2025-06', 'ytd', '1450', undefined],
    ]);
    expect(rejects.map((r) => [r.row, r.column, r.value])).toEqual([[5, 'E', '一千']]);
    expect(skipped.find((s) => s.rule === 'hidden_sheet')).toMatchObject({ sheet: '隐藏' });
    const wide = await parsed('wide.xls', files.wide!.xls);
    expect(wide.records.filter((r) => r.region === '140404103').map((r) => [r.position.sheet, r.period, r.value])).toEqual([
      ['分月', '2025-02', '10'],
      ['分月', '2025-03', '5'],
    ]);
  });

  it('keeps the XLSX limits: columns, merges, blank runs, and its own size limit', async () => {
    const columns = (await caught(readAll({ fileName: 'w.xls', bytes: files.long!.xls }, { maxColumns: 5 }))) as FileRejectedError;
    expect(columns.code).toBe('too_many_columns');
    expect(columns.message).toBe('工作表"6月"第1行第6列（F列）仍有内容，超过5列的上限，请删除多余的列后上传');
    const merges = (await caught(readAll({ fileName: 'm.xls', bytes: files.wide!.xls }, { maxMergedRanges: 1 }))) as FileRejectedError;
    expect(merges.code).toBe('too_many_merges');
    const { rows, info } = await readAll({ fileName: 'b.xls', bytes: files.blankGap!.xls }, { maxConsecutiveBlankRows: 10 });
    expect(rows).toHaveLength(2);
    expect(info.notices[0]).toMatchObject({ rule: 'blank_run_stop', row: 3 });
    const large = (await caught(readAll({ fileName: 'big.xls', bytes: files.long!.xls }, { maxXlsBytes: 1024 }))) as FileRejectedError;
    expect(large.code).toBe('too_large');
    expect(large.message).toBe('文件"big.xls"超过1.0 KB的上限（.xls格式），请另存为.xlsx或拆分后上传');
  });

  it('refuses an .xls carrying VBA macros, and an OLE2 file that is no workbook', async () => {
    const container = XLSX.CFB.read(files.long!.xls, { type: 'buffer' });
    XLSX.CFB.utils.cfb_add(container, '_VBA_PROJECT_CUR/VBA/dir', Buffer.from('Attribute VB_Name = "ThisWorkbook"'));
    const withMacro = Buffer.from(XLSX.CFB.write(container, { type: 'buffer' }) as Uint8Array);
    const macro = (await caught(readAll({ fileName: '宏.xls', bytes: withMacro }))) as FileRejectedError;
    expect(macro.code).toBe('macro');
    expect(macro.message).toContain('是启用宏的工作簿');

    const document = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(document, 'WordDocument', Buffer.from('not a workbook'));
    const word = (await caught(readAll({ fileName: '文档.xls', bytes: Buffer.from(XLSX.CFB.write(document, { type: 'buffer' }) as Uint8Array) }))) as FileRejectedError;
    expect(word.code).toBe('not_spreadsheet');
    const truncated = (await caught(readAll({ fileName: '坏.xls', bytes: files.long!.xls.subarray(0, 600) }))) as FileRejectedError;
    expect(truncated.code).toBe('corrupt');
  });
});
