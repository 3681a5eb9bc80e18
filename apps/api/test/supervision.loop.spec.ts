import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SupervisionService } from '../src/modules/supervision/supervision.service.js';
import { sql } from './support/db.js';
import { startTestApp, type TestApp } from './support/app.js';
import { coalAlert } from './supervision.support.js';

/**
 * The 督办 loop through HTTP on real PostgreSQL: a leader opens it from an alert, 能源局 signs and
 * replies (with a file), the leader returns the reply, 能源局 replies again, the leader closes it.
 * Other departments can neither read nor answer it; the public sees counts and red titles only.
 */
describe('督办: open from an alert → 签收 → 反馈 → 退回 → 反馈 → 办结', () => {
  let api: TestApp;
  let admin: string;
  let leader: string;
  let energy: string;
  let energyReview: string;
  let industry: string;
  let alertId: string;
  let id: string;

  beforeAll(async () => {
    api = await startTestApp({ PUBLIC_WEB_URL: 'https://planwatch.shangdang.test/' });
    admin = await api.login('admin');
    leader = await api.login('leader');
    energy = await api.login('energy');
    energyReview = await api.login('energy_review');
    industry = await api.login('industry');
    alertId = await coalAlert(api, admin);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('lets a leader open it from the alert: owner, subject and a deadline of 5 working days', async () => {
    const refused = await api.request('/api/supervision', { method: 'POST', token: energy, body: { alertId, request: 'x' } });
    expect(refused.status).toBe(403);
    const opened = await api.request('/api/supervision', { method: 'POST', token: leader, body: { alertId, request: '请说明原煤产量滞后原因并提出整改措施' } });
    expect(opened.status).toBe(201);
    id = opened.body.id;
    expect(opened.body).toMatchObject({
      state: 'open',
      departmentCode: 'energy',
      departmentName: '能源局',
      alertId,
      subject: { kind: 'alert', alertId },
      workingDays: 5,
      // Opened Monday 2026-11-23: Tue–Fri and Monday the 30th.
      deadline: '2026-11-30',
      deadlineEstimated: false,
      colour: 'blue',
      overdue: false,
    });
    expect(opened.body.steps.map((s: any) => s.kind)).toEqual(['opened']);
    expect(opened.body.allowed).toEqual([]);
    // 能源局's inbox was told, with the link in the outbox row's payload.
    const rows = await sql<{ event: string; department_code: string; payload: any }>(api.databaseUrl, `SELECT event, department_code, payload FROM notifications WHERE supervision_id = $1`, [id]);
    expect(rows.map((r) => `${r.event}:${r.department_code}`)).toEqual(['supervision_opened:energy']);
    expect(rows[0]!.payload.url).toBe(`https://planwatch.shangdang.test/supervision/${id}`);
  });

  it('keeps other departments out (to them it does not exist), and shows the public counts only', async () => {
    expect((await api.request(`/api/supervision/${id}`, { token: industry })).status).toBe(404);
    expect((await api.request(`/api/supervision/${id}/sign`, { method: 'POST', token: industry })).status).toBe(404);
    const list = await api.request('/api/supervision', { token: industry });
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: any) => s.id)).not.toContain(id);
    expect((await api.request('/api/supervision?department=energy', { token: industry })).status).toBe(403);
    expect((await api.request('/api/supervision')).status).toBe(401);
    expect((await api.request(`/api/supervision/${id}`)).status).toBe(401);
    const summary = await api.request('/api/supervision/summary');
    expect(summary.status).toBe(200);
    expect(Object.keys(summary.body).sort()).toEqual(['asOf', 'closedThisMonth', 'open', 'overdue', 'red']);
    expect(summary.body.open).toBeGreaterThanOrEqual(1);
    for (const red of summary.body.red) expect(Object.keys(red).sort()).toEqual(['deadline', 'departmentName', 'title']);
  });

  it('refuses a reply before 签收, and lets 能源局 sign', async () => {
    const early = await api.request(`/api/supervision/${id}/replies`, { method: 'POST', token: energy, body: { reason: 'a', measures: 'b', expectedBy: '2026-12-31' } });
    expect(early.status).toBe(409);
    expect(early.body.message).toBe('不能反馈：请先签收再反馈');
    expect((await api.request(`/api/supervision/${id}/close`, { method: 'POST', token: leader, body: {} })).status).toBe(409);
    const signed = await api.request(`/api/supervision/${id}/sign`, { method: 'POST', token: energy });
    expect(signed.status).toBe(200);
    expect(signed.body.state).toBe('signed');
    expect(signed.body.allowed).toEqual(['reply']);
    expect((await api.request(`/api/supervision/${id}/sign`, { method: 'POST', token: energyReview })).status).toBe(409);
  });

  it('takes a reply with an attached CSV, and refuses a file that is not a spreadsheet without changing anything', async () => {
    const hostile = new FormData();
    hostile.set('reason', '原因');
    hostile.set('measures', '措施');
    hostile.set('expectedBy', '2026-12-31');
    hostile.set('file', new Blob([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00])]), '整改台账.xlsx');
    const refused = await api.request(`/api/supervision/${id}/replies`, { method: 'POST', token: energy, body: hostile });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('整改台账.xlsx');
    expect((await api.request(`/api/supervision/${id}`, { token: energy })).body.state).toBe('signed');

    const form = new FormData();
    form.set('reason', '两座煤矿10月停产检修');
    form.set('measures', '督促检修矿井11月中旬复产');
    form.set('expectedBy', '2026-12-31');
    form.set('file', new Blob(['矿井,复产日期\n漳村煤矿,2026-11-15\n'], { type: 'text/csv' }), '复产计划.csv');
    const replied = await api.request(`/api/supervision/${id}/replies`, { method: 'POST', token: energy, body: form });
    expect(replied.status).toBe(200);
    expect(replied.body.state).toBe('replied');
    const step = replied.body.steps.at(-1);
    expect(step).toMatchObject({ kind: 'replied', userName: '能源局填报员', stateBefore: 'signed', stateAfter: 'replied', reply: { reason: '两座煤矿10月停产检修', expectedBy: '2026-12-31' } });
    expect(step.attachments).toHaveLength(1);
    const file = await api.request(`/api/supervision/attachments/${step.attachments[0].id}`, { token: leader });
    expect(file.status).toBe(200);
    expect(file.body).toContain('漳村煤矿');
    expect((await api.request(`/api/supervision/attachments/${step.attachments[0].id}`, { token: industry })).status).toBe(404);
  });

  it('lets only a leader return it, with a comment, and tells 能源局', async () => {
    expect((await api.request(`/api/supervision/${id}/return`, { method: 'POST', token: energy, body: { comment: 'x' } })).status).toBe(403);
    expect((await api.request(`/api/supervision/${id}/return`, { method: 'POST', token: leader, body: {} })).status).toBe(400);
    const returned = await api.request(`/api/supervision/${id}/return`, { method: 'POST', token: leader, body: { comment: '措施不够具体，请补充时间节点' } });
    expect(returned.status).toBe(200);
    expect(returned.body.state).toBe('returned');
    const inbox = await api.request('/api/alerts/inbox', { token: energy });
    expect(inbox.body.items.map((n: any) => n.title)).toContain(`【督办退回】${returned.body.title}`);
  });

  it('takes the second reply from the reviewer and closes it; every step is in the timeline and the audit log', async () => {
    const again = await api.request(`/api/supervision/${id}/replies`, {
      method: 'POST',
      token: energyReview,
      body: { reason: '两座煤矿停产检修', measures: '11月15日复产，12月增产5万吨', expectedBy: '2026-12-31' },
    });
    expect(again.status).toBe(200);
    const closed = await api.request(`/api/supervision/${id}/close`, { method: 'POST', token: leader, body: { comment: '同意办结' } });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ state: 'closed', colour: null, overdue: false });
    expect(closed.body.steps.map((s: any) => `${s.kind}:${s.stateBefore ?? '-'}→${s.stateAfter}`)).toEqual([
      'opened:-→open',
      'signed:open→signed',
      'replied:signed→replied',
      'returned:replied→returned',
      'replied:returned→replied',
      'closed:replied→closed',
    ]);
    expect((await api.request(`/api/supervision/${id}/replies`, { method: 'POST', token: energy, body: { reason: 'a', measures: 'b', expectedBy: '2026-12-31' } })).body.message).toBe('不能反馈：该督办已办结');
    const audit = await api.request(`/api/audit?entity=supervision&entityId=${id}&limit=20`, { token: admin });
    expect(audit.body.map((a: any) => a.action).reverse()).toEqual([
      'supervision_opened',
      'supervision_signed',
      'supervision_replied',
      'supervision_returned',
      'supervision_replied',
      'supervision_closed',
    ]);
    expect(audit.body[0].before).toMatchObject({ state: 'replied' });
    expect(audit.body[0].after).toMatchObject({ state: 'closed', comment: '同意办结' });
  });

  it('notes on the timeline that the alert resolved by itself, and the 督办 still needs 办结', async () => {
    const second = await api.request('/api/supervision', { method: 'POST', token: admin, body: { alertId, request: '复查' } });
    expect(second.status).toBe(201);
    expect((await api.request(`/api/alerts/${alertId}/resolve`, { method: 'POST', token: admin, body: { comment: '数据已更正' } })).status).toBe(200);
    await api.app.get(SupervisionService).sweep();
    const detail = await api.request(`/api/supervision/${second.body.id}`, { token: leader });
    expect(detail.body.state).toBe('open');
    expect(detail.body.alertResolvedAt).not.toBeNull();
    expect(detail.body.steps.map((s: any) => s.kind)).toEqual(['opened', 'alert_resolved']);
  });

  it('filters the list by state, colour, department and overdue', async () => {
    const closed = await api.request('/api/supervision?state=closed', { token: leader });
    expect(closed.body.items.map((s: any) => s.id)).toContain(id);
    expect(closed.body.items.every((s: any) => s.state === 'closed')).toBe(true);
    const red = await api.request('/api/supervision?colour=red', { token: leader });
    expect(red.body.items.every((s: any) => s.colour === 'red')).toBe(true);
    const overdue = await api.request('/api/supervision?overdue=true', { token: leader });
    expect(overdue.body.items.every((s: any) => s.overdue)).toBe(true);
    expect(overdue.body.total).toBe(overdue.body.counts.overdue);
    const mine = await api.request('/api/supervision', { token: energy });
    expect(mine.body.items.every((s: any) => s.departmentCode === 'energy')).toBe(true);
    expect((await api.request('/api/supervision?colour=purple', { token: leader })).status).toBe(400);
  });
});
