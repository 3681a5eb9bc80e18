import type { Period } from '../domain/types.js';

/** Thrown when a string or a year/month pair is not a calendar month. */
export class PeriodError extends Error {
  readonly code = 'INVALID_PERIOD';
  constructor(message: string) {
    super(message);
    this.name = 'PeriodError';
  }
}

/** A Period taken apart; month is 1–12. */
export interface YearMonth {
  year: number;
  month: number;
}

const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

/** Whether a value is a well-formed Period ("2025-06"); guards input from users and files. */
export function isPeriod(value: unknown): value is Period {
  if (typeof value !== 'string') return false;
  const match = PERIOD_PATTERN.exec(value);
  return match !== null && Number(match[1]) >= MIN_YEAR;
}

/** Splits "YYYY-MM" into numbers; throws on anything else so bad months never reach maths. */
export function parsePeriod(value: string): YearMonth {
  if (!isPeriod(value)) throw new PeriodError(`"${value}"不是有效的期别（应为YYYY-MM，如2025-06）`);
  return { year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)) };
}

/** Builds the Period of a year and a month (1–12); throws when either is out of range. */
export function formatPeriod(year: number, month: number): Period {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new PeriodError(`年份${year}无效`);
  }
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new PeriodError(`月份${month}无效`);
  return `${year}-${String(month).padStart(2, '0')}` as Period;
}

/** Months since year 0, so month arithmetic is integer arithmetic. */
function monthIndex(period: Period): number {
  const { year, month } = parsePeriod(period);
  return year * 12 + month - 1;
}

/** Inverse of monthIndex; throws when the year leaves 1000–9999. */
function fromMonthIndex(index: number): Period {
  return formatPeriod(Math.floor(index / 12), (index % 12) + 1);
}

/** The period n months later (n may be negative), crossing year ends. */
export function addMonths(period: Period, n: number): Period {
  if (!Number.isInteger(n)) throw new PeriodError(`月数${n}必须为整数`);
  return fromMonthIndex(monthIndex(period) + n);
}

/** Sort comparator: negative when a is earlier than b, 0 when equal, positive when later. */
export function comparePeriods(a: Period, b: Period): number {
  return monthIndex(a) - monthIndex(b);
}

/** Every month from `from` to `to`, both included; empty when `from` is after `to`. */
export function periodRange(from: Period, to: Period): Period[] {
  const start = monthIndex(from);
  const end = monthIndex(to);
  return Array.from({ length: Math.max(0, end - start + 1) }, (_, i) => fromMonthIndex(start + i));
}

/** China Standard Time (UTC+8, no daylight saving): the district's calendar. */
export const CHINA_UTC_OFFSET_MINUTES = 480;

/**
 * The latest month that has fully ended at `asOf`, i.e. the month before the current one on
 * the district's calendar (UTC+8 by default, so 1 July 00:30 in 长治 is July even though it
 * is still 30 June in UTC). The clock is passed in; this module never reads it.
 */
export function lastCompleteMonth(asOf: Date, utcOffsetMinutes = CHINA_UTC_OFFSET_MINUTES): Period {
  const local = new Date(asOf.getTime() + utcOffsetMinutes * 60_000);
  if (Number.isNaN(local.getTime())) throw new PeriodError('无效的日期');
  return fromMonthIndex(local.getUTCFullYear() * 12 + local.getUTCMonth() - 1);
}

/** The quarter (1–4) a month (1–12) belongs to. */
export function quarterOf(month: number): 1 | 2 | 3 | 4 {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new PeriodError(`月份${month}无效`);
  return Math.ceil(month / 3) as 1 | 2 | 3 | 4;
}
