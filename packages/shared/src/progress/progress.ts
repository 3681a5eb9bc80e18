import type {
  DecimalString,
  Direction,
  Frequency,
  IndicatorKind,
  Period,
  JudgedStatus,
  ProgressStatus,
  StatusThresholds,
} from '../domain/types.js';
import { DEFAULT_THRESHOLDS } from '../domain/types.js';
import { parsePeriod, quarterOf } from '../periods/periods.js';
import type { PeriodValue } from '../series/aggregate.js';
import { attainment, expectedAtMonth, onTrack, type TrajectoryAnchor } from '../trajectory/trajectory.js';
import { Derived, toDecimal, toDecimalString } from '../units/decimal.js';

/*
 * Percentages in this module are plain numbers in percent units (47.88 means 47.88 %). They
 * are computed with decimal.js from the exact figures and handed out unrounded (a JS number
 * carries ~16 significant digits, far more than any display needs); only `format/` rounds.
 */

/**
 * Time progress (序时进度) in percent with data through `month`: m/12 for monthly indicators,
 * completed quarters q/4 for quarterly ones (data through May counts one quarter), and for
 * annual ones nothing until December, since no share of the year is due before the year closes.
 */
export function timeProgress(month: number, frequency: Frequency): number {
  // quarterOf also rejects a month outside 1–12, for every frequency.
  const completedQuarters = quarterOf(month) - (month % 3 === 0 ? 0 : 1);
  if (frequency === 'monthly') return new Derived(month * 100).div(12).toNumber();
  if (frequency === 'quarterly') return completedQuarters * 25;
  return month === 12 ? 100 : 0;
}

/**
 * Annual completion (年度完成率) of a flow in percent: YTD/annual target·100. Null when the
 * target is not positive, where a share of the target means nothing.
 */
export function annualCompletion(ytd: DecimalString, annualTarget: DecimalString): number | null {
  return attainment(ytd, annualTarget);
}

/**
 * Gap (序时差) in percentage points between a completion and the completion due by now:
 * completion − timeProgress, or the reverse for lower-is-better indicators, so a positive gap
 * is always good news.
 */
export function gapPp(completion: number, timeProgress: number, direction: Direction): number {
  // Both inputs are rounded to a double (100/12 = 8.333333333333334), so an exact −5 pp comes
  // out as −5.000000000000001 and falls on the wrong side of a threshold: the float noise is
  // rounded away at 1e-9 pp, far below anything a threshold or a display distinguishes.
  const gap = new Derived(completion).minus(timeProgress).toDecimalPlaces(9);
  return (direction === 'higher_is_better' ? gap : gap.negated()).toNumber();
}

/** Traffic light for a gap: ≥ green threshold green, ≥ yellow threshold yellow, else red. */
export function statusForGap(
  gap: number,
  thresholds: StatusThresholds = DEFAULT_THRESHOLDS,
): JudgedStatus {
  if (gap >= thresholds.green) return 'green';
  return gap >= thresholds.yellow ? 'yellow' : 'red';
}

interface EvaluationCommon {
  direction: Direction;
  thresholds?: StatusThresholds;
}

/** A flow judged by its latest YTD (see `latestYtd`) against the year's target. */
export interface FlowEvaluationInput extends EvaluationCommon {
  kind: 'flow';
  frequency: Frequency;
  ytd: PeriodValue | null;
  annualTarget: DecimalString | null;
}

/** A stock or ratio judged by its latest value (see `latestStock`) against the plan path. */
export interface LevelEvaluationInput extends EvaluationCommon {
  kind: 'stock' | 'ratio';
  latest: PeriodValue | null;
  anchors: readonly TrajectoryAnchor[] | null;
}

export type IndicatorEvaluationInput = FlowEvaluationInput | LevelEvaluationInput;

/** Where an indicator stands; every percentage unrounded, in percent units. */
export interface IndicatorEvaluation {
  kind: IndicatorKind;
  direction: Direction;
  status: ProgressStatus;
  /**
   * Why the figure is not judged: nothing approved yet or no target/plan to compare with
   * (no_data), or towns missing from a sum that cannot be compared like for like (pending).
   */
  missing: 'observation' | 'target' | 'regions' | null;
  /** The month the data runs through. */
  period: Period | null;
  /** Flow: the YTD; stock/ratio: the latest value. */
  actual: DecimalString | null;
  /** Flow: the annual target; stock/ratio: the plan value interpolated at `period`. */
  target: DecimalString | null;
  /** actual/target·100; null when the target is not positive. */
  completionPct: number | null;
  /** The completion due by now: time progress for a flow, 100 for a stock or ratio. */
  referencePct: number | null;
  /** gapPp(completionPct, referencePct, direction); null when completionPct is. */
  gapPp: number | null;
}

/**
 * Judges one indicator of any kind, the single place where DOMAIN.md's progress rules meet:
 *
 * - flow: completion = YTD/annual target, compared with time progress at the YTD's month.
 * - stock/ratio: completion = latest/expected, where expected is the plan path interpolated at
 *   the observation's month (`expectedAtMonth`); the reference is 100, so the gap is
 *   (latest/expected − 1)·100 — the shortfall or lead as a percentage of the plan value, which
 *   means the same for a count of mines as for a share in % — reversed when lower is better.
 *
 * A target that is zero or negative leaves no meaningful percentage; the status is then green
 * when the actual is on the good side of what is due by now (target × time progress for a
 * flow, the plan value for a stock) and red otherwise.
 */
export function evaluateIndicator(input: IndicatorEvaluationInput): IndicatorEvaluation {
  const observation = input.kind === 'flow' ? input.ytd : input.latest;
  const base = {
    kind: input.kind,
    direction: input.direction,
    period: observation?.period ?? null,
    actual: observation === null ? null : toDecimalString(toDecimal(observation.value)),
  };
  const noData = { ...base, target: null, completionPct: null, referencePct: null, gapPp: null } as const;
  if (observation === null) return { ...noData, status: 'no_data', missing: 'observation' };
  const { year, month } = parsePeriod(observation.period);

  let target: DecimalString;
  let referencePct: number;
  let dueNow: DecimalString;
  if (input.kind === 'flow') {
    if (input.annualTarget === null) return { ...noData, status: 'no_data', missing: 'target' };
    target = toDecimalString(toDecimal(input.annualTarget));
    referencePct = timeProgress(month, input.frequency);
    dueNow = toDecimalString(new Derived(toDecimal(target)).times(referencePct).div(100));
  } else {
    if (input.anchors === null) return { ...noData, status: 'no_data', missing: 'target' };
    target = expectedAtMonth(input.anchors, year, month);
    referencePct = 100;
    dueNow = target;
  }

  const completionPct = attainment(observation.value, target);
  const gap = completionPct === null ? null : gapPp(completionPct, referencePct, input.direction);
  const status =
    gap === null
      ? onTrack(observation.value, dueNow, input.direction)
        ? 'green'
        : 'red'
      : statusForGap(gap, input.thresholds);
  return { ...base, status, missing: null, target, completionPct, referencePct, gapPp: gap };
}
