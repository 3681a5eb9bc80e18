/**
 * Deterministic sample data for a NormalizedPlan: monthly observations from January of the
 * base year through `asOf`, plus ~30 key projects. Pure: a seeded PRNG, no clock, no I/O.
 *
 * What it is built to show (see `intended` in the result):
 * - history trending along the plan (2021 flows add up to the baseline exactly, later years
 *   follow the annual targets / trajectory with a little noise, a past year whose target a
 *   source states hits it exactly) and seasonal months;
 * - history that passes through every figure a source publishes (the plan's `published`): the
 *   level at its period is the published value, and the sample leaves that figure to the
 *   published observation (已公布) rather than generating its own;
 * - in asOf's year each indicator steered ahead, slightly behind or seriously behind its
 *   annual target / plan path, so every status colour has something to show;
 * - 当月 and 累计 reporting, 1–2月 published together, quarterly/annual indicators only at
 *   their periods, stocks that move in steps, ratios that stay plausible;
 * - a town that missed a month (the district sum is incomplete), a town figure spanning two
 *   months, and latest-month figures that are only submitted, still drafts, or absent.
 */
import type { Basis, DecimalString, Period } from '../domain/types.js';
import { addMonths, comparePeriods, formatPeriod, parsePeriod } from '../periods/periods.js';
import { FigureIndex, resolveValue } from '../assessment/resolve-value.js';
import type { NormalizedPlan, PlanIndicator, PlanPublishedFigure, PlanTarget } from '../plan/types.js';
import { Exact, toDecimalString } from '../units/decimal.js';
import { seasonalWeights } from './profiles.js';
import { generateSampleProjects } from './projects.js';
import { sampleRng, type SampleRng } from './rng.js';
import type { SampleData, SampleIntent, SampleObservation, SampleObservationStatus, SampleOptions } from './types.js';

export const DEFAULT_SAMPLE_SEED = 20210101;

/** Dimensions reported as whole numbers. */
const WHOLE = new Set(['count', 'vehicle', 'people']);

interface Anchor {
  year: number;
  value: number;
  geometric: boolean;
}

interface Context {
  plan: NormalizedPlan;
  seed: number;
  asOf: Period;
  asOfYear: number;
  asOfMonth: number;
  district: string;
  targetsByIndicator: Map<string, PlanTarget[]>;
  intents: Map<string, SampleIntent>;
  /** Published figures by indicator. */
  published: Map<string, PlanPublishedFigure[]>;
}

/** One generated figure before review status is applied. */
type Draft = Omit<SampleObservation, 'status'> & { status?: SampleObservationStatus };

