/**
 * Where clerks look and what the statistics bureau runs (issue 19 §5–6), through HTTP on real
 * PostgreSQL: the task page opens on the month that is due with earlier months' overdue and
 * returned figures first and a countdown; a return reaches the department's 部门通知; a month
 * that has not ended is refused; 报送进度 is departments × indicators; 催报 goes to a
 * department's inbox once a day; the plan's automatic reminder goes out three working days
 * before the deadline, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportingProgressService } from '../src/modules/reporting/reporting-progress.service.js';
import { logins } from './fixtures/reporting-helpers.js';
import { startTestApp, type TestApp } from './support/app.js';
import { REPORTING_NOW, REPORTING_PERIOD, TEST_NOW } from './support/constants.js';

const XIHUO = '140404103';
const NANSONG = '140404107';

describe('the task page, returns and months not yet over', () => {
  let app: TestApp;
  let admin: string;
  let xihuo: string;
  let energyReview: string;

  beforeAll(async () => {
    app = await startTestApp({}, { now: REPORTING_NOW });
    [admin, xihuo, energyReview] = await logins(app, ['admin', 'xihuo', 'energy_review'] as const);
  });
  afterAll(() => app.close());

  it('opens on the month that is due, earlier months’ overdue and returned figures first, with days left', async () => {
    // 南宋镇's October coal waits for review in the sample data; 能源局's reviewer returns it.
    const queue = (await app.request('/api/reporting/submissions?status=submitted&reviewable=true&period=2026-10', { token: energyReview })).body;
    const nansong = queue.find((b: any) => b.departmentCode === 'town_nansong');
    expect((await app.request(`/api/reporting/submissions/${nansong.id}/return`, { method: 'POST', token: energyReview, body: { comment: '与煤矿报表不一致' } })).status).toBe(200);

    const page = (await app.request('/api/reporting/tasks?department=town_nansong', { token: admin })).body;
    expect(page.period).toBe(REPORTING_PERIOD);
    expect(page.today).toBe('2026-12-02');
    expect(page.earlier.find((t: any) => t.indicatorCode === 'coal_output')).toMatchObject({
      period: '2026-10',
      regionCode: NANSONG,
      status: 'returned',
      reviewComment: '与煤矿报表不一致',
      dueDate: '2026-11-10',
      daysLeft: -22,
    });
    expect(page.tasks.find((t: any) => t.indicatorCode === 'coal_output')).toMatchObject({ period: REPORTING_PERIOD, status: 'due', daysLeft: 8 });

    // 统计局 sent nothing for October: its figures are overdue there.
    const statistics = (await app.request('/api/reporting/tasks?department=statistics', { token: admin })).body;
    expect(statistics.earlier.length).toBeGreaterThan(0);
    for (const t of statistics.earlier) expect(t).toMatchObject({ period: '2026-10', status: 'late', overdue: true });
  });

  it('tells the department of a return in its 部门通知', async () => {
    const preview = await app.request('/api/reporting/entries', {
      method: 'POST',
      token: xihuo,
      body: { period: REPORTING_PERIOD, rows: [{ indicator: 'coal_output', region: XIHUO, period: REPORTING_PERIOD, basis: 'month', value: '86.3' }] },
    });
    await app.request(`/api/reporting/submissions/${preview.body.id}/submit`, { method: 'POST', token: xihuo, body: {} });
    expect((await app.request('/api/alerts/inbox', { token: xihuo })).body.items.some((n: any) => n.event === 'returned')).toBe(false);
    await app.request(`/api/reporting/submissions/${preview.body.id}/return`, { method: 'POST', token: energyReview, body: { comment: '请附煤矿产量明细' } });
    const inbox = (await app.request('/api/alerts/inbox', { token: xihuo })).body;
    expect(inbox.unread).toBeGreaterThan(0);
    expect(inbox.items.find((n: any) => n.event === 'returned')).toMatchObject({
      batchId: preview.body.id,
      alertId: null,
      title: '2026年11月报送已被能源局退回',
      body: '审核意见：请附煤矿产量明细。退回1项数据（原煤产量/西火镇），请在"我的任务"中修改后重新报送。',
      readAt: null,
    });
  });

  it('refuses figures for a month that has not ended', async () => {
    const december = await app.request('/api/reporting/entries', {
      method: 'POST',
      token: xihuo,
      body: { rows: [{ indicator: 'coal_output', region: XIHUO, period: '2026-12', basis: 'month', value: '80' }] },
    });
    expect(december.body.report.rejects).toEqual([
      { file: '在线填报', row: 1, value: '2026-12', subject: '原煤产量/西火镇', reason: '2026年12月尚未结束，该月数据须在月末之后填报。' },
    ]);
    const early = await startTestApp({}, { now: TEST_NOW, databaseUrl: app.databaseUrl });
    try {
      const november = await early.request('/api/reporting/entries', {
        method: 'POST',
        token: await early.login('xihuo'),
        body: { rows: [{ indicator: 'coal_output', region: XIHUO, period: '2026-11', basis: 'month', value: '80' }] },
      });
      expect(november.body.report.rejects[0].reason).toBe('2026年11月尚未结束，该月数据须在月末之后填报。');
    } finally {
      await early.close();
    }
  });
});

describe('报送进度 and 催报', () => {
  let app: TestApp;
  let stats: string;
  let xihuo: string;

  beforeAll(async () => {
    app = await startTestApp({}, { now: REPORTING_NOW });
    [stats, xihuo] = await logins(app, ['stats', 'xihuo'] as const);
  });
  afterAll(() => app.close());

  it('shows every department × indicator of a month: 未报, 已报, 已审核, 逾期', async () => {
    const october = await app.request('/api/reporting/progress?period=2026-10', { token: stats });
    expect(october.status).toBe(200);
    const row = (code: string) => october.body.rows.find((r: any) => r.departmentCode === code);
    const cell = (code: string, indicator: string) => row(code).cells.find((c: any) => c.indicatorCode === indicator);
    expect(october.body).toMatchObject({ period: '2026-10', dueDate: '2026-11-10', today: '2026-12-02' });
    expect(cell('town_xihuo', 'coal_output')).toMatchObject({ status: 'approved', figures: 1 });
    expect(cell('town_nansong', 'coal_output')).toMatchObject({ status: 'submitted' });
    // 八义镇 holds a draft: not reported, and past the due date.
    expect(cell('town_bayi', 'coal_output')).toMatchObject({ status: 'late', counts: { late: 1 } });
    expect(cell('town_xichi', 'coal_output')).toMatchObject({ status: 'late', counts: { late: 1 } });
    expect(row('statistics').cells.every((c: any) => c.status === 'late')).toBe(true);
    expect(row('statistics').outstanding).toBeGreaterThan(0);
    expect(october.body.indicators.map((i: any) => i.code)).toContain('coal_output');
    expect(Object.values(october.body.totals).reduce((a: number, b: any) => a + b, 0)).toBe(october.body.rows.reduce((n: number, r: any) => n + r.cells.length, 0));

    const november = (await app.request('/api/reporting/progress', { token: stats })).body;
    expect(november.period).toBe(REPORTING_PERIOD);
    expect(november.rows.every((r: any) => r.cells.every((c: any) => c.status === 'missing'))).toBe(true);
    expect((await app.request('/api/reporting/progress', { token: await app.login('leader') })).status).toBe(200);
    expect((await app.request('/api/reporting/progress', { token: xihuo })).status).toBe(403);
  });

  it('催报 reaches the department’s inbox once a day, listing what it owes', async () => {
    const first = await app.request('/api/reporting/reminders', { method: 'POST', token: stats, body: { department: 'town_xihuo', period: REPORTING_PERIOD } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ departmentCode: 'town_xihuo', period: REPORTING_PERIOD, sent: true });
    expect(first.body.outstanding).toBeGreaterThan(0);
    const again = await app.request('/api/reporting/reminders', { method: 'POST', token: stats, body: { department: 'town_xihuo', period: REPORTING_PERIOD } });
    expect(again.body).toMatchObject({ sent: false, notificationId: null });
    const urged = (await app.request('/api/alerts/inbox', { token: xihuo })).body.items.filter((n: any) => n.event === 'urged');
    expect(urged).toHaveLength(1);
    expect(urged[0].title).toBe('催报：请尽快报送2026年11月数据');
    expect(urged[0].body).toMatch(/^统计局催报：2026年11月尚有\d+项数据未报送或已退回待重报（原煤产量\/西火镇、.*），截止日期2026-12-10。$/);
    const matrix = (await app.request('/api/reporting/progress', { token: stats })).body;
    expect(matrix.rows.find((r: any) => r.departmentCode === 'town_xihuo').remindedAt).not.toBeNull();

    expect((await app.request('/api/reporting/reminders', { method: 'POST', token: xihuo, body: { department: 'town_xihuo' } })).status).toBe(403);
    const nothing = await app.request('/api/reporting/reminders', { method: 'POST', token: stats, body: { department: 'town_xihuo', period: '2026-10' } });
    expect(nothing.status).toBe(422);
    expect(nothing.body).toMatchObject({ code: 'nothing_outstanding', message: '西火镇2026年10月的数据已全部报送，无需催报。' });
  });

  it('the plan’s reminder goes out three working days before the deadline (Monday 7 December for the 10th), once', async () => {
    expect(await app.app.get(ReportingProgressService).sendDueReminders()).toBe(0);
    const monday = await startTestApp({}, { now: new Date('2026-12-07T09:00:00+08:00'), databaseUrl: app.databaseUrl });
    try {
      const sent = await monday.app.get(ReportingProgressService).sendDueReminders();
      expect(sent).toBeGreaterThan(5);
      expect(await monday.app.get(ReportingProgressService).sendDueReminders()).toBe(0);
      const due = (await monday.request('/api/alerts/inbox', { token: await monday.login('xihuo') })).body.items.filter((n: any) => n.event === 'due_soon');
      expect(due).toHaveLength(1);
      expect(due[0]).toMatchObject({ title: '提醒：2026年11月数据将于2026-12-10截止' });
      expect(due[0].body).toMatch(/^距报送截止还有3个工作日，2026年11月尚有\d+项数据未报送：原煤产量\/西火镇/);
    } finally {
      await monday.close();
    }
  });
});
