import type { FigureFlags, GroupProgress, IndicatorProgress } from '../api/contracts.js';
import type { ChainKind, DecimalString, Period, ProgressStatus, RegionKind } from '../domain/types.js';
import { formatPeriod, parsePeriod } from '../periods/periods.js';
import { evaluateIndicator, timeProgress, type IndicatorEvaluation } from '../progress/progress.js';
import { projectYearEnd, projectedShortfall } from '../projection/projection.js';
import { buildFlowYear } from '../series/flow-year.js';
import { compositeScore, countStatuses, indicatorScore } from '../rollup/rollup.js';
import { chainSentence, indicatorSentence } from '../summary/summary.js';
import { expectedValue, type TrajectoryAnchor } from '../trajectory/trajectory.js';
import { Derived, toDecimal, toDecimalString } from '../units/decimal.js';
import type { AssessedIndicator, TargetRow } from './assessment.types.js';
import { judgementBasis, likeForLikeLabel, shareOf } from './like-for-like.js';
import { type FigureIndex, type ResolvedValue, resolveValue, sumOfRegions } from './resolve-value.js';

export interface AnnualTarget {
  value: DecimalString;
  illustrative: boolean;
  /** Read off the plan trajectory because the plan file gives no target for that year. */
  derived: boolean;
}

/** The trajectory anchors of one indicator in one region (baseline, 2025, 2035, …). */
export function anchorsOf(targets: readonly TargetRow[]): TrajectoryAnchor[] {
  return targets.filter((t) => t.anchor || t.baseline).map((t) => ({ year: t.year, value: t.value, trajectory: t.trajectory }));
}

/** The year's target: the plan's own annual row, else the trajectory's value for that year. */
export function annualTargetFor(targets: readonly TargetRow[], year: number): AnnualTarget | null {
  const own = targets.find((t) => t.year === year && (t.annual || t.anchor) && !t.baseline);
  if (own) return { value: own.value, illustrative: own.illustrative, derived: false };
  const anchors = anchorsOf(targets);
  if (anchors.length < 2) return null;
  return {
    value: expectedValue(anchors, year),
    illustrative: targets.some((t) => t.illustrative && (t.anchor || t.baseline)),
    derived: true,
  };
}

export interface AssessmentInput {
  indicator: AssessedIndicator;
  regionCode: string;
  districtCode: string;
  /** The month asked for; figures after it are ignored. */
  period: Period;
  /** Figures of this indicator (and its ratio parts) for last year and this year. */
  figures: FigureIndex;
  /** This indicator's targets in this region. */
  targets: readonly TargetRow[];
  /** Projected completion below this percentage is a shortfall (DOMAIN.md: the rule's floor, default 100). */
  projectionFloorPct?: number;
  /** Region names for the sentence (a missing town is named, not coded); codes where absent. */
  regionNames?: ReadonlyMap<string, string>;
}

/**
 * Everything DOMAIN.md defines for one indicator in one region at one month: value, target,
 * time progress, completion, gap, status, projection, year on year, score and the sentence.
 *
 * A sum of towns with towns missing is judged like for like (`judgementBasis`): the towns that
 * reported, against their share of the target, their own figures last year and their own
 * season; the value shown stays their real partial sum. Without shares it is not judged.
 */