export function generateSampleData(plan: NormalizedPlan, options: SampleOptions): SampleData {
  const seed = options.seed ?? DEFAULT_SAMPLE_SEED;
  const { year: asOfYear, month: asOfMonth } = parsePeriod(options.asOf);
  const asOf = formatPeriod(asOfYear, asOfMonth);
  if (asOfYear < plan.plan.baseYear) {
    throw new RangeError(`asOf ${asOf} is before the plan's base year ${plan.plan.baseYear}`);
  }
  const ctx: Context = {
    plan,
    seed,
    asOf,
    asOfYear,
    asOfMonth,
    district: plan.plan.region,
    targetsByIndicator: groupBy(plan.targets, (t) => t.indicator),
    intents: assignIntents(plan, seed),
    published: groupBy(plan.published, (p) => p.indicator),
  };

  // Numerators of ratios over a stock denominator of the same shape are derived from the ratio.
  const derivedNumerators = new Map<string, PlanIndicator>();
  for (const ratio of plan.indicators) {
    if (ratio.kind !== 'ratio' || ratio.ratio === null) continue;
    const num = plan.indicators.find((x) => x.code === ratio.ratio?.numerator);
    const den = plan.indicators.find((x) => x.code === ratio.ratio?.denominator);
    if (num === undefined || den === undefined || num.kind !== 'stock' || den.kind !== 'stock') continue;
    const sameShape =
      num.frequency === ratio.frequency &&
      den.frequency === ratio.frequency &&
      sameSet(num.regions, ratio.regions) &&
      sameSet(den.regions, ratio.regions) &&
      num.districtReported === ratio.districtReported &&
      den.districtReported === ratio.districtReported;
    if (sameShape) derivedNumerators.set(num.code, ratio);
  }

  const byIndicator = new Map<string, Draft[]>();
  for (const indicator of plan.indicators) {
    if (derivedNumerators.has(indicator.code)) continue;
    byIndicator.set(indicator.code, indicator.kind === 'flow' ? flowSeries(ctx, indicator) : levelSeries(ctx, indicator));
  }
  for (const [numeratorCode, ratio] of derivedNumerators) {
    byIndicator.set(numeratorCode, deriveNumerator(plan, numeratorCode, ratio, byIndicator));
  }

  const intended: SampleData['intended'] = {
    indicators: Object.fromEntries(plan.indicators.map((x) => [x.code, ctx.intents.get(x.code) ?? 'ahead'])),
    missing: [],
    spans: [],
    latestByDepartment: {},
    published: [],
  };
  townGaps(ctx, byIndicator, intended);

  const all: Draft[] = leavePublished(ctx, plan.indicators.flatMap((x) => byIndicator.get(x.code) ?? []), intended);
  const observations = applyReviewStatus(ctx, all, intended);

  const regionOrder = new Map(plan.regions.map((r, i) => [r.code, r.code === ctx.district ? -1 : i]));
  const indicatorOrder = new Map(plan.indicators.map((x, i) => [x.code, i]));
  observations.sort(
    (a, b) =>
      (indicatorOrder.get(a.indicator) ?? 0) - (indicatorOrder.get(b.indicator) ?? 0) ||
      (regionOrder.get(a.region) ?? 0) - (regionOrder.get(b.region) ?? 0) ||
      comparePeriods(a.period, b.period),
  );

  return {
    sample: true,
    seed,
    asOf,
    planVersion: plan.version,
    observations,
    projects: generateSampleProjects(plan, asOf, seed),
    intended,
  };
}

// ── intents ─────────────────────────────────────────────────────────────────────────────────

/**
 * Splits indicators into ahead (~45 %), slightly behind (~30 %) and seriously behind (~25 %),
 * separately for the sub-annual flows (whose status the screen shows most) and the rest, so
 * each group gets all three whatever the seed.
 */
function assignIntents(plan: NormalizedPlan, seed: number): Map<string, SampleIntent> {
  const rng = sampleRng(seed, 'intents');
  const groups = [
    plan.indicators.filter((x) => x.kind === 'flow' && x.frequency !== 'annual'),
    plan.indicators.filter((x) => !(x.kind === 'flow' && x.frequency !== 'annual')),
  ];
  const intents = new Map<string, SampleIntent>();
  for (const group of groups) {
    const shuffled = rng.shuffle(group.map((x) => x.code));
    const n = shuffled.length;
    const ahead = Math.max(1, Math.round(n * 0.45));
    const slight = Math.max(1, Math.round(n * 0.3));
    shuffled.forEach((code, i) => intents.set(code, i < ahead ? 'ahead' : i < ahead + slight ? 'slightly_behind' : 'seriously_behind'));
  }
  return intents;
}

// ── plan values ─────────────────────────────────────────────────────────────────────────────

function anchorsOf(ctx: Context, code: string, region: string): Anchor[] {
  return (ctx.targetsByIndicator.get(code) ?? [])
    .filter((t) => t.region === region && t.anchor)
    .map((t) => ({ year: t.year, value: Number(t.value), geometric: t.trajectory === 'geometric' }))
    .sort((a, b) => a.year - b.year);
}

/** The trajectory value for a year (linear or geometric per segment, clamped at both ends). */
function onTrajectory(anchors: readonly Anchor[], year: number): number {
  const next = anchors.findIndex((a) => a.year >= year);
  const end = anchors[next === -1 ? anchors.length - 1 : next];
  const start = anchors[next - 1];
  if (end === undefined) return 0;
  if (next === -1 || start === undefined || end.year === year) return end.value;
  const f = (year - start.year) / (end.year - start.year);
  if (end.geometric && start.value > 0 && end.value > 0) return start.value * (end.value / start.value) ** f;
  return start.value + (end.value - start.value) * f;
}

