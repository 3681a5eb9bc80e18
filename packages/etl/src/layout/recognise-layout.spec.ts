import { describe, expect, it } from 'vitest';
import type { RawRow } from '../model.js';
import { recogniseLayout, type SheetLayout } from './recognise-layout.js';
import { rowToRecords } from './records.js';

function sheetRows(rows: unknown[][], sheet: string | undefined = 'Sheet1', firstRow = 1): RawRow[] {
  return rows.map((cells, i) => ({ file: 't.xlsx', ...(sheet === undefined ? {} : { sheet }), row: firstRow + i, cells }));
}

function roles(layout: SheetLayout | undefined): Array<[string, string]> {
  return (layout?.columns ?? []).map((c) => [c.column, c.role]);
}

describe('long layout: headers by synonym, in any order', () => {
  it('recognises the canonical headers', () => {
    const layout = recogniseLayout(sheetRows([['指标编码', '指标名称', '地区编码', '地区', '期间', '口径', '数值', '单位', '备注']]));
    expect(layout?.kind).toBe('long');
    expect(roles(layout)).toEqual([
      ['A', 'indicatorCode'],
      ['B', 'indicatorName'],
      ['C', 'regionCode'],
      ['D', 'regionName'],
      ['E', 'period'],
      ['F', 'basis'],
      ['G', 'value'],
      ['H', 'unit'],
      ['I', 'note'],
    ]);
  });

  it('accepts synonyms, full-width characters, stray spaces, "*" markers and any column order', () => {
    const layout = recogniseLayout(sheetRows([['说明', '值', '计量单位', '统计口径', ' 月 份 ', '＊乡镇（街道）', '指标']]));
    expect(roles(layout)).toEqual([
      ['A', 'note'],
      ['B', 'value'],
      ['C', 'unit'],
      ['D', 'basis'],
      ['E', 'period'],
      ['F', 'regionName'],
      ['G', 'indicatorName'],
    ]);
    for (const [header, role] of [
      ['区域', 'regionName'],
      ['乡镇', 'regionName'],
      ['时间', 'period'],
      ['数据', 'value'],
      ['本期', 'basisValue'],
      ['本年累计', 'basisValue'],
    ] as const) {
      const l = recogniseLayout(sheetRows([['指标', header, '值']]));
      expect(l?.columns[1]).toMatchObject({ column: 'B', role });
    }
    expect(recogniseLayout(sheetRows([['指标名称（必填）', '数值']]))?.columns[0]).toMatchObject({ role: 'indicatorName' });
  });

  it('reads a unit written in the value header: 数值（万吨）', () => {
    const layout = recogniseLayout(sheetRows([['指标名称', '地区', '期间', '口径', '数值（万吨）']]));
    expect(layout?.columns.find((c) => c.role === 'value')).toMatchObject({ header: '数值（万吨）', unitHint: '万吨' });
  });

  it('basis-specific value columns: 本月 and 1-6月累计 give two records per row', () => {
    const rows = sheetRows([
      ['指标名称', '地区', '期间', '本月', '1-6月累计', '同比增长%'],
      ['原煤产量', '西池乡', '2025-06', 30, 160, 5.2],
    ]);
    const layout = recogniseLayout(rows)!;
    expect(roles(layout)).toEqual([
      ['A', 'indicatorName'],
      ['B', 'regionName'],
      ['C', 'period'],
      ['D', 'basisValue'],
      ['E', 'basisValue'],
    ]);
    expect(layout.ignoredColumns).toEqual([{ column: 'F', header: '同比增长%' }]);
    const outcome = rowToRecords(layout, rows[1]!);
    expect('records' in outcome && outcome.records.map((r) => [r.basisRaw, r.valueRaw, r.columns.value])).toEqual([
      ['本月', 30, 'D'],
      ['1-6月累计', 160, 'E'],
    ]);
  });

  it('a long sheet without a period column takes the period from its title ("2025年1-6月…")', () => {
    const rows = sheetRows([['2025年1-6月上党区主要工业指标'], ['指标名称', '地区', '本月', '累计'], ['原煤产量', '西池乡', 30, 160]]);
    const layout = recogniseLayout(rows)!;
    expect(layout.periodHint).toEqual({ year: 2025, startMonth: 1, endMonth: 6, source: 'title' });
    const outcome = rowToRecords(layout, rows[2]!);
    expect('records' in outcome && outcome.records.map((r) => [r.periodRaw, r.basisRaw])).toEqual([
      ['2025年6月', '本月'],
      ['2025年6月', '累计'],
    ]);
  });
});

