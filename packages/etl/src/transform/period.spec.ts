import { describe, expect, it } from 'vitest';
import { parsePeriodCell, parseYearCell } from './period.js';

function months(raw: unknown): unknown {
  const r = parsePeriodCell(raw);
  return r.ok ? r.span : r.reason;
}

describe('period formats', () => {
  it.each([
    ['2025-06', { year: 2025, startMonth: 6, endMonth: 6 }],
    ['2025-6', { year: 2025, startMonth: 6, endMonth: 6 }],
    ['2025年6月', { year: 2025, startMonth: 6, endMonth: 6 }],
    ['2025年06月', { year: 2025, startMonth: 6, endMonth: 6 }],
    ['2025.6', { year: 2025, startMonth: 6, endMonth: 6 }],
    ['2025.10', { year: 2025, startMonth: 10, endMonth: 10 }],
    ['202506', { year: 2025, startMonth: 6, endMonth: 6 }],
    ['2025/06', { year: 2025, startMonth: 6, endMonth: 6 }],
    ['2025/6/30', { year: 2025, startMonth: 6, endMonth: 6 }],
    ['２０２５年６月', { year: 2025, startMonth: 6, endMonth: 6 }],
    [' 2025 年 6 月 ', { year: 2025, startMonth: 6, endMonth: 6 }],
    ['6月', { startMonth: 6, endMonth: 6 }],
    ['6月份', { startMonth: 6, endMonth: 6 }],
    ['六月', { startMonth: 6, endMonth: 6 }],
    ['十二月', { startMonth: 12, endMonth: 12 }],
    ['1-2月', { startMonth: 1, endMonth: 2 }],
    ['1～2月', { startMonth: 1, endMonth: 2 }],
    ['1—2月', { startMonth: 1, endMonth: 2 }],
    ['1月-2月', { startMonth: 1, endMonth: 2 }],
    ['2025年1-2月', { year: 2025, startMonth: 1, endMonth: 2 }],
    ['2025年1-6月累计', { year: 2025, startMonth: 1, endMonth: 6, ytd: true }],
    ['1-6月累计', { startMonth: 1, endMonth: 6, ytd: true }],
    ['2025年一季度', { year: 2025, startMonth: 1, endMonth: 3 }],
    ['2025Q2', { year: 2025, startMonth: 4, endMonth: 6 }],
    ['2025年上半年', { year: 2025, startMonth: 1, endMonth: 6 }],
    [6, { startMonth: 6, endMonth: 6 }],
    [202506, { year: 2025, startMonth: 6, endMonth: 6 }],
    [2025.06, { year: 2025, startMonth: 6, endMonth: 6 }],
    [new Date(Date.UTC(2025, 5, 1)), { year: 2025, startMonth: 6, endMonth: 6 }],
  ])('%s', (raw, expected) => {
    expect(months(raw)).toEqual(expected);
  });

  it('refuses what it cannot read, saying why', () => {
    expect(months('2025-13')).toBe('期间"2025-13"的月份无效');
    expect(months('3-2月')).toBe('期间"3-2月"的月份无效');
    expect(months('2025')).toBe('期间"2025"缺少月份（年度数据请填写2025-12并选择"累计"口径）');
    expect(months('上个月')).toBe('期间"上个月"无法识别（应为2025-06、2025年6月、6月或1-2月等格式）');
    // A number cell 2025.1 may be 2025.10 with its zero dropped by Excel.
    expect(months(2025.1)).toBe('期间2025.1有歧义（可能是1月或10月，Excel会去掉末尾的0），请写作2025-01或2025-10');
    // As text it is unambiguous.
    expect(months('2025.1')).toEqual({ year: 2025, startMonth: 1, endMonth: 1 });
  });

  it('reads a 年份 cell', () => {
    expect([2025, '2025', '2025年', '2025年度', '２０２５', 'x', 25].map(parseYearCell)).toEqual([2025, 2025, 2025, 2025, 2025, undefined, undefined]);
  });
});
