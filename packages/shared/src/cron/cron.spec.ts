import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CronError, describeCronProblemInChinese, isTimeZone, minuteOf, parseCron } from './cron.js';

const at = (iso: string) => new Date(iso);
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
    // A field starting with "*" is not a restriction, even with a step: both must match.
    const oddDaysOnMondays = parseCron('0 9 */2 * 1');
    expect(oddDaysOnMondays.matches(bj('2026-11-23T09:00:00'), SH)).toBe(true); // Monday the 23rd
    expect(oddDaysOnMondays.matches(bj('2026-11-30T09:00:00'), SH)).toBe(false); // Monday the 30th
    expect(oddDaysOnMondays.matches(bj('2026-11-25T09:00:00'), SH)).toBe(false); // Wednesday the 25th
  });

  it('next(): the first scheduled minute after an instant', () => {
    expect(parseCron('*/5 * * * *').next(bj('2026-11-23T09:03:20'), SH)).toEqual(bj('2026-11-23T09:05:00'));
    expect(parseCron('15 * * * *').next(bj('2026-11-23T09:15:00'), SH)).toEqual(bj('2026-11-23T10:15:00'));
    expect(parseCron('0 6 10 * *').next(bj('2026-11-23T09:00:00'), SH)).toEqual(bj('2026-12-10T06:00:00'));
    expect(parseCron('0 0 29 2 *').next(bj('2026-03-01T00:00:00'), SH)).toEqual(bj('2028-02-29T00:00:00'));
    expect(parseCron('0 0 31 2 *').next(bj('2026-03-01T00:00:00'), SH)).toBeNull();
  });

  it('next() across a daylight-saving change: a short or long day is neither skipped nor repeated', () => {
    const NY = 'America/New_York';
    // 2026-03-08 has 23 hours in New York (02:00 → 03:00): the 9th at 00:00 EDT, not a year later.
    expect(parseCron('0 0 9 3 *').next(new Date('2026-03-08T00:01:00-05:00'), NY)).toEqual(new Date('2026-03-09T00:00:00-04:00'));
    // A minute the clock skips never comes; the next day's does.
    expect(parseCron('30 2 * * *').next(new Date('2026-03-08T00:00:00-05:00'), NY)).toEqual(new Date('2026-03-09T02:30:00-04:00'));
    // 2026-11-01 has 25 hours: 01:30 comes twice, first in EDT, then in EST.
    const halfPastOne = parseCron('30 1 * * *');
    expect(halfPastOne.next(new Date('2026-11-01T00:00:00-04:00'), NY)).toEqual(new Date('2026-11-01T01:30:00-04:00'));
    expect(halfPastOne.next(new Date('2026-11-01T01:30:00-04:00'), NY)).toEqual(new Date('2026-11-01T01:30:00-05:00'));
    expect(parseCron('0 0 2 11 *').next(new Date('2026-11-01T00:01:00-04:00'), NY)).toEqual(new Date('2026-11-02T00:00:00-05:00'));
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
    expect(() => parseCron(expression)).toThrow(CronError);
    expect(() => parseCron(expression)).toThrow(`cron "${expression}": ${problem}`);
  });
});