function annualTargetRow(ctx: Context, code: string, region: string, year: number): PlanTarget | undefined {
  return (ctx.targetsByIndicator.get(code) ?? []).find((t) => t.region === region && t.year === year && t.annual);
}

/** The annual target for a year (explicit row, else the trajectory). */
function annualTarget(ctx: Context, code: string, region: string, year: number): number {
  const row = annualTargetRow(ctx, code, region, year);
  return row !== undefined ? Number(row.value) : onTrajectory(anchorsOf(ctx, code, region), year);
}

/** The district's published figures of an indicator as anchors at their month (December of year y is y). */
function publishedAnchors(ctx: Context, indicator: PlanIndicator): Anchor[] {
  return (ctx.published.get(indicator.code) ?? [])
    .filter((p) => p.region === ctx.district)
    .map((p) => {
      const { year, month } = parsePeriod(p.period);
      return { year: year - 1 + month / 12, value: Number(p.value), geometric: false };
    });
}

function baselineOf(ctx: Context, code: string, region: string): number {
  const row = (ctx.targetsByIndicator.get(code) ?? []).find((t) => t.region === region && t.baseline);
  return row !== undefined ? Number(row.value) : onTrajectory(anchorsOf(ctx, code, region), ctx.plan.plan.baseYear);
}

/** Region → share of the district value (from the expanded targets, else an even split). */
function regionShares(ctx: Context, indicator: PlanIndicator): Map<string, number> {
  const shares = new Map<string, number>();
  for (const t of ctx.targetsByIndicator.get(indicator.code) ?? []) {
    if (t.share !== null && !shares.has(t.region)) shares.set(t.region, t.share);
  }
  const even = (indicator.districtReported ? 0.9 : 1) / Math.max(1, indicator.regions.length);
  return new Map(indicator.regions.map((r) => [r, shares.get(r) ?? even]));
}

// ── formatting ──────────────────────────────────────────────────────────────────────────────

function decimals(indicator: PlanIndicator): number {
  return WHOLE.has(indicator.dimension) ? 0 : 2;
}

function fmt(value: number, places: number): DecimalString {
  const rounded = Number.isFinite(value) ? value : 0;
  return toDecimalString(new Exact(rounded.toFixed(places)));
}

function sum(values: readonly DecimalString[]): DecimalString {
  return toDecimalString(values.reduce((acc, v) => acc.plus(v), new Exact(0)));
}

/** Values rounded to `places`, the last taking what rounding left of `total`, so they add up to it exactly. */
function withRemainderLast(values: readonly number[], total: DecimalString, places: number): DecimalString[] {
  const rounded = values.slice(0, -1).map((v) => fmt(v, places));
  return [...rounded, toDecimalString(new Exact(total).minus(sum(rounded)))];
}

// ── flows ───────────────────────────────────────────────────────────────────────────────────

/** Months of asOf's year covered by the indicator's latest report. */
function lastReportedMonth(indicator: PlanIndicator, asOfMonth: number): number {
  if (indicator.frequency === 'monthly') return asOfMonth;
  if (indicator.frequency === 'quarterly') return Math.floor(asOfMonth / 3) * 3;
  return asOfMonth === 12 ? 12 : 0;
}

/** Noisy seasonal weights for months 1..n, normalised to sum 1. */
function monthShares(rng: SampleRng, weights: readonly number[], n: number, noise: number): number[] {
  const raw = Array.from({ length: n }, (_, i) => (weights[i] ?? 1) * Math.max(0.3, 1 + rng.normal(noise)));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / total);
}

/** The gap (percentage points, + = good) asOf's year is steered to. */
function steeredGap(rng: SampleRng, intent: SampleIntent, timeProgressPct: number): number {
  if (intent === 'ahead') return rng.range(2, 8);
  if (intent === 'slightly_behind') return -rng.range(1, 4);
  return -Math.min(rng.range(9, 16), 0.7 * timeProgressPct);
}

