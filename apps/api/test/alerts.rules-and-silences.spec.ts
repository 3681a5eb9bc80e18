import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertsService } from '../src/modules/alerts/alerts.service.js';
import { ChannelsRepository } from '../src/modules/notifications/channels.repository.js';
import { onlyRules, reportCoalBehindTarget, startHttpReceiver, type HttpReceiver } from './alerts.support.js';
import { startTestApp, type TestApp } from './support/app.js';

const GAP = { type: 'target_gap', schedule: '0 8 * * *', scope: { indicators: ['coal_output'], regions: ['140404'] } };

/** Rules are data administrators manage; silences, escalation, reminders and manual resolution behave. */
describe('alert rules, silences and the lifecycle over HTTP', () => {
  let api: TestApp;
  let http: HttpReceiver;
  let admin: string;

  const events = async (rule: string) =>
    (await api.request(`/api/alerts/notifications?limit=500`, { token: admin })).body.items
      .filter((n: any) => n.channelCode === 'hook' && n.idempotencyKey.startsWith(`${rule}:`))
      .map((n: any) => n.event)
      .reverse();
  const evaluate = (rule: string) => api.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: { rules: [rule] } });
  const alertOf = async (rule: string) => (await api.request(`/api/alerts?rule=${rule}`, { token: admin })).body.items[0];

  beforeAll(async () => {
    http = await startHttpReceiver();
    api = await startTestApp({ WECOM_WEBHOOK_BASE: `${http.url}/` });
    admin = await api.login('admin');
    await onlyRules(api, admin);
    await reportCoalBehindTarget(api);
    expect((await api.request('/api/alerts/channels', { method: 'POST', token: admin, body: { code: 'hook', kind: 'webhook', config: { url: `${http.url}/hook` } } })).status).toBe(201);
  });
  afterAll(async () => {
    await api?.close();
    await http?.close();
  });

  it('lists the default rules the plan ships, every parameter filled in; administrators only', async () => {
    const { status, body } = await api.request('/api/alerts/rules', { token: admin });
    expect(status).toBe(200);
    expect(body.map((r: any) => r.code)).toEqual(['anomaly_default', 'late_submission_day10', 'projected_shortfall_default', 'stalled_project_default', 'target_gap_default']);
    expect(body.find((r: any) => r.code === 'late_submission_day10')).toMatchObject({
      type: 'late_submission',
      params: { dueDay: 10, redAfterDays: 10, remindEveryHours: 0 },
      severity: { overdue: 'yellow', overdueLong: 'red' },
      schedule: '0 9 * * *',
      timezone: 'Asia/Shanghai',
      activeAlerts: 0,
    });
    expect((await api.request('/api/alerts/rules', { token: await api.login('stats') })).status).toBe(403);
    expect((await api.request('/api/alerts/rules')).status).toBe(401);
  });

  it('validates rules and names every bad parameter', async () => {
    const bad = await api.request('/api/alerts/rules', {
      method: 'POST',
      token: admin,
      body: { code: 'shortfall_x', type: 'projected_shortfall', name: 'x', schedule: '0 8 * *', params: { floorPct: 90, redBelowPct: 95, colour: 1 }, severity: { belowFloor: 'orange' } },
    });
    expect(bad.status).toBe(400);
    const names = bad.body.parameters.map((p: any) => p.parameter);
    expect(names).toEqual(expect.arrayContaining(['params', 'params.redBelowPct', 'severity.belowFloor', 'schedule']));
    const scope = await api.request('/api/alerts/rules', { method: 'POST', token: admin, body: { ...GAP, code: 'gap_x', name: 'x', scope: { indicators: ['coal_output', 'no_such_thing'], regions: ['999'] } } });
    expect(scope.status).toBe(400);
    expect(scope.body.parameters.map((p: any) => p.parameter)).toEqual(['scope.indicators.1', 'scope.regions.0']);
    const type = await api.request('/api/alerts/rules', { method: 'POST', token: admin, body: { ...GAP, type: 'sunspots', code: 'gap_x', name: 'x' } });
    expect(type.status).toBe(400);
    const zone = await api.request('/api/alerts/rules', { method: 'POST', token: admin, body: { ...GAP, code: 'gap_x', name: 'x', timezone: 'Mars/Olympus' } });
    expect(zone.body.parameters.map((p: any) => p.parameter)).toEqual(['timezone']);
  });

  it('creates, changes and deletes a rule; every write is audited', async () => {
    const created = await api.request('/api/alerts/rules', { method: 'POST', token: admin, body: { ...GAP, code: 'gap_crud', name: '增删改' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'gap_crud', params: { minMonth: 1, flowsOnly: false, remindEveryHours: 0 }, severity: { yellow: 'yellow', red: 'red' }, enabled: true });
    expect((await api.request('/api/alerts/rules', { method: 'POST', token: admin, body: { ...GAP, code: 'gap_crud', name: 'again' } })).status).toBe(409);
    const patched = await api.request('/api/alerts/rules/gap_crud', { method: 'PATCH', token: admin, body: { params: { remindEveryHours: 12 }, schedule: '30 7 * * 1-5' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ params: { minMonth: 1, remindEveryHours: 12 }, schedule: '30 7 * * 1-5', type: 'target_gap' });
    expect((await api.request('/api/alerts/rules/gap_crud', { method: 'PATCH', token: admin, body: { schedule: 'daily' } })).status).toBe(400);
    expect((await api.request('/api/alerts/rules/nope', { method: 'PATCH', token: admin, body: { name: 'x' } })).status).toBe(404);
    expect((await api.request('/api/alerts/rules/gap_crud', { method: 'DELETE', token: admin })).status).toBe(204);
    expect((await api.request('/api/alerts/rules/gap_crud', { token: admin })).status).toBe(404);
    const audit = (await api.request('/api/audit?entity=alert_rule&entityId=gap_crud', { token: admin })).body.map((e: any) => e.action);
    expect(audit.sort()).toEqual(['alert_rule_created', 'alert_rule_deleted', 'alert_rule_updated']);
  });

  it('records a silenced alert without telling anyone, and tells once the silence is lifted', async () => {
    await api.request('/api/alerts/rules', { method: 'POST', token: admin, body: { ...GAP, code: 'gap_quiet', name: '静默' } });
    const invalid = await api.request('/api/alerts/silences', { method: 'POST', token: admin, body: { ruleCode: 'gap_quiet', startsAt: '2026-11-25T00:00:00Z', endsAt: '2026-11-24T00:00:00Z', reason: 'x' } });
    expect(invalid.status).toBe(400);
    expect((await api.request('/api/alerts/silences', { method: 'POST', token: admin, body: { ruleCode: 'nope', endsAt: '2026-12-01T00:00:00Z', reason: 'x' } })).status).toBe(400);
    expect((await api.request('/api/alerts/silences', { method: 'POST', token: await api.login('energy'), body: { endsAt: '2026-12-01T00:00:00Z', reason: 'x' } })).status).toBe(403);
    const silence = await api.request('/api/alerts/silences', {
      method: 'POST',
      token: admin,
      body: { ruleCode: 'gap_quiet', departmentCode: 'energy', startsAt: '2026-11-22T08:00:00+08:00', endsAt: '2026-11-30T18:00:00+08:00', reason: '煤矿停产检修，数据已知滞后' },
    });
    expect(silence.status).toBe(201);
    expect(silence.body).toMatchObject({ ruleCode: 'gap_quiet', departmentCode: 'energy', active: true, reason: '煤矿停产检修，数据已知滞后', createdBy: 'admin' });

    expect((await evaluate('gap_quiet')).body.rules[0]).toMatchObject({ fired: 0, notifications: 0 });
    expect((await alertOf('gap_quiet')).state).toBe('firing');
    expect(await events('gap_quiet')).toEqual([]);
    expect((await api.request('/api/alerts/silences', { token: admin })).body.map((s: any) => s.id)).toContain(silence.body.id);

    expect((await api.request(`/api/alerts/silences/${silence.body.id}`, { method: 'DELETE', token: admin })).status).toBe(204);
    expect((await api.request('/api/alerts/silences', { token: admin })).body).toEqual([]);
    expect((await api.request('/api/alerts/silences?active=false', { token: admin })).body[0]).toMatchObject({ id: silence.body.id, active: false });
    expect((await evaluate('gap_quiet')).body.rules[0]).toMatchObject({ fired: 1 });
    expect(await events('gap_quiet')).toEqual(['fired']);
    expect((await evaluate('gap_quiet')).body.rules[0]).toMatchObject({ fired: 0, notifications: 0 });
  });

  it('escalates yellow → red once, and never de-escalates noisily', async () => {
    await api.request('/api/alerts/rules', { method: 'POST', token: admin, body: { ...GAP, code: 'gap_esc', name: '升级', severity: { red: 'yellow' } } });
    await evaluate('gap_esc');
    expect(await alertOf('gap_esc')).toMatchObject({ severity: 'yellow', state: 'firing' });
    await api.request('/api/alerts/rules/gap_esc', { method: 'PATCH', token: admin, body: { severity: { red: 'red' } } });
    expect((await evaluate('gap_esc')).body.rules[0]).toMatchObject({ escalated: 1 });
    expect(await alertOf('gap_esc')).toMatchObject({ severity: 'red' });
    await evaluate('gap_esc');
    await api.request('/api/alerts/rules/gap_esc', { method: 'PATCH', token: admin, body: { severity: { red: 'yellow' } } });
    await evaluate('gap_esc');
    expect(await alertOf('gap_esc')).toMatchObject({ severity: 'yellow' });
    expect(await events('gap_esc')).toEqual(['fired', 'escalated']);
    const escalated = (await api.request('/api/alerts/notifications?event=escalated', { token: admin })).body.items.find((n: any) => n.channelCode === 'hook');
    expect(escalated.title).toContain('【预警升级·红色】');
  });

  it('reminds at the rule’s interval while nobody acknowledges, on its cron tick', async () => {
    await api.request('/api/alerts/rules', { method: 'POST', token: admin, body: { ...GAP, code: 'gap_remind', name: '提醒', params: { remindEveryHours: 12 } } });
    await evaluate('gap_remind'); // 2026-11-23 09:00
    const service = api.app.get(AlertsService);
    // 2026-11-23 16:00 China time: not due (schedule 08:00) — nothing runs.
    expect((await service.runScheduledTick(new Date('2026-11-23T08:00:00Z'))).rules).toEqual([]);
    // Next morning 08:00: 23 hours later, a reminder.
    const tick = await service.runScheduledTick(new Date('2026-11-24T00:00:00Z'));
    expect(tick.rules.find((r) => r.ruleCode === 'gap_remind')).toMatchObject({ reminded: 1 });
    expect(await events('gap_remind')).toEqual(['fired', 'reminder']);
    const reminder = (await api.request('/api/alerts/notifications?event=reminder', { token: admin })).body.items[0];
    expect(reminder.body).toContain('自2026-11-23 09:00起仍未处理');
    // Acknowledged: no more reminders.
    const id = (await alertOf('gap_remind')).id;
    await api.request(`/api/alerts/${id}/acknowledge`, { method: 'POST', token: await api.login('energy'), body: { comment: '已安排整改' } });
    await service.runScheduledTick(new Date('2026-11-25T00:00:00Z'));
    expect(await events('gap_remind')).toEqual(['fired', 'reminder']);
  });

  it('resolves by hand with one notification; a condition that persists opens a new episode with a new key', async () => {
    await api.request('/api/alerts/rules', { method: 'POST', token: admin, body: { ...GAP, code: 'gap_manual', name: '手动解除' } });
    await evaluate('gap_manual');
    const id = (await alertOf('gap_manual')).id;
    expect((await api.request(`/api/alerts/${id}/resolve`, { method: 'POST', token: await api.login('leader'), body: { comment: '领导已知悉' } })).status).toBe(403);
    const resolved = await api.request(`/api/alerts/${id}/resolve`, { method: 'POST', token: admin, body: { comment: '统计口径已调整' } });
    expect(resolved.body).toMatchObject({ state: 'resolved', resolvedBy: 'admin', resolveComment: '统计口径已调整' });
    expect((await api.request(`/api/alerts/${id}/resolve`, { method: 'POST', token: admin, body: { comment: '再次解除' } })).status).toBe(409);
    expect(await events('gap_manual')).toEqual(['fired', 'resolved']);
    const resolution = (await api.request(`/api/alerts/notifications?alert=${id}&event=resolved`, { token: admin })).body.items.find((n: any) => n.channelCode === 'hook');
    expect(resolution.body).toContain('已由admin手动解除，说明：统计口径已调整');

    await evaluate('gap_manual');
    const reopened = await alertOf('gap_manual');
    expect(reopened).toMatchObject({ id, state: 'firing', resolvedAt: null, acknowledgedAt: null });
    const keys = (await api.request(`/api/alerts/notifications?alert=${id}`, { token: admin })).body.items.filter((n: any) => n.channelCode === 'hook').map((n: any) => n.idempotencyKey).reverse();
    expect(keys).toEqual(['gap_manual:indicator:coal_output@140404#1:fired:hook', 'gap_manual:indicator:coal_output@140404#2:resolved:hook', 'gap_manual:indicator:coal_output@140404#3:fired:hook']);
  });

  it('switching a rule off resolves its alerts quietly', async () => {
    const before = (await events('gap_quiet')).length;
    await api.request('/api/alerts/rules/gap_quiet', { method: 'PATCH', token: admin, body: { enabled: false } });
    const alert = await alertOf('gap_quiet');
    expect(alert).toMatchObject({ state: 'resolved' });
    expect(alert.details.resolutionNote).toBe('预警规则已停用');
    expect((await events('gap_quiet')).length).toBe(before);
  });

  it('manages channels: validated per kind, secrets masked, a returned mask keeps the secret', async () => {
    const bad = await api.request('/api/alerts/channels', { method: 'POST', token: admin, body: { code: 'mail', kind: 'email', config: { to: ['not-an-address'] } } });
    expect(bad.status).toBe(400);
    expect(bad.body.parameters[0].parameter).toBe('config.to.0');
    expect((await api.request('/api/alerts/channels', { method: 'POST', token: admin, body: { code: 'robot', kind: 'dingtalk', departmentCode: 'nowhere', config: { url: 'https://oapi.dingtalk.com/robot/send?access_token=x' } } })).status).toBe(400);
    const robot = await api.request('/api/alerts/channels', { method: 'POST', token: admin, body: { code: 'robot', kind: 'dingtalk', config: { url: 'https://oapi.dingtalk.com/robot/send?access_token=x', secret: 'SECx', filter: { minSeverity: 'red' } } } });
    expect(robot.body).toMatchObject({ code: 'robot', config: { secret: '******' }, filter: { minSeverity: 'red' } });
    const patched = await api.request('/api/alerts/channels/robot', { method: 'PATCH', token: admin, body: { config: { ...robot.body.config, url: 'https://oapi.dingtalk.com/robot/send?access_token=y' } } });
    expect(patched.body.config).toMatchObject({ url: 'https://oapi.dingtalk.com/robot/send?access_token=******', secret: '******' });
    expect((await api.request('/api/alerts/channels', { method: 'POST', token: admin, body: { code: 'robot', kind: 'wecom', config: { url: `${http.url}/x` } } })).status).toBe(409);
    expect((await api.request('/api/alerts/channels/robot', { method: 'DELETE', token: admin })).status).toBe(204);
    expect((await api.request('/api/alerts/channels', { token: await api.login('energy') })).status).toBe(403);

    // A robot's URL carries its key: masked in the list and the audit log, kept when the masked URL comes back.
    const keyed = `${http.url}/cgi-bin/webhook/send?key=abc123`;
    const wecom = await api.request('/api/alerts/channels', { method: 'POST', token: admin, body: { code: 'robot_wecom', kind: 'wecom', config: { url: keyed } } });
    expect(wecom.body.config.url).toBe(`${http.url}/cgi-bin/webhook/send?key=******`);
    expect((await api.request('/api/alerts/channels/robot_wecom', { method: 'PATCH', token: admin, body: { config: wecom.body.config } })).status).toBe(200);
    expect((await api.app.get(ChannelsRepository).findOne('robot_wecom'))?.config.url).toBe(keyed);
    const list = await api.request('/api/alerts/channels', { token: admin });
    expect(list.body.find((c: any) => c.code === 'robot_wecom')).toBeDefined();
    expect(JSON.stringify(list.body)).not.toContain('abc123');
    const audit = await api.request('/api/audit?entity=notification_channel&entityId=robot_wecom', { token: admin });
    expect(audit.body.map((e: any) => e.action).sort()).toEqual(['channel_created', 'channel_updated']);
    expect(JSON.stringify(audit.body)).toContain('key=******');
    expect(JSON.stringify(audit.body)).not.toContain('abc123');
    expect((await api.request('/api/alerts/channels/robot_wecom', { method: 'DELETE', token: admin })).status).toBe(204);
  });
});
