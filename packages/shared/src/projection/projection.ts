import type { DecimalString, Direction } from '../domain/types.js';
import { attainment } from '../trajectory/trajectory.js';
import { Exact, divide, toDecimal, toDecimalString } from '../units/decimal.js';

export interface YearEndProjectionInput {
  /** YTD through `month`. */
  ytd: DecimalString;
  month: number;
  /** Last year's YTD through the same month; with lastYearTotal it means last year is complete. */
  lastYearYtdAtMonth?: DecimalString | null;
  lastYearTotal?: DecimalString | null;
}

export interface YearEndProjection {
  /** Estimated year total, 20 significant digits. */
  value: DecimalString;
  method: 'seasonal' | 'linear';
}

/**
 * Where a flow will end the year if it keeps last year's seasonal pattern: YTD divided by the
 * share of last year's total reached by the same month (coal that gives 48 % in the first half
 * projects 1580/0.48). Without a complete, positive last year it falls back to the straight
 * line YTD × 12/m.
 */
export function projectYearEnd(input: YearEndProjectionInput): YearEndProjection {
  const { month } = input;
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`月份${month}无效`);
  const ytd = toDecimal(input.ytd);
  const reached = input.lastYearYtdAtMonth == null ? null : toDecimal(input.lastYearYtdAtMonth);
  const total = input.lastYearTotal == null ? null : toDecimal(input.lastYearTotal);
  if (reached !== null && total !== null && reached.gt(0) && total.gt(0)) {
    return { value: toDecimalString(divide(ytd.times(total), reached)), method: 'seasonal' };
  }
  return { value: toDecimalString(divide(ytd.times(12), month)), method: 'linear' };
}

export interface ProjectedShortfall {
  /** projection/target·100, unrounded; null when the target is not positive. */
  projectedCompletionPct: number | null;
  /** True when the projection is on the wrong side of target × floorPct/100. */
  shortfall: boolean;
  /** How far the projection is on the wrong side of that line ('0' when it is not). */
  missing: DecimalString;
}

/**
 * Whether a year-end projection misses the target, early enough to act (预测不达标). The line is
 * target × floorPct/100; a higher-is-better flow falls short below it, a lower-is-better one
 * (an energy cap) overruns above it, and `missing` is the distance to the line.
 */
export function projectedShortfall(
  projected: DecimalString,
  annualTarget: DecimalString,
  floorPct = 100,
  direction: Direction = 'higher_is_better',
): ProjectedShortfall {
  const line = toDecimal(annualTarget).times(new Exact(floorPct)).times('0.01');
  const beyond = direction === 'higher_is_better' ? line.minus(toDecimal(projected)) : toDecimal(projected).minus(line);
  return {
    projectedCompletionPct: attainment(projected, annualTarget),
    shortfall: beyond.gt(0),
    missing: toDecimalString(beyond.gt(0) ? beyond : new Exact(0)),
  };
}
