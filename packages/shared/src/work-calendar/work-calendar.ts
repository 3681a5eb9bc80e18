/**
 * Working days in China: Monday to Friday, except the public holidays the State Council
 * announces each year, plus the weekend days it declares working days instead (调休).
 * The arrangements are data (`plan/work-calendar.yaml`, validated by `workCalendarFileSchema`);
 * a year without a published arrangement falls back to Monday–Friday and every result computed
 * across it says it is an estimate.
 */
import { parse } from 'yaml';
import { z } from 'zod';

/** A calendar date, YYYY-MM-DD. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** YAML 1.1 readers turn 2026-10-01 into a Date; dates are strings here either way. */
const isoDate = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  z.string().refine((text) => isValidIsoDate(text), 'expected a date written like 2026-10-01'),
);

export const workCalendarFileSchema = z
  .strictObject({
    years: z
      .array(
        z.strictObject({
          year: z.number().int().min(2000).max(2100),
          /** The notice the dates come from: title, 国办发明电 number and/or date. */
          notice: z.string().trim().min(1),
          holidays: z.array(z.strictObject({ name: z.string().trim().min(1), from: isoDate, to: isoDate })).min(1),
          workdays: z.array(isoDate).default([]),
        }),
      )
      .min(1),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<number>();
    file.years.forEach((entry, i) => {
      if (seen.has(entry.year)) ctx.addIssue({ code: 'custom', path: ['years', i, 'year'], message: `year ${entry.year} is listed twice` });
      seen.add(entry.year);
      entry.holidays.forEach((h, j) => {
        if (h.from > h.to) ctx.addIssue({ code: 'custom', path: ['years', i, 'holidays', j], message: `${h.name}: from ${h.from} is after to ${h.to}` });
      });
      entry.workdays.forEach((day, j) => {
        if (!isWeekend(day)) ctx.addIssue({ code: 'custom', path: ['years', i, 'workdays', j], message: `${day} is not a Saturday or Sunday: only weekend days are declared working days` });
      });
    });
  });

export type WorkCalendarFile = z.output<typeof workCalendarFileSchema>;

export interface WorkCalendar {
  /** Days off that would otherwise be working days, and every day of each holiday. */
  readonly holidays: ReadonlySet<IsoDate>;
  /** Weekend days worked (调休上班). */
  readonly workdays: ReadonlySet<IsoDate>;
  /** Years whose arrangement is published and included. */
  readonly coveredYears: ReadonlySet<number>;
  /** Per covered year, the notice it comes from. */
  readonly notices: ReadonlyMap<number, string>;
}

function isValidIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

function toUtc(date: IsoDate): number {
  if (!isValidIsoDate(date)) throw new RangeError(`not a date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}

const DAY_MS = 86_400_000;

function shift(date: IsoDate, days: number): IsoDate {
  return new Date(toUtc(date) + days * DAY_MS).toISOString().slice(0, 10);
}

function isWeekend(date: IsoDate): boolean {
  const day = new Date(toUtc(date)).getUTCDay();
  return day === 0 || day === 6;
}

/** The calendar from a validated file: every holiday range expanded to its days. */
export function buildWorkCalendar(file: WorkCalendarFile): WorkCalendar {
  const holidays = new Set<IsoDate>();
  const workdays = new Set<IsoDate>();
  const notices = new Map<number, string>();
  for (const entry of file.years) {
    notices.set(entry.year, entry.notice);
    for (const h of entry.holidays) for (let d = h.from; d <= h.to; d = shift(d, 1)) holidays.add(d);
    for (const d of entry.workdays) workdays.add(d);
  }
  return { holidays, workdays, coveredYears: new Set(notices.keys()), notices };
}

/** Validates the calendar file's content; an invalid file throws naming each problem and where it is. */
export function parseWorkCalendar(data: unknown): WorkCalendar {
  const result = workCalendarFileSchema.safeParse(data);
  if (!result.success) {
    throw new Error(`invalid working-day calendar:\n${result.error.issues.map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n')}`);
  }
  return buildWorkCalendar(result.data);
}

/** The calendar from the text of `plan/work-calendar.yaml`. */
export function parseWorkCalendarYaml(text: string): WorkCalendar {
  return parseWorkCalendar(parse(text));
}

/** Whether the year of `date` has a published arrangement in the calendar. */
export function isCoveredDate(calendar: WorkCalendar, date: IsoDate): boolean {
  return calendar.coveredYears.has(Number(date.slice(0, 4)));
}

export function isWorkingDay(calendar: WorkCalendar, date: IsoDate): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  return !isWeekend(date);
}

/** A date found by counting working days, and whether any day counted lay in an uncovered year. */
export interface WorkingDayResult {
  date: IsoDate;
  /** True when the count ran through a year whose holidays are not published: Monday–Friday was assumed. */
  estimated: boolean;
}

/**
 * The `n`-th working day after `from` (from itself never counts): opened on 2026-09-29 with 5
 * working days, the deadline is 2026-10-12 (9/30, then 10/8, 10/9, the 调休 Saturday 10/10, 10/12).
 * n = 0 is `from` itself.
 */
export function addWorkingDays(calendar: WorkCalendar, from: IsoDate, n: number): WorkingDayResult {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  let date = from;
  let estimated = !isCoveredDate(calendar, from) && n > 0;
  for (let left = n; left > 0; ) {
    date = shift(date, 1);
    if (!isCoveredDate(calendar, date)) estimated = true;
    if (isWorkingDay(calendar, date)) left -= 1;
  }
  return { date, estimated };
}

/** How many working days d there are with from < d ≤ to (0 when to ≤ from). */
export function workingDaysBetween(calendar: WorkCalendar, from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let d = shift(from, 1); d <= to; d = shift(d, 1)) if (isWorkingDay(calendar, d)) count += 1;
  return count;
}

/** Whether counting from `from` to `to` touches a year without a published arrangement. */
export function spansUncoveredYear(calendar: WorkCalendar, from: IsoDate, to: IsoDate): boolean {
  const [a, b] = from <= to ? [from, to] : [to, from];
  for (let y = Number(a.slice(0, 4)); y <= Number(b.slice(0, 4)); y++) if (!calendar.coveredYears.has(y)) return true;
  return false;
}

/** The note shown beside a deadline counted Monday–Friday because the year's arrangement is not out yet. */
export const ESTIMATED_DEADLINE_NOTE = '按周末推算（节假日安排未公布）';
