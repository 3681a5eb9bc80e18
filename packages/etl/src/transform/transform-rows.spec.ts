import { describe, expect, it } from 'vitest';
import type { RawRecord } from '../model.js';
import { TEST_CATALOG } from '../testing/catalog.js';
import { transformRows, type TransformContext } from './transform-rows.js';

let nextRow = 2;
function raw(fields: Partial<Omit<RawRecord, 'position' | 'columns'>> & { row?: number } = {}): RawRecord {
  const { row, ...rest } = fields;
  return {
    position: { file: 'f.csv', row: row ?? nextRow++ },
    columns: { indicator: 'A', region: 'B', period: 'C', basis: 'D', value: 'E', unit: 'F' },
    indicatorRef: { name: '原煤产量' },
    regionRef: { name: '西池乡' },
    periodRaw: '2025-06',
    basisRaw: '累计',
    valueRaw: '100',
    ...rest,
  };
}

function run(records: RawRecord[], context: TransformContext = {}) {
  return transformRows(records, TEST_CATALOG, context);
}

describe('clean records', () => {
  it('resolves names, period, basis and value into the indicator unit', () => {
    const { records, rejects } = run([raw({ row: 2, valueRaw: '1,580.5', unitRaw: '万吨', note: '快报' })]);
    expect(rejects).toEqual([]);
    expect(records).toEqual([
      {
        indicator: 'COAL_OUTPUT',
        region: '140404201',
        period: '2025-06',
        basis: 'ytd',
        value: '1580.5',
        note: '快报',
        periodColumn: 'C',
        position: { file: 'f.csv', row: 2, column: 'E' },
      },
    ]);
  });

  it('a region the plan does not list for the indicator is rejected, naming the regions it does list', () => {
    const { records, rejects } = run([
      raw({ row: 2, indicatorRef: { name: '光伏玻璃产量' }, regionRef: { name: '荫城镇' }, unitRaw: '万m²' }),
      raw({ row: 3, indicatorRef: { name: '光伏玻璃产量' }, regionRef: { name: '东和乡' }, unitRaw: '万m²' }),
      raw({ row: 4, indicatorRef: { code: 'PV_GLASS' }, regionRef: { code: '140404' }, unitRaw: '万m²' }),
      raw({ row: 5, indicatorRef: { code: 'PV_GLASS' }, regionRef: {}, unitRaw: '万m²' }),
    ], { defaultRegion: '140404203' });
    expect(records.map((r) => [r.position.row, r.region])).toEqual([
      [2, '140404102'],
      [4, '140404'],
    ]);
    expect(rejects.map((r) => [r.row, r.field, r.column, r.value])).toEqual([
      [3, 'region', 'B', '东和乡'],
      [5, 'region', 'B', ''],
    ]);
    expect(rejects[0]?.reason).toBe('规划中指标"光伏玻璃产量"只按上党区和荫城镇、郝家庄镇、先进装备制造园统计，不含"东和乡"：该数据导入后无处显示，请核对地区');
  });

  it('"1-2月" 当月 → period 2025-02 spanning from 2025-01; 累计 → just 2025-02', () => {
    const { records } = run([
      raw({ periodRaw: '1-2月', yearHint: 2025, basisRaw: '当月', regionRef: { name: '八义镇' } }),
      raw({ periodRaw: '1-2月', yearHint: 2025, basisRaw: '累计', regionRef: { name: '八义镇' } }),
    ]);
    expect(records.map((r) => [r.period, r.basis, r.spanStart])).toEqual([
      ['2025-02', 'month', '2025-01'],
      ['2025-02', 'ytd', undefined],
    ]);
  });

  it('year: from the period, else the 年份 column, else the layout, else the job; never guessed', () => {
    const { records, rejects } = run(
      [
        raw({ periodRaw: '6月', yearRaw: 2024, yearHint: 2023 }),
        raw({ periodRaw: '6月', yearHint: 2023, regionRef: { name: '八义镇' } }),
        raw({ periodRaw: '6月', regionRef: { name: '西火镇' } }),
      ],
      { defaultYear: 2022 },
    );
    expect(rejects).toEqual([]);
    expect(records.map((r) => r.period)).toEqual(['2024-06', '2023-06', '2022-06']);
    const missing = run([raw({ row: 9, periodRaw: '6月' })]);
    expect(missing.rejects).toEqual([
      { file: 'f.csv', row: 9, column: 'C', field: 'period', value: '6月', reason: '期间"6月"缺少年份（可增加"年份"列，或在工作表名/标题中写明年份，如"2025年"）' },
    ]);
    const conflict = run([raw({ periodRaw: '2025-06', yearRaw: '2024' })]);
    expect(conflict.rejects[0]?.reason).toBe('期间"2025-06"与年份2024不一致');
  });

  it('basis: 当月/本月/本期 and 累计/本年累计/1-N月累计; a job default when the file has none; otherwise rejected', () => {
    const { records } = run([
      raw({ basisRaw: '本月' }),
      raw({ basisRaw: '本期', regionRef: { name: '八义镇' } }),
      raw({ basisRaw: '本年累计', regionRef: { name: '西火镇' } }),
      raw({ basisRaw: '1-6月累计', regionRef: { name: '南宋镇' } }),
    ]);
    expect(records.map((r) => r.basis)).toEqual(['month', 'month', 'ytd', 'ytd']);
    const none = { basisRaw: undefined };
    expect(run([raw(none)], { defaultBasis: 'month' }).records[0]?.basis).toBe('month');
    expect(run([raw({ ...none, periodRaw: '2025年1-6月累计' })]).records[0]?.basis).toBe('ytd');
    expect(run([raw(none)]).rejects[0]?.reason).toBe('缺少口径（请填写"当月"或"累计"）');
    expect(run([raw({ basisRaw: '1-5月累计' })]).rejects[0]?.reason).toBe('口径"1-5月累计"与期间"2025-06"的月份不一致');
    expect(run([raw({ periodRaw: '3-6月', yearHint: 2025 })]).rejects[0]?.reason).toBe('累计口径的期间应从1月开始（"3-6月"）');
  });
});

