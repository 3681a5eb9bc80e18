import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationsService } from '../src/modules/notifications/notifications.service.js';
import { SupervisionService } from '../src/modules/supervision/supervision.service.js';
import { fastDelivery, startHttpReceiver, startSmtpReceiver, type HttpReceiver, type SmtpReceiver } from './alerts.support.js';
import { startTestApp, type TestApp } from './support/app.js';

/** A China-time instant. */
const china = (text: string) => new Date(`${text}+08:00`);

/**
 * Working-day deadlines and the once-only reminder and escalation, with two API processes on one
 * database racing each other: opened on Tuesday 2026-09-29 with 5 working days, the deadline is
 * Monday 2026-10-12 (国庆 1–7 October off, Saturday 10 October worked). It turns yellow on Friday
 * 9 October and red on Tuesday 13 October; each is told exactly once per channel, to a real SMTP
 * server and a real webhook receiver, and the escalation also reaches the leaders' channel.
 */
describe('督办 deadlines across 国庆 and an 调休 Saturday, told once with two processes', () => {
  let a: TestApp;
  let b: TestApp;
  let http: HttpReceiver;
  let smtp: SmtpReceiver;
  let db: pg.Client;
  let id: string;

  const sweepBoth = (at: Date) => Promise.all([a, b, a, b].map((app) => app.app.get(SupervisionService).sweep(at)));
  const deliverBoth = async () => {
    const workers = [a, b].map((app) => app.app.get(NotificationsService));
    await Promise.all([...workers, ...workers].map((w) => w.deliverDue()));
  };
  const received = (path: string) => http.requests.filter((r) => r.path === path);

  beforeAll(async () => {
    http = await startHttpReceiver();
    smtp = await startSmtpReceiver();
    const env = { SMTP_URL: smtp.url, MAIL_FROM: 'PlanWatch <duban@planwatch.test>', PUBLIC_WEB_URL: 'https://pw.shangdang.test', WECOM_WEBHOOK_BASE: `${http.url}/`, DINGTALK_WEBHOOK_BASE: `${http.url}/` };
    a = await startTestApp(env, { now: china('2026-09-29T10:00:00') });
    b = await startTestApp(env, { now: china('2026-09-29T10:00:00'), databaseUrl: a.databaseUrl });
    fastDelivery(a);
    fastDelivery(b);
    const admin = await a.login('admin');
    db = new pg.Client({ connectionString: a.databaseUrl });
    await db.connect();
    // The administrator stores the responsible person's mobile on the user, for the @-mention.
    const users = await a.request('/api/users', { token: admin });
    const energyUser = users.body.find((u: any) => u.username === 'energy');
    expect((await a.request(`/api/users/${energyUser.id}`, { method: 'PATCH', token: admin, body: { mobile: '1380000' } })).status).toBe(400);
    expect((await a.request(`/api/users/${energyUser.id}`, { method: 'PATCH', token: admin, body: { mobile: '13800000001' } })).status).toBe(204);
    expect((await a.request('/api/users', { token: admin })).body.find((u: any) => u.username === 'energy').mobile).toBe('13800000001');
    const channels = [
      { code: 'energy_mail', kind: 'email', departmentCode: 'energy', config: { to: ['energy@shangdang.test'] } },
      { code: 'energy_ding', kind: 'dingtalk', departmentCode: 'energy', config: { url: `${http.url}/dingtalk` } },
      { code: 'energy_wecom', kind: 'wecom', departmentCode: 'energy', config: { url: `${http.url}/wecom` } },
      { code: 'leaders_hook', kind: 'webhook', config: { url: `${http.url}/leaders`, leaders: true } },
      { code: 'industry_hook', kind: 'webhook', departmentCode: 'industry', config: { url: `${http.url}/industry` } },
    ];
    for (const channel of channels) expect((await a.request('/api/alerts/channels', { method: 'POST', token: admin, body: channel })).status).toBe(201);
    const leader = await b.login('leader');
    const opened = await b.request('/api/supervision', {
      method: 'POST',
      token: leader,
      body: { subject: { kind: 'indicator', indicatorCode: 'coal_output', regionCode: '140404' }, departmentCode: 'energy', request: '请说明原煤产量滞后原因', workingDays: 5 },
    });
    expect(opened.status).toBe(201);
    id = opened.body.id;
    expect(opened.body.deadline).toBe('2026-10-12');
    expect(opened.body.deadlineEstimated).toBe(false);
    await deliverBoth(); // the opening itself: one mail, one robot message each
  });
  afterAll(async () => {
    await db?.end();
    await a?.close();
    await b?.close();
    await http?.close();
    await smtp?.stop();
  });

  it('sends the opening to 能源局 only', () => {
    expect(smtp.messages.map((m) => m.subject)).toEqual([`[PlanWatch] 【督办】督办：原煤产量（上党区）`]);
    expect(received('/dingtalk')).toHaveLength(1);
    expect(received('/industry')).toHaveLength(0);
    expect(received('/leaders')).toHaveLength(0);
  });

  it('stays blue through 国庆 and on Thursday 8 October: nothing is sent', async () => {
    for (const at of ['2026-10-01T10:00:00', '2026-10-07T23:00:00', '2026-10-08T10:00:00']) {
      const results = await sweepBoth(china(at));
      expect(results.every((r) => r.reminded === 0 && r.escalated === 0), at).toBe(true);
    }
  });

  it('reminds once on Friday 9 October (two working days left: the 调休 Saturday and Monday)', async () => {
    const results = await sweepBoth(china('2026-10-09T09:00:00'));
    expect(results.reduce((n, r) => n + r.reminded, 0)).toBe(1);
    await sweepBoth(china('2026-10-10T09:00:00')); // still yellow: nothing new
    await deliverBoth();
    await deliverBoth();
    const reminders = smtp.messages.filter((m) => m.subject.includes('督办临期提醒'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.raw).toContain('https://pw.shangdang.test/supervision/');
    const ding = received('/dingtalk').filter((r) => r.json.markdown.title.includes('督办临期提醒'));
    expect(ding).toHaveLength(1);
    expect(ding[0]!.json.at).toEqual({ atMobiles: ['13800000001'], isAtAll: false });
    expect(ding[0]!.json.markdown.text).toContain(`[查看督办详情](https://pw.shangdang.test/supervision/${id})`);
    const wecom = received('/wecom').filter((r) => JSON.stringify(r.json).includes('督办临期提醒'));
    expect(wecom).toHaveLength(1);
    expect(wecom[0]!.json).toMatchObject({ msgtype: 'text', text: { mentioned_mobile_list: ['13800000001'] } });
    expect(received('/leaders')).toHaveLength(0);
    expect(http.duplicates).toHaveLength(0);
  });

  it('is still yellow at 23:59 on Monday 12 October, and escalates once on Tuesday 13 October, to the leaders too', async () => {
    const lastMinute = await sweepBoth(china('2026-10-12T23:59:00'));
    expect(lastMinute.every((r) => r.escalated === 0)).toBe(true);
    const results = await sweepBoth(china('2026-10-13T00:05:00'));
    expect(results.reduce((n, r) => n + r.escalated, 0)).toBe(1);
    await sweepBoth(china('2026-10-14T09:00:00'));
    await deliverBoth();
    await deliverBoth();
    expect(smtp.messages.filter((m) => m.subject.includes('督办逾期'))).toHaveLength(1);
    expect(received('/dingtalk').filter((r) => r.json.markdown.title.includes('督办逾期'))).toHaveLength(1);
    const leaders = received('/leaders');
    expect(leaders).toHaveLength(1);
    expect(leaders[0]!.json).toMatchObject({ event: 'supervision_escalated', supervision: { id, colour: 'red', deadline: '2026-10-12', departmentCode: 'energy' } });
    expect(received('/industry')).toHaveLength(0);
    expect(http.duplicates).toHaveLength(0);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(smtp.messages.length);
    const { rows } = await db.query(`SELECT kind, count(*)::int AS n FROM supervision_steps WHERE supervision_id = $1 GROUP BY kind ORDER BY kind`, [id]);
    expect(rows).toEqual([
      { kind: 'escalated', n: 1 },
      { kind: 'opened', n: 1 },
      { kind: 'reminded', n: 1 },
    ]);
    const { rows: left } = await db.query(`SELECT status, count(*)::int AS n FROM notifications WHERE supervision_id = $1 GROUP BY status`, [id]);
    // Opening, reminder and escalation × (inbox, mail, DingTalk, WeCom), and the escalation to the leaders.
    expect(left).toEqual([{ status: 'sent', n: 3 * 4 + 1 }]);
  });
});

describe('a deadline running into a year whose holidays are not published', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({}, { now: china('2026-12-29T10:00:00') });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('counts Monday–Friday into 2027 and says so', async () => {
    const leader = await api.login('leader');
    const opened = await api.request('/api/supervision', {
      method: 'POST',
      token: leader,
      body: { subject: { kind: 'region', regionCode: '140404103' }, request: '请说明西火镇指标滞后原因' },
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ departmentCode: 'town_xihuo', deadline: '2027-01-05', deadlineEstimated: true });
  });
});
