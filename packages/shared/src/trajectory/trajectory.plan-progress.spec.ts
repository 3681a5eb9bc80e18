import { describe, expect, it } from 'vitest';
import { attainment, onTrack, planProgress, requiredGrowthRate } from './trajectory.js';

describe('progress toward a target year', () => {
  it('measures the way covered from baseline to target', () => {
    // 2 intelligent mines in 2021, 6 planned for 2025, 5 now: 75 % of the way.
    expect(planProgress('5', '2', '6')).toBe(75);
    // falling targets work the same way: 1.2 → 0.8 吨标准煤/万元, now 0.9.
    expect(planProgress('0.9', '1.2', '0.8')).toBeCloseTo(75, 12);
    expect(planProgress('3300', '3300', '3300')).toBeNull();
  });

  it('measures attainment of a level', () => {
    expect(attainment('1.45', '1.45')).toBe(100);
    expect(attainment('95', '100')).toBe(95);
    expect(attainment('1', '0')).toBeNull();
  });

  it('is on track on the good side of the plan value, ties included', () => {
    expect(onTrack('95', '94.5', 'higher_is_better')).toBe(true);
    expect(onTrack('94.5', '94.5', 'higher_is_better')).toBe(true);
    expect(onTrack('0.95', '0.9', 'lower_is_better')).toBe(false);
    expect(onTrack('0.85', '0.9', 'lower_is_better')).toBe(true);
  });

  it('gives the constant annual growth still needed', () => {
    expect(requiredGrowthRate('100', 2021, '146.41', 2025)).toBeCloseTo(10, 12);
    expect(requiredGrowthRate('121', 2023, '100', 2025)).toBeCloseTo(-9.0909090909, 8);
    expect(requiredGrowthRate('100', 2025, '120', 2025)).toBeNull();
    expect(requiredGrowthRate('0', 2021, '120', 2025)).toBeNull();
  });
});
