/**
 * Data freshness: which indicators (and, for a district figure summed from towns, which towns)
 * have not had their expected period approved by its deadline. One definition for the overview,
 * the monthly briefing and the late-submission alert rule.
 */
import type { FreshnessEntry, LateDepartment } from '../api/contracts.js';
import type { Frequency, Period } from '../domain/types.js';
import { addMonths, parsePeriod } from '../periods/periods.js';
import { isLate, latestDuePeriod } from './reporting-calendar.js';

export interface FreshnessIndicator {
  code: string;
  name: string;
  departmentCode: string;
  departmentName: string;
  frequency: Frequency;
  deadlineDay: number;
  /** Published for January and February together (1–2月): January is never due on its own. */
  janFebCombined: boolean;
  /** The regions whose figures sum to the district's (empty: the district figure is reported as such). */
  regionCodes: readonly string[];
}

/** indicator code → region code → a period: the latest approved one, or the first month missing. */
export type PeriodsByFigure = ReadonlyMap<string, ReadonlyMap<string, Period>>;

const latestOf = (periods: Iterable<Period>): Period | null => [...periods].sort().at(-1) ?? null;

/**
 * The last period the district's figure is complete through: its own report, or the month every
 * town has reached (towns report month after month, so the earliest town bounds the sum).
 */
function completeThrough(indicator: FreshnessIndicator, byRegion: ReadonlyMap<string, Period>, districtCode: string): Period | null {
  if (indicator.regionCodes.length === 0) return latestOf(byRegion.values());
  const towns = indicator.regionCodes.map((code) => byRegion.get(code) ?? null);
  const allTowns = towns.includes(null) ? null : ([...towns] as Period[]).sort()[0]!;
  return latestOf([byRegion.get(districtCode), allTowns].filter((p): p is Period => !!p));
}

export function assessFreshness(input: {
  indicators: readonly FreshnessIndicator[];
  districtCode: string;
  latestApproved: PeriodsByFigure;
  /**
   * A town's first month missing before its latest report (monthly values with a hole: its
   * year-to-date, and so the district's sum, stops there). The town counts as reported up to
   * the month before it.
   */
  firstMissing?: PeriodsByFigure;
  now: Date;
}): { indicators: FreshnessEntry[]; lateDepartments: LateDepartment[] } {
  const { now } = input;
  const entries: FreshnessEntry[] = [];
  const late = new Map<string, LateDepartment>();
  for (const indicator of input.indicators) {
    const approved = input.latestApproved.get(indicator.code) ?? new Map<string, Period>();
    const holes = input.firstMissing?.get(indicator.code) ?? new Map<string, Period>();
    const byRegion = new Map(approved);
    for (const [region, missing] of holes) byRegion.set(region, addMonths(missing, -1));
    const publication = { janFebCombined: indicator.janFebCombined };
    const isBehind = (period: Period | null) => isLate(period, indicator.frequency, now, indicator.deadlineDay, publication);
    const complete = completeThrough(indicator, byRegion, input.districtCode);
    const entryLate = isBehind(complete);
    const behindTowns = indicator.regionCodes.filter((code) => isBehind(byRegion.get(code) ?? null));
    // Towns are named when the sum is what is missing: some towns are in (or one has a hole in
    // what it sent), the district's own figure is not. All of them behind alike says nothing more.
    const lateRegions =
      entryLate && (behindTowns.length < indicator.regionCodes.length || holes.size > 0)
        ? behindTowns.map((regionCode) => ({ regionCode, latestApproved: approved.get(regionCode) ?? null, missingFrom: holes.get(regionCode) ?? null }))
        : [];
    entries.push({
      indicatorCode: indicator.code,
      indicatorName: indicator.name,
      departmentCode: indicator.departmentCode,
      latestApproved: latestOf(approved.values()),
      completeThrough: complete,
      late: entryLate,
      lateRegions,
    });
    if (!entryLate) continue;
    const department = late.get(indicator.departmentCode) ?? {
      code: indicator.departmentCode,
      name: indicator.departmentName,
      indicators: [],
      expectedPeriod: latestDuePeriod(indicator.frequency, now, indicator.deadlineDay, publication),
    };
    department.indicators.push(indicator.code);
    late.set(indicator.departmentCode, department);
  }
  return { indicators: entries, lateDepartments: [...late.values()] };
}

/** The towns a late sum waits for, for a sentence: "（缺西火镇8月、八义镇）" (a hole names its month); "" when none. */
export function lateTownsText(towns: FreshnessEntry['lateRegions'], regionName: (code: string) => string): string {
  if (towns.length === 0) return '';
  const parts = towns.map((t) => `${regionName(t.regionCode)}${t.missingFrom ? `${parsePeriod(t.missingFrom).month}月` : ''}`);
  return `（缺${parts.join('、')}）`;
}