describe('cron: the laws, time zones and the Chinese problem texts', () => {
  it('fires "0 8 * * *" at 08:00 China time, which is 00:00 UTC', () => {
    expect(parseCron('0 8 * * *').matches(at('2026-11-23T00:00:30Z'), 'Asia/Shanghai')).toBe(true);
    expect(parseCron('0 8 * * *').matches(at('2026-11-23T08:00:00Z'), 'Asia/Shanghai')).toBe(false);
    expect(parseCron('0 8 * * *').matches(at('2026-11-23T08:00:00Z'), 'UTC')).toBe(true);
  });

  it.each([
    // 2026-11-23 is a Monday.
    ['0 8 * * 1', '2026-11-23T00:00:00Z', 'Asia/Shanghai', true],
    ['0 8 * * MON', '2026-11-23T00:00:00Z', 'Asia/Shanghai', true],
    ['0 8 * * 7', '2026-11-22T00:00:00Z', 'Asia/Shanghai', true],
    ['*/15 * * * *', '2026-11-23T00:45:00Z', 'UTC', true],
    ['*/15 * * * *', '2026-11-23T00:46:00Z', 'UTC', false],
    ['0 9-17/4 * * *', '2026-11-23T13:00:00Z', 'UTC', true],
    ['0 9-17/4 * * *', '2026-11-23T15:00:00Z', 'UTC', false],
    ['0 9 11 JAN-DEC *', '2026-11-11T01:00:00Z', 'Asia/Shanghai', true],
  ] as const)('"%s" at %s in %s: %s', (expression, instant, zone, fires) => {
    expect(parseCron(expression).matches(at(instant), zone)).toBe(fires);
  });

  it.each([
    ['0 8 * *', 'cron表达式"0 8 * *"应为5个字段（分 时 日 月 星期），如"0 8 * * *"'],
    ['61 8 * * *', 'cron的分钟字段取值61超出0–59'],
    ['0 8 32 * *', 'cron的日字段取值32超出1–31'],
    ['0 8 * * FUNDAY', 'cron的星期字段"FUNDAY"无效'],
    ['0 8-2 * * *', 'cron的小时字段范围"8-2"起点大于终点'],
    ['*/0 * * * *', 'cron的分钟字段步长"0"无效'],
    ['1,,2 * * * *', 'cron的分钟字段"1,,2"含有空项'],
  ])('%s is described in Chinese for the admin pages: %s', (expression, text) => {
    const error = (() => {
      try {
        parseCron(expression);
      } catch (caught) {
        return caught;
      }
      throw new Error('parsed');
    })();
    expect(error).toBeInstanceOf(CronError);
    expect(describeCronProblemInChinese(expression, (error as CronError).problem)).toBe(text);
  });

  it('knows time zones', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('law: "* * * * *" matches every instant', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (d) => parseCron('* * * * *').matches(d, 'Asia/Shanghai')),
    );
  });

  it('law: "m h * * *" matches exactly one minute of every day, the same in every minute of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 3650 }), (m, h, day) => {
        const schedule = parseCron(`${m} ${h} * * *`);
        // One China-time day: 16:00 UTC the day before to 16:00 UTC.
        const start = Date.UTC(2020, 0, 1) + day * 86_400_000 - 8 * 3_600_000;
        let hits = 0;
        for (let i = 0; i < 1440; i++) if (schedule.matches(new Date(start + i * 60_000 + 59_000), 'Asia/Shanghai')) hits++;
        expect(hits).toBe(1);
      }),
      { numRuns: 20 },
    );
  });

  it('law: next() is the first minute after the instant that matches, in zones with daylight saving', () => {
    const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Shanghai'];
    const field = (values: string[]) => fc.constantFrom(...values);
    // Schedules that fire at least every few days, so a brute-force scan can check every answer.
    const expression = fc.tuple(field(['*', '0', '30', '*/15', '59']), field(['*', '0', '1', '2', '3', '23', '1-3', '*/6']), field(['*', '1-5'])).map(([m, h, dow]) => `${m} ${h} * * ${dow}`);
    // Instants within a few days of the 2026 changes of those zones.
    const changes = ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z', '2026-04-05T03:00:00Z', '2026-09-06T04:00:00Z'].map((iso) => Date.parse(iso));
    const instant = fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -2 * 1440, max: 2 * 1440 }), fc.integer({ min: 0, max: 59_999 })).map(([change, minutes, ms]) => new Date(change + minutes * 60_000 + ms));
    fc.assert(
      fc.property(expression, instant, fc.constantFrom(...zones), (text, after, zone) => {
        const schedule = parseCron(text);
        const found = schedule.next(after, zone);
        // The same answer by brute force: every minute from the next one on.
        let expected: Date | null = null;
        for (let t = minuteOf(after).getTime() + 60_000; expected === null; t += 60_000) {
          if (schedule.matches(new Date(t), zone)) expected = new Date(t);
        }
        expect(found).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('minuteOf gives the tick key: every instant of a minute has the same one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000_000 }), (t) => {
        const minute = minuteOf(new Date(t)).getTime();
        expect(minute % 60_000).toBe(0);
        expect(t - minute).toBeGreaterThanOrEqual(0);
        expect(t - minute).toBeLessThan(60_000);
      }),
    );
  });
});
