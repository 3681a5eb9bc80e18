import type { Decimal } from 'decimal.js';
import type { DecimalString, Direction, Trajectory } from '../domain/types.js';
import { Derived, divide, toDecimal, toDecimalString } from '../units/decimal.js';

/**
 * A point the plan fixes: the 2021 baseline actual, then targets (2025, 2035, 2050 …).
 * `trajectory` is the shape of the segment that ends at this anchor; on the first anchor it
 * has no meaning.
 */
export interface TrajectoryAnchor {
  year: number;
  value: DecimalString;
  trajectory: Trajectory;
}

/** Thrown for anchors that cannot define a plan path; `message` is for administrators. */
export class TrajectoryError extends Error {
  readonly code = 'INVALID_TRAJECTORY';
  constructor(message: string) {
    super(message);
    this.name = 'TrajectoryError';
  }
}

/**
 * Checks that anchors can define a path and returns them in year order: at least one, integer
 * years without repeats, and geometric segments only between two positive values (constant
 * growth cannot cross or start from zero). Throws rather than silently drawing a linear path
 * instead, which would misstate the plan; call it when a plan is loaded to fail early.
 */
export function assertValidAnchors(anchors: readonly TrajectoryAnchor[]): TrajectoryAnchor[] {
  if (anchors.length === 0) throw new TrajectoryError('规划轨迹至少需要一个锚点（基准年实际值）');
  const sorted = [...anchors].sort((a, b) => a.year - b.year);
  sorted.forEach((anchor, i) => {
    if (!Number.isInteger(anchor.year)) throw new TrajectoryError(`锚点年份${anchor.year}必须为整数`);
    toDecimal(anchor.value);
    const previous = sorted[i - 1];
    if (previous === undefined) return;
    if (previous.year === anchor.year) throw new TrajectoryError(`锚点年份${anchor.year}重复`);
    if (anchor.trajectory === 'geometric' && (toDecimal(previous.value).lte(0) || toDecimal(anchor.value).lte(0))) {
      throw new TrajectoryError(
        `${previous.year}—${anchor.year}年按等比增长插值要求两端数值均为正数（当前为${previous.value}与${anchor.value}），请改用线性插值`,
      );
    }
  });
  return sorted;
}

/**
 * The plan value for a year. Between anchors (y0, v0) → (y1, v1): linear
 * v0 + (v1 − v0)(y − y0)/(y1 − y0), or geometric v0·(v1/v0)^((y − y0)/(y1 − y0)), per the later
 * anchor. Anchor years return the anchor value exactly. Outside the anchors the path is
 * clamped: before the baseline it is the baseline, after the last target it stays at that
 * target (the plan says nothing beyond it, and extrapolating growth would invent a plan).
 * Values between anchors keep 20 significant digits.
 */
export function expectedValue(anchors: readonly TrajectoryAnchor[], year: number): DecimalString {
  return toDecimalString(expectedDecimal(assertValidAnchors(anchors), year));
}

/** expectedValue on already validated, sorted anchors, kept as a Decimal for further arithmetic. */
function expectedDecimal(sorted: readonly TrajectoryAnchor[], year: number): Decimal {
  const next = sorted.findIndex((anchor) => anchor.year >= year);
  const end = sorted[next === -1 ? sorted.length - 1 : next];
  const start = sorted[next - 1];
  if (end === undefined) throw new TrajectoryError('规划轨迹至少需要一个锚点（基准年实际值）');
  if (next === -1 || start === undefined || end.year === year) return toDecimal(end.value);
  const v0 = toDecimal(start.value);
  const v1 = toDecimal(end.value);
  const span = end.year - start.year;
  if (end.trajectory === 'geometric') return divide(v1, v0).pow(divide(new Derived(year - start.year), span)).times(v0);
  return divide(v1.minus(v0).times(year - start.year), span).plus(v0);
}

/**
 * The plan value for month m of a year, for comparing a stock or ratio observed then: the
 * value m/12 of the way from expected(y − 1) to expected(y), so December meets the year's
 * value and January is one twelfth past last year's.
 */
export function expectedAtMonth(anchors: readonly TrajectoryAnchor[], year: number, month: number): DecimalString {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new TrajectoryError(`月份${month}无效`);
  const sorted = assertValidAnchors(anchors);
  const current = expectedDecimal(sorted, year);
  if (month === 12) return toDecimalString(current);
  const previous = expectedDecimal(sorted, year - 1);
  return toDecimalString(divide(current.minus(previous).times(month), 12).plus(previous));
}

/**
 * How far the way from baseline to target has been covered, in percent:
 * (latest − baseline)/(target − baseline)·100. Works for falling targets too (both differences
 * negative). Null when target equals baseline (there is no way to cover).
 */
export function planProgress(latest: DecimalString, baseline: DecimalString, target: DecimalString): number | null {
  const base = toDecimal(baseline);
  const way = toDecimal(target).minus(base);
  if (way.isZero()) return null;
  return divide(toDecimal(latest).minus(base).times(100), way).toNumber();
}

/**
 * Level reached against a target, in percent: latest/target·100. Null when the target is not
 * positive: a share of a zero or negative target means nothing.
 */
export function attainment(latest: DecimalString, target: DecimalString): number | null {
  const goal = toDecimal(target);
  if (goal.lte(0)) return null;
  return divide(toDecimal(latest).times(100), goal).toNumber();
}

/** Whether a value is on the good side of the plan's expected value (ties count as on track). */
export function onTrack(latest: DecimalString, expected: DecimalString, direction: Direction): boolean {
  const comparison = toDecimal(latest).comparedTo(toDecimal(expected));
  return direction === 'higher_is_better' ? comparison >= 0 : comparison <= 0;
}

/**
 * The constant annual growth still needed to go from `latest` (in fromYear) to `target` (in
 * targetYear), in percent per year: ((target/latest)^(1/years) − 1)·100. Negative when the
 * target is below the latest value. Null when no such rate exists: targetYear not after
 * fromYear, or latest and target not both positive.
 */
export function requiredGrowthRate(
  latest: DecimalString,
  fromYear: number,
  target: DecimalString,
  targetYear: number,
): number | null {
  const from = toDecimal(latest);
  const to = toDecimal(target);
  if (targetYear <= fromYear || from.lte(0) || to.lte(0)) return null;
  return divide(to, from)
    .pow(divide(new Derived(1), targetYear - fromYear))
    .minus(1)
    .times(100)
    .toNumber();
}
