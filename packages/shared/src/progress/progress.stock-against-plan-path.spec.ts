import { describe, expect, it } from 'vitest';
import type { TrajectoryAnchor } from '../trajectory/trajectory.js';
import { evaluateIndicator } from './progress.js';

const advancedShare: TrajectoryAnchor[] = [
  { year: 2021, value: '91', trajectory: 'linear' },
  { year: 2025, value: '95', trajectory: 'linear' },
];

describe('a stock or ratio is compared with the plan path at its month', () => {
  it('compares 95 % in June 2024 with the plan value 93.5 % (between 93 and 94)', () => {
    const evaluation = evaluateIndicator({
      kind: 'ratio',
      direction: 'higher_is_better',
      latest: { period: '2024-06', value: '95' },
      anchors: advancedShare,
    });
    expect(evaluation.target).toBe('93.5');
    expect(evaluation.referencePct).toBe(100);
    // (95/93.5 − 1)·100 = 1.604…: ahead of plan
    expect(evaluation.gapPp?.toFixed(3)).toBe('1.604');
    expect(evaluation.status).toBe('green');
  });

  it('turns red when a count of mines is more than 5 % below plan', () => {
    const mines: TrajectoryAnchor[] = [
      { year: 2021, value: '2', trajectory: 'linear' },
      { year: 2025, value: '8', trajectory: 'linear' },
    ];
    const evaluation = evaluateIndicator({
      kind: 'stock',
      direction: 'higher_is_better',
      latest: { period: '2024-12', value: '6' },
      anchors: mines,
    });
    expect(evaluation.target).toBe('6.5');
    expect(evaluation.gapPp?.toFixed(2)).toBe('-7.69');
    expect(evaluation.status).toBe('red');
  });

  it('reverses for lower-is-better (energy intensity below plan is good)', () => {
    const intensity: TrajectoryAnchor[] = [
      { year: 2021, value: '1.2', trajectory: 'linear' },
      { year: 2025, value: '1', trajectory: 'geometric' },
    ];
    const evaluation = evaluateIndicator({
      kind: 'ratio',
      direction: 'lower_is_better',
      latest: { period: '2025-12', value: '0.98' },
      anchors: intensity,
    });
    expect(evaluation.target).toBe('1');
    expect(evaluation.gapPp).toBeCloseTo(2, 12);
    expect(evaluation.status).toBe('green');
  });

  it('falls back to on-track/off-track against a zero plan value', () => {
    const zero: TrajectoryAnchor[] = [{ year: 2021, value: '0', trajectory: 'linear' }];
    const judge = (value: string) =>
      evaluateIndicator({ kind: 'stock', direction: 'lower_is_better', latest: { period: '2025-03', value }, anchors: zero });
    expect(judge('0')).toMatchObject({ status: 'green', gapPp: null, completionPct: null });
    expect(judge('2')).toMatchObject({ status: 'red', gapPp: null });
  });
});
