/**
 * One implementation of the checks a reported figure goes through, for every path a figure
 * comes in by (upload, online entry, the inbox, HTTP and SQL sources): the comparisons a
 * reviewer reads (上月, 上年同期, 环比, 同比, 占全区比重) and the rule hits, hard (refused) or
 * soft (needs a 说明). Pure: the caller loads the stored figures `checkDataWindow` names.
 */
import type { Basis, DecimalString, Frequency, IndicatorKind, Period } from '../domain/types.js';
import { isReportingMonth, previousReportingPeriod } from '../access/reporting-scope.js';
import { addMonths, parsePeriod, periodRange } from '../periods/periods.js';
import { Derived } from '../units/decimal.js';
import { unitScaledBy } from '../units/units.js';
import { CHECK_RULES, type CheckLevel, type CheckRule, type CheckRules } from './check-rules.js';
import { hasExplanation } from './explanation.js';

export interface CheckedIndicator {
  code: string;
  unit: string;
  kind: IndicatorKind;
  frequency: Frequency;
  nonNegative: boolean;
  janFebCombined: boolean;
  /** Regions below the district the indicator is reported for (their figures add up to the district's). */
  regionCodes: readonly string[];
  checks: CheckRules;
}

export interface FigureToCheck {
  indicator: string;
  region: string;
  period: Period;
  basis: Basis;
  value: DecimalString;
  /** First month of a value spanning several months (1–2月). */
  spanStart?: Period | null;
  /** The row's note: the 说明 of a soft hit. */
  note?: string | null;
}

/** A figure already in the database: in force, or waiting for review. */
export interface StoredFigure {
  indicator: string;
  region: string;
  period: Period;
  basis: Basis;
  value: DecimalString;
  spanStart: Period | null;
  status: 'approved' | 'submitted';
}

export interface CheckContext {
  districtCode: string;
  indicators: ReadonlyMap<string, CheckedIndicator>;
  /** The stored figures of `checkDataWindow`'s indicators and months. */
  stored: readonly StoredFigure[];
}

export interface ComparedFigure {
  period: Period;
  value: DecimalString;
  spanStart: Period | null;
}

/** 上月 / 上季度 / 上年, or the 1–2月 figure a March is compared with. */
export interface PreviousFigure extends ComparedFigure {
  label: string;
}

export interface RegionShare {
  /** The region's share of the district, in percent, one decimal. */
  pct: number;
  /** The range of its share over the last twelve months with every region reported; null with fewer than three such months. */
  usualMinPct: number | null;
  usualMaxPct: number | null;
  /** Some other region has not reported the period: its figure is taken from last year or its latest report. */
  estimated: boolean;
}

/** What a reviewer compares a figure with. */
export interface FigureComparisons {
  previous: PreviousFigure | null;
  lastYear: ComparedFigure | null;
  /** 环比 in percent (one decimal); null when not comparable (a year-to-date flow, a 1–2月 span, a zero before). */
  monthOnMonthPct: number | null;
  /** 同比 in percent (one decimal). */
  yearOnYearPct: number | null;
  share: RegionShare | null;
}

export interface CheckHit {
  rule: CheckRule;
  level: CheckLevel;
  /** Chinese, for the reporter and the reviewer. */
  message: string;
  comparedPeriod?: Period;
  comparedValue?: DecimalString;
  /** Relative change in percent, one decimal; null when the compared value is zero. */
  changePct?: number | null;
}

export interface FigureCheck {
  comparisons: FigureComparisons;
  /** Hard hits first, then soft ones. */
  hits: CheckHit[];
  /** A hard hit: 强制性审核 refuses the row. */
  refused: boolean;
  /** A soft hit and no 说明 (at least a few characters) in the note. */
  needsExplanation: boolean;
}

/** How far back the checks look: the previous period, last year, and twelve months of shares and magnitudes. */
const HISTORY_MONTHS = 13;

