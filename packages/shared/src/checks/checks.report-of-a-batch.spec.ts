import { describe, expect, it } from 'vitest';
import type { PreviewRow, RejectView } from '../api/reporting.js';
import { checkFigures } from './check-figures.js';
import { checkReport, NO_COMPARISONS } from './check-report.js';
import { coalHistory, context, XIHUO } from './checks.fixtures.test.js';

const september = { indicator: 'coal_output', region: XIHUO, period: '2026-09' as const, basis: 'month' as const };

function row(value: string, kind: PreviewRow['kind'], note: string | null, at: number): PreviewRow {
  const check = kind === 'unchanged' ? null : checkFigures([{ ...september, value, ...(note ? { note } : {}) }], context(coalHistory()))[0]!;
  return {
    row: at,
    sheet: '填报表',
    indicatorCode: 'coal_output',
    indicatorName: '原煤产量',
    regionCode: XIHUO,
    regionName: '西火镇',
    period: '2026-09',
    basis: 'month',
    spanStart: null,
    unit: '万吨',
    value,
    note,
    kind,
    oldValue: kind === 'new' ? null : '87.41',
    comparisons: check?.comparisons ?? NO_COMPARISONS,
    checks: check?.hits ?? [],
    needsExplanation: check?.needsExplanation ?? false,
    reason: null,
    returned: null,
  };
}

const input = (rows: PreviewRow[], rejects: RejectView[] = []) => ({ rowsRead: 9, records: rows.length + rejects.length, rows, rejects, skipped: [], reason: null });

describe('the check report a batch keeps, whichever way it came in', () => {
  it('counts the rows by kind, lists each hit with its row, and counts the rows still owing a 说明', () => {
    const report = checkReport(input([row('798', 'new', null, 3), row('87.41', 'unchanged', null, 4), row('88', 'changed', null, 5)]));
    expect(report.summary).toEqual({ rowsRead: 9, records: 3, new: 1, changed: 1, unchanged: 1, rejected: 0, skipped: 0, warnings: 3, needExplanation: 1 });
    expect(report.warnings.map((w) => [w.row, w.sheet, w.rule, w.value])).toEqual([
      [3, '填报表', 'month_on_month', '798'],
      [3, '填报表', 'year_on_year', '798'],
      [3, '填报表', 'region_share', '798'],
    ]);
    expect(report.reasonRequired).toBe(true);
    expect(report.submittable).toBe(true);
  });

  it('an explained hit is still listed, but owes nothing', () => {
    const report = checkReport(input([row('798', 'new', '新矿井9月投产，已核实', 3)]));
    expect(report.summary).toMatchObject({ warnings: 3, needExplanation: 0 });
  });

  it('is not submittable with a reject, or with nothing new or changed', () => {
    const reject: RejectView = { file: 'a.xlsx', row: 6, value: 'abc', reason: '数值无法识别。' };
    expect(checkReport(input([row('88', 'new', null, 3)], [reject])).submittable).toBe(false);
    expect(checkReport(input([row('87.41', 'unchanged', null, 3)])).submittable).toBe(false);
    expect(checkReport(input([])).summary).toMatchObject({ records: 0, warnings: 0, needExplanation: 0 });
  });
});