describe('wide layout: month columns', () => {
  it('recognises 1-2月 / 1～2月 as one column and 3月 … 12月', () => {
    const layout = recogniseLayout(sheetRows([['指标名称', '地区', '单位', '口径', '1～2月', '3月', '4月', '12月', '全年合计']]));
    expect(layout?.kind).toBe('wide');
    const months = layout?.columns.flatMap((c) => (c.role === 'month' ? [[c.month.startMonth, c.month.endMonth]] : []));
    expect(months).toEqual([
      [1, 2],
      [3, 3],
      [4, 4],
      [12, 12],
    ]);
    expect(layout?.ignoredColumns).toEqual([{ column: 'I', header: '全年合计' }]);
  });

  it('takes the year from the sheet name, else from a title row', () => {
    const header = ['指标名称', '地区', '口径', '1-2月', '3月'];
    expect(recogniseLayout(sheetRows([header], '2025年'))?.yearHint).toEqual({ year: 2025, source: 'sheet' });
    expect(recogniseLayout(sheetRows([['2024年上党区原煤产量月报'], header], 'Sheet1'))?.yearHint).toEqual({ year: 2024, source: 'title' });
    // The sheet name wins over the title.
    expect(recogniseLayout(sheetRows([['2024年上党区原煤产量月报'], header], '2025'))?.yearHint).toEqual({ year: 2025, source: 'sheet' });
    expect(recogniseLayout(sheetRows([header], 'Sheet1'))?.yearHint).toBeUndefined();
  });

  it('a 2-row header with "2025年" merged over the months (cells filled by the reader)', () => {
    const rows = sheetRows([
      ['2025年上党区原煤产量月报', '2025年上党区原煤产量月报', '2025年上党区原煤产量月报', '2025年上党区原煤产量月报', '2025年上党区原煤产量月报'],
      ['指标名称', '地区', '2025年', '2025年', '2025年'],
      ['指标名称', '地区', '1-2月', '3月', '4月'],
      ['原煤产量', '西池乡', 100, 60, 70],
    ]);
    const layout = recogniseLayout(rows, { sheet: 'Sheet1' })!;
    expect(layout.headerRows).toEqual([2, 3]);
    expect(layout.titleRows).toEqual([1]);
    expect(layout.columns.filter((c) => c.role === 'month').map((c) => c.header)).toEqual(['2025年/1-2月', '2025年/3月', '2025年/4月']);
    const outcome = rowToRecords(layout, rows[3]!);
    expect('records' in outcome && outcome.records.map((r) => [r.periodRaw, r.yearHint, r.valueRaw])).toEqual([
      ['2025年1-2月', 2025, 100],
      ['2025年3月', 2025, 60],
      ['2025年4月', 2025, 70],
    ]);
  });

  it('a 2-row header whose year is written once, not merged ("跨列居中")', () => {
    const rows = sheetRows([
      ['指标名称', '地区', '2025年', null, null],
      [null, null, '1-2月', '3月', '4月'],
    ]);
    const layout = recogniseLayout(rows)!;
    expect(layout.headerRows).toEqual([1, 2]);
    expect(layout.columns.flatMap((c) => (c.role === 'month' ? [c.month.year] : []))).toEqual([2025, 2025, 2025]);
  });

  it('a 2-row header with a period over 本月 / 累计 (long layout)', () => {
    const rows = sheetRows([
      ['指标名称', '地区', '2025年6月', '2025年6月'],
      ['指标名称', '地区', '本月', '累计'],
      ['原煤产量', '西池乡', 30, 160],
    ]);
    const layout = recogniseLayout(rows)!;
    expect(layout.kind).toBe('long');
    const outcome = rowToRecords(layout, rows[2]!);
    expect('records' in outcome && outcome.records.map((r) => [r.periodRaw, r.basisRaw])).toEqual([
      ['2025年6月', '本月'],
      ['2025年6月', '累计'],
    ]);
  });

  it('reads "单位：万吨" in a title row as the unit of the sheet', () => {
    const layout = recogniseLayout(sheetRows([['原煤产量月报', null, null, '单位：万吨'], ['指标名称', '地区', '口径', '1月']]));
    expect(layout?.unitHint).toBe('万吨');
    expect(layout?.headerRows).toEqual([2]);
  });
});

describe('no header', () => {
  it('returns undefined for an instructions sheet or bare data', () => {
    expect(recogniseLayout(sheetRows([['填报说明：请按月填报'], ['1. 数值保留两位小数']]))).toBeUndefined();
    expect(recogniseLayout(sheetRows([['原煤产量', '西池乡', 100]]))).toBeUndefined();
    // An indicator column alone is not enough: a value or month column is needed.
    expect(recogniseLayout(sheetRows([['指标名称', '地区', '期间']]))).toBeUndefined();
  });
});
