import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateIndicator } from '../progress/progress.js';
import { compositeScore, countStatuses, indicatorScore } from './rollup.js';

describe('composite score of a chain', () => {
  it('caps a runaway indicator so it cannot hide the others', () => {
    // one indicator at 400 % of time progress, two behind at 80 and 90
    expect(compositeScore([{ score: 400 }, { score: 80 }, { score: 90 }])).toEqual({ score: expect.closeTo(96.6667, 4), included: 3, excluded: 0 });
    expect(compositeScore([{ score: 400 }, { score: 80 }], 150).score).toBe(115);
  });

  it('weights, and leaves out items without data, counting them', () => {
    expect(compositeScore([{ score: 100, weight: 3 }, { score: 80, weight: 1 }, { score: null }])).toEqual({
      score: 95,
      included: 2,
      excluded: 1,
    });
    expect(compositeScore([{ score: null }, { score: null }])).toEqual({ score: null, included: 0, excluded: 2 });
    expect(compositeScore([])).toEqual({ score: null, included: 0, excluded: 0 });
    expect(() => compositeScore([{ score: 90, weight: -1 }])).toThrow(RangeError);
  });

  it('never exceeds the cap (nor drops below zero)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            score: fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }),
            weight: fc.option(fc.double({ min: 0, max: 1000, noNaN: true }), { nil: undefined }),
          }),
        ),
        fc.integer({ min: 100, max: 300 }),
        (items, cap) => {
          const { score } = compositeScore(
            items.map(({ score, weight }) => (weight === undefined ? { score } : { score, weight })),
            cap,
          );
          if (score !== null) {
            expect(score).toBeLessThanOrEqual(cap);
            expect(score).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });
});

describe('an indicator’s score relative to time progress', () => {
  const coal = (direction: 'higher_is_better' | 'lower_is_better', ytd: string) =>
    evaluateIndicator({ kind: 'flow', direction, frequency: 'monthly', ytd: { period: '2025-06', value: ytd }, annualTarget: '3300' });

  it('is 100 exactly on time progress and completion/time progress otherwise', () => {
    expect(indicatorScore(coal('higher_is_better', '1650'))).toBe(100);
    // worked example: 47.88 / 50 → 95.76
    expect(indicatorScore(coal('higher_is_better', '1580'))?.toFixed(2)).toBe('95.76');
  });

  it('is mirrored around 100 when lower is better', () => {
    expect(indicatorScore(coal('lower_is_better', '1580'))?.toFixed(2)).toBe('104.24');
  });

  it('is the plan attainment for a stock', () => {
    const evaluation = evaluateIndicator({
      kind: 'stock',
      direction: 'higher_is_better',
      latest: { period: '2025-12', value: '24' },
      anchors: [{ year: 2021, value: '25', trajectory: 'linear' }],
    });
    expect(indicatorScore(evaluation)).toBe(96);
  });

  it('is null with no data or nothing due yet', () => {
    expect(
      indicatorScore(evaluateIndicator({ kind: 'flow', direction: 'higher_is_better', frequency: 'monthly', ytd: null, annualTarget: '1' })),
    ).toBeNull();
    expect(
      indicatorScore(
        evaluateIndicator({ kind: 'flow', direction: 'higher_is_better', frequency: 'annual', ytd: { period: '2025-06', value: '5' }, annualTarget: '10' }),
      ),
    ).toBeNull();
  });
});

describe('status counts', () => {
  it('counts every status, zeros included', () => {
    expect(countStatuses(['green', 'green', 'red', 'pending', 'no_data'])).toEqual({ green: 2, yellow: 0, red: 1, pending: 1, no_data: 1 });
    expect(countStatuses([])).toEqual({ green: 0, yellow: 0, red: 0, pending: 0, no_data: 0 });
  });
});
