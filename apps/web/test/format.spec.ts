import { describe, expect, it } from 'vitest';
import { dataAsOfText, formatDecimal, formatExact, formatPercent, formatPeriodCn, formatPp, formatQuantity, formatSignedPercent } from '../lib/format';
import { staleText } from '../lib/staleness';

describe('format (around the shared helpers)', () => {
  it('writes periods the Chinese way', () => {
    expect(formatPeriodCn('2025-06')).toBe('2025年6月');
    expect(formatPeriodCn(null)).toBe('—');
    expect(dataAsOfText('2026-09')).toBe('数据截至 2026年9月');
  });

  it('shows missing figures as a dash, never as zero', () => {
    expect(formatDecimal(null)).toBe('—');
    expect(formatQuantity(undefined, '万吨')).toBe('—');
    expect(formatPercent(null)).toBe('—');
    expect(formatPp(undefined)).toBe('—');
  });

  it('never prints a near-boundary value as the boundary: the badge beside it would contradict it', () => {
    expect(formatPp(-0.04)).toBe('-0.04个百分点');
    expect(formatPp(0)).toBe('0.0个百分点');
    expect(formatPp(-2.12)).toBe('-2.1个百分点');
    expect(formatPercent(99.96)).toBe('99.96%');
    expect(formatPercent(100)).toBe('100.0%');
    expect(formatPercent(0.02)).toBe('0.02%');
    expect(formatPercent(47.876)).toBe('47.9%');
    expect(formatSignedPercent(null)).toBe('—');
  });

  it('uses the shared magnitude rule and keeps every digit in tables', () => {
    expect(formatDecimal('3291.6666666666666667')).toBe('3,291.7');
    expect(formatQuantity('3300', '万t')).toBe('3,300万吨');
    expect(formatExact('1234567.891')).toBe('1,234,567.891');
    expect(formatDecimal('not-a-number')).toBe('not-a-number');
  });

  it('signs year-on-year changes', () => {
    expect(formatSignedPercent(3.14)).toBe('+3.1%');
    expect(formatSignedPercent(-1.25)).toBe('-1.3%');
    expect(formatSignedPercent(0)).toBe('0.0%');
  });

  it('says how stale the data is', () => {
    expect(staleText(0)).toBe('数据更新中断，正在重试');
    expect(staleText(7)).toBe('数据已 7 分钟未更新');
    expect(staleText(180)).toBe('数据已 3 小时未更新');
  });
});