function flowSeries(ctx: Context, indicator: PlanIndicator): Draft[] {
  const rng = sampleRng(ctx.seed, 'flow', indicator.code);
  const { baseYear } = ctx.plan.plan;
  const weights = seasonalWeights(indicator);
  const places = decimals(indicator);
  const intent = ctx.intents.get(indicator.code) ?? 'ahead';
  const shares = regionShares(ctx, indicator);
  // Regions whose shares make up the whole district add up to it, whoever reports the district.
  const regionsMakeWhole = !indicator.districtReported || Math.abs([...shares.values()].reduce((a, b) => a + b, 0) - 1) < 0.001;
  const out: Draft[] = [];

  for (let year = baseYear; year <= ctx.asOfYear; year++) {
    const current = year === ctx.asOfYear;
    let monthsOfYear: number[];
    // A past year whose target a source states (确保全年…3300万吨) ends exactly on it.
    let exactTotal: number | null = null;
    if (!current) {
      const target = annualTarget(ctx, indicator.code, ctx.district, year);
      let total = baselineOf(ctx, indicator.code, ctx.district);
      if (year !== baseYear) {
        // The noise is drawn even when unused, so the years after keep their numbers.
        const noisy = target * (1 + rng.normal(0.03));
        const sourced = annualTargetRow(ctx, indicator.code, ctx.district, year)?.illustrative === false;
        if (sourced) exactTotal = target;
        total = sourced ? target : noisy;
      }
      monthsOfYear = monthShares(rng, weights, 12, 0.05).map((s) => Math.max(0, s * total));
    } else {
      const covered = lastReportedMonth(indicator, ctx.asOfMonth);
      if (covered === 0) continue;
      const timeProgressPct = (covered / 12) * 100;
      const gap = steeredGap(rng, intent, timeProgressPct) * (indicator.direction === 'lower_is_better' ? -1 : 1);
      const ytd = annualTarget(ctx, indicator.code, ctx.district, year) * Math.max(0, (timeProgressPct + gap) / 100);
      monthsOfYear = monthShares(rng, weights, covered, 0.05).map((s) => s * ytd);
    }

    // district and region monthly values, as decimal strings
    const monthTotals = exactTotal === null ? monthsOfYear.map((v) => fmt(v, places)) : withRemainderLast(monthsOfYear, String(exactTotal), places);
    const series = new Map<string, DecimalString[]>();
    if (indicator.districtReported) series.set(ctx.district, monthTotals);
    if (indicator.regions.length > 0) {
      const perRegion = new Map<string, DecimalString[]>(indicator.regions.map((r) => [r, []]));
      monthsOfYear.forEach((value, m) => {
        const parts = indicator.regions.map((r) => (shares.get(r) ?? 0) * Math.max(0.5, 1 + rng.normal(0.05)));
        const partsTotal = parts.reduce((a, b) => a + b, 0) || 1;
        const values = indicator.regions.map((_, i) => {
          const part = parts[i] ?? 0;
          return regionsMakeWhole ? (value * part) / partsTotal : value * part;
        });
        // Towns that make up an exact district total carry its rounding in the last of them.
        const rounded = exactTotal !== null && !indicator.districtReported ? withRemainderLast(values, monthTotals[m] ?? '0', places) : values.map((v) => fmt(v, places));
        indicator.regions.forEach((r, i) => perRegion.get(r)?.push(rounded[i] ?? '0'));
      });
      for (const [r, values] of perRegion) series.set(r, values);
    }
    for (const [region, values] of series) out.push(...flowObservations(indicator, region, year, values));
  }
  return out;
}

