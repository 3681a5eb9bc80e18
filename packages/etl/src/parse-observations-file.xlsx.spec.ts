import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { FileRejectedError } from './errors.js';
import { parseObservationsFile } from './parse-observations-file.js';
import { TEST_CATALOG } from './testing/catalog.js';
import { caught, tempFolder, xlsxBytes } from './testing/files.js';
import { TITLED_WIDE_REPORT } from './testing/workbooks.js';

const folder = tempFolder();
afterAll(() => folder.cleanup());

describe('XLSX uploads end to end', () => {
  it('long layout, with codes, units converted and a percent-formatted cell', async () => {
    const bytes = await xlsxBytes([
      {
        name: '6月',
        rows: [
          ['指标编码', '地区编码', '期间', '口径', '数值', '单位'],
          ['COAL_OUTPUT', '140404201', '2025-06', '累计', 15_800_000, '吨'],
          ['ADV_CAPACITY_SHARE', '140404', '2025-06', '当月', 0.95, null],
          ['PV_GLASS', '140404106000', new Date(Date.UTC(2025, 5, 1)), '累计', 0.145, '亿m²'],
        ],
        numFmts: { E3: '0%', C4: 'yyyy-mm' },
      },
    ]);
    const path = folder.file('long.xlsx', bytes);
    const result = await parseObservationsFile({ fileName: 'long.xlsx', path }, TEST_CATALOG, {});
    expect(result.rejects).toEqual([]);
    expect(result.records.map((r) => [r.indicator, r.region, r.period, r.basis, r.value])).toEqual([
      ['COAL_OUTPUT', '140404201', '2025-06', 'ytd', '1580'],
      ['ADV_CAPACITY_SHARE', '140404', '2025-06', 'month', '95'],
      ['PV_GLASS', '140404106', '2025-06', 'ytd', '1450'],
    ]);
    expect(result.records[0]?.position).toEqual({ file: 'long.xlsx', sheet: '6月', row: 2, column: 'E' });
  });

  it('wide layout: 1-2月 column, year from the sheet name, 当月 and 累计 rows', async () => {
    const bytes = await xlsxBytes([
      {
        name: '2025年',
        rows: [
          ['指标名称', '地区', '单位', '口径', '1-2月', '3月', '4月', '5月', '6月'],
          ['原煤产量', '西池乡', '万吨', '当月', 60, 35, 30, 28, null],
          ['原煤产量', '西池乡', '万吨', '累计', 60, 95, 125, 153, null],
          ['原煤产量', '八义镇', '吨', '累计', 200_000, 350_000, 480_000, 600_000, null],
        ],
      },
    ]);
    const result = await parseObservationsFile({ fileName: 'wide.xlsx', bytes }, TEST_CATALOG, {});
    expect(result.layout[0]).toMatchObject({ kind: 'wide', yearHint: { year: 2025, source: 'sheet' } });
    expect(result.rejects).toEqual([]);
    expect(result.records.filter((r) => r.region === '140404201' && r.basis === 'month').map((r) => [r.period, r.spanStart, r.value])).toEqual([
      ['2025-02', '2025-01', '60'],
      ['2025-03', undefined, '35'],
      ['2025-04', undefined, '30'],
      ['2025-05', undefined, '28'],
    ]);
    expect(result.records.filter((r) => r.region === '140404104').map((r) => r.value)).toEqual(['20', '35', '48', '60']);
    expect(result.skipped.filter((s) => s.rule === 'empty_value').map((s) => `${s.row}${s.column}`)).toEqual(['2I', '3I', '4I']);
  });

  it('wide layout: year from a title row, 2-row merged header, notes and 合计 rows', async () => {
    const bytes = await xlsxBytes(TITLED_WIDE_REPORT);
    const result = await parseObservationsFile({ fileName: 'title.xlsx', stream: Readable.from([bytes]) }, TEST_CATALOG, {});
    expect(result.layout.map((l) => [l.sheet, l.kind, l.headerRows, l.titleRows, l.yearHint?.source, l.unitHint])).toEqual([
      ['Sheet1', 'wide', [3], [1, 2], 'title', '万吨'],
      ['分月', 'wide', [1, 2], [], undefined, undefined],
    ]);
    expect(result.rejects).toEqual([]);
    expect(result.records.map((r) => `${r.position.sheet}!${r.position.column}${r.position.row} ${r.region} ${r.period} ${r.basis} ${r.value}`)).toEqual([
      'Sheet1!D4 140404201 2025-02 ytd 60',
      'Sheet1!E4 140404201 2025-03 ytd 95',
      'Sheet1!D5 140404104 2025-02 ytd 20',
      'Sheet1!E5 140404104 2025-03 ytd 35',
      '分月!D3 140404201 2025-02 month 60',
      '分月!E3 140404201 2025-03 month 35',
      '分月!F3 140404201 2025-04 month 30',
      '分月!D4 140404103 2025-02 month 10',
      '分月!E4 140404103 2025-03 month 5',
    ]);
    expect(result.skipped.map((s) => `${s.sheet}!${s.row} ${s.rule}`)).toEqual([
      'Sheet1!1 title_row',
      'Sheet1!2 title_row',
      'Sheet1!3 header_row',
      'Sheet1!6 subtotal_row',
      'Sheet1!7 blank_rows',
      'Sheet1!8 note_row',
      '分月!1 header_row',
      '分月!2 header_row',
      '分月!4 empty_value',
      '分月!5 subtotal_row',
    ]);
  });

  it('rejects carry file, sheet, row, column, value and a Chinese reason', async () => {
    const bytes = await xlsxBytes([
      {
        name: '2025年',
        rows: [
          ['指标名称', '地区', '期间', '口径', '数值', '单位'],
          ['原煤产量', '郝家', '6月', '累计', 100, '万吨'],
          ['原煤产量', '荫城', '6月', '累计', 100, '万吨'],
          ['原煤产量', '西池乡', '6月', '累计', 100, '万元'],
          ['原煤产量', '八义镇', '6月', '累计', -3, '万吨'],
          ['原煤产量', '西火镇', '5月', '累计', 1350, '万吨'],
          ['原煤产量', '西火镇', '6月', '累计', 1200, '万吨'],
          ['原煤产量', '南宋镇', '6月', '累计', 10, '万吨'],
          ['原煤产量', '南宋镇', '6月', '累计', 10, '万吨'],
          ['原煤产量', '北呈乡', '6月', '累计', 10, '万吨'],
          ['原煤产量', '北呈', '6月', '累计', 12, '万吨'],
        ],
      },
    ]);
    const result = await parseObservationsFile({ fileName: '问题.xlsx', bytes }, TEST_CATALOG, {});
    expect(result.rejects.map((r) => [r.sheet, r.row, r.column, r.value, r.reason])).toEqual([
      ['2025年', 2, 'B', '郝家', '地区"郝家"无法识别'],
      ['2025年', 3, 'B', '荫城', '"荫城"同时匹配"荫城镇"、"先进装备制造园"，请使用地区编码'],
      ['2025年', 4, 'F', '万元', '单位"万元"与指标单位"万吨"量纲不同'],
      ['2025年', 5, 'E', '-3', '指标"原煤产量"的数值不能为负数（-3）'],
      ['2025年', 7, 'E', '1200', '累计值1200小于上月累计1350（第6行）'],
      ['2025年', 9, 'E', '10', '与第8行重复（指标、地区、期间、口径均相同），本行未导入'],
      ['2025年', 10, 'E', '10', '同一指标、地区、期间、口径（原煤产量、北呈乡、2025-06、累计）出现不同数值：第10行为10，第11行为12，请核对后只保留一行'],
      ['2025年', 11, 'E', '12', '同一指标、地区、期间、口径（原煤产量、北呈乡、2025-06、累计）出现不同数值：第10行为10，第11行为12，请核对后只保留一行'],
    ]);
    expect(result.records.map((r) => r.position.row)).toEqual([6, 8]);
  });

  it('whole-file problems throw FileRejectedError (formula without cached value)', async () => {
    const bytes = await xlsxBytes([{ name: 'S', rows: [['指标名称', '地区', '期间', '口径', '数值'], ['原煤产量', '西池乡', '2025-06', '累计', { formula: 'B9*2' } as never]] }]);
    const error = (await caught(parseObservationsFile({ fileName: 'f.xlsx', bytes }, TEST_CATALOG, {}))) as FileRejectedError;
    expect(error).toBeInstanceOf(FileRejectedError);
    expect(error.code).toBe('formula_without_value');
    expect(error.message).toContain('单元格E2');
  });
});
