import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';

/**
 * `GET /api/alerts` is public so the unattended wall screen can show what is firing; what it
 * shows anonymous callers is what is wrong and how badly, never who handled an alert or what
 * they wrote about it. Signed-in departments see their own alerts in full.
 */
describe('the public alert list', () => {
  let api: TestApp;
  let admin: string;
  let energy: string;
  let alertId: string;
  const COMMENT = '已联系西火镇煤矿核实产量口径（内部意见）';

  beforeAll(async () => {
    api = await startTestApp();
    admin = await api.login('admin');
    energy = await api.login('energy');
    // A gap alert owned by 能源局 alone, acknowledged by its reporter with a comment.
    const rule = { code: 'public_view_gap', type: 'target_gap', name: '公开视图测试', schedule: '0 8 * * *', scope: { indicators: ['intelligent_mines'], regions: ['140404'] } };
    expect((await api.request('/api/alerts/rules', { method: 'POST', token: admin, body: rule })).status).toBe(201);
    expect((await api.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: { rules: [rule.code] } })).status).toBe(200);
    const listed = await api.request(`/api/alerts?rule=${rule.code}`, { token: admin });
    expect(listed.body.items).toHaveLength(1);
    alertId = listed.body.items[0].id;
    expect((await api.request(`/api/alerts/${alertId}/acknowledge`, { method: 'POST', token: energy, body: { comment: COMMENT } })).status).toBe(200);
    expect((await api.request(`/api/alerts/${alertId}/resolve`, { method: 'POST', token: admin, body: { comment: '管理员复核后解除' } })).status).toBe(200);
  });
  afterAll(() => api?.close());

  it('gives anonymous callers title, severity, subject and state only', async () => {
    const { status, body } = await api.request('/api/alerts?limit=500&state=firing,acknowledged,resolved');
    expect(status).toBe(200);
    expect(body.items.length).toBeGreaterThan(0);
    for (const item of body.items) expect(Object.keys(item).sort()).toEqual(['severity', 'state', 'subject', 'title']);
    const ours = body.items.find((item: any) => item.title.includes('智能化煤矿'));
    expect(ours).toEqual({ title: expect.any(String), severity: expect.stringMatching(/^(red|yellow)$/), subject: { kind: 'indicator', indicatorCode: 'intelligent_mines', regionCode: '140404' }, state: 'resolved' });
    // Nothing of who handled it, or what they wrote, anywhere in the answer.
    const text = JSON.stringify(body);
    for (const secret of ['energy', 'admin', COMMENT, '管理员复核后解除', 'acknowledgedBy', 'resolveComment', 'departments']) expect(text).not.toContain(secret);
    expect(body.counts).toEqual(expect.objectContaining({ resolved: expect.any(Number) }));
  });

  it('gives the department told its own alert in full, and another department nothing of it', async () => {
    const own = await api.request('/api/alerts?state=resolved&rule=public_view_gap', { token: energy });
    expect(own.body.items).toEqual([
      expect.objectContaining({ id: alertId, departmentCode: 'energy', acknowledgedBy: 'energy', ackComment: COMMENT, resolvedBy: 'admin', resolveComment: '管理员复核后解除' }),
    ]);
    const other = await api.request('/api/alerts?state=resolved&rule=public_view_gap', { token: await api.login('xihuo') });
    expect(other.body.items).toEqual([]);
    // Administrators and the leader see every alert in full.
    const leader = await api.request('/api/alerts?state=resolved&rule=public_view_gap', { token: await api.login('leader') });
    expect(leader.body.items[0]).toMatchObject({ acknowledgedBy: 'energy', ackComment: COMMENT });
  });
});
