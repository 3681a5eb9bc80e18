import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { FileRejectedError } from './errors.js';
import { parseObservationsFile } from './parse-observations-file.js';
import { TEST_CATALOG } from './testing/catalog.js';
import { caught, csvBytes, tempFolder } from './testing/files.js';

const folder = tempFolder();
afterAll(() => folder.cleanup());

describe('CSV uploads end to end', () => {
  it('UTF-8 with BOM, long layout with synonyms in any order, loose numbers, units and names', async () => {
    const text = csvBytes([
      '区域,指标,月份,统计口径,值,计量单位,说明',
      '长治县郝家庄,原煤产量,2025年6月,本年累计,"1,234.5",万吨,快报',
      '八义,原煤产量,2025/06,累计,１２３４,万吨,',
      '西火镇,原煤产量,202506,累计,12345678,吨,',
      '南宋镇,原煤产量,2025.6,累计,—,万吨,停产',
      '合计,原煤产量,2025-06,累计,9999,万吨,',
      '注：数据为快报数,,,,,,',
    ]);
    const path = folder.file('上报.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const result = await parseObservationsFile({ fileName: '上报.csv', path }, TEST_CATALOG, {});
    expect(result.kind).toBe('csv');
    expect(result.encoding).toBe('utf-8-bom');
    expect(result.rowsRead).toBe(7);
    expect(result.rejects).toEqual([]);
    expect(result.records.map((r) => [r.region, r.period, r.basis, r.value, r.note])).toEqual([
      ['140404106', '2025-06', 'ytd', '1234.5', '快报'],
      ['140404104', '2025-06', 'ytd', '1234', undefined],
      ['140404103', '2025-06', 'ytd', '1234.5678', undefined],
    ]);
    expect(result.skipped.map((s) => [s.row, s.rule])).toEqual([
      [1, 'header_row'],
      [5, 'empty_value'],
      [6, 'subtotal_row'],
      [7, 'note_row'],
    ]);
    expect(result.layout[0]?.kind).toBe('long');
    expect(result.layout[0]?.sheet).toBeUndefined();
  });

  it('UTF-8 without BOM', async () => {
    const text = csvBytes(['指标名称,地区,期间,口径,数值,单位', '原煤产量,西池乡,2025-06,当月,30,万吨']);
    const result = await parseObservationsFile({ fileName: 'a.csv', bytes: Buffer.from(text) }, TEST_CATALOG, {});
    expect(result.encoding).toBe('utf-8');
    expect(result.records).toHaveLength(1);
  });

  it('GBK, wide layout with a 1-2月 column and a 年份 column', async () => {
    const text = csvBytes([
      '年份,指标名称,地区,单位,口径,1-2月,3月,4月,5月',
      '2025,原煤产量,西池乡,万吨,当月,60,35,30,',
      '2025,原煤产量,西池乡,万吨,累计,60,95,125,',
      '2025,原煤产量,小计,万吨,累计,60,95,125,',
    ]);
    const bytes = iconv.encode(text, 'gbk');
    const result = await parseObservationsFile({ fileName: '原煤.csv', bytes }, TEST_CATALOG, {});
    expect(result.encoding).toBe('gb18030');
    expect(result.layout[0]?.kind).toBe('wide');
    expect(result.rejects).toEqual([]);
    expect(result.records.map((r) => [r.period, r.basis, r.value, r.spanStart, r.position.column])).toEqual([
      ['2025-02', 'month', '60', '2025-01', 'F'],
      ['2025-03', 'month', '35', undefined, 'G'],
      ['2025-04', 'month', '30', undefined, 'H'],
      ['2025-02', 'ytd', '60', undefined, 'F'],
      ['2025-03', 'ytd', '95', undefined, 'G'],
      ['2025-04', 'ytd', '125', undefined, 'H'],
    ]);
    expect(result.skipped.map((s) => [s.row, s.rule, s.column])).toEqual([
      [1, 'header_row', undefined],
      [2, 'empty_value', 'I'],
      [3, 'empty_value', 'I'],
      [4, 'subtotal_row', 'C'],
    ]);
  });

  it('a CSV without a recognisable header is refused as a whole', async () => {
    const error = (await caught(parseObservationsFile({ fileName: 'x.csv', bytes: Buffer.from('a,b,c\n1,2,3\n') }, TEST_CATALOG, {}))) as FileRejectedError;
    expect(error).toBeInstanceOf(FileRejectedError);
    expect(error.code).toBe('layout_unrecognised');
    expect(error.message).toContain('未找到可识别的表头');
  });
});
