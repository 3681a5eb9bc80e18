import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertsService } from '../src/modules/alerts/alerts.service.js';
import { BriefingService } from '../src/modules/briefing/briefing.service.js';
import { NotificationsService } from '../src/modules/notifications/notifications.service.js';
import { fastDelivery, startHttpReceiver, type HttpReceiver } from './alerts.support.js';
import { startTestApp, type TestApp } from './support/app.js';

/** 08:00 in 长治 on Tuesday 24 November 2026: the tick of the daily "0 8 * * *" rules. */
const EIGHT_AM = new Date('2026-11-24T00:00:20Z');

/**
 * Two API processes on one database, as two machines behind a load balancer would run: every
 * cron tick fires in both, both run the outbox worker, and still each scheduled evaluation
 * happens once per tick and each notification is delivered once.
 */
describe('two API processes on one database', () => {
  let a: TestApp;
  let b: TestApp;
  let http: HttpReceiver;
  let admin: string;
  let db: pg.Client;

  beforeAll(async () => {
    http = await startHttpReceiver();
    a = await startTestApp();
    b = await startTestApp({}, { databaseUrl: a.databaseUrl });
    fastDelivery(a, { baseDelayMs: 50 });
    fastDelivery(b, { baseDelayMs: 50 });
    admin = await a.login('admin');
    const channel = await b.request('/api/alerts/channels', { method: 'POST', token: admin, body: { code: 'district_hook', kind: 'webhook', config: { url: `${http.url}/both` } } });
    expect(channel.status).toBe(201);
    db = new pg.Client({ connectionString: a.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await a?.close();
    await b?.close();
    await http?.close();
  });

  it('runs each rule due at a tick once, however many processes fire the tick', async () => {
    const [ra, rb] = await Promise.all([a.app.get(AlertsService).runScheduledTick(EIGHT_AM), b.app.get(AlertsService).runScheduledTick(EIGHT_AM)]);
    const due = ['projected_shortfall_default', 'target_gap_default'];
    expect(ra.rules.map((r) => r.ruleCode).sort()).toEqual(due);
    expect(rb.rules.map((r) => r.ruleCode).sort()).toEqual(due);
    for (const code of due) {
      const outcomes = [...ra.rules, ...rb.rules].filter((r) => r.ruleCode === code).map((r) => r.outcome).sort();
      expect(outcomes, code).toEqual(['evaluated', 'skipped']);
    }
    const { rows } = await db.query(`SELECT job, tick_key, count(*)::int AS n FROM job_runs WHERE job LIKE 'alerts.evaluate:%' GROUP BY job, tick_key ORDER BY job`);
    expect(rows).toEqual(due.map((code) => ({ job: `alerts.evaluate:${code}`, tick_key: '2026-11-24T00:00:00.000Z', n: 1 })));

    // Later in the same minute, in both processes again: nothing runs twice.
    const again = await Promise.all([
      a.app.get(AlertsService).runScheduledTick(new Date('2026-11-24T00:00:55Z')),
      b.app.get(AlertsService).runScheduledTick(new Date('2026-11-24T00:00:55Z')),
    ]);
    expect(again.flatMap((s) => s.rules.map((r) => r.outcome))).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
    // 09:00 is the late-submission rule's minute; target gap does not run then.
    const nine = await a.app.get(AlertsService).runScheduledTick(new Date('2026-11-24T01:00:05Z'));
    expect(nine.rules.map((r) => r.ruleCode)).toEqual(['late_submission_day10']);
  });

  it('holds one alert per rule and subject and one outbox row per alert and channel', async () => {
    const { rows: alerts } = await db.query(`SELECT fingerprint, count(*)::int AS n FROM alerts GROUP BY fingerprint HAVING count(*) > 1`);
    expect(alerts).toEqual([]);
    const { rows } = await db.query(
      `SELECT (SELECT count(*)::int FROM alerts) AS alerts, (SELECT count(*)::int FROM notifications WHERE channel_code = 'district_hook') AS hooks`,
    );
    expect(rows[0].alerts).toBeGreaterThan(10);
    expect(rows[0].hooks).toBe(rows[0].alerts);
  });

  it('delivers each notification exactly once with both workers racing', async () => {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM notifications WHERE channel_code = 'district_hook' AND status = 'pending'`);
    const expected = rows[0].n as number;
    expect(expected).toBeGreaterThan(10);
    const workers = [a, b].map((app) => app.app.get(NotificationsService));
    const summaries = await Promise.all([...workers, ...workers].map((w) => w.deliverDue()));
    expect(summaries.reduce((n, s) => n + s.sent, 0)).toBe(expected);
    expect(http.requests).toHaveLength(expected);
    expect(http.accepted.size).toBe(expected);
    expect(http.duplicates).toHaveLength(0);
    const { rows: left } = await db.query(`SELECT status, count(*)::int AS n FROM notifications WHERE channel_code = 'district_hook' GROUP BY status`);
    expect(left).toEqual([{ status: 'sent', n: expected }]);
    const { rows: byWorker } = await db.query(`SELECT count(DISTINCT claimed_by)::int AS n FROM notifications WHERE channel_code = 'district_hook'`);
    expect(byWorker[0].n).toBeGreaterThanOrEqual(1);
  });

  it('tells nothing twice when both processes evaluate on demand at the same time', async () => {
    const { rows: before } = await db.query(`SELECT count(*)::int AS n FROM notifications`);
    const [x, y] = await Promise.all([
      a.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: { rules: ['target_gap_default', 'projected_shortfall_default'] } }),
      b.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: { rules: ['target_gap_default', 'projected_shortfall_default'] } }),
    ]);
    expect([...x.body.rules, ...y.body.rules].every((r: any) => r.outcome === 'evaluated' && r.notifications === 0)).toBe(true);
    const { rows: after } = await db.query(`SELECT count(*)::int AS n FROM notifications`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('archives the monthly briefing once when both processes fire its schedule', async () => {
    const [ra, rb] = await Promise.all([a.app.get(BriefingService).archive('schedule', '2026-10'), b.app.get(BriefingService).archive('schedule', '2026-10')]);
    expect([ra.archived, rb.archived].sort()).toEqual([false, true]);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM job_runs WHERE job = 'briefing.monthly' AND tick_key = '2026-10'`);
    expect(rows[0].n).toBe(1);
    const archive = await b.request('/api/briefings/archive');
    expect(archive.body.map((e: any) => `${e.period}:${e.format}:${e.trigger}`)).toEqual(['2026-10:docx:schedule', '2026-10:html:schedule', '2026-10:pdf:schedule', '2026-10:xlsx:schedule']);
  });
});
