/**
 * Administrators manage departments (audited, with before and after); a figure's history is
 * readable by every signed-in user, with pending versions only for those who may see their batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';

describe('departments', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.login('admin');
  });
  afterAll(() => app.close());

  it('lists, creates and renames departments, each change in the audit log', async () => {
    const list = await app.request('/api/departments', { token: await app.login('leader') });
    expect(list.status).toBe(200);
    expect(list.body.find((d: { code: string }) => d.code === 'town_xihuo')).toMatchObject({ name: '西火镇人民政府', kind: 'town', regionCode: '140404103', regionName: '西火镇', users: 1 });
    expect(list.body.find((d: { code: string }) => d.code === 'energy')).toMatchObject({ kind: 'bureau', indicators: 12 });

    const created = await app.request('/api/departments', { method: 'POST', token: admin, body: { code: 'park_equipment', name: '先进装备制造园管委会', kind: 'zone', regionCode: '140404102' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'park_equipment', regionName: '荫城镇', users: 0 });
    expect((await app.request('/api/departments', { method: 'POST', token: admin, body: { code: 'park_equipment', name: '另一个', kind: 'zone', regionCode: '140404102' } })).status).toBe(409);
    expect((await app.request('/api/departments', { method: 'POST', token: admin, body: { code: 'x_bureau', name: '某局', kind: 'bureau', regionCode: '140404102' } })).status).toBe(400);
    expect((await app.request('/api/departments', { method: 'POST', token: admin, body: { code: 'x_zone', name: '某区', kind: 'zone', regionCode: '999' } })).status).toBe(400);
    expect((await app.request('/api/departments', { method: 'POST', token: admin, body: { code: 'Bad Code', name: 'x', kind: 'zone', regionCode: '140404102' } })).status).toBe(400);

    expect((await app.request('/api/departments/park_equipment', { method: 'PATCH', token: admin, body: { name: '荫城先进装备制造园管委会' } })).status).toBe(204);
    expect((await app.request('/api/departments/nope', { method: 'PATCH', token: admin, body: { name: 'x' } })).status).toBe(404);

    // A reporter of the new department can be created; it owes nothing until the plan names it the
    // 报送单位 of a figure: 荫城镇's figures stay with 荫城镇人民政府, one owner per figure.
    const user = await app.request('/api/users', { method: 'POST', token: admin, body: { username: 'park', displayName: '园区填报员', password: 'Park2026pass', role: 'reporter', departmentCode: 'park_equipment' } });
    expect(user.status).toBe(201);
    const tasks = await app.request('/api/reporting/tasks?period=2026-11', { token: await app.login('park', 'Park2026pass') });
    expect(tasks.status).toBe(200);
    expect(tasks.body.tasks).toEqual([]);
    const yincheng = await app.request('/api/reporting/tasks?period=2026-11&department=town_yincheng', { token: admin });
    expect(yincheng.body.tasks.length).toBeGreaterThan(0);
    expect(yincheng.body.tasks.every((t: { regionCode: string }) => t.regionCode === '140404102')).toBe(true);

    const audit = await app.request('/api/audit?entity=department&entityId=park_equipment', { token: admin });
    expect(audit.body.map((a: { action: string }) => a.action).reverse()).toEqual(['create', 'update']);
    expect(audit.body[0]).toMatchObject({ username: 'admin', before: { name: '先进装备制造园管委会', kind: 'zone', regionCode: '140404102' }, after: { name: '荫城先进装备制造园管委会' } });
  });
});

describe('figure history', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('shows approved versions to everyone signed in, pending ones only within scope', async () => {
    // 西火镇 corrects its own October coal; 能源局 reviews it.
    const xihuo = await app.login('xihuo');
    const preview = await app.request('/api/reporting/entries', {
      method: 'POST',
      token: xihuo,
      body: { reason: '补报', rows: [{ indicator: 'coal_output', region: '140404103', period: '2026-10', basis: 'month', value: '85.9' }] },
    });
    expect((await app.request(`/api/reporting/submissions/${preview.body.id}/submit`, { method: 'POST', token: xihuo, body: {} })).status).toBe(200);

    const path = '/api/observations/history?indicator=coal_output&region=140404103&period=2026-10';
    const forXihuo = await app.request(path, { token: xihuo });
    expect(forXihuo.status).toBe(200);
    expect(forXihuo.body).toMatchObject({ indicator: { code: 'coal_output', name: '原煤产量', unit: '万吨' }, region: { name: '西火镇' }, period: '2026-10' });
    expect(forXihuo.body.versions.map((v: { status: string; value: string; previousValue: string | null }) => [v.status, v.value, v.previousValue])).toEqual([
      ['approved', '85.37', null],
      ['submitted', '85.9', '85.37'],
    ]);
    expect(forXihuo.body.versions[1]).toMatchObject({ reason: '补报', createdBy: { username: 'xihuo' }, batch: { id: preview.body.id, source: 'online', status: 'submitted' } });
    expect(forXihuo.body.versions[0]).toMatchObject({ sample: true, batch: { source: 'sample' } });

    // Its 审核单位 (能源局's reviewer) and 统计局 see the pending version; 能源局's and 工信局's reporters do not.
    const statuses = async (username: string) => ((await app.request(path, { token: await app.login(username) })).body.versions as Array<{ status: string }>).map((v) => v.status);
    expect(await statuses('energy_review')).toEqual(['approved', 'submitted']);
    expect(await statuses('stats')).toEqual(['approved', 'submitted']);
    expect(await statuses('energy')).toEqual(['approved']);
    expect(await statuses('industry')).toEqual(['approved']);

    expect((await app.request(path)).status).toBe(401);
    expect((await app.request('/api/observations/history?indicator=nope&region=140404103&period=2026-10', { token: xihuo })).status).toBe(400);
    expect((await app.request('/api/observations/history?indicator=coal_output&region=140404103&period=2026-13', { token: xihuo })).status).toBe(400);
  });
});

describe("another department's unsubmitted work", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('stays out of other departments’ progress and task lists; its own department sees it', async () => {
    // 西火镇 drafts its own October coal figure (an 能源局 indicator; the town is its 报送单位).
    const xihuo = await app.login('xihuo');
    const draft = await app.request('/api/reporting/entries', {
      method: 'POST',
      token: xihuo,
      body: { period: '2026-10', rows: [{ indicator: 'coal_output', region: '140404103', basis: 'month', value: '86.4' }] },
    });
    expect(draft.status).toBe(201);
    const energy = await app.login('energy');

    const progress = '/api/progress/indicators/coal_output?region=140404103&to=2026-10';
    expect((await app.request(progress, { token: xihuo })).body.indicator.flags.provisional).toBe(true);
    expect((await app.request(progress, { token: energy })).body.indicator.flags.provisional).toBe(false);

    const coal = (list: Array<{ indicatorCode: string; regionCode: string }>) => list.find((t) => t.indicatorCode === 'coal_output' && t.regionCode === '140404103');
    const page = async (token: string) => (await app.request('/api/reporting/tasks?period=2026-10', { token })).body;
    expect(coal((await page(xihuo)).tasks)).toMatchObject({ pendingValue: '86.4', batchId: draft.body.id });
    // 能源局 watches the town's coal, read-only: the approved figure, not the town's draft.
    const forEnergy = await page(energy);
    expect(coal(forEnergy.tasks)).toBeUndefined();
    expect(coal(forEnergy.watched)).toMatchObject({ status: 'approved', approvedValue: '85.37', reporterName: '西火镇' });
    expect(JSON.stringify(forEnergy)).not.toContain(draft.body.id);
    expect(JSON.stringify(forEnergy)).not.toContain('86.4');
  });
});
