/**
 * 红黑榜: the monthly ranking of towns and reporting departments on their figures and their
 * diligence. Per unit and month, four parts on a 0–100 scale:
 * - 报送及时率 (timeliness): share of the figures due that month approved by their deadline;
 * - 一次通过率 (first-time-right): share of the submissions reviewed that month approved without being returned;
 * - 督办按时率 (supervision): 督办 due that month signed within one working day and replied by the deadline (each half);
 * - 指标进度 (progress, towns and zones): the unit's like-for-like composite score of its indicators.
 * The score is the weighted mean of the parts a unit has (weights from the plan file's
 * `ranking:` section); a unit with none has no score and is not ranked.
 */
import type { Frequency, Period } from '../domain/types.js';
import { reportingScope, isReportingMonth, type ScopeIndicator } from '../access/reporting-scope.js';
import type { AccessDepartment } from '../access/access-policy.js';
import { reportingDeadline } from '../calendar/reporting-calendar.js';
import { addMonths } from '../periods/periods.js';
import { SIGN_WITHIN_WORKING_DAYS } from '../supervision/supervision.js';
import { chinaDate } from '../briefing/briefing-text.js';
import { addWorkingDays, type IsoDate, type WorkCalendar } from '../work-calendar/work-calendar.js';

export const RANKING_PARTS = ['timeliness', 'firstTimeRight', 'supervision', 'progress'] as const;
export type RankingPart = (typeof RANKING_PARTS)[number];
export const RANKING_PART_LABELS: Record<RankingPart, string> = {
  timeliness: '报送及时率',
  firstTimeRight: '一次通过率',
  supervision: '督办按时率',
  progress: '指标进度',
};

export type RankingWeights = Record<RankingPart, number>;
/** Used when the plan file has no `ranking:` section. */
export const DEFAULT_RANKING_WEIGHTS: RankingWeights = { timeliness: 30, firstTimeRight: 20, supervision: 20, progress: 30 };
/** How many units the 红榜 and the 黑榜 name. */
export const DEFAULT_RANKING_LIST_SIZE = 3;

export interface RankingConfig {
  weights: RankingWeights;
  listSize: number;
}
export const DEFAULT_RANKING_CONFIG: RankingConfig = { weights: DEFAULT_RANKING_WEIGHTS, listSize: DEFAULT_RANKING_LIST_SIZE };

/** What happened for one unit in one month, counted. */
export interface UnitMonthFacts {
  figuresDue: number;
  figuresOnTime: number;
  /** Days past the deadline, summed over the figures approved late or still missing at the month's end. */
  daysLate: number;
  submissionsReviewed: number;
  submissionsFirstTimeRight: number;
  supervisionsDue: number;
  signedOnTime: number;
  repliedOnTime: number;
  /** Towns and zones: the like-for-like composite score (0–100); null for bureaus or without data. */
  progress: number | null;
}

export type RankingParts = Record<RankingPart, number | null>;

const share = (part: number, whole: number): number | null => (whole > 0 ? (100 * part) / whole : null);

export function rankingParts(f: UnitMonthFacts): RankingParts {
  return {
    timeliness: share(f.figuresOnTime, f.figuresDue),
    firstTimeRight: share(f.submissionsFirstTimeRight, f.submissionsReviewed),
    supervision: share(f.signedOnTime + f.repliedOnTime, 2 * f.supervisionsDue),
    progress: f.progress === null ? null : Math.max(0, Math.min(100, f.progress)),
  };
}

/** The weighted mean of the parts present; null when none is (or every present part weighs 0). */
export function rankingScore(parts: RankingParts, weights: RankingWeights): number | null {
  let sum = 0;
  let weight = 0;
  for (const part of RANKING_PARTS) {
    const value = parts[part];
    if (value === null || weights[part] <= 0) continue;
    sum += weights[part] * value;
    weight += weights[part];
  }
  return weight > 0 ? sum / weight : null;
}

export interface RankedUnit<U extends { code: string; name: string }> {
  unit: U;
  score: number | null;
  /** 1 = best; units with equal scores share a rank; null when not scored. */
  rank: number | null;
}

/** Best first; unscored units last, by name. Scores equal to 0.01 share a rank. */
export function rankUnits<U extends { code: string; name: string }>(scored: ReadonlyArray<{ unit: U; score: number | null }>): Array<RankedUnit<U>> {
  const rounded = (s: number) => Math.round(s * 100) / 100;
  const sorted = [...scored].sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === null && b.score === null ? a.unit.name.localeCompare(b.unit.name, 'zh') : a.score === null ? 1 : -1;
    return rounded(b.score) - rounded(a.score) || a.unit.name.localeCompare(b.unit.name, 'zh');
  });
  let rank = 0;
  let previous: number | null = null;
  return sorted.map((entry, i) => {
    if (entry.score === null) return { ...entry, rank: null };
    if (previous === null || rounded(entry.score) !== previous) rank = i + 1;
    previous = rounded(entry.score);
    return { ...entry, rank };
  });
}