/** Turns one year of monthly values into what a reporter would send. */
function flowObservations(indicator: PlanIndicator, region: string, year: number, months: readonly DecimalString[]): Draft[] {
  const out: Draft[] = [];
  const base = { indicator: indicator.code, region };
  const ytdAt = (m: number) => sum(months.slice(0, m));
  const period = (m: number) => formatPeriod(year, m);
  if (indicator.frequency === 'monthly') {
    for (let m = 1; m <= months.length; m++) {
      if (indicator.janFebCombined && m === 1) continue;
      if (indicator.janFebCombined && m === 2) {
        out.push({ ...base, period: period(2), basis: 'ytd', value: ytdAt(2) });
        continue;
      }
      const value = indicator.basis === 'ytd' ? ytdAt(m) : (months[m - 1] ?? '0');
      out.push({ ...base, period: period(m), basis: indicator.basis, value });
    }
    return out;
  }
  const step = indicator.frequency === 'quarterly' ? 3 : 12;
  for (let m = step; m <= months.length; m += step) {
    if (indicator.basis === 'ytd') {
      out.push({ ...base, period: period(m), basis: 'ytd', value: ytdAt(m) });
    } else {
      out.push({ ...base, period: period(m), basis: 'month', value: sum(months.slice(m - step, m)), spanStart: period(m - step + 1) });
    }
  }
  return out;
}

// ── stocks and ratios ───────────────────────────────────────────────────────────────────────

function reportMonths(indicator: PlanIndicator, lastMonth: number): number[] {
  const all = Array.from({ length: lastMonth }, (_, i) => i + 1);
  if (indicator.frequency === 'quarterly') return all.filter((m) => m % 3 === 0);
  if (indicator.frequency === 'annual') return all.filter((m) => m === 12);
  return indicator.janFebCombined ? all.filter((m) => m !== 1) : all;
}