describe('units', () => {
  it('吨 → 万吨 is divided by 10,000 exactly', () => {
    const { records } = run([raw({ valueRaw: '12345678', unitRaw: '吨' }), raw({ valueRaw: 1, unitRaw: '吨', regionRef: { name: '八义镇' } })]);
    expect(records.map((r) => r.value)).toEqual(['1234.5678', '0.0001']);
  });

  it('a unit from the value, the indicator name or the header, else the indicator\'s own', () => {
    const { records } = run([
      raw({ valueRaw: '1580万吨', unitRaw: undefined }),
      raw({ valueRaw: '500', unitRaw: undefined, indicatorRef: { name: '原煤产量（吨）' }, regionRef: { name: '八义镇' } }),
      raw({ valueRaw: '500', unitRaw: undefined, unitHint: '吨', regionRef: { name: '西火镇' } }),
      raw({ valueRaw: '500', unitRaw: undefined, regionRef: { name: '南宋镇' } }),
    ]);
    expect(records.map((r) => r.value)).toEqual(['1580', '0.05', '0.05', '500']);
  });

  it('percentages for % indicators', () => {
    const ratio = { indicatorRef: { name: '先进产能占比' }, basisRaw: '当月' };
    const { records, rejects } = run([raw({ ...ratio, valueRaw: '95%' }), raw({ ...ratio, valueRaw: '95', regionRef: { name: '八义镇' } })]);
    expect(rejects).toEqual([]);
    expect(records.map((r) => r.value)).toEqual(['95', '95']);
    expect(run([raw({ valueRaw: '95%' })]).rejects[0]?.reason).toBe('单位"%"与指标单位"万吨"量纲不同');
  });

  it('a unit of the wrong dimension, an unknown unit, and contradicting units are rejects', () => {
    const wrong = run([raw({ row: 7, unitRaw: '万元' })]);
    expect(wrong.rejects).toEqual([{ file: 'f.csv', row: 7, column: 'F', field: 'unit', value: '万元', reason: '单位"万元"与指标单位"万吨"量纲不同' }]);
    expect(run([raw({ unitRaw: '担' })]).rejects[0]?.reason).toBe('单位"担"无法识别');
    expect(run([raw({ unitRaw: '万吨', valueRaw: '100吨' })]).rejects[0]?.reason).toBe('数值"100吨"中的单位与单位列"万吨"不一致');
  });
});

describe('values', () => {
  it('empty values are skipped with a note, not loaded and not zero', () => {
    const { records, rejects, skipped } = run([raw({ row: 4, valueRaw: '—' }), raw({ row: 5, valueRaw: '' }), raw({ row: 6, valueRaw: null })]);
    expect(records).toEqual([]);
    expect(rejects).toEqual([]);
    expect(skipped).toEqual([
      { file: 'f.csv', row: 4, column: 'E', rule: 'empty_value', value: '—', reason: '数值为"—"，视为空值，未导入' },
      { file: 'f.csv', row: 5, column: 'E', rule: 'empty_value', reason: '数值为空，未导入' },
      { file: 'f.csv', row: 6, column: 'E', rule: 'empty_value', reason: '数值为空，未导入' },
    ]);
  });

  it('negative values are rejected for indicators that cannot be negative', () => {
    const { rejects } = run([raw({ row: 3, valueRaw: '-5' })]);
    expect(rejects).toEqual([{ file: 'f.csv', row: 3, column: 'E', field: 'value', value: '-5', reason: '指标"原煤产量"的数值不能为负数（-5）' }]);
    const profit = run([raw({ valueRaw: '-5', indicatorRef: { name: '规上工业利润' } })]);
    expect(profit.records[0]?.value).toBe('-5');
  });

  it('unknown names and ambiguity are rejects with the column at fault', () => {
    const { rejects } = run([
      raw({ row: 2, regionRef: { name: '郝家' } }),
      raw({ row: 3, regionRef: { name: '荫城' } }),
      raw({ row: 4, indicatorRef: { name: '原煤' }, regionRef: { name: '长治县郝家庄' } }),
      raw({ row: 5, indicatorRef: { name: '煤炭产量' } }),
    ]);
    expect(rejects.map((r) => [r.row, r.column, r.value, r.reason])).toEqual([
      [2, 'B', '郝家', '地区"郝家"无法识别'],
      [3, 'B', '荫城', '"荫城"同时匹配"荫城镇"、"先进装备制造园"，请使用地区编码'],
      [5, 'A', '煤炭产量', '指标"煤炭产量"无法识别'],
    ]);
  });

  it('a file without a region column uses the job\'s region', () => {
    const { records } = run([raw({ regionRef: {} })], { defaultRegion: '140404106' });
    expect(records[0]?.region).toBe('140404106');
    expect(run([raw({ regionRef: {} })]).rejects[0]?.reason).toBe('缺少地区（地区名称或地区编码为空）');
  });
});