/** The stored figures `checkFigures` needs: these indicators, from `from` to `to` (both bases, every region). */
export function checkDataWindow(figures: readonly FigureToCheck[]): { indicatorCodes: string[]; from: Period; to: Period } | null {
  if (figures.length === 0) return null;
  const periods = figures.map((f) => f.period).sort();
  return { indicatorCodes: [...new Set(figures.map((f) => f.indicator))].sort(), from: addMonths(periods[0]!, -HISTORY_MONTHS), to: periods.at(-1)! };
}

const PREVIOUS_LABEL: Record<Frequency, string> = { monthly: '上月', quarterly: '上季度', annual: '上年' };

const key = (indicator: string, region: string, period: string, basis: string) => `${indicator}|${region}|${period}|${basis}`;
const round1 = (n: number) => Math.round(n * 10) / 10;
/** A derived number as the messages write it: at most four decimals. */
const plain = (n: number) => String(Math.round(n * 10_000) / 10_000);

/** Relative change in percent, one decimal; null when `before` is zero. */
function changePct(now: DecimalString, before: number): number | null {
  if (before === 0) return null;
  return round1(new Derived(now).minus(before).div(Math.abs(before)).times(100).toNumber());
}

/** What the month-on-month comparison sees of the previous figure: a 1–2月 flow by its monthly average. */
function previousFigure(indicator: CheckedIndicator, previous: ComparedFigure): { label: string; where: string; shown: string; before: number } {
  const months = previous.spanStart ? periodRange(previous.spanStart, previous.period).length : 1;
  const asIs = (label: string, where: string) => ({ label, where, shown: `${where}：${previous.value}`, before: Number(previous.value) });
  if (indicator.frequency !== 'monthly' || months <= 1) return asIs(PREVIOUS_LABEL[indicator.frequency], previous.period);
  const start = parsePeriod(previous.spanStart!);
  const end = parsePeriod(previous.period);
  const span = `${start.month}-${end.month}月`;
  const where = `${end.year}年${span}`;
  if (indicator.kind !== 'flow') return asIs(span, where);
  const average = Number(previous.value) / months;
  return { label: `${span}月均`, where, shown: `${where}合计${previous.value}，月均${plain(average)}`, before: average };
}

