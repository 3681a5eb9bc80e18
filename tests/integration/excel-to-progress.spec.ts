/**
 * Across packages: a department's wide Excel sheet (1–2月 together, figures in 吨 for an
 * indicator kept in 万吨) goes through @planwatch/etl and lands in @planwatch/shared's
 * assessment as exactly DOMAIN.md's worked example.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseObservationsFile, type Catalog } from '@planwatch/etl';
import { FigureIndex, assessIndicator, type AssessedIndicator } from '@planwatch/shared';

const catalog: Catalog = {
  indicators: [{ code: 'coal_output', name: '原煤产量', unit: '万吨', kind: 'flow', nonNegative: true, regionCodes: [] }],
  regions: [{ code: '140404', name: '上党区', kind: 'district', aliases: ['长治县'] }],
};

const coal: AssessedIndicator = {
  code: 'coal_output',
  name: '原煤产量',
  unit: '万吨',
  kind: 'flow',
  frequency: 'monthly',
  direction: 'higher_is_better',
  departmentCode: 'energy',
  departmentName: '能源局',
  chainCode: 'green_coal',
  thresholds: { green: 0, yellow: -5 },
  weight: 1,
  regionCodes: [],
  shares: null,
  numeratorCode: null,
  denominatorCode: null,
};

async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('2025年');
  sheet.addRow(['2025年上党区原煤产量月报']);
  // Last year in 吨: the first half gave 48 % of 3,300 万吨.
  sheet.addRow(['指标名称', '地区', '单位', '口径', '1-2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月']);
  sheet.addRow(['原煤产量', '长治县', '吨', '当月', 5_000_000, 2_500_000, 2_800_000, 2_800_000, 2_740_000, 2_860_000, 2_860_000, 2_860_000, 2_860_000, 2_860_000, 2_860_000]);
  const current = book.addWorksheet('2026年');
  current.addRow(['指标名称', '地区', '单位', '口径', '1-2月', '3月', '4月', '5月', '6月']);
  current.addRow(['原煤产量', '上党区', '万吨', '累计', 500, 760, 1040, 1300, 1580]);
  current.addRow(['合计', '', '', '', '', '', '', '', '']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('a department spreadsheet measured against the plan', () => {
  it('gives the worked example: 47.88 % complete, 2.12 pp behind, projected 3,291.7 万吨', async () => {
    const parsed = await parseObservationsFile({ fileName: '能源局原煤产量.xlsx', bytes: await workbook() }, catalog);
    expect(parsed.rejects).toEqual([]);
    // 1–2月 当月 becomes one figure spanning January and February; 吨 became 万吨 exactly.
    const janFeb = parsed.records.find((r) => r.period === '2025-02');
    expect(janFeb).toMatchObject({ basis: 'month', spanStart: '2025-01', value: '500' });
    expect(parsed.skipped.some((s) => s.rule === 'subtotal_row')).toBe(true);

    const figures = new FigureIndex(
      parsed.records.map((r) => ({ indicatorCode: r.indicator, regionCode: r.region, period: r.period, basis: r.basis, spanStart: r.spanStart ?? null, value: r.value, sample: false, provisional: false })),
    );
    const result = assessIndicator({
      indicator: coal,
      regionCode: '140404',
      districtCode: '140404',
      period: '2026-06',
      figures,
      targets: [{ indicatorCode: 'coal_output', regionCode: '140404', year: 2026, value: '3300', trajectory: 'linear', baseline: false, anchor: false, annual: true, illustrative: false }],
    });
    expect(result.value).toBe('1580');
    expect(result.completionPct!.toFixed(2)).toBe('47.88');
    expect(result.gapPp!.toFixed(2)).toBe('-2.12');
    expect(result.status).toBe('yellow');
    expect(result.projection).toMatchObject({ method: 'seasonal', shortfall: true });
    expect(Number(result.projection!.value).toFixed(1)).toBe('3291.7');
    expect(result.lastYearValue).toBe('1584');
  });
});