export function assessIndicator(input: AssessmentInput): IndicatorProgress {
  const { indicator, regionCode, period, figures, targets } = input;
  const { year } = parsePeriod(period);
  const current = resolveValue(indicator, regionCode, input.districtCode, period, figures);
  const basis = judgementBasis(indicator, current);
  const annual = annualTargetFor(targets, year);
  const anchors = anchorsOf(targets);
  const dataMonth = current.period ? parsePeriod(current.period).month : null;
  // Like for like, the target is the reporting towns' share of it (a plan path scales the same way).
  const scaled = (value: DecimalString) => (basis.judgement === 'like_for_like' ? shareOf(value, basis.share) : value);
  const judgedAnnual = annual && scaled(annual.value);

  const evaluation: IndicatorEvaluation =
    basis.judgement === 'pending'
      ? notJudged(indicator, current)
      : indicator.kind === 'flow'
        ? evaluateIndicator({
            kind: 'flow',
            frequency: indicator.frequency,
            direction: indicator.direction,
            thresholds: indicator.thresholds,
            ytd: current.value !== null && current.period ? { period: current.period, value: current.value } : null,
            annualTarget: judgedAnnual,
          })
        : evaluateIndicator({
            kind: indicator.kind,
            direction: indicator.direction,
            thresholds: indicator.thresholds,
            latest: current.value !== null && current.period ? { period: current.period, value: current.value } : null,
            anchors: anchors.length > 0 ? anchors.map((a) => ({ ...a, value: scaled(a.value) })) : null,
          });

  /** The same figure in another month: the same towns like for like; last year's only when whole. */
  const comparable = (at: Period): DecimalString | null => {
    if (basis.judgement === 'pending') return null;
    if (basis.judgement === 'like_for_like') return sumOfRegions(indicator, basis.regions, at, figures);
    // Last year's figures count only when whole: a sum with a town missing is no comparison and no season.
    const resolved = resolveValue(indicator, regionCode, input.districtCode, at, figures);
    return resolved.period === at && !resolved.incomplete ? resolved.value : null;
  };
  const lastYearValue = dataMonth === null ? null : comparable(formatPeriod(year - 1, dataMonth));
  const yoyPct =
    current.value !== null && lastYearValue !== null && !toDecimal(lastYearValue).isZero()
      ? new Derived(toDecimal(current.value)).div(toDecimal(lastYearValue)).minus(1).times(100).toNumber()
      : null;

  let projection: IndicatorProgress['projection'] = null;
  if (indicator.kind === 'flow' && basis.judgement !== 'pending' && current.value !== null && dataMonth !== null && judgedAnnual) {
    const projected = projectYearEnd({
      ytd: current.value,
      month: dataMonth,
      lastYearYtdAtMonth: lastYearValue,
      lastYearTotal: comparable(formatPeriod(year - 1, 12)),
    });
    const shortfall = projectedShortfall(projected.value, judgedAnnual, input.projectionFloorPct ?? 100, indicator.direction);
    projection = {
      value: projected.value,
      method: projected.method,
      completionPct: shortfall.projectedCompletionPct ?? 0,
      shortfall: shortfall.shortfall,
    };
  }

  const timeProgressPct = dataMonth === null ? null : indicator.kind === 'flow' ? timeProgress(dataMonth, indicator.frequency) : null;
  const expected =
    indicator.kind === 'flow'
      ? judgedAnnual && timeProgressPct !== null
        ? toDecimalString(new Derived(toDecimal(judgedAnnual)).times(timeProgressPct).div(100))
        : null
      : evaluation.target;
  const name = (code: string) => input.regionNames?.get(code) ?? code;
  return {
    code: indicator.code,
    name: indicator.name,
    unit: indicator.unit,
    kind: indicator.kind,
    frequency: indicator.frequency,
    direction: indicator.direction,
    chainCode: indicator.chainCode,
    departmentCode: indicator.departmentCode,
    departmentName: indicator.departmentName,
    regionCode,
    period,
    dataAsOf: current.period,
    value: current.value,
    annualTarget: annual?.value ?? null,
    expected,
    timeProgressPct,
    judgement: basis.judgement,
    likeForLike:
      basis.judgement === 'like_for_like'
        ? {
            regions: basis.regions,
            excludedRegions: basis.excludedRegions,
            share: basis.share,
            target: (indicator.kind === 'flow' ? judgedAnnual : evaluation.target) ?? '0',
            label: likeForLikeLabel(basis.excludedRegions.map(name)),
          }
        : null,
    completionPct: evaluation.completionPct,
    gapPp: evaluation.gapPp,
    status: evaluation.status,
    score: indicatorScore(evaluation),
    projection,
    lastYearValue,
    yoyPct,
    flags: {
      sample: current.sample,
      illustrativeTarget: annual?.illustrative ?? targets.some((t) => t.illustrative),
      incomplete: current.incomplete,
      provisional: current.provisional,
    },
    missingRegions: current.missingRegions,
    sentence: indicatorSentence({
      name: indicator.name,
      unit: indicator.unit,
      evaluation,
      ...(basis.judgement === 'whole' ? {} : { excludedRegions: basis.excludedRegions.map(name) }),
    }),
  };
}