function levelSeries(ctx: Context, indicator: PlanIndicator): Draft[] {
  const rng = sampleRng(ctx.seed, 'level', indicator.code);
  const { baseYear } = ctx.plan.plan;
  const anchors = anchorsOf(ctx, indicator.code, ctx.district);
  const baseline = baselineOf(ctx, indicator.code, ctx.district);
  // Published figures are points the history passes through, at their month.
  const knots = publishedAnchors(ctx, indicator);
  const throughKnots = [...anchors, ...knots].sort((a, b) => a.year - b.year);
  const lastKnot = Math.max(-Infinity, ...knots.map((k) => k.year + 1));
  const places = decimals(indicator);
  const whole = places === 0;
  const percent = indicator.dimension === 'percent';
  const intent = ctx.intents.get(indicator.code) ?? 'ahead';
  const better = indicator.direction === 'higher_is_better' ? 1 : -1;

  /** Year-end plan level; before the base year the baseline. */
  const level = (year: number) => (year < baseYear ? baseline : onTrajectory(anchors, year));
  /**
   * Plan path at time u (years; month m of year y is y + m/12, December meets level(y)); with
   * published figures, the line through them and the plan's anchors.
   */
  const path = (u: number) => {
    if (knots.length > 0) return onTrajectory(throughKnots, u - 1);
    const y = Math.ceil(u) - 1;
    return level(y - 1) + (level(y) - level(y - 1)) * (u - y);
  };
  /** 0 before asOf's previous year (and the last published figure), rising to 1 by its end: the steering fades in. */
  const rampFrom = Math.max(ctx.asOfYear - 1, lastKnot);
  const ramp = (u: number) => Math.min(1, Math.max(0, (u - rampFrom) / Math.max(1 / 12, ctx.asOfYear - rampFrom)));
  const knotPeriods = new Set((ctx.published.get(indicator.code) ?? []).filter((p) => p.region === ctx.district).map((p) => p.period));
  // Counts move in whole steps along a shifted plan path; other levels scale off the path.
  const lagMonths = { ahead: -4, slightly_behind: 2, seriously_behind: 8 }[intent];
  const factor = { ahead: 0.025, slightly_behind: -0.02, seriously_behind: -0.09 }[intent] * better;
  const bound = (v: number) => {
    let out = v;
    if (indicator.nonNegative) out = Math.max(0, out);
    if (percent && indicator.nonNegative) out = Math.min(100, out);
    return out;
  };

  const regionOffsets = new Map(indicator.regions.map((r) => [r, percent ? rng.range(-3, 2) : rng.range(-0.03, 0.03)]));
  const shares = regionShares(ctx, indicator);
  const denominator = ctx.plan.indicators.find((x) => x.code === indicator.ratio?.denominator);
  const weights = denominator === undefined ? shares : regionShares(ctx, denominator);
  const weightTotal = indicator.regions.reduce((t, r) => t + (weights.get(r) ?? 0), 0) || 1;
  const weightedMeanOffset = indicator.regions.reduce((t, r) => t + (weights.get(r) ?? 0) * (regionOffsets.get(r) ?? 0), 0) / weightTotal;
  const out: Draft[] = [];
  for (let year = baseYear; year <= ctx.asOfYear; year++) {
    const lastMonth = year === ctx.asOfYear ? ctx.asOfMonth : 12;
    const reported = reportMonths(indicator, lastMonth);
    // A figure published between two reports (安全高效矿井 截至9月, reported yearly) is a
    // point of the district's history too; leavePublished hands it to the published observation.
    const between = [...knotPeriods].filter((p) => p.startsWith(`${year}-`)).map((p) => parsePeriod(p).month).filter((m) => m <= lastMonth && !reported.includes(m));
    for (const month of [...reported, ...between].sort((a, b) => a - b)) {
      const u = year + month / 12;
      const period = formatPeriod(year, month);
      const onlyPublished = between.includes(month);
      let value: number;
      if (whole) value = path(u - (lagMonths * ramp(u)) / 12);
      else value = path(u) * (1 + factor * ramp(u));
      if (indicator.kind === 'ratio' && !onlyPublished) {
        const noise = rng.normal(indicator.nonNegative ? 0.004 : 0.5);
        if (!knotPeriods.has(period)) value = indicator.nonNegative ? value * (1 + noise) : value + noise;
      }
      value = bound(value);
      const basis: Basis = indicator.kind === 'ratio' ? indicator.basis : 'month';
      if (onlyPublished) {
        out.push({ indicator: indicator.code, region: ctx.district, period, basis, value: fmt(value, places) });
        continue;
      }
      if (indicator.districtReported) {
        out.push({ indicator: indicator.code, region: ctx.district, period, basis, value: fmt(value, places) });
      }
      // At a published figure the towns' ratios centre on it, weighted as their denominators add up.
      const centre = knotPeriods.has(period) && indicator.kind === 'ratio' ? weightedMeanOffset : 0;
      for (const region of indicator.regions) {
        let regional: number;
        if (indicator.kind === 'ratio') {
          const offset = (regionOffsets.get(region) ?? 0) - centre;
          regional = percent ? value + offset : value * (1 + offset);
        } else {
          regional = value * (shares.get(region) ?? 0);
        }
        out.push({ indicator: indicator.code, region, period, basis, value: fmt(bound(regional), places) });
      }
    }
  }
  return out;
}

/** numerator = denominator × ratio (÷ 100 for %); the ratio is then restated from the two. */
function deriveNumerator(
  plan: NormalizedPlan,
  numeratorCode: string,
  ratio: PlanIndicator,
  byIndicator: Map<string, Draft[]>,
): Draft[] {
  const denominatorCode = ratio.ratio?.denominator ?? '';
  const denominators = new Map((byIndicator.get(denominatorCode) ?? []).map((d) => [`${d.region}|${d.period}`, d]));
  const numerator = plan.indicators.find((x) => x.code === numeratorCode);
  const places = numerator === undefined ? 2 : decimals(numerator);
  const scale = ratio.dimension === 'percent' ? 100 : 1;
  const out: Draft[] = [];
  for (const r of byIndicator.get(ratio.code) ?? []) {
    const den = denominators.get(`${r.region}|${r.period}`);
    if (den === undefined) continue;
    const denValue = Number(den.value);
    const numValue = Number(fmt((denValue * Number(r.value)) / scale, places));
    out.push({ indicator: numeratorCode, region: r.region, period: r.period, basis: 'month', value: fmt(numValue, places) });
    if (denValue > 0) r.value = fmt((numValue / denValue) * scale, 2);
  }
  return out;
}

