/**
 * Who may close an alert (issue 19 §8), through HTTP on real PostgreSQL: 解除 needs a comment, as
 * 确认 does, and a reviewer or a leader of a department the alert concerns (or an administrator);
 * a 填报员 may acknowledge it, not close it, and neither may a leader of another department or
 * the district's leader without one; the departments see who closed it and why, in the list and
 * in their 部门通知.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onlyRules, reportCoalBehindTarget } from './alerts.support.js';
import { startTestApp, type TestApp } from './support/app.js';

describe('closing a red 序时滞后 alert', () => {
  let api: TestApp;
  let admin: string;
  let id: string;

  beforeAll(async () => {
    api = await startTestApp();
    admin = await api.login('admin');
    await onlyRules(api, admin, ['target_gap_default']);
    await reportCoalBehindTarget(api);
    await api.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: { rules: ['target_gap_default'] } });
    const alerts = (await api.request('/api/alerts?rule=target_gap_default&state=firing', { token: admin })).body.items;
    const coal = alerts.find((a: any) => a.subject?.indicatorCode === 'coal_output' || a.title.includes('原煤产量'));
    expect(coal).toMatchObject({ state: 'firing', departmentCode: 'energy', severity: 'red' });
    id = coal.id;
  });
  afterAll(() => api?.close());

  const resolve = (token: string, body: object, alert = id) => api.request(`/api/alerts/${alert}/resolve`, { method: 'POST', token, body });
  /** A leader (a viewer account) of a department, made by the administrator. */
  const leaderOf = async (department: string): Promise<string> => {
    const username = `leader_${department}`;
    const created = await api.request('/api/users', { method: 'POST', token: admin, body: { username, displayName: `${department}领导`, password: 'Leader2026pass', role: 'viewer', departmentCode: department } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return api.login(username, 'Leader2026pass');
  };
  const REFUSAL = '只有预警涉及部门的审核人员、领导或管理员可以解除预警；填报人员可以确认预警并说明处理情况';

  it('a 填报员 of the department may not close it (it may acknowledge it), and nobody closes it without a comment', async () => {
    const energy = await api.login('energy');
    const refused = await resolve(energy, { comment: '已知悉' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe(REFUSAL);
    // Leaders read every alert; closing one is for the leaders of the departments it concerns.
    for (const leader of [await api.login('leader'), await leaderOf('industry')]) {
      const answer = await resolve(leader, { comment: '已阅' });
      expect(answer.status).toBe(403);
      expect(answer.body.message).toBe(REFUSAL);
    }
    expect((await resolve(await api.login('energy_review'), {})).status).toBe(400);
    expect((await resolve(await api.login('energy_review'), { comment: '   ' })).status).toBe(400);
    expect((await api.request(`/api/alerts/${id}/acknowledge`, { method: 'POST', token: energy, body: { comment: '正在核实各乡镇产量' } })).status).toBe(200);
    // A reviewer of a department the alert does not concern does not even see it.
    expect((await resolve(await api.login('stats'), { comment: '已核实' })).status).toBe(404);
  });

  it('the department’s reviewer closes it with a comment; the department sees who and why', async () => {
    const closed = await resolve(await api.login('energy_review'), { comment: '10月数据已按矿山报表更正，差距为统计口径所致' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ state: 'resolved', resolvedBy: 'energy_review', resolveComment: '10月数据已按矿山报表更正，差距为统计口径所致' });
    const energy = await api.login('energy');
    const listed = (await api.request('/api/alerts?state=resolved', { token: energy })).body.items.find((a: any) => a.id === id);
    expect(listed).toMatchObject({ resolvedBy: 'energy_review', resolveComment: '10月数据已按矿山报表更正，差距为统计口径所致' });
    const told = (await api.request('/api/alerts/inbox', { token: energy })).body.items.find((n: any) => n.alertId === id && n.event === 'resolved');
    expect(told.body).toContain('已由energy_review手动解除，说明：10月数据已按矿山报表更正，差距为统计口径所致');
  });

  it('the next episode, with the condition still there, is closed by 能源局’s leader, with a comment', async () => {
    await api.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: { rules: ['target_gap_default'] } });
    const again = (await api.request('/api/alerts?rule=target_gap_default&state=firing', { token: admin })).body.items.find((a: any) => a.subject?.indicatorCode === 'coal_output');
    expect(again).toMatchObject({ state: 'firing', departmentCode: 'energy' });
    const leader = await leaderOf('energy');
    expect((await resolve(leader, {}, again.id)).status).toBe(400);
    const closed = await resolve(leader, { comment: '已责成能源局按月督导，差距为口径所致' }, again.id);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({ state: 'resolved', resolvedBy: 'leader_energy', resolveComment: '已责成能源局按月督导，差距为口径所致' });
  });
});
