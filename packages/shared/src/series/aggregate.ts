import type { DecimalString, Period } from '../domain/types.js';
import { comparePeriods } from '../periods/periods.js';
import { Exact, divide, toDecimal, toDecimalString } from '../units/decimal.js';

/** A value observed at a month, e.g. the number of intelligent mines at the end of June. */
export interface PeriodValue {
  period: Period;
  value: DecimalString;
}

/**
 * A stock's current level: the latest observation at or before `asOf`, with its period so
 * the screen can say how old it is. Later periods are ignored (they were not yet known at
 * `asOf`). One value per period is expected; if a period repeats, the later entry wins.
 */
export function latestStock(points: readonly PeriodValue[], asOf: Period): PeriodValue | null {
  let latest: PeriodValue | null = null;
  for (const point of points) {
    if (comparePeriods(point.period, asOf) > 0) continue;
    if (latest === null || comparePeriods(point.period, latest.period) >= 0) latest = point;
  }
  return latest === null ? null : { period: latest.period, value: toDecimalString(toDecimal(latest.value)) };
}

/** Exact sum of flows or stocks over regions (or any list of figures in one unit). */
export function sumAcrossRegions(values: readonly DecimalString[]): DecimalString {
  return toDecimalString(values.reduce((sum, value) => sum.plus(toDecimal(value)), new Exact(0)));
}

/**
 * Rolls a ratio up the only valid way, Σnumerator / Σdenominator (× scale, '100' for a ratio
 * kept in %), never by adding or averaging the regions' ratios. Null when the denominators
 * sum to zero. The quotient keeps 20 significant digits (Derived context).
 */
export function ratioOfSums(
  numerators: readonly DecimalString[],
  denominators: readonly DecimalString[],
  scale: DecimalString = '1',
): DecimalString | null {
  const denominator = toDecimal(sumAcrossRegions(denominators));
  if (denominator.isZero()) return null;
  return toDecimalString(divide(toDecimal(sumAcrossRegions(numerators)).times(toDecimal(scale)), denominator));
}
