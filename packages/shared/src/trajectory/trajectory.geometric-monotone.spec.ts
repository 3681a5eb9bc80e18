import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDecimal } from '../units/decimal.js';
import { expectedAtMonth, expectedValue, type TrajectoryAnchor } from './trajectory.js';

const positiveValue = fc.integer({ min: 1, max: 1_000_000_000 }).map((n) => (n / 1000).toString());

describe('a geometric path is monotone between its anchors', () => {
  it('moves one way, year by year and month by month, from v0 to v1', () => {
    fc.assert(
      fc.property(positiveValue, positiveValue, fc.integer({ min: 1, max: 15 }), (v0, v1, span) => {
        const anchors: TrajectoryAnchor[] = [
          { year: 2021, value: v0, trajectory: 'linear' },
          { year: 2021 + span, value: v1, trajectory: 'geometric' },
        ];
        const rising = toDecimal(v1).gte(toDecimal(v0));
        const path = [];
        for (let year = 2022; year <= 2021 + span; year++) {
          for (let month = 1; month <= 12; month++) path.push(toDecimal(expectedAtMonth(anchors, year, month)));
        }
        let previous = toDecimal(v0);
        for (const value of path) {
          expect(rising ? value.gte(previous) : value.lte(previous)).toBe(true);
          previous = value;
        }
      }),
      { numRuns: 50 },
    );
  });

  it('grows at a constant rate: 100 → 146.41 over four years is 10 % a year', () => {
    const anchors: TrajectoryAnchor[] = [
      { year: 2021, value: '100', trajectory: 'linear' },
      { year: 2025, value: '146.41', trajectory: 'geometric' },
    ];
    expect([2022, 2023, 2024].map((y) => Number(expectedValue(anchors, y)))).toEqual([110, 121, 133.1]);
  });
});
