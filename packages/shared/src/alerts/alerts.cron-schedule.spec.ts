import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CronError, cronMatches, isTimeZone, minuteOf, parseCron } from './cron.js';

const at = (iso: string) => new Date(iso);

describe('cron schedules of alert rules', () => {
  it('fires "0 8 * * *" at 08:00 China time, which is 00:00 UTC', () => {
    expect(cronMatches('0 8 * * *', at('2026-11-23T00:00:30Z'), 'Asia/Shanghai')).toBe(true);
    expect(cronMatches('0 8 * * *', at('2026-11-23T08:00:00Z'), 'Asia/Shanghai')).toBe(false);
    expect(cronMatches('0 8 * * *', at('2026-11-23T08:00:00Z'), 'UTC')).toBe(true);
  });

  it('reads weekday names, 7 as Sunday, steps and ranges', () => {
    // 2026-11-23 is a Monday.
    expect(cronMatches('0 8 * * 1', at('2026-11-23T00:00:00Z'), 'Asia/Shanghai')).toBe(true);
    expect(cronMatches('0 8 * * MON', at('2026-11-23T00:00:00Z'), 'Asia/Shanghai')).toBe(true);
    expect(cronMatches('0 8 * * 7', at('2026-11-22T00:00:00Z'), 'Asia/Shanghai')).toBe(true);
    expect(cronMatches('*/15 * * * *', at('2026-11-23T00:45:00Z'), 'UTC')).toBe(true);
    expect(cronMatches('*/15 * * * *', at('2026-11-23T00:46:00Z'), 'UTC')).toBe(false);
    expect(cronMatches('0 9-17/4 * * *', at('2026-11-23T13:00:00Z'), 'UTC')).toBe(true);
    expect(cronMatches('0 9-17/4 * * *', at('2026-11-23T15:00:00Z'), 'UTC')).toBe(false);
    expect(cronMatches('0 9 11 JAN-DEC *', at('2026-11-11T01:00:00Z'), 'Asia/Shanghai')).toBe(true);
  });

  it('matches day of month OR day of week when both are restricted (Vixie cron)', () => {
    // The 1st of December 2026 is a Tuesday; Monday the 23rd matches by weekday.
    expect(cronMatches('0 0 1 * 1', at('2026-12-01T00:00:00Z'), 'UTC')).toBe(true);
    expect(cronMatches('0 0 1 * 1', at('2026-11-23T00:00:00Z'), 'UTC')).toBe(true);
    expect(cronMatches('0 0 1 * 1', at('2026-11-24T00:00:00Z'), 'UTC')).toBe(false);
  });

  it('names the bad field in Chinese', () => {
    expect(() => parseCron('0 8 * *')).toThrow(CronError);
    expect(() => parseCron('61 8 * * *')).toThrow(/分钟/);
    expect(() => parseCron('0 8 32 * *')).toThrow(/日/);
    expect(() => parseCron('0 8 * * FUNDAY')).toThrow(/星期/);
    expect(() => parseCron('0 8-2 * * *')).toThrow(/起点大于终点/);
    expect(() => parseCron('*/0 * * * *')).toThrow(/步长/);
  });

  it('knows time zones', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('law: "* * * * *" matches every instant', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (d) => cronMatches('* * * * *', d, 'Asia/Shanghai')),
    );
  });

  it('law: "m h * * *" matches exactly one minute of every day, the same in every minute of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 3650 }), (m, h, day) => {
        const schedule = parseCron(`${m} ${h} * * *`);
        // One China-time day: 16:00 UTC the day before to 16:00 UTC.
        const start = Date.UTC(2020, 0, 1) + day * 86_400_000 - 8 * 3_600_000;
        let hits = 0;
        for (let i = 0; i < 1440; i++) if (cronMatches(schedule, new Date(start + i * 60_000 + 59_000), 'Asia/Shanghai')) hits++;
        expect(hits).toBe(1);
      }),
      { numRuns: 20 },
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