/** An incomplete sum that cannot be compared like for like: its partial value, and no judgement. */
function notJudged(indicator: AssessedIndicator, current: ResolvedValue): IndicatorEvaluation {
  return {
    kind: indicator.kind,
    direction: indicator.direction,
    status: 'pending',
    missing: 'regions',
    period: current.period,
    actual: current.value,
    target: null,
    completionPct: null,
    referencePct: null,
    gapPp: null,
  };
}

/** Which status a group shows: its worst judged one; 待补报 only where nothing else is judged. */
const SEVERITY: Record<ProgressStatus, number> = { red: 4, yellow: 3, green: 2, pending: 1, no_data: 0 };

/** A chain's or a town's roll-up: status counts, capped composite, worst status, sentence. */
export function summarizeGroup(
  group: { code: string; name: string; kind: ChainKind | RegionKind },
  items: ReadonlyArray<IndicatorProgress & { weight?: number }>,
  cap?: number,
): GroupProgress {
  const statusCounts = countStatuses(items.map((i) => i.status));
  const composite = compositeScore(items.map((i) => ({ score: i.score, weight: i.weight ?? 1 })), cap).score;
  const status = items.reduce<ProgressStatus>((worst, i) => (SEVERITY[i.status] > SEVERITY[worst] ? i.status : worst), 'no_data');
  const dataAsOf = items.map((i) => i.dataAsOf).filter((p): p is Period => p !== null).sort().at(-1) ?? null;
  const flags: FigureFlags = {
    sample: items.some((i) => i.flags.sample),
    illustrativeTarget: items.some((i) => i.flags.illustrativeTarget),
    incomplete: items.some((i) => i.flags.incomplete),
    provisional: items.some((i) => i.flags.provisional),
  };
  return {
    ...group,
    statusCounts,
    composite,
    status,
    sentence: chainSentence({ name: group.name, counts: statusCounts, score: composite }),
    dataAsOf,
    flags,
  };
}

/** The first month of last year: progress needs last year for projections and year on year. */
export function figuresWindowStart(period: Period): Period {
  return formatPeriod(parsePeriod(period).year - 1, 1);
}


/**
 * Monthly segments of a flow for a chart. A region's own reports keep the month values it
 * reported, even after a missing month; a district that is the sum of its towns derives its
 * segments from its complete YTD points (a month without one merges into the next), so a town
 * that stops reporting never shows up as a negative month.
 */
export function monthlySegments(
  indicator: AssessedIndicator,
  regionCode: string,
  districtCode: string,
  year: number,
  ytd: ReadonlyArray<{ period: Period; value: DecimalString | null; incomplete?: boolean }>,
  figures: FigureIndex,
) {
  const own = figures.of(indicator.code, regionCode).filter((f) => f.period.startsWith(`${year}-`));
  const rolledUp = regionCode === districtCode && indicator.regionCodes.length > 0 && own.length === 0;
  const points = rolledUp
    ? // An incomplete sum is no YTD of the district: the months around it merge into one segment.
      ytd.filter((p) => p.value !== null && !p.incomplete).map((p) => ({ period: p.period, basis: 'ytd' as const, value: p.value! }))
    : own.map((f) => ({ period: f.period, basis: f.basis, value: f.value, ...(f.spanStart ? { spanStart: f.spanStart } : {}) }));
  return buildFlowYear(year, points).segments;
}
