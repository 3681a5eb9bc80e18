import { describe, expect, it } from 'vitest';
import { CronExpressionError, parseCron } from '../src/jobs/cron.js';

const SH = 'Asia/Shanghai';
/** An instant given as Beijing local time. */
const bj = (local: string) => new Date(`${local}+08:00`);

describe('cron expressions in the district’s time zone', () => {
  it('*/5 matches every fifth minute, whatever the seconds', () => {
    const every5 = parseCron('*/5 * * * *');
    expect(every5.matches(bj('2026-11-23T09:00:00'), SH)).toBe(true);
    expect(every5.matches(bj('2026-11-23T09:05:59'), SH)).toBe(true);
    expect(every5.matches(bj('2026-11-23T09:07:00'), SH)).toBe(false);
  });

  it('is evaluated in the job’s zone: 02:00 Beijing is 18:00 UTC the day before', () => {
    const nightly = parseCron('0 2 * * *');
    expect(nightly.matches(new Date('2026-11-22T18:00:00Z'), SH)).toBe(true);
    expect(nightly.matches(new Date('2026-11-22T18:00:00Z'), 'UTC')).toBe(false);
  });

  it('ranges, lists, steps, names and macros', () => {
    const workdays = parseCron('30 8-18/2 * * MON-FRI');
    expect(workdays.matches(bj('2026-11-23T10:30:00'), SH)).toBe(true); // Monday
    expect(workdays.matches(bj('2026-11-23T11:30:00'), SH)).toBe(false);
    expect(workdays.matches(bj('2026-11-22T10:30:00'), SH)).toBe(false); // Sunday
    expect(parseCron('0 0 1 jan,jul *').matches(bj('2026-07-01T00:00:00'), SH)).toBe(true);
    expect(parseCron('@daily').matches(bj('2026-07-01T00:00:00'), SH)).toBe(true);
    expect(parseCron('@hourly').matches(bj('2026-07-01T13:00:00'), SH)).toBe(true);
    expect(parseCron('0 0 * * 7').matches(bj('2026-11-22T00:00:00'), SH)).toBe(true); // 7 = Sunday
  });

  it('day-of-month and day-of-week both restricted: either matches (Vixie cron)', () => {
    const tenthOrMonday = parseCron('0 9 10 * 1');
    expect(tenthOrMonday.matches(bj('2026-12-10T09:00:00'), SH)).toBe(true); // Thursday the 10th
    expect(tenthOrMonday.matches(bj('2026-11-23T09:00:00'), SH)).toBe(true); // Monday the 23rd
    expect(tenthOrMonday.matches(bj('2026-11-24T09:00:00'), SH)).toBe(false);
  });

  it('next(): the first scheduled minute after an instant', () => {
    expect(parseCron('*/5 * * * *').next(bj('2026-11-23T09:03:20'), SH)).toEqual(bj('2026-11-23T09:05:00'));
    expect(parseCron('15 * * * *').next(bj('2026-11-23T09:15:00'), SH)).toEqual(bj('2026-11-23T10:15:00'));
    expect(parseCron('0 6 10 * *').next(bj('2026-11-23T09:00:00'), SH)).toEqual(bj('2026-12-10T06:00:00'));
    expect(parseCron('0 0 29 2 *').next(bj('2026-03-01T00:00:00'), SH)).toEqual(bj('2028-02-29T00:00:00'));
    expect(parseCron('0 0 31 2 *').next(bj('2026-03-01T00:00:00'), SH)).toBeNull();
  });

  it.each([
    ['* * * *', 'expected 5 fields (minute hour day-of-month month day-of-week), got 4'],
    ['61 * * * *', 'minute 61 is out of range 0-59'],
    ['* 24 * * *', 'hour 24 is out of range 0-23'],
    ['* * 0 * *', 'day-of-month 0 is out of range 1-31'],
    ['* * * 13 *', 'month 13 is out of range 1-12'],
    ['* * * * FUNDAY', 'day-of-week "FUNDAY" is not a number or a name (SUN, MON, TUE, WED, THU, FRI, SAT)'],
    ['*/0 * * * *', 'step "0" in minute must be a positive whole number'],
    ['5-1 * * * *', 'minute range "5-1" runs backwards'],
    ['1,,2 * * * *', 'empty item in minute "1,,2"'],
  ])('%s is refused: %s', (expression, problem) => {
    expect(() => parseCron(expression)).toThrow(CronExpressionError);
    expect(() => parseCron(expression)).toThrow(`cron "${expression}": ${problem}`);
  });
});
