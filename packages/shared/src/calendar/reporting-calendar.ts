import type { Basis, Frequency, Period } from '../domain/types.js';
import { addMonths, CHINA_UTC_OFFSET_MINUTES, formatPeriod, lastCompleteMonth, parsePeriod } from '../periods/periods.js';

/** DOMAIN.md: a month's figures are due by day 10 of the following month unless the indicator says otherwise. */
export const DEFAULT_DEADLINE_DAY = 10;

/** How an indicator is published, beyond its frequency and deadline day. */
export interface ReportingOptions {
  /**
   * A monthly indicator published for January and February together (1–2月, DOMAIN.md): January
   * is never reported on its own, so it is never due; the combined figure is February's, due by
   * day N of March.
   */
  janFebCombined?: boolean;
}

const isJanuary = (period: Period): boolean => parsePeriod(period).month === 1;

/**
 * The day after which `period`'s figures are overdue, as a YYYY-MM-DD date in China time. A
 * January-February-combined indicator's January arrives with February, so it shares March's deadline.
 */
export function reportingDeadline(period: Period, deadlineDay = DEFAULT_DEADLINE_DAY, options: ReportingOptions = {}): string {
  const reportedWith = options.janFebCombined && isJanuary(period) ? addMonths(period, 1) : period;
  const next = addMonths(reportedWith, 1);
  return `${next}-${String(deadlineDay).padStart(2, '0')}`;
}

/**
 * The latest period whose deadline has passed at `now` (China time): for a monthly indicator,
 * last month once day `deadlineDay` is over, else the month before (never January when January
 * and February are published together: December stays due until February is); for quarterly,
 * the latest quarter-end month among those; for annual, the latest December.
 */
export function latestDuePeriod(frequency: Frequency, now: Date, deadlineDay = DEFAULT_DEADLINE_DAY, options: ReportingOptions = {}): Period {
  const lastMonth = lastCompleteMonth(now);
  const dayInChina = new Date(now.getTime() + CHINA_UTC_OFFSET_MINUTES * 60_000).getUTCDate();
  const due = dayInChina > deadlineDay ? lastMonth : addMonths(lastMonth, -1);
  const { year, month } = parsePeriod(due);
  if (frequency === 'monthly') return options.janFebCombined && month === 1 ? formatPeriod(year - 1, 12) : due;
  if (frequency === 'quarterly') return month >= 3 ? formatPeriod(year, month - (month % 3)) : formatPeriod(year - 1, 12);
  return month === 12 ? due : formatPeriod(year - 1, 12);
}

/**
 * The period of `frequency` a month's figures are for: the month itself, the quarter-end month
 * at or before it, or the last December; never a January alone when January and February are
 * published together (the figure is then still the previous December's).
 */
export function periodForMonth(month: Period, frequency: Frequency, options: ReportingOptions = {}): Period {
  const { year, month: m } = parsePeriod(month);
  if (frequency === 'monthly') return options.janFebCombined && m === 1 ? formatPeriod(year - 1, 12) : month;
  if (frequency === 'quarterly') return m >= 3 ? formatPeriod(year, m - (m % 3)) : formatPeriod(year - 1, 12);
  return m === 12 ? month : formatPeriod(year - 1, 12);
}

/** Overdue: the due period is not approved yet (nothing approved, or only earlier periods). */
export function isLate(latestApproved: Period | null, frequency: Frequency, now: Date, deadlineDay = DEFAULT_DEADLINE_DAY, options: ReportingOptions = {}): boolean {
  const due = latestDuePeriod(frequency, now, deadlineDay, options);
  return latestApproved === null || latestApproved < due;
}

/**
 * How a department writes the period of a monthly figure it reports: "2026年1-2月" for February
 * of an indicator published with January (the value covers both months), else the period.
 */
export function reportedPeriodText(period: Period, indicator: { janFebCombined: boolean; usualBasis: Basis }): string {
  const { year, month } = parsePeriod(period);
  return indicator.janFebCombined && month === 2 && indicator.usualBasis === 'month' ? `${year}年1-2月` : period;
}

const DAY_MS = 86_400_000;
const dateOf = (text: string) => new Date(`${text}T00:00:00Z`);
const textOf = (date: Date) => date.toISOString().slice(0, 10);

/** Days from `today` to `due` (both YYYY-MM-DD): 0 on the day itself, negative once it has passed. */
export function daysUntil(today: string, due: string): number {
  return Math.round((dateOf(due).getTime() - dateOf(today).getTime()) / DAY_MS);
}

/**
 * The date `n` working days before `date` (YYYY-MM-DD), counting Monday to Friday. Public
 * holidays and the weekends worked in their place (调休) are not known here.
 */
export function workingDaysBefore(date: string, n: number): string {
  const day = dateOf(date);
  for (let left = n; left > 0; ) {
    day.setUTCDate(day.getUTCDate() - 1);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return textOf(day);
}
