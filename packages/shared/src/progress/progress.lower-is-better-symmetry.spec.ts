import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPeriod } from '../periods/periods.js';
import { Exact, toDecimalString } from '../units/decimal.js';
import type { TrajectoryAnchor } from '../trajectory/trajectory.js';
import { evaluateIndicator } from './progress.js';

const cents = (n: number) => toDecimalString(new Exact(n).times('0.01'));
const directions = ['higher_is_better', 'lower_is_better'] as const;
const reverse = (d: (typeof directions)[number]) => (d === 'higher_is_better' ? 'lower_is_better' : 'higher_is_better');

describe('reversing the direction and mirroring the values mirrors the status', () => {
  it('holds for flows: YTD y against the due amount D mirrors to 2D − y', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.constantFrom(...directions),
        (targetTwelfths, month, ytdCents, direction) => {
          // A target divisible by 12 keeps the amount due by month m, target·m/12, exact.
          const target = targetTwelfths * 12;
          const due = targetTwelfths * month;
          const judge = (ytd: string, d: (typeof directions)[number]) =>
            evaluateIndicator({
              kind: 'flow',
              direction: d,
              frequency: 'monthly',
              ytd: { period: formatPeriod(2025, month), value: ytd },
              annualTarget: String(target),
            });
          const original = judge(cents(ytdCents), direction);
          const mirrored = judge(cents(2 * due * 100 - ytdCents), reverse(direction));
          expect(mirrored.status).toBe(original.status);
          expect(mirrored.gapPp).toBeCloseTo(original.gapPp ?? Number.NaN, 9);
        },
      ),
    );
  });

  it('holds for stocks and ratios against the plan path', () => {
    const anchors: TrajectoryAnchor[] = [
      { year: 2021, value: '90', trajectory: 'linear' },
      { year: 2025, value: '96', trajectory: 'linear' },
    ];
    // expected at 2025-12 is exactly 96
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 19_200 }), fc.constantFrom(...directions), (latestCents, direction) => {
        const judge = (value: string, d: (typeof directions)[number]) =>
          evaluateIndicator({ kind: 'ratio', direction: d, latest: { period: '2025-12', value }, anchors });
        const original = judge(cents(latestCents), direction);
        const mirrored = judge(cents(2 * 9600 - latestCents), reverse(direction));
        expect(mirrored.status).toBe(original.status);
      }),
    );
  });
});
