import type { DecimalString, Period } from '../domain/types.js';
import { addMonths, formatPeriod, parsePeriod } from '../periods/periods.js';
import { rollupRegions } from '../rollup/rollup.js';
import { latestStock, sumAcrossRegions } from '../series/aggregate.js';
import { buildFlowYear } from '../series/flow-year.js';
import type { AssessedIndicator, Figure } from './assessment.types.js';

/** A value as of a month, with where it came from. */
export interface ResolvedValue {
  value: DecimalString | null;
  /** The month the value is as of (flows: the YTD month; stocks/ratios: the latest report). */
  period: Period | null;
  incomplete: boolean;
  missingRegions: string[];
  sample: boolean;
  provisional: boolean;
}

const NONE: ResolvedValue = { value: null, period: null, incomplete: false, missingRegions: [], sample: false, provisional: false };

/** One indicator's figures per region, and its flow years (per `${region}|${year}`) as built. */
interface IndicatorFigures {
  byRegion: Map<string, Figure[]>;
  flowYears: Map<string, (DecimalString | null)[]>;
}

/** Figures grouped by indicator and region, with each flow year built once however often it is asked. */
export class FigureIndex {
  private readonly byIndicator = new Map<string, IndicatorFigures>();
  constructor(figures: Iterable<Figure>) {
    this.add(figures);
  }

  private add(figures: Iterable<Figure>): void {
    for (const figure of figures) {
      let entry = this.byIndicator.get(figure.indicatorCode);
      if (!entry) {
        entry = { byRegion: new Map(), flowYears: new Map() };
        this.byIndicator.set(figure.indicatorCode, entry);
      }
      const list = entry.byRegion.get(figure.regionCode);
      if (list) list.push(figure);
      else entry.byRegion.set(figure.regionCode, [figure]);
    }
  }

  /**
   * The index that `new FigureIndex` would build with every figure of `indicatorCodes` replaced
   * by `figures` (of those indicators only, in the order a full read would give them). The other
   * indicators' entries and their built flow years are shared, not rebuilt; this index is left as
   * it was, so answers computed from it stay valid.
   */
  replacing(indicatorCodes: Iterable<string>, figures: Iterable<Figure>): FigureIndex {
    const replaced = new Set(indicatorCodes);
    const own = [...figures];
    const stranger = own.find((figure) => !replaced.has(figure.indicatorCode));
    // Appending to a shared entry would change the answers of this index too.
    if (stranger) throw new RangeError(`figure of ${stranger.indicatorCode} is not among the replaced indicators`);
    const next = new FigureIndex([]);
    for (const [code, entry] of this.byIndicator) if (!replaced.has(code)) next.byIndicator.set(code, entry);
    next.add(own);
    return next;
  }

  of(indicatorCode: string, regionCode: string): readonly Figure[] {
    return this.byIndicator.get(indicatorCode)?.byRegion.get(regionCode) ?? [];
  }
  /** A region's own YTD of a flow at `month` of `year`, or null (never invented). */
  flowYtd(indicatorCode: string, regionCode: string, year: number, month: number): DecimalString | null {
    const entry = this.byIndicator.get(indicatorCode);
    if (!entry) return null;
    const key = `${regionCode}|${year}`;
    let ytd = entry.flowYears.get(key);
    if (!ytd) {
      ytd = buildYtd(this.of(indicatorCode, regionCode), year);
      entry.flowYears.set(key, ytd);
    }
    return ytd[month - 1] ?? null;
  }
  /**
   * The first month a region's year-to-date cannot be told, when that hole also hides its latest
   * report's year-to-date (monthly values with a month missing); null when the latest YTD stands.
   * January alone is no hole when February's YTD covers it (1–2月 published together).
   */
  firstMissingMonth(indicatorCode: string, regionCode: string, latestReport: Period): Period | null {
    const { year, month: last } = parsePeriod(latestReport);
    if (this.flowYtd(indicatorCode, regionCode, year, last) !== null) return null;
    for (let month = 1; month <= last; month += 1) {
      if (this.flowYtd(indicatorCode, regionCode, year, month) !== null) continue;
      if (month === 1 && last > 1 && this.flowYtd(indicatorCode, regionCode, year, 2) !== null) continue;
      return formatPeriod(year, month);
    }
    return null;
  }
}

function flags(figures: readonly Figure[]) {
  return { sample: figures.some((f) => f.sample), provisional: figures.some((f) => f.provisional) };
}

function buildYtd(figures: readonly Figure[], year: number): (DecimalString | null)[] {
  const inYear = figures.filter((f) => f.period.startsWith(`${year}-`));
  if (inYear.length === 0) return [];
  const built = buildFlowYear(
    year,
    inYear.map((f) => ({ period: f.period, basis: f.basis, value: f.value, ...(f.spanStart ? { spanStart: f.spanStart } : {}) })),
  );
  return built.ytd.map((point) => point.value);
}

/**
 * A stock's or ratio's latest report as of `asOf`, as long as it is at most a year old: an
 * annual figure of December stands until the next December is reported.
 */
function levelAsOf(figures: readonly Figure[], asOf: Period): { value: DecimalString; period: Period } | null {
  const oldest = addMonths(asOf, -12);
  const latest = latestStock(
    figures.filter((f) => f.period >= oldest && f.period <= asOf).map((f) => ({ period: f.period, value: f.value })),
    asOf,
  );
  return latest && { value: latest.value, period: latest.period };
}

