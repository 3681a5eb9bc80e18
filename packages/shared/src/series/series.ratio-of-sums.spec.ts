import { describe, expect, it } from 'vitest';
import { ratioOfSums, sumAcrossRegions } from './aggregate.js';

describe('a ratio rolls up as Σnumerator / Σdenominator', () => {
  it('weights each region by its denominator instead of averaging the ratios', () => {
    // 西池乡 advanced capacity 900 of 1000 (90 %), 八义镇 2850 of 2950 (96.6 %): district 3750/3950.
    expect(ratioOfSums(['900', '2850'], ['1000', '2950'], '100')).toBe('94.936708860759493671');
    expect(ratioOfSums(['1', '3'], ['4', '4'])).toBe('0.5');
  });

  it('is null when the denominators sum to zero', () => {
    expect(ratioOfSums(['0'], ['0'])).toBeNull();
    expect(ratioOfSums([], [])).toBeNull();
    expect(ratioOfSums(['5', '5'], ['10', '-10'])).toBeNull();
  });

  it('sums figures exactly, however many digits', () => {
    expect(sumAcrossRegions(['0.1', '0.2'])).toBe('0.3');
    expect(sumAcrossRegions(['12345678901234567890.000001', '0.000009'])).toBe('12345678901234567890.00001');
    expect(sumAcrossRegions([])).toBe('0');
  });
});
