import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIdFor } from '../src/modules/notifications/mail.transport.js';
import { approveFigures, deliverUntilQuiet, fastDelivery, onlyRules, reportCoalBehindTarget, startHttpReceiver, startSmtpReceiver, type HttpReceiver, type SmtpReceiver } from './alerts.support.js';
import { startTestApp, type TestApp } from './support/app.js';

/**
 * The first two "done when" lines against real receivers: a lagging indicator raises one
 * alert and one notification per channel; approving a correction resolves it and sends one
 * resolution per channel. Re-evaluating in between tells nobody anything.
 */
describe('a lagging indicator, told once per channel, and its resolution', () => {
  let api: TestApp;
  let http: HttpReceiver;
  let smtp: SmtpReceiver;
  let admin: string;
  let alertId: string;

  beforeAll(async () => {
    http = await startHttpReceiver();
    smtp = await startSmtpReceiver();
    api = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'PlanWatch <alerts@planwatch.test>', WECOM_WEBHOOK_BASE: `${http.url}/`, DINGTALK_WEBHOOK_BASE: `${http.url}/` });
    fastDelivery(api);
    admin = await api.login('admin');
    await onlyRules(api, admin);
    await reportCoalBehindTarget(api);
    const rule = await api.request('/api/alerts/rules', {
      method: 'POST',
      token: admin,
      body: { code: 'gap_coal', type: 'target_gap', name: '原煤产量序时滞后', schedule: '0 8 * * *', scope: { indicators: ['coal_output'], regions: ['140404'] } },
    });
    expect(rule.status).toBe(201);
    const channels = [
      { code: 'ops_json', kind: 'webhook', config: { url: `${http.url}/hook`, secret: 'hook-secret' } },
      // No group_wait or group_interval: a group of one goes out as the notification itself on the next pass.
      { code: 'energy_wecom', kind: 'wecom', departmentCode: 'energy', config: { url: `${http.url}/wecom`, grouping: { waitSeconds: 0, intervalSeconds: 0 } } },
      { code: 'leaders_dingtalk', kind: 'dingtalk', config: { url: `${http.url}/dingtalk?access_token=abc`, secret: 'SECding', grouping: { waitSeconds: 0, intervalSeconds: 0 } } },
      { code: 'energy_mail', kind: 'email', departmentCode: 'energy', config: { to: ['energy@shangdang.test'], grouping: { waitSeconds: 0, intervalSeconds: 0 } } },
      // Bound to another department: must not hear about coal.
      { code: 'industry_wecom', kind: 'wecom', departmentCode: 'industry', config: { url: `${http.url}/wecom-industry`, grouping: { waitSeconds: 0, intervalSeconds: 0 } } },
    ];
    for (const channel of channels) {
      const r = await api.request('/api/alerts/channels', { method: 'POST', token: admin, body: channel });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
  });
  afterAll(async () => {
    await api?.close();
    await http?.close();
    await smtp?.stop();
  });

  it('raises one red alert naming indicator, region, period, gap and owner', async () => {
    const evaluation = await api.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: { rules: ['gap_coal'] } });
    expect(evaluation.status).toBe(200);
    expect(evaluation.body.rules).toEqual([expect.objectContaining({ ruleCode: 'gap_coal', outcome: 'evaluated', fired: 1, notifications: 5 })]);

    const { body } = await api.request('/api/alerts?rule=gap_coal', { token: admin });
    expect(body.total).toBe(1);
    const [alert] = body.items;
    alertId = alert.id;
    expect(alert).toMatchObject({
      fingerprint: 'gap_coal:indicator:coal_output@140404',
      state: 'firing',
      severity: 'red',
      type: 'target_gap',
      departmentCode: 'energy',
      departmentName: '能源局',
      period: '2026-10',
      // 能源局's own report, not generated sample data.
      sample: false,
    });
    expect(alert.message).toContain('上党区原煤产量截至2026年10月严重滞后');
    expect(alert.message).toMatch(/序时差-\d+\.\d个百分点/);
    expect(alert.message).toContain('责任单位：能源局');
  });

  it('writes one outbox row per channel in the same transaction: in-app delivered, the rest pending', async () => {
    const { body } = await api.request(`/api/alerts/notifications?alert=${alertId}`, { token: admin });
    const rows = body.items.map((n: any) => [n.channelCode, n.event, n.status, n.departmentCode]).sort();
    expect(rows).toEqual(
      [
        ['energy_mail', 'fired', 'pending', 'energy'],
        ['energy_wecom', 'fired', 'pending', 'energy'],
        ['in_app', 'fired', 'sent', 'energy'],
        ['leaders_dingtalk', 'fired', 'pending', 'energy'],
        ['ops_json', 'fired', 'pending', 'energy'],
      ].sort(),
    );
    expect(new Set(body.items.map((n: any) => n.idempotencyKey)).size).toBe(5);
    expect(body.items[0].title).toContain('【红色预警】序时滞后：原煤产量（上党区）');
  });

  it('delivers each to its real receiver once, in its format, carrying the idempotency key', async () => {
    const pass = await api.request('/api/alerts/deliver', { method: 'POST', token: admin });
    expect(pass.body).toMatchObject({ claimed: 4, sent: 4, retrying: 0, dead: 0 });

    const hook = http.requests.filter((r) => r.path === '/hook');
    expect(hook).toHaveLength(1);
    const key = hook[0]!.headers['idempotency-key'];
    expect(key).toBe(`gap_coal:indicator:coal_output@140404#1:fired:ops_json`);
    expect(hook[0]!.json).toMatchObject({ idempotencyKey: key, event: 'fired', alert: { id: alertId, severity: 'red', departmentCode: 'energy' } });
    expect(hook[0]!.json.text).toContain('原煤产量');
    // X-PlanWatch-Signature: t=<seconds>,v1=hex(HMAC-SHA256(secret, "t.body"))
    const signature = String(hook[0]!.headers['x-planwatch-signature']);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature)!;
    expect(createHmac('sha256', 'hook-secret').update(`${t}.${hook[0]!.body}`).digest('hex')).toBe(v1);

    const wecom = http.requests.filter((r) => r.path === '/wecom');
    expect(wecom).toHaveLength(1);
    // The message links to the alert itself, and the alert list finds it by that id.
    expect(wecom[0]!.json.markdown.content).toContain(`/alerts/${alertId})`);
    const linked = await api.request(`/api/alerts?id=${alertId}`, { token: admin });
    expect(linked.body.items.map((a: any) => a.id)).toEqual([alertId]);
    expect(linked.body.total).toBe(1);
    expect(wecom[0]!.json.msgtype).toBe('markdown');
    expect(wecom[0]!.json.markdown.content).toContain('### 【红色预警】序时滞后：原煤产量（上党区）');
    expect(wecom[0]!.headers['idempotency-key']).toContain(':fired:energy_wecom');

    const ding = http.requests.filter((r) => r.path === '/dingtalk');
    expect(ding).toHaveLength(1);
    expect(ding[0]!.json).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.stringContaining('原煤产量') } });
    const query = new URL(ding[0]!.url, 'http://x').searchParams;
    expect(query.get('access_token')).toBe('abc');
    const ts = query.get('timestamp')!;
    expect(query.get('sign')).toBe(createHmac('sha256', 'SECding').update(`${ts}\nSECding`).digest('base64'));

    expect(http.requests.filter((r) => r.path === '/wecom-industry')).toHaveLength(0);

    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.to).toEqual(['energy@shangdang.test']);
    expect(mail.from).toBe('alerts@planwatch.test');
    expect(mail.subject).toContain('原煤产量');
    const mailKey = `gap_coal:indicator:coal_output@140404#1:fired:energy_mail`;
    expect(mail.messageId).toBe(messageIdFor(mailKey));
    expect(mail.raw.replace(/\r?\n[ \t]+/g, ' ')).toMatch(new RegExp(`^X-PlanWatch-Idempotency-Key: ${mailKey.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'im'));

    const { body } = await api.request(`/api/alerts/notifications?alert=${alertId}&status=sent`, { token: admin });
    expect(body.total).toBe(5);
    expect(body.items.every((n: any) => n.attempts <= 1 && n.sentAt)).toBe(true);
  });

  it('tells nobody anything when the same facts are evaluated again', async () => {
    const before = http.requests.length;
    const again = await api.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: { rules: ['gap_coal'] } });
    expect(again.body.rules[0]).toMatchObject({ fired: 0, escalated: 0, resolved: 0, notifications: 0 });
    await api.request('/api/alerts/deliver', { method: 'POST', token: admin });
    expect(http.requests.length).toBe(before);
    expect((await api.request(`/api/alerts/notifications?alert=${alertId}`, { token: admin })).body.total).toBe(5);
  });

  it("puts it in 能源局's inbox only; the department reads and acknowledges it", async () => {
    const energy = await api.login('energy');
    const inbox = await api.request('/api/alerts/inbox', { token: energy });
    expect(inbox.status).toBe(200);
    expect(inbox.body).toMatchObject({ departmentCode: 'energy', unread: 1 });
    expect(inbox.body.items[0]).toMatchObject({ alertId, event: 'fired', channelKind: 'in_app' });
    const industry = await api.login('industry');
    expect((await api.request('/api/alerts/inbox', { token: industry })).body.unread).toBe(0);
    expect((await api.request(`/api/alerts/inbox/${inbox.body.items[0].id}/read`, { method: 'POST', token: industry })).status).toBe(404);

    const read = await api.request(`/api/alerts/inbox/${inbox.body.items[0].id}/read`, { method: 'POST', token: energy });
    expect(read.body).toEqual({ marked: 1 });
    expect((await api.request('/api/alerts/inbox', { token: energy })).body.unread).toBe(0);

    // 工信局 does not own it: it does not even see it.
    expect((await api.request(`/api/alerts/${alertId}/acknowledge`, { method: 'POST', token: industry, body: { comment: 'x' } })).status).toBe(404);
    const leader = await api.login('leader');
    expect((await api.request(`/api/alerts/${alertId}/acknowledge`, { method: 'POST', token: leader, body: { comment: 'x' } })).status).toBe(403);
    expect((await api.request(`/api/alerts/${alertId}/acknowledge`, { method: 'POST', token: energy, body: {} })).status).toBe(400);
    const ack = await api.request(`/api/alerts/${alertId}/acknowledge`, { method: 'POST', token: energy, body: { comment: '已核实：9月两矿检修，10月起恢复' } });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'energy', ackComment: '已核实：9月两矿检修，10月起恢复' });
    expect((await api.request(`/api/alerts/${alertId}/acknowledge`, { method: 'POST', token: energy, body: { comment: 'again' } })).status).toBe(409);
    // Acknowledging tells nobody.
    expect((await api.request(`/api/alerts/notifications?alert=${alertId}`, { token: admin })).body.total).toBe(5);
  });

  it('resolves by itself when a correction is approved, and sends exactly one resolution per channel', async () => {
    const detail = await api.request('/api/progress/indicators/coal_output?to=2026-10');
    const target = Number(detail.body.indicator.annualTarget);
    expect(target).toBeGreaterThan(0);
    // A corrected year-to-date through October at 90 % of the annual target: ahead of 10/12.
    await approveFigures(api, [{ indicator: 'coal_output', region: '140404', period: '2026-10', basis: 'ytd', value: String(Math.round(target * 0.9)) }]);

    const { body } = await api.request('/api/alerts?rule=gap_coal', { token: admin });
    expect(body.items[0]).toMatchObject({ id: alertId, state: 'resolved', resolvedBy: null });
    expect(body.items[0].resolvedAt).toBeTruthy();
    expect(body.items[0].details.resolutionNote).toContain('原煤产量完成年度目标');

    const outbox = await api.request(`/api/alerts/notifications?alert=${alertId}&event=resolved`, { token: admin });
    expect(outbox.body.items.map((n: any) => n.channelCode).sort()).toEqual(['energy_mail', 'energy_wecom', 'in_app', 'leaders_dingtalk', 'ops_json']);
    expect(outbox.body.items[0].body).toContain('自动解除');

    await deliverUntilQuiet(api, admin);
    for (const path of ['/hook', '/wecom', '/dingtalk']) {
      const events = http.requests.filter((r) => r.path === path).map((r) => String(r.headers['x-planwatch-event']));
      expect(events, path).toEqual(['fired', 'resolved']);
    }
    expect(http.duplicates).toHaveLength(0);
    expect(smtp.messages.map((m) => m.subject.includes('预警解除'))).toEqual([false, true]);

    // Evaluating again tells nobody anything more.
    await api.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: { rules: ['gap_coal'] } });
    expect((await api.request(`/api/alerts/notifications?alert=${alertId}`, { token: admin })).body.total).toBe(10);
  });

  it('records every change in the audit log', async () => {
    const { body } = await api.request('/api/audit?entity=alert&limit=50', { token: admin });
    const actions = body.map((e: any) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['alert_fired', 'alert_acknowledged', 'alert_resolved']));
    const channels = await api.request('/api/audit?entity=notification_channel&limit=50', { token: admin });
    expect(channels.body.filter((e: any) => e.action === 'channel_created')).toHaveLength(5);
    // Secrets never reach the audit log or the API.
    expect(JSON.stringify(channels.body)).not.toContain('hook-secret');
    const list = await api.request('/api/alerts/channels', { token: admin });
    expect(list.body.find((c: any) => c.code === 'ops_json').config.secret).toBe('******');
  });
});
