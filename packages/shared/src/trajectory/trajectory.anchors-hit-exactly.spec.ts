import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeDecimalString } from '../units/decimal.js';
import { expectedAtMonth, expectedValue, type TrajectoryAnchor } from './trajectory.js';

/** Positive values with up to 6 decimals, as plan files hold them. */
const positiveValue = fc.integer({ min: 1, max: 2_000_000_000 }).map((n) => (n / 1_000_000).toString());

const anchorsArbitrary = fc
  .uniqueArray(fc.integer({ min: 2015, max: 2060 }), { minLength: 1, maxLength: 5 })
  .chain((years) =>
    fc.tuple(
      fc.constant(years),
      fc.array(fc.tuple(positiveValue, fc.constantFrom('linear' as const, 'geometric' as const)), {
        minLength: years.length,
        maxLength: years.length,
      }),
    ),
  )
  .map(([years, rest]): TrajectoryAnchor[] =>
    years.map((year, i) => ({ year, value: rest[i]?.[0] ?? '1', trajectory: rest[i]?.[1] ?? 'linear' })),
  );

describe('a plan path passes exactly through its anchors', () => {
  it('returns each anchor value exactly in its year, whatever the segment shapes', () => {
    fc.assert(
      fc.property(anchorsArbitrary, (anchors) => {
        for (const anchor of anchors) {
          expect(expectedValue(anchors, anchor.year)).toBe(normalizeDecimalString(anchor.value));
          expect(expectedAtMonth(anchors, anchor.year, 12)).toBe(normalizeDecimalString(anchor.value));
        }
      }),
    );
  });

  it('hits the DOMAIN horizon anchors 2021, 2025, 2035, 2050', () => {
    const anchors: TrajectoryAnchor[] = [
      { year: 2021, value: '80', trajectory: 'linear' },
      { year: 2025, value: '95', trajectory: 'linear' },
      { year: 2035, value: '98.5', trajectory: 'geometric' },
      { year: 2050, value: '99.9', trajectory: 'geometric' },
    ];
    expect([2021, 2025, 2035, 2050].map((y) => expectedValue(anchors, y))).toEqual(['80', '95', '98.5', '99.9']);
  });
});