function jumpHit(rule: 'month_on_month' | 'year_on_year', setting: { pct: number; level: CheckLevel }, value: DecimalString, label: string, compared: { period: Period; where: string; shown: string; before: number }, comparedValue: DecimalString): CheckHit | null {
  const base = { rule, level: setting.level, comparedPeriod: compared.period, comparedValue };
  if (compared.before === 0) {
    return Number(value) === 0 ? null : { ...base, changePct: null, message: `${label}（${compared.where}）为0，本期为${value}，请核实` };
  }
  const pct = changePct(value, compared.before)!;
  if (Math.abs(pct) <= setting.pct) return null;
  return { ...base, changePct: pct, message: `较${label}（${compared.shown}）${pct > 0 ? '增长' : '下降'}${Math.abs(pct)}%，超出±${setting.pct}%的核实范围` };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A value ≥ factor × (or ≤ 1/factor of) the usual one: names the unit it was most likely typed in. */
function magnitudeHit(indicator: CheckedIndicator, setting: { factor: number; level: CheckLevel }, value: DecimalString, usual: number | null): CheckHit | null {
  const now = Number(value);
  if (usual === null || usual <= 0 || now <= 0) return null;
  const ratio = now / usual;
  if (ratio < setting.factor && ratio > 1 / setting.factor) return null;
  const shift = Math.round(Math.log10(ratio));
  const likely = unitScaledBy(indicator.unit, -shift);
  const times = ratio >= 1 ? `约为常见值（近期中位数${plain(usual)}${indicator.unit}）的${plain(round1(ratio))}倍` : `约为常见值（近期中位数${plain(usual)}${indicator.unit}）的${plain(round1(1 / ratio))}分之一`;
  const guess = likely ? `，疑似以${likely}填报（应以${indicator.unit}填报）` : '，疑似单位或数量级有误';
  return { rule: 'magnitude', level: setting.level, message: `${value}${indicator.unit}${times}${guess}` };
}

/**
 * Checks each figure against what is stored and against the other figures checked with it
 * (a bureau reporting every town at once: their shares use each other's new values). Same order as `figures`.
 */
export function checkFigures(figures: readonly FigureToCheck[], context: CheckContext): FigureCheck[] {
  const approved = new Map<string, StoredFigure>();
  const current = new Map<string, DecimalString>();
  for (const s of context.stored) {
    const k = key(s.indicator, s.region, s.period, s.basis);
    if (s.status === 'approved') approved.set(k, s);
    current.set(k, s.status === 'submitted' || !current.has(k) ? s.value : current.get(k)!);
  }
  for (const f of figures) current.set(key(f.indicator, f.region, f.period, f.basis), f.value);
  return figures.map((figure) => checkOne(figure, context, approved, current));
}

function checkOne(figure: FigureToCheck, context: CheckContext, approved: Map<string, StoredFigure>, current: Map<string, DecimalString>): FigureCheck {
  const none: FigureComparisons = { previous: null, lastYear: null, monthOnMonthPct: null, yearOnYearPct: null, share: null };
  const indicator = context.indicators.get(figure.indicator);
  if (!indicator) return { comparisons: none, hits: [], refused: false, needsExplanation: false };
  const rules = indicator.checks;
  const stored = (period: Period, basis: Basis = figure.basis, region = figure.region) => approved.get(key(figure.indicator, region, period, basis));
  const ytdFlow = figure.basis === 'ytd' && indicator.kind === 'flow';
  const hits: CheckHit[] = [];

  // 上月 (上季度): an annual figure's previous period is last year, compared once below.
  const previousStored = indicator.frequency === 'annual' ? undefined : stored(previousReportingPeriod(indicator.frequency, figure.period));
  const lastYearStored = stored(addMonths(figure.period, -12));
  let previous: PreviousFigure | null = null;
  let monthOnMonthPct: number | null = null;
  if (previousStored) {
    const seen = previousFigure(indicator, previousStored);
    previous = { period: previousStored.period, value: previousStored.value, spanStart: previousStored.spanStart, label: seen.label };
    if (!ytdFlow && !figure.spanStart) {
      monthOnMonthPct = changePct(figure.value, seen.before);
      const hit = rules.monthOnMonth && jumpHit('month_on_month', rules.monthOnMonth, figure.value, seen.label, { period: previousStored.period, ...seen }, seen.label.endsWith('月均') ? plain(seen.before) : previousStored.value);
      if (hit) hits.push(hit);
    }
  }
  let yearOnYearPct: number | null = null;
  if (lastYearStored) {
    yearOnYearPct = changePct(figure.value, Number(lastYearStored.value));
    const compared = { period: lastYearStored.period, where: lastYearStored.period, shown: `${lastYearStored.period}：${lastYearStored.value}`, before: Number(lastYearStored.value) };
    const hit = rules.yearOnYear && jumpHit('year_on_year', rules.yearOnYear, figure.value, '上年同期', compared, lastYearStored.value);
    if (hit) hits.push(hit);
  }

  // A year-to-date flow never falls within a year: below the month before, this month is negative.
  const { month } = parsePeriod(figure.period);
  const before = previousReportingPeriod(indicator.frequency, figure.period);
  const beforeYtd = ytdFlow && indicator.nonNegative && month > 1 && parsePeriod(before).year === parsePeriod(figure.period).year ? stored(before, 'ytd') : undefined;
  if (rules.negativeMonth && beforeYtd && new Derived(figure.value).lt(beforeYtd.value)) {
    hits.push({
      rule: 'negative_month',
      level: rules.negativeMonth.level,
      message: `累计值${figure.value}小于${PREVIOUS_LABEL[indicator.frequency]}累计${beforeYtd.value}（已入库数据），本期当月值将为负数`,
      comparedPeriod: beforeYtd.period,
      comparedValue: beforeYtd.value,
    });
  }

  // Magnitude: against the median of the last twelve months' figures.
  const recent = periodRange(addMonths(figure.period, -HISTORY_MONTHS + 1), addMonths(figure.period, -1))
    .map((p) => stored(p))
    .filter((s): s is StoredFigure => s !== undefined && Number(s.value) > 0)
    .map((s) => Number(s.value));
  const magnitude = rules.magnitude && magnitudeHit(indicator, rules.magnitude, figure.value, median(recent));
  if (magnitude) hits.push(magnitude);

  const share = regionShare(figure, indicator, context, stored, current);
  if (share && rules.regionShare && share.usualMinPct !== null && share.usualMaxPct !== null) {
    const low = round1(share.usualMinPct - rules.regionShare.tolerancePp);
    const high = round1(share.usualMaxPct + rules.regionShare.tolerancePp);
    if (share.pct < low || share.pct > high) {
      hits.push({
        rule: 'region_share',
        level: rules.regionShare.level,
        message: `占全区比重${share.pct}%，超出近期通常范围${share.usualMinPct}%–${share.usualMaxPct}%（±${rules.regionShare.tolerancePp}个百分点）${share.estimated ? '；未报地区按上年同期或最近一期估算' : ''}`,
      });
    }
  }

  hits.sort((a, b) => Number(a.level === 'soft') - Number(b.level === 'soft') || CHECK_RULES.indexOf(a.rule) - CHECK_RULES.indexOf(b.rule));
  const soft = hits.some((h) => h.level === 'soft');
  return {
    comparisons: { previous, lastYear: lastYearStored ? { period: lastYearStored.period, value: lastYearStored.value, spanStart: lastYearStored.spanStart } : null, monthOnMonthPct, yearOnYearPct, share },
    hits,
    refused: hits.some((h) => h.level === 'hard'),
    needsExplanation: soft && !hasExplanation(figure.note),
  };
}

/**
 * A region's share of the district sum: its value over its own plus every other listed region's
 * figure for the period (checked with it, waiting for review or in force). A region that has not
 * reported is taken at its figure last year (a flow) or its latest one (a stock), and the share
 * is marked estimated; with neither, no share. Its usual range: the shares of the last twelve
 * months in which every region's figure is in force.
 */
function regionShare(
  figure: FigureToCheck,
  indicator: CheckedIndicator,
  context: CheckContext,
  stored: (period: Period, basis?: Basis, region?: string) => StoredFigure | undefined,
  current: Map<string, DecimalString>,
): RegionShare | null {
  if (indicator.kind === 'ratio' || figure.region === context.districtCode || !indicator.regionCodes.includes(figure.region) || indicator.regionCodes.length < 2) return null;
  const others = indicator.regionCodes.filter((r) => r !== figure.region);
  const earlier = periodRange(addMonths(figure.period, -HISTORY_MONTHS + 1), addMonths(figure.period, -1)).reverse();
  let estimated = false;
  let total = new Derived(figure.value);
  for (const region of others) {
    const now = current.get(key(figure.indicator, region, figure.period, figure.basis));
    if (now !== undefined) {
      total = total.plus(now);
      continue;
    }
    const lastYear = stored(addMonths(figure.period, -12), figure.basis, region);
    const latest = earlier.map((p) => stored(p, figure.basis, region)).find((s) => s !== undefined);
    const estimate = indicator.kind === 'flow' ? (lastYear ?? latest) : (latest ?? lastYear);
    if (!estimate) return null;
    estimated = true;
    total = total.plus(estimate.value);
  }
  if (total.lte(0)) return null;
  const usual: number[] = [];
  for (const period of earlier) {
    if (!isReportingMonth(indicator.frequency, period, indicator.janFebCombined)) continue;
    const values = indicator.regionCodes.map((r) => stored(period, figure.basis, r));
    if (values.some((v) => v === undefined)) continue;
    const sum = values.reduce((s, v) => s.plus(v!.value), new Derived(0));
    if (sum.lte(0)) continue;
    usual.push(round1(new Derived(stored(period, figure.basis)!.value).div(sum).times(100).toNumber()));
  }
  const enough = usual.length >= 3;
  return {
    pct: round1(new Derived(figure.value).div(total).times(100).toNumber()),
    usualMinPct: enough ? Math.min(...usual) : null,
    usualMaxPct: enough ? Math.max(...usual) : null,
    estimated,
  };
}
