import { describe, expect, it } from 'vitest';
import { TrajectoryError, assertValidAnchors, expectedValue } from './trajectory.js';

describe('anchors that cannot define a plan path are refused with a reason', () => {
  it('refuses a geometric segment from zero, and says to use linear', () => {
    const anchors = [
      { year: 2021, value: '0', trajectory: 'linear' as const },
      { year: 2025, value: '2', trajectory: 'geometric' as const },
    ];
    expect(() => expectedValue(anchors, 2023)).toThrow(TrajectoryError);
    expect(() => assertValidAnchors(anchors)).toThrow(
      '2021—2025年按等比增长插值要求两端数值均为正数（当前为0与2），请改用线性插值',
    );
  });

  it('refuses a geometric segment across a sign change', () => {
    expect(() =>
      assertValidAnchors([
        { year: 2021, value: '-5', trajectory: 'linear' },
        { year: 2025, value: '5', trajectory: 'geometric' },
      ]),
    ).toThrow(TrajectoryError);
  });

  it('refuses no anchors, repeated years and fractional years', () => {
    expect(() => assertValidAnchors([])).toThrow(TrajectoryError);
    expect(() =>
      assertValidAnchors([
        { year: 2025, value: '1', trajectory: 'linear' },
        { year: 2025, value: '2', trajectory: 'linear' },
      ]),
    ).toThrow('锚点年份2025重复');
    expect(() => assertValidAnchors([{ year: 2025.5, value: '1', trajectory: 'linear' }])).toThrow(TrajectoryError);
  });

  it('allows a linear segment through zero', () => {
    expect(
      expectedValue(
        [
          { year: 2021, value: '-2', trajectory: 'linear' },
          { year: 2025, value: '2', trajectory: 'linear' },
        ],
        2023,
      ),
    ).toBe('0');
  });
});
