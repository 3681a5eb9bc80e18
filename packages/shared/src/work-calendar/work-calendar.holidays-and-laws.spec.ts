import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { chinaDate } from '../briefing/briefing-text.js';
import {
  addWorkingDays,
  isWorkingDay,
  parseWorkCalendar,
  spansUncoveredYear,
  workCalendarFileSchema,
  workingDaysBetween,
} from './work-calendar.js';

const shipped = parseWorkCalendar(parse(readFileSync(fileURLToPath(new URL('../../../../plan/work-calendar.yaml', import.meta.url)), 'utf8')));

describe('the shipped calendar (国务院办公厅 notices 2021–2026)', () => {
  it('covers the plan years 2021–2026 and cites a notice for each', () => {
    expect([...shipped.coveredYears].sort()).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
    for (const notice of shipped.notices.values()) expect(notice).toMatch(/国务院办公厅关于\d{4}年部分节假日安排的通知/);
  });

  it('knows 国庆 2026 as days off and the 调休 Saturday 2026-10-10 as a working day', () => {
    for (let d = 1; d <= 7; d++) expect(isWorkingDay(shipped, `2026-10-0${d}`)).toBe(false);
    expect(isWorkingDay(shipped, '2026-10-08')).toBe(true);
    expect(isWorkingDay(shipped, '2026-10-10')).toBe(true); // Saturday, worked
    expect(isWorkingDay(shipped, '2026-10-11')).toBe(false); // Sunday
    expect(isWorkingDay(shipped, '2026-09-20')).toBe(true); // Sunday, worked
  });

  it('counts 5 working days from 2026-09-29 across 国庆 to Monday 2026-10-12', () => {
    expect(addWorkingDays(shipped, '2026-09-29', 5)).toEqual({ date: '2026-10-12', estimated: false });
    // Without the 调休 Saturday it would be the 13th: the Saturday counts.
    expect(addWorkingDays(shipped, '2026-09-29', 4)).toEqual({ date: '2026-10-10', estimated: false });
    expect(workingDaysBetween(shipped, '2026-09-29', '2026-10-12')).toBe(5);
  });

  it('knows the other years’ weekday holidays and weekend working days', () => {
    expect(isWorkingDay(shipped, '2021-02-07')).toBe(true); // Sunday before 春节
    expect(isWorkingDay(shipped, '2022-04-04')).toBe(false); // Monday, 清明
    expect(isWorkingDay(shipped, '2023-06-23')).toBe(false); // Friday, 端午
    expect(isWorkingDay(shipped, '2023-06-25')).toBe(true); // Sunday, worked
    expect(isWorkingDay(shipped, '2024-05-11')).toBe(true); // Saturday, worked
    expect(isWorkingDay(shipped, '2025-10-08')).toBe(false); // Wednesday, 国庆中秋
    expect(isWorkingDay(shipped, '2025-02-08')).toBe(true); // Saturday, worked
    expect(isWorkingDay(shipped, '2026-02-23')).toBe(false); // Monday, 春节
    expect(isWorkingDay(shipped, '2026-01-04')).toBe(true); // Sunday, worked
  });

  it('falls back to Monday–Friday for 2027 and says the result is an estimate', () => {
    expect(isWorkingDay(shipped, '2027-10-01')).toBe(true); // a Friday: 2027 is not published
    expect(addWorkingDays(shipped, '2026-12-29', 5)).toEqual({ date: '2027-01-05', estimated: true });
    expect(addWorkingDays(shipped, '2026-12-21', 5)).toEqual({ date: '2026-12-28', estimated: false });
    expect(spansUncoveredYear(shipped, '2026-12-29', '2027-01-05')).toBe(true);
  });

  it('reads dates in China time', () => {
    expect(chinaDate(new Date('2026-09-30T17:00:00Z'))).toBe('2026-10-01');
  });
});

describe('validation of the calendar file', () => {
  it('names a weekday declared a working day, a reversed range and a doubled year', () => {
    const result = workCalendarFileSchema.safeParse({
      years: [
        { year: 2030, notice: 'x', holidays: [{ name: '春节', from: '2030-02-05', to: '2030-02-01' }], workdays: ['2030-02-04'] },
        { year: 2030, notice: 'x', holidays: [{ name: '元旦', from: '2030-01-01', to: '2030-01-01' }] },
      ],
    });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'years.0.holidays.0: 春节: from 2030-02-05 is after to 2030-02-01',
        'years.0.workdays.0: 2030-02-04 is not a Saturday or Sunday: only weekend days are declared working days',
        'years.1.year: year 2030 is listed twice',
      ]),
    );
  });

  it('refuses an impossible date', () => {
    const result = workCalendarFileSchema.safeParse({ years: [{ year: 2030, notice: 'x', holidays: [{ name: 'a', from: '2030-02-30', to: '2030-03-01' }] }] });
    expect(result.success).toBe(false);
  });
});

const dates = fc.date({ min: new Date('2021-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('laws', () => {
  it('counting back the days added gives n, and the day reached is a working day', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 40 }), (from, n) => {
        const { date } = addWorkingDays(shipped, from, n);
        expect(isWorkingDay(shipped, date)).toBe(true);
        expect(workingDaysBetween(shipped, from, date)).toBe(n);
        // No earlier day has n working days after `from`.
        expect(workingDaysBetween(shipped, from, new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10))).toBe(n - 1);
      }),
    );
  });

  it('working days between are additive over consecutive intervals', () => {
    fc.assert(
      fc.property(fc.array(dates, { minLength: 3, maxLength: 3 }), (picked) => {
        const [a, b, c] = [...picked].sort();
        expect(workingDaysBetween(shipped, a!, b!) + workingDaysBetween(shipped, b!, c!)).toBe(workingDaysBetween(shipped, a!, c!));
      }),
    );
  });

  it('adding m then n working days is adding m + n', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), (from, m, n) => {
        expect(addWorkingDays(shipped, addWorkingDays(shipped, from, m).date, n).date).toBe(addWorkingDays(shipped, from, m + n).date);
      }),
    );
  });
});
