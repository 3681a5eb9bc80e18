import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';

/**
 * The shipped default rules on the sample data (through 2026-10, now 2026-11-23): late
 * submissions, stalled projects and lagging indicators all fire, each owned by the right
 * department and waiting in its inbox.
 */
describe('default rules on the sample data', () => {
  let api: TestApp;
  let admin: string;
  let alerts: any[];

  beforeAll(async () => {
    api = await startTestApp();
    admin = await api.login('admin');
    const evaluation = await api.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: {} });
    expect(evaluation.status).toBe(200);
    expect(evaluation.body.rules.map((r: any) => [r.ruleCode, r.outcome]).sort()).toEqual([
      ['anomaly_default', 'evaluated'],
      ['late_submission_day10', 'evaluated'],
      ['projected_shortfall_default', 'evaluated'],
      ['stalled_project_default', 'evaluated'],
      ['target_gap_default', 'evaluated'],
    ]);
    alerts = (await api.request('/api/alerts?limit=500', { token: admin })).body.items;
  });
  afterAll(() => api?.close());

  it('fires late-submission alerts for exactly the departments the overview calls late', async () => {
    const overview = await api.request('/api/progress/overview');
    const late = overview.body.freshness.lateDepartments.map((d: any) => d.code).sort();
    expect(late.length).toBeGreaterThan(0);
    const fired = alerts.filter((a) => a.type === 'late_submission');
    expect(fired.map((a) => a.departmentCode).sort()).toEqual(late);
    const industry = fired.find((a) => a.departmentCode === 'industry');
    expect(industry).toMatchObject({ fingerprint: 'late_submission_day10:department:industry', period: '2026-10', state: 'firing', severity: 'red', condition: 'overdueLong' });
    // The title names the months that are late: 工信局 owes figures since September.
    expect(industry.title).toBe('逾期未报：工信局2026年9月至2026年10月数据');
    expect(industry.message).toContain('应于2026-11-10前审核通过');
    const plan = (await api.request('/api/plan')).body;
    const owed = overview.body.freshness.lateDepartments.find((d: any) => d.code === 'industry').indicators as string[];
    for (const code of owed) expect(industry.message).toContain(plan.indicators.find((i: any) => i.code === code).name);
    expect(industry.details.overdueDays).toBeGreaterThan(10);
  });

  it('fires stalled-project alerts for the stalled key projects, owned by 发改局 and told to their towns', async () => {
    const stalled = (await api.request('/api/projects?stalled=true')).body;
    expect(stalled.length).toBeGreaterThan(0);
    const fired = alerts.filter((a) => a.type === 'stalled_project');
    expect(fired.map((a) => a.subject.projectCode).sort()).toEqual(stalled.map((p: any) => p.code).sort());
    for (const alert of fired) {
      expect(alert.departmentCode).toBe('development_reform');
      expect(alert.departmentName).toBe('发改局');
      expect(alert.message).toContain('责任单位：发改局');
    }
    const huida = fired.find((a) => a.subject.projectCode === 'KP-003');
    expect(huida).toMatchObject({ condition: 'noProgress', severity: 'yellow', departments: ['development_reform', 'town_haojiazhuang'] });
    expect(huida.message).toContain('汇达再生资源项目');
    expect(fired.filter((a) => a.condition === 'notStarted').every((a) => a.severity === 'red')).toBe(true);
  });

  it('fires target-gap alerts at district and town level, a town figure told to the town too', () => {
    const gaps = alerts.filter((a) => a.type === 'target_gap');
    const medicine = gaps.find((a) => a.fingerprint === 'target_gap_default:indicator:medicine_output_value@140404');
    expect(medicine).toMatchObject({ severity: 'red', period: '2026-10' });
    const town = gaps.find((a) => a.subject.regionCode === '140404103');
    expect(town.departments).toEqual([town.departmentCode, 'town_xihuo']);
    expect(town.message).toContain('西火镇');
    expect(town.message).toContain('西火镇人民政府');
    expect(alerts.filter((a) => a.type === 'projected_shortfall').length).toBeGreaterThan(0);
  });

  it('judges a district sum with a town missing like for like: no red on a missing report', async () => {
    // The district's coal is a sum of towns with 西火镇's months from August missing. Against the whole
    // target it read 严重滞后; the three towns that reported are ahead of their 72 % share of it.
    const coal = (await api.request('/api/progress/indicators/coal_output?to=2026-10')).body.indicator;
    expect(coal).toMatchObject({
      judgement: 'like_for_like',
      status: 'green',
      annualTarget: '3300',
      likeForLike: { excludedRegions: ['140404103'], share: '0.72', target: '2376' },
      flags: { incomplete: true },
    });
    expect(coal.completionPct).toBeCloseTo((Number(coal.value) / 2376) * 100, 9);
    expect(coal.sentence).toContain('同口径（不含西火镇）');
    expect(alerts.filter((a) => a.subject.indicatorCode === 'coal_output' && a.subject.regionCode === '140404')).toEqual([]);
  });

  it('puts each alert in the inbox of every department told, and shows a department only its own alerts', async () => {
    const industry = await api.login('industry');
    const inbox = (await api.request('/api/alerts/inbox?limit=500', { token: industry })).body;
    expect(inbox.unread).toBe(alerts.filter((a) => a.departments.includes('industry')).length);
    expect(inbox.items.some((n: any) => n.title.includes('逾期未报：工信局'))).toBe(true);
    const xihuo = await api.login('xihuo');
    expect((await api.request('/api/alerts/inbox?unread=true', { token: xihuo })).body.unread).toBeGreaterThan(0);

    const own = (await api.request('/api/alerts?limit=500', { token: industry })).body;
    expect(own.total).toBeGreaterThan(0);
    expect(own.items.every((a: any) => a.departments.includes('industry'))).toBe(true);
    // Asking for someone else's alerts gives one's own: the department filter is forced.
    const other = (await api.request('/api/alerts?department=energy&limit=500', { token: industry })).body;
    expect(other.items.every((a: any) => a.departments.includes('industry'))).toBe(true);
    const leader = await api.login('leader');
    expect((await api.request('/api/alerts?limit=1', { token: leader })).body.total).toBe(alerts.length);
    // The unattended wall screen reads without signing in and sees what a leader sees.
    const anonymous = await api.request('/api/alerts?limit=1');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.total).toBe(alerts.length);
  });

  it('filters by state, severity, department, rule, type and period', async () => {
    const q = async (query: string) => (await api.request(`/api/alerts?limit=500&${query}`, { token: admin })).body;
    const red = await q('severity=red');
    expect(red.items.every((a: any) => a.severity === 'red')).toBe(true);
    expect(red.counts.red).toBe(red.total);
    expect((await q('type=late_submission&period=2026-10')).total).toBe(alerts.filter((a) => a.type === 'late_submission').length);
    expect((await q('rule=stalled_project_default')).items.every((a: any) => a.ruleCode === 'stalled_project_default')).toBe(true);
    expect((await q('department=town_xihuo')).items.every((a: any) => a.departments.includes('town_xihuo'))).toBe(true);
    expect((await q('state=resolved')).total).toBe(0);
    expect((await q('state=firing,acknowledged')).total).toBe(alerts.length);
    expect((await api.request('/api/alerts?state=open', { token: admin })).status).toBe(400);
    expect((await api.request('/api/alerts?period=2026-13', { token: admin })).status).toBe(400);
  });

  it('runs the 09:00 tick for the late-submission rule only, and tells nobody again', async () => {
    const { AlertsService } = await import('../src/modules/alerts/alerts.service.js');
    const before = (await api.request('/api/alerts/notifications?limit=1', { token: admin })).body.total;
    const tick = await api.app.get(AlertsService).runScheduledTick(new Date('2026-11-23T01:00:30Z'));
    expect(tick.rules).toEqual([expect.objectContaining({ ruleCode: 'late_submission_day10', outcome: 'evaluated', notifications: 0 })]);
    expect((await api.request('/api/alerts/notifications?limit=1', { token: admin })).body.total).toBe(before);
    const runs = (await api.request('/api/alerts/runs?job=alerts.evaluate:late', { token: admin })).body;
    expect(runs[0]).toMatchObject({ job: 'alerts.evaluate:late_submission_day10', trigger: 'schedule', status: 'succeeded', tickKey: '2026-11-23T01:00:00.000Z' });
  });
});
