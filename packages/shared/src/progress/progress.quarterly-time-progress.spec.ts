import { describe, expect, it } from 'vitest';
import { evaluateIndicator, timeProgress } from './progress.js';

describe('time progress by reporting frequency', () => {
  it('is m/12 for monthly indicators', () => {
    expect([1, 3, 6, 12].map((m) => timeProgress(m, 'monthly'))).toEqual([100 / 12, 25, 50, 100]);
  });

  it('counts completed quarters only for quarterly indicators', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => timeProgress(m, 'quarterly'))).toEqual([
      0, 0, 25, 25, 25, 50, 50, 50, 75, 75, 75, 100,
    ]);
  });

  it('is due only in December for annual indicators', () => {
    expect([6, 11, 12].map((m) => timeProgress(m, 'annual'))).toEqual([0, 0, 100]);
  });

  it('rejects a month outside 1–12', () => {
    expect(() => timeProgress(0, 'monthly')).toThrow();
    expect(() => timeProgress(13, 'quarterly')).toThrow();
  });

  it('judges a quarterly flow at Q3 against 75 %', () => {
    // PV glass, target 1.45 亿m², through September 1.03 亿m² = 71.03 %: 3.97 pp behind.
    const evaluation = evaluateIndicator({
      kind: 'flow',
      direction: 'higher_is_better',
      frequency: 'quarterly',
      ytd: { period: '2025-09', value: '1.03' },
      annualTarget: '1.45',
    });
    expect(evaluation.referencePct).toBe(75);
    expect(evaluation.gapPp?.toFixed(2)).toBe('-3.97');
    expect(evaluation.status).toBe('yellow');
  });
});
