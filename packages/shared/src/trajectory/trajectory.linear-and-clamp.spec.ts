import { describe, expect, it } from 'vitest';
import { TrajectoryError, expectedAtMonth, expectedValue, type TrajectoryAnchor } from './trajectory.js';

const coal: TrajectoryAnchor[] = [
  { year: 2021, value: '3300', trajectory: 'linear' },
  { year: 2025, value: '3300', trajectory: 'linear' },
];
const share: TrajectoryAnchor[] = [
  { year: 2021, value: '91', trajectory: 'linear' },
  { year: 2025, value: '95', trajectory: 'linear' },
  { year: 2035, value: '98', trajectory: 'linear' },
];

describe('linear plan paths and what lies outside them', () => {
  it('interpolates linearly between anchors', () => {
    expect(expectedValue(coal, 2023)).toBe('3300');
    expect(expectedValue(share, 2023)).toBe('93');
    expect(expectedValue(share, 2030)).toBe('96.5');
    expect(expectedValue(share, 2028)).toBe('95.9');
  });

  it('keeps 20 significant digits where the division does not end', () => {
    const thirds: TrajectoryAnchor[] = [
      { year: 2022, value: '0', trajectory: 'linear' },
      { year: 2025, value: '1', trajectory: 'linear' },
    ];
    expect(expectedValue(thirds, 2023)).toBe('0.33333333333333333333');
  });

  it('clamps: the baseline before the base year, the last target after the target year', () => {
    expect(expectedValue(share, 2019)).toBe('91');
    expect(expectedValue(share, 2040)).toBe('98');
    expect(expectedValue([{ year: 2021, value: '25', trajectory: 'linear' }], 2030)).toBe('25');
  });

  it('reads anchors in any order', () => {
    expect(expectedValue([...share].reverse(), 2023)).toBe('93');
  });

  it('interpolates a month between last year’s and this year’s plan values', () => {
    // expected(2022) = 92, expected(2023) = 93: June is half way.
    expect(expectedAtMonth(share, 2023, 6)).toBe('92.5');
    expect(expectedAtMonth(share, 2023, 1)).toBe('92.083333333333333333');
    // the base year compares with the (clamped) baseline throughout
    expect(expectedAtMonth(share, 2021, 6)).toBe('91');
    expect(() => expectedAtMonth(share, 2023, 13)).toThrow(TrajectoryError);
  });
});