// ── gaps in the towns' reporting ────────────────────────────────────────────────────────────

function pickFlow(ctx: Context, preferred: string, accept: (x: PlanIndicator) => boolean): PlanIndicator | undefined {
  const candidates = ctx.plan.indicators.filter((x) => x.kind === 'flow' && x.frequency === 'monthly' && x.regions.length > 0 && accept(x));
  return candidates.find((x) => x.code === preferred) ?? candidates[0];
}

/**
 * One town misses a month of a sum-of-towns flow (coal output: the district sum is then
 * incomplete), and one town reports two months as one 当月 figure (spanStart).
 */
function townGaps(ctx: Context, byIndicator: Map<string, Draft[]>, intended: SampleData['intended']): void {
  const rng = sampleRng(ctx.seed, 'gaps');
  const first = formatPeriod(ctx.plan.plan.baseYear, 3);

  const missed = pickFlow(ctx, 'coal_output', (x) => !x.districtReported && x.basis === 'month');
  if (missed !== undefined) {
    let period = addMonths(ctx.asOf, -2);
    if (missed.janFebCombined && parsePeriod(period).month <= 2) period = formatPeriod(ctx.asOfYear - 1, 11);
    const region = rng.shuffle(missed.regions)[0];
    const list = byIndicator.get(missed.code) ?? [];
    const index = list.findIndex((d) => d.region === region && d.period === period);
    if (region !== undefined && comparePeriods(period, first) >= 0 && index >= 0) {
      list.splice(index, 1);
      intended.missing.push({ indicator: missed.code, region, period, reason: 'town_missed_month' });
    }
  }

  const spanned = pickFlow(
    ctx,
    'gangue_utilized',
    (x) => x.code !== missed?.code && x.basis === 'month' && !x.janFebCombined,
  );
  if (spanned !== undefined) {
    let from = addMonths(ctx.asOf, -3);
    let to = addMonths(ctx.asOf, -2);
    if (parsePeriod(from).year !== parsePeriod(to).year) {
      from = formatPeriod(ctx.asOfYear - 1, 10);
      to = formatPeriod(ctx.asOfYear - 1, 11);
    }
    const region = rng.shuffle(spanned.regions)[0];
    const list = byIndicator.get(spanned.code) ?? [];
    const early = list.findIndex((d) => d.region === region && d.period === from);
    const late = list.find((d) => d.region === region && d.period === to);
    if (region !== undefined && comparePeriods(from, formatPeriod(ctx.plan.plan.baseYear, 1)) >= 0 && early >= 0 && late !== undefined) {
      const [removed] = list.splice(early, 1);
      late.value = sum([removed?.value ?? '0', late.value]);
      late.spanStart = from;
      intended.spans.push({ indicator: spanned.code, region, spanStart: from, period: to });
    }
  }
}

// ── published figures ───────────────────────────────────────────────────────────────────────

/**
 * Leaves each figure a source published to its published observation, recording what the
 * sample's own history says at that period — resolved as the product resolves a figure, so a
 * district rolled up from its towns is checked through its towns.
 */
function leavePublished(ctx: Context, drafts: Draft[], intended: SampleData['intended']): Draft[] {
  if (ctx.plan.published.length === 0) return drafts;
  const index = new FigureIndex(
    drafts.map((d) => ({
      indicatorCode: d.indicator,
      regionCode: d.region,
      period: d.period,
      basis: d.basis,
      spanStart: d.spanStart ?? null,
      value: d.value,
      sample: true,
      provisional: false,
    })),
  );
  const key = (x: { indicator: string; region: string; period: Period; basis: Basis }) => `${x.indicator}|${x.region}|${x.period}|${x.basis}`;
  for (const figure of ctx.plan.published) {
    const indicator = ctx.plan.indicators.find((x) => x.code === figure.indicator);
    if (indicator === undefined) continue;
    const resolved = resolveValue(
      {
        code: indicator.code,
        name: indicator.name,
        unit: indicator.unit,
        kind: indicator.kind,
        frequency: indicator.frequency,
        direction: indicator.direction,
        departmentCode: indicator.department,
        departmentName: indicator.department,
        chainCode: indicator.chain,
        thresholds: indicator.thresholds,
        weight: indicator.weight,
        regionCodes: indicator.regions,
        // Only the value is resolved here, never judged like for like.
        shares: null,
        numeratorCode: indicator.ratio?.numerator ?? null,
        denominatorCode: indicator.ratio?.denominator ?? null,
      },
      figure.region,
      ctx.district,
      figure.period,
      index,
    );
    intended.published.push({
      indicator: figure.indicator,
      region: figure.region,
      period: figure.period,
      published: figure.value,
      sample: resolved.period === figure.period ? resolved.value : null,
    });
  }
  const taken = new Set(ctx.plan.published.map(key));
  return drafts.filter((d) => !taken.has(key(d)));
}