/**
 * The 红榜 (best `size`) and the 黑榜 (worst `size`, worst first). A unit is on the 红榜 only if
 * it scored above the worst, on the 黑榜 only if below the best, and never on both: a month in
 * which everyone scored the same has neither list.
 */
export function redBlackLists<T extends { score: number | null }>(ranked: readonly T[], size: number): { red: T[]; black: T[] } {
  const scored = ranked.filter((r): r is T & { score: number } => r.score !== null);
  const n = Math.min(size, Math.floor(scored.length / 2));
  if (n === 0) return { red: [], black: [] };
  const best = scored[0]!.score;
  const worst = scored.at(-1)!.score;
  return { red: scored.slice(0, n).filter((r) => r.score > worst), black: scored.slice(-n).reverse().filter((r) => r.score < best) };
}

// ── counting the facts ─────────────────────────────────────────────────────────────────────

export interface RankingIndicator extends ScopeIndicator {
  frequency: Frequency;
  deadlineDay: number;
}

export interface RankingInput {
  /** The month ranked, YYYY-MM: what fell due in it. */
  month: Period;
  /** When the ranking is computed: a month not over yet counts lateness up to now. */
  now: Date;
  departments: ReadonlyArray<AccessDepartment & { name: string }>;
  indicators: readonly RankingIndicator[];
  /** First approval time of each figure, keyed `indicator|region|period`. */
  firstApproved: ReadonlyMap<string, Date>;
  /** Submissions reviewed (approved or returned), with their department and review time. */
  reviews: ReadonlyArray<{ departmentCode: string; reviewedAt: Date; approved: boolean }>;
  supervisions: ReadonlyArray<{ departmentCode: string; openedAt: Date; deadline: IsoDate; signedAt: Date | null; firstReplyAt: Date | null }>;
  /** Like-for-like composite per region code (towns and zones), for the period the month's figures speak of. */
  progressByRegion: ReadonlyMap<string, number | null>;
}

export const figureKey = (indicator: string, region: string, period: Period) => `${indicator}|${region}|${period}`;

/** Whole days from one date to a later one (0 when not later). */
function daysAfter(from: IsoDate, to: IsoDate): number {
  return Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000));
}

/** Month after `month` began, as the last date counted for it (its last day, or today if earlier). */
function monthEnd(month: Period, now: Date): IsoDate {
  const last = new Date(Date.parse(`${addMonths(month, 1)}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const today = chinaDate(now);
  return today < last ? today : last;
}

/** The periods whose figures fall due in `month` for an indicator: last month's, and January's with February's when published together. */
function periodsDueIn(indicator: RankingIndicator, month: Period): Period[] {
  return [addMonths(month, -1), addMonths(month, -2)].filter(
    (p) => isReportingMonth(indicator.frequency, p, indicator.janFebCombined) && reportingDeadline(p, indicator.deadlineDay, { janFebCombined: indicator.janFebCombined }).startsWith(month),
  );
}

/** Counts each department's facts for the month. */
export function unitMonthFacts(input: RankingInput, calendar: WorkCalendar): Map<string, UnitMonthFacts> {
  const out = new Map<string, UnitMonthFacts>();
  const end = monthEnd(input.month, input.now);
  for (const department of input.departments) {
    const facts: UnitMonthFacts = {
      figuresDue: 0,
      figuresOnTime: 0,
      daysLate: 0,
      submissionsReviewed: 0,
      submissionsFirstTimeRight: 0,
      supervisionsDue: 0,
      signedOnTime: 0,
      repliedOnTime: 0,
      progress: department.kind === 'bureau' ? null : (input.progressByRegion.get(department.regionCode) ?? null),
    };
    for (const item of reportingScope(department, input.indicators)) {
      for (const period of periodsDueIn(item.indicator, input.month)) {
        const deadline = reportingDeadline(period, item.indicator.deadlineDay, { janFebCombined: item.indicator.janFebCombined });
        if (deadline > end) continue; // not due yet
        facts.figuresDue += 1;
        const approved = input.firstApproved.get(figureKey(item.indicator.code, item.regionCode, period));
        const approvedOn = approved ? chinaDate(approved) : null;
        if (approvedOn !== null && approvedOn <= deadline) facts.figuresOnTime += 1;
        else facts.daysLate += daysAfter(deadline, approvedOn !== null && approvedOn <= end ? approvedOn : end);
      }
    }
    for (const review of input.reviews) {
      if (review.departmentCode !== department.code || !chinaDate(review.reviewedAt).startsWith(input.month)) continue;
      facts.submissionsReviewed += 1;
      if (review.approved) facts.submissionsFirstTimeRight += 1;
    }
    for (const s of input.supervisions) {
      if (s.departmentCode !== department.code || !s.deadline.startsWith(input.month) || s.deadline > end) continue;
      facts.supervisionsDue += 1;
      if (s.signedAt && chinaDate(s.signedAt) <= addWorkingDays(calendar, chinaDate(s.openedAt), SIGN_WITHIN_WORKING_DAYS).date) facts.signedOnTime += 1;
      if (s.firstReplyAt && chinaDate(s.firstReplyAt) <= s.deadline) facts.repliedOnTime += 1;
    }
    out.set(department.code, facts);
  }
  return out;
}