describe('duplicates and conflicts in one file', () => {
  it('the same observation twice with the same value: the second row is rejected, the first loaded', () => {
    const { records, rejects } = run([raw({ row: 3, valueRaw: '100' }), raw({ row: 8, valueRaw: '100.0', regionRef: { name: '西池' } })]);
    expect(records.map((r) => r.position.row)).toEqual([3]);
    expect(rejects).toEqual([{ file: 'f.csv', row: 8, column: 'E', field: 'value', value: '100', reason: '与第3行重复（指标、地区、期间、口径均相同），本行未导入' }]);
  });

  it('one region reported twice for the same period with different values: both rows are rejected', () => {
    const { records, rejects } = run([raw({ row: 3, valueRaw: '1200' }), raw({ row: 7, valueRaw: '13000000', unitRaw: '吨', regionRef: { code: '140404201' } })]);
    expect(records).toEqual([]);
    expect(rejects.map((r) => [r.row, r.reason])).toEqual([
      [3, '同一指标、地区、期间、口径（原煤产量、西池乡、2025-06、累计）出现不同数值：第3行为1200，第7行为1300，请核对后只保留一行'],
      [7, '同一指标、地区、期间、口径（原煤产量、西池乡、2025-06、累计）出现不同数值：第3行为1200，第7行为1300，请核对后只保留一行'],
    ]);
  });

  it('a conflict message quotes five rows and counts the rest', () => {
    const { rejects } = run(Array.from({ length: 7 }, (_, i) => raw({ row: 20 + i, valueRaw: String(100 + i) })));
    expect(rejects).toHaveLength(7);
    expect(rejects[0]?.reason).toBe(
      '同一指标、地区、期间、口径（原煤产量、西池乡、2025-06、累计）出现不同数值：第20行为100，第21行为101，第22行为102，第23行为103，第24行为104等7行，请核对后只保留一行',
    );
  });

  it('当月 and 累计 of the same month are different observations', () => {
    const { records } = run([raw({ basisRaw: '当月', valueRaw: '30' }), raw({ basisRaw: '累计', valueRaw: '160' })]);
    expect(records).toHaveLength(2);
  });
});

describe('year-to-date never decreases (non-negative flows)', () => {
  it('within the file: a YTD below last month\'s is rejected', () => {
    const { records, rejects } = run([
      raw({ row: 2, periodRaw: '2025-04', valueRaw: '1000' }),
      raw({ row: 3, periodRaw: '2025-05', valueRaw: '1350' }),
      raw({ row: 4, periodRaw: '2025-06', valueRaw: '1200' }),
      raw({ row: 5, periodRaw: '2025-08', valueRaw: '1300' }),
    ]);
    expect(records.map((r) => r.period)).toEqual(['2025-04', '2025-05']);
    expect(rejects.map((r) => [r.row, r.reason])).toEqual([
      [4, '累计值1200小于上月累计1350（第3行）'],
      [5, '累计值1300小于5月累计1350（第3行）'],
    ]);
  });

  it('does not apply to monthly values, ratios or flows that may be negative', () => {
    const { rejects } = run([
      raw({ periodRaw: '2025-05', basisRaw: '当月', valueRaw: '50' }),
      raw({ periodRaw: '2025-06', basisRaw: '当月', valueRaw: '40' }),
      raw({ periodRaw: '2025-05', indicatorRef: { name: '先进产能占比' }, valueRaw: '96' }),
      raw({ periodRaw: '2025-06', indicatorRef: { name: '先进产能占比' }, valueRaw: '95' }),
      raw({ periodRaw: '2025-05', indicatorRef: { name: '规上工业利润' }, valueRaw: '500' }),
      raw({ periodRaw: '2025-06', indicatorRef: { name: '规上工业利润' }, valueRaw: '300' }),
    ]);
    expect(rejects).toEqual([]);
  });
});