/**
 * The figure of `indicator` in `regionCode` as of `asOf`, following DOMAIN.md: a reported
 * district figure wins over the sum of its regions; a sum with a region missing is incomplete;
 * flows are YTD (the latest month with data at or before asOf), stocks the latest value,
 * ratios never summed but Σnumerator/Σdenominator when both parts are indicators.
 */
export function resolveValue(
  indicator: AssessedIndicator,
  regionCode: string,
  districtCode: string,
  asOf: Period,
  index: FigureIndex,
): ResolvedValue {
  const own = index.of(indicator.code, regionCode);
  const rollsUp = regionCode === districtCode && indicator.regionCodes.length > 0;
  const { year, month } = parsePeriod(asOf);

  if (indicator.kind === 'flow') {
    for (let m = month; m >= 1; m -= 1) {
      const reported = index.flowYtd(indicator.code, regionCode, year, m);
      if (!rollsUp) {
        if (reported !== null) return { value: reported, period: formatPeriod(year, m), incomplete: false, missingRegions: [], ...flags(own) };
        continue;
      }
      const parts = indicator.regionCodes.map((region) => ({ region, value: index.flowYtd(indicator.code, region, year, m) }));
      if (reported === null && parts.every((p) => p.value === null)) continue;
      const rolled = rollupRegions({ kind: 'flow', districtReported: reported, parts });
      const used = reported !== null ? own : indicator.regionCodes.flatMap((r) => index.of(indicator.code, r));
      return { value: rolled.value, period: formatPeriod(year, m), incomplete: rolled.incomplete, missingRegions: rolled.missingRegions, ...flags(used) };
    }
    return NONE;
  }

  const reported = levelAsOf(own, asOf);
  if (!rollsUp || reported) {
    return reported ? { ...reported, incomplete: false, missingRegions: [], ...flags(own) } : NONE;
  }
  if (indicator.kind === 'stock') {
    const parts = indicator.regionCodes.map((region) => ({ region, level: levelAsOf(index.of(indicator.code, region), asOf) }));
    const rolled = rollupRegions({ kind: 'stock', parts: parts.map((p) => ({ region: p.region, value: p.level?.value ?? null })) });
    const periods = parts.map((p) => p.level?.period).filter((p): p is Period => !!p).sort();
    return {
      value: rolled.value,
      period: periods.at(-1) ?? null,
      incomplete: rolled.incomplete,
      missingRegions: rolled.missingRegions,
      ...flags(indicator.regionCodes.flatMap((r) => index.of(indicator.code, r))),
    };
  }
  // Ratio: only from its parts, region by region.
  if (!indicator.numeratorCode || !indicator.denominatorCode) return NONE;
  const levels = indicator.regionCodes.map((region) => ({
    region,
    numerator: levelAsOf(index.of(indicator.numeratorCode!, region), asOf),
    denominator: levelAsOf(index.of(indicator.denominatorCode!, region), asOf),
  }));
  const parts = levels.map((l) => ({ region: l.region, value: null, numerator: l.numerator?.value ?? null, denominator: l.denominator?.value ?? null }));
  const rolled = rollupRegions({ kind: 'ratio', parts, ...(indicator.unit === '%' ? { ratioScale: '100' } : {}) });
  const used = indicator.regionCodes.flatMap((r) => [...index.of(indicator.numeratorCode!, r), ...index.of(indicator.denominatorCode!, r)]);
  // As of the latest report among its parts, like a stock: not the month asked for.
  const latestPart = levels.flatMap((l) => [l.numerator?.period, l.denominator?.period]).filter((p): p is Period => !!p).sort().at(-1) ?? null;
  return rolled.value === null
    ? NONE
    : { value: rolled.value, period: latestPart, incomplete: rolled.incomplete, missingRegions: rolled.missingRegions, ...flags(used) };
}

/**
 * The sum of exactly these regions' own figures as of `asOf` — a flow's YTD at that very month,
 * a stock's latest level — or null when any of them has none. It is the like-for-like
 * counterpart of a district sum (the same towns in another month or year), so a district's own
 * report never stands in for it. Ratios are never summed.
 */
export function sumOfRegions(indicator: AssessedIndicator, regions: readonly string[], asOf: Period, index: FigureIndex): DecimalString | null {
  if (regions.length === 0 || indicator.kind === 'ratio') return null;
  const { year, month } = parsePeriod(asOf);
  const values: DecimalString[] = [];
  for (const region of regions) {
    const value =
      indicator.kind === 'flow' ? index.flowYtd(indicator.code, region, year, month) : (levelAsOf(index.of(indicator.code, region), asOf)?.value ?? null);
    if (value === null) return null;
    values.push(value);
  }
  return sumAcrossRegions(values);
}

/** One month of a series: the value as of exactly that month, or null. */
export interface SeriesValue {
  period: Period;
  value: DecimalString | null;
  incomplete: boolean;
}

/**
 * Month-by-month values of one year as `resolveValue` sees them (so a district that is a sum of
 * towns gets the same roll-up in its chart as in its headline): YTD for flows, the latest report
 * of that month for stocks and ratios. A month without its own figure is null, not carried over.
 */
export function yearSeries(
  indicator: AssessedIndicator,
  regionCode: string,
  districtCode: string,
  year: number,
  lastMonth: number,
  index: FigureIndex,
): SeriesValue[] {
  const series: SeriesValue[] = [];
  for (let month = 1; month <= lastMonth; month += 1) {
    const period = formatPeriod(year, month);
    const resolved = resolveValue(indicator, regionCode, districtCode, period, index);
    const exact = resolved.period === period;
    series.push({ period, value: exact ? resolved.value : null, incomplete: exact && resolved.incomplete });
  }
  return series;
}
