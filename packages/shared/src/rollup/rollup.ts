import type { DecimalString, IndicatorKind, ProgressStatus } from '../domain/types.js';
import { PROGRESS_STATUSES } from '../domain/types.js';
import type { IndicatorEvaluation } from '../progress/progress.js';
import { ratioOfSums, sumAcrossRegions } from '../series/aggregate.js';
import { Derived, Exact, toDecimal, toDecimalString } from '../units/decimal.js';

/**
 * One region's figure. For flows and stocks `value` is what is summed (a stock's latest value,
 * see `latestStock`). For a ratio the region's own ratio in `value` is never combined; its
 * `numerator` and `denominator` (the two component indicators) are.
 */
export interface RegionPart {
  region: string;
  value: DecimalString | null;
  numerator?: DecimalString | null;
  denominator?: DecimalString | null;
}

export interface RegionRollupInput {
  kind: IndicatorKind;
  /** The figure reported for the parent region itself; it wins over any sum. */
  districtReported?: DecimalString | null;
  parts: readonly RegionPart[];
  /** Multiplier of a ratio rolled up as Σ/Σ: '100' for a ratio kept in %. */
  ratioScale?: DecimalString;
}

export interface RegionRollup {
  value: DecimalString | null;
  /** 'sum_of_regions' for a ratio means Σnumerator/Σdenominator over the regions. */
  source: 'reported' | 'sum_of_regions' | 'none';
  /** True when the value comes from the parts and some part is missing. */
  incomplete: boolean;
  /** Regions without a figure, listed even when the reported figure makes them irrelevant. */
  missingRegions: string[];
}

/**
 * A parent region's figure (DOMAIN.md): the reported district figure wins; otherwise flows
 * and stocks sum their regions and ratios take Σnumerator/Σdenominator, never a sum or mean
 * of ratios. A sum over a partial set of regions is returned but flagged incomplete.
 */
export function rollupRegions(input: RegionRollupInput): RegionRollup {
  const isRatio = input.kind === 'ratio';
  const missingRegions: string[] = [];
  const values: DecimalString[] = [];
  const numerators: DecimalString[] = [];
  const denominators: DecimalString[] = [];
  for (const { region, value, numerator, denominator } of input.parts) {
    if (isRatio && numerator != null && denominator != null) {
      numerators.push(numerator);
      denominators.push(denominator);
    } else if (!isRatio && value !== null) {
      values.push(value);
    } else {
      missingRegions.push(region);
    }
  }
  if (input.districtReported != null) {
    return { value: toDecimalString(toDecimal(input.districtReported)), source: 'reported', incomplete: false, missingRegions };
  }
  const value = isRatio
    ? numerators.length === 0
      ? null
      : ratioOfSums(numerators, denominators, input.ratioScale)
    : values.length === 0
      ? null
      : sumAcrossRegions(values);
  return {
    value,
    source: value === null ? 'none' : 'sum_of_regions',
    incomplete: missingRegions.length > 0,
    missingRegions,
  };
}

/** How many indicators are in each status, for chain and town roll-ups. */
export function countStatuses(statuses: Iterable<ProgressStatus>): Record<ProgressStatus, number> {
  const counts = Object.fromEntries(PROGRESS_STATUSES.map((status) => [status, 0])) as Record<ProgressStatus, number>;
  for (const status of statuses) counts[status] += 1;
  return counts;
}

/**
 * An indicator's completion relative to what is due by now, 100 meaning exactly on time
 * progress (or exactly on the plan path for a stock/ratio): 100 + gap·100/reference, i.e.
 * completion/time progress·100 for a higher-is-better flow, mirrored around 100 when lower is
 * better (a cap used at half the due pace scores 150). Null without a gap, or when nothing is
 * due yet (time progress 0), since a relative score is then undefined.
 */
export function indicatorScore(evaluation: IndicatorEvaluation): number | null {
  const { gapPp, referencePct } = evaluation;
  if (gapPp === null || referencePct === null || referencePct <= 0) return null;
  return new Derived(gapPp).times(100).div(referencePct).plus(100).toNumber();
}

export interface CompositeScore {
  /** Weighted mean of the clamped scores; null when nothing could be scored. */
  score: number | null;
  included: number;
  /** Items without a score (no data, no target, nothing due yet). */
  excluded: number;
}

/**
 * Composite score of a chain or town: weighted mean (default weight 1) of indicator scores,
 * each clamped to [0, cap] so one runaway indicator (or a collapsed one) cannot hide the rest.
 * Items without a score are left out and counted in `excluded`.
 */
export function compositeScore(
  items: ReadonlyArray<{ score: number | null; weight?: number }>,
  cap = 120,
): CompositeScore {
  let weighted = new Exact(0);
  let weights = new Exact(0);
  let included = 0;
  for (const { score, weight = 1 } of items) {
    if (!Number.isFinite(weight) || weight < 0) throw new RangeError(`权重${weight}无效`);
    if (score === null || !Number.isFinite(score)) continue;
    included += 1;
    weighted = weighted.plus(new Exact(Math.min(Math.max(score, 0), cap)).times(weight));
    weights = weights.plus(weight);
  }
  return {
    score: weights.isZero() ? null : new Derived(weighted).div(weights).toNumber(),
    included,
    excluded: items.length - included,
  };
}
