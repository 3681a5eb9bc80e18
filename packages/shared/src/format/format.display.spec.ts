import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent, formatPp, formatQuantity } from './format.js';

describe('numbers as a leader reads them', () => {
  it('formats quantities with separators, decimals by magnitude and the canonical unit', () => {
    expect(formatQuantity('3291.6666666666666667', '万吨')).toBe('3,291.7万吨');
    expect(formatQuantity('3300', '万t')).toBe('3,300万吨');
    expect(formatQuantity('1580.25', '万吨')).toBe('1,580.3万吨');
    expect(formatQuantity('1.45', '亿平方米')).toBe('1.45亿m²');
    expect(formatQuantity('95', '％')).toBe('95%');
    expect(formatQuantity('14500', '万m²')).toBe('14,500万m²');
    expect(formatQuantity('1234567.89', '元')).toBe('1,234,568元');
    expect(formatQuantity('0.47', '亿元')).toBe('0.47亿元');
    expect(formatQuantity('0.000123456')).toBe('0.000123');
    expect(formatQuantity('-1234.56')).toBe('-1,234.6');
    expect(formatQuantity('-0.0001', undefined, 2)).toBe('0');
    expect(formatQuantity('12.5', '自定义单位')).toBe('12.5自定义单位');
  });

  it('formats percentages and percentage points half-up with fixed digits', () => {
    expect(formatPercent(47.878787878787875)).toBe('47.9%');
    expect(formatPercent(99.74747474747475, 2)).toBe('99.75%');
    expect(formatPercent(100)).toBe('100.0%');
    expect(formatPercent(null)).toBe('—');
    expect(formatPp(-2.121212121212125)).toBe('-2.1个百分点');
    expect(formatPp(3)).toBe('+3.0个百分点');
    expect(formatPp(-0.04)).toBe('0.0个百分点');
    expect(formatPp(-2.15, 1, false)).toBe('2.2个百分点');
    expect(formatNumber(96.25)).toBe('96.3');
    expect(formatNumber(Number.NaN)).toBe('—');
  });
});
