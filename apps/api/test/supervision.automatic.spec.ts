import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SupervisionService } from '../src/modules/supervision/supervision.service.js';
import { sql } from './support/db.js';
import { startTestApp, type TestApp } from './support/app.js';
import { coalAlert } from './supervision.support.js';

const china = (text: string) => new Date(`${text}+08:00`);

/**
 * A rule's setting opens the 督办 by itself: "red target-gap alerts open a 督办 after 3 working
 * days unacknowledged", with the rule's own deadline — once per alert, with two processes looking.
 */
describe('督办 opened by an alert rule’s setting', () => {
  let a: TestApp;
  let b: TestApp;
  let admin: string;
  let alertId: string;
  const sweepBoth = (at: Date) => Promise.all([a, b, a, b].map((app) => app.app.get(SupervisionService).sweep(at)));

  beforeAll(async () => {
    a = await startTestApp(); // the clock: Monday 2026-11-23 09:00, when the alert fires
    b = await startTestApp({}, { databaseUrl: a.databaseUrl });
    admin = await a.login('admin');
    alertId = await coalAlert(a, admin);
    const rule = await a.request('/api/alerts/rules/gap_coal', { method: 'PATCH', token: admin, body: { params: { superviseRedAfterDays: 3, superviseWorkingDays: 4 } } });
    expect(rule.status).toBe(200);
    expect(rule.body.params).toMatchObject({ superviseRedAfterDays: 3, superviseWorkingDays: 4 });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('refuses a setting out of range, naming it', async () => {
    const bad = await a.request('/api/alerts/rules/gap_coal', { method: 'PATCH', token: admin, body: { params: { superviseRedAfterDays: 0 } } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('superviseRedAfterDays');
  });

  it('waits three working days, then opens one 督办 however many processes sweep', async () => {
    const [alert] = await sql<{ severity: string; state: string }>(a.databaseUrl, `SELECT severity, state FROM alerts WHERE id = $1`, [alertId]);
    expect(alert).toEqual({ severity: 'red', state: 'firing' });
    expect((await sweepBoth(china('2026-11-25T18:00:00'))).every((r) => r.opened === 0)).toBe(true);
    const results = await sweepBoth(china('2026-11-26T09:00:00'));
    expect(results.reduce((n, r) => n + r.opened, 0)).toBe(1);
    expect((await sweepBoth(china('2026-11-27T09:00:00'))).every((r) => r.opened === 0)).toBe(true);

    const leader = await a.login('leader');
    const list = await a.request('/api/supervision?department=energy', { token: leader });
    const opened = list.body.items.filter((s: any) => s.alertId === alertId);
    expect(opened).toHaveLength(1);
    // Thursday 26 November + 4 working days: Fri 27, Mon 30, Tue 1, Wed 2 December.
    expect(opened[0]).toMatchObject({ state: 'open', workingDays: 4, deadline: '2026-12-02', openedByName: '系统（预警规则gap_coal）', departmentCode: 'energy' });
    const detail = await a.request(`/api/supervision/${opened[0].id}`, { token: leader });
    expect(detail.body.steps[0]).toMatchObject({ kind: 'opened', userName: null });
    const told = await sql<{ n: number }>(a.databaseUrl, `SELECT count(*)::int AS n FROM notifications WHERE supervision_id = $1 AND event = 'supervision_opened'`, [opened[0].id]);
    expect(told[0]!.n).toBe(1); // 能源局's inbox
  });

  it('gives a 督办 opened by hand from the same rule’s alert the rule’s deadline', async () => {
    const leader = await a.login('leader');
    const byHand = await a.request('/api/supervision', { method: 'POST', token: leader, body: { alertId, request: '请再次说明' } });
    expect(byHand.status).toBe(201);
    expect(byHand.body.workingDays).toBe(4);
  });
});