// ── review status ───────────────────────────────────────────────────────────────────────────

/**
 * Everything is approved except the latest month: among bureaus with figures due then, one
 * has only submitted them (and its previous month is still unapproved too — clearly late),
 * one more has submitted, one holds drafts, one has sent nothing; among towns/zones one has
 * sent nothing, one has submitted, one holds a draft.
 */
function applyReviewStatus(ctx: Context, drafts: Draft[], intended: SampleData['intended']): SampleObservation[] {
  const rng = sampleRng(ctx.seed, 'review');
  const { plan, asOf } = ctx;
  const previous = addMonths(asOf, -1);
  const indicatorDept = new Map(plan.indicators.map((x) => [x.code, x.department]));
  const regionDept = new Map(
    plan.departments.filter((d) => d.kind !== 'bureau').map((d) => [d.region, d.code] as const),
  );
  const ownerOf = (d: Draft) =>
    d.region === ctx.district ? (indicatorDept.get(d.indicator) ?? '') : (regionDept.get(d.region) ?? indicatorDept.get(d.indicator) ?? '');
  const deptOrder = new Map(plan.departments.map((d, i) => [d.code, i]));
  const byOrder = (a: string, b: string) => (deptOrder.get(a) ?? 0) - (deptOrder.get(b) ?? 0);

  const latest = drafts.filter((d) => d.period === asOf);
  const bureaus = [...new Set(latest.filter((d) => d.region === ctx.district).map(ownerOf))].sort(byOrder);
  const towns = [...new Set(latest.filter((d) => d.region !== ctx.district).map(ownerOf))].sort(byOrder);
  const outcome = new Map<string, SampleObservationStatus | 'missing'>();
  const shuffledBureaus = rng.shuffle(bureaus);
  shuffledBureaus.forEach((code, i) => outcome.set(code, (['submitted', 'submitted', 'draft', 'missing'] as const)[i] ?? 'approved'));
  rng.shuffle(towns.filter((code) => !outcome.has(code))).forEach((code, i) =>
    outcome.set(code, (['missing', 'submitted', 'draft'] as const)[i] ?? 'approved'),
  );
  /** The first bureau only submitted its latest month, and its month before is still unapproved. */
  const clearlyLate = shuffledBureaus[0];

  for (const [code, status] of [...outcome.entries()].sort(([a], [b]) => byOrder(a, b))) {
    intended.latestByDepartment[code] = status;
  }

  const out: SampleObservation[] = [];
  for (const d of drafts) {
    const owner = ownerOf(d);
    let status: SampleObservationStatus = 'approved';
    if (d.period === asOf) {
      const s = outcome.get(owner) ?? 'approved';
      if (s === 'missing') {
        intended.missing.push({ indicator: d.indicator, region: d.region, period: d.period, reason: 'not_reported_yet' });
        continue;
      }
      status = s;
    } else if (d.period === previous && owner === clearlyLate && d.region === ctx.district) {
      status = 'submitted';
    }
    const observation: SampleObservation = {
      indicator: d.indicator,
      region: d.region,
      period: d.period,
      basis: d.basis,
      value: d.value,
      status,
    };
    if (d.spanStart !== undefined) observation.spanStart = d.spanStart;
    out.push(observation);
  }
  return out;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
