import { describe, expect, it } from 'vitest';
import { annualCompletion, evaluateIndicator, gapPp, statusForGap } from './progress.js';

describe('status from the gap to time progress', () => {
  it('uses the DOMAIN thresholds by default, boundaries included', () => {
    expect(statusForGap(0)).toBe('green');
    expect(statusForGap(3)).toBe('green');
    expect(statusForGap(-0.01)).toBe('yellow');
    expect(statusForGap(-5)).toBe('yellow');
    expect(statusForGap(-5.01)).toBe('red');
  });

  it('takes per-indicator thresholds', () => {
    expect(statusForGap(-1, { green: -2, yellow: -10 })).toBe('green');
    expect(statusForGap(-6, { green: 0, yellow: -10 })).toBe('yellow');
  });

  it('puts an exact −5 pp completion on the boundary: yellow', () => {
    // 1485/3300 = 45 % at June: exactly −5 pp.
    const evaluation = evaluateIndicator({
      kind: 'flow',
      direction: 'higher_is_better',
      frequency: 'monthly',
      ytd: { period: '2025-06', value: '1485' },
      annualTarget: '3300',
    });
    expect(evaluation.gapPp).toBe(-5);
    expect(evaluation.status).toBe('yellow');
  });

  it('puts an exact −5 pp completion on the boundary in every month, where m/12 is not a round number', () => {
    for (let month = 1; month <= 12; month += 1) {
      // (m/12 − 5 %) of 3300 = 275·m − 165.
      const evaluation = evaluateIndicator({
        kind: 'flow',
        direction: 'higher_is_better',
        frequency: 'monthly',
        ytd: { period: `2025-${String(month).padStart(2, '0')}` as `${number}-${number}`, value: String(275 * month - 165) },
        annualTarget: '3300',
      });
      expect(evaluation.gapPp, `month ${month}`).toBe(-5);
      expect(evaluation.status, `month ${month}`).toBe('yellow');
    }
  });

  it('reverses the gap for lower-is-better indicators', () => {
    expect(gapPp(47.5, 50, 'higher_is_better')).toBe(-2.5);
    expect(gapPp(47.5, 50, 'lower_is_better')).toBe(2.5);
  });

  it('gives no completion against a zero target', () => {
    expect(annualCompletion('10', '0')).toBeNull();
    expect(annualCompletion('1580', '3300')).toBeCloseTo(47.878787878787, 10);
  });
});
