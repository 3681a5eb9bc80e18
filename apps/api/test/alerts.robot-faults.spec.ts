import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastDelivery, onlyRules, reportCoalBehindTarget, startHttpReceiver, type HttpReceiver } from './alerts.support.js';
import { startTestApp, type TestApp } from './support/app.js';
import { sql } from './support/db.js';
import { startRobotServer, type RobotServer } from './support/robot-server.js';

/**
 * Errors that need a person surface at once: a WeCom robot answering 93000 (its key is wrong)
 * and a DingTalk robot answering 310000 (keyword, 加签 or IP allow-list) dead-letter the
 * message on its first attempt and mark the channel 故障 with a Chinese explanation; the
 * channel's other messages wait; 测试发送 tells the administrator, and fixing the channel lets
 * them go. A send that timed out waits longer before it is sent again.
 */
describe('robot channels that need a person', () => {
  let api: TestApp;
  let robot: RobotServer;
  let http: HttpReceiver;
  let admin: string;
  let serial = 0;

  beforeAll(async () => {
    robot = await startRobotServer();
    http = await startHttpReceiver();
    api = await startTestApp({ WECOM_WEBHOOK_BASE: `${robot.url}/`, DINGTALK_WEBHOOK_BASE: `${robot.url}/`, PUBLIC_WEB_URL: 'https://planwatch.test' });
    fastDelivery(api);
    admin = await api.login('admin');
    await onlyRules(api, admin);
    await reportCoalBehindTarget(api);
  });
  afterAll(async () => {
    await api?.close();
    await robot?.close();
    await http?.close();
  });

  /** A channel and a rule that tells it of the lagging coal output; returns the channel's notification. */
  async function alertTo(kind: 'wecom' | 'dingtalk', path: string, extra: Record<string, unknown> = {}) {
    serial += 1;
    const code = `robot_${serial}`;
    const created = await api.request('/api/alerts/channels', { method: 'POST', token: admin, body: { code, kind, config: { url: `${robot.url}${path}`, grouping: false, ...extra } } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const rule = `gap_${serial}`;
    expect((await api.request('/api/alerts/rules', { method: 'POST', token: admin, body: { code: rule, type: 'target_gap', name: `滞后${serial}`, schedule: '0 8 * * *', scope: { indicators: ['coal_output'], regions: ['140404'] } } })).status).toBe(201);
    expect((await api.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: { rules: [rule] } })).body.rules[0]).toMatchObject({ fired: 1 });
    const { body } = await api.request(`/api/alerts/notifications?channel=${code}`, { token: admin });
    return { code, notification: body.items[0], rule };
  }

  const channel = async (code: string) => (await api.request('/api/alerts/channels', { token: admin })).body.find((c: any) => c.code === code);
  const notification = async (id: string) => (await api.request(`/api/alerts/notifications?limit=500`, { token: admin })).body.items.find((n: any) => n.id === id);

  it('WeCom 93000: dead on the first attempt, the channel 故障 with what to fix; its other messages wait', async () => {
    robot.answer('/wecom/bad', 93000);
    const { code, notification: first } = await alertTo('wecom', '/wecom/bad');
    const pass = await api.request('/api/alerts/deliver', { method: 'POST', token: admin });
    expect(pass.body).toMatchObject({ claimed: 1, dead: 1, retrying: 0 });
    expect(await notification(first.id)).toMatchObject({ status: 'dead', attempts: 1, lastError: expect.stringContaining('93000') });
    const faulty = await channel(code);
    expect(faulty.health.fault).toMatchObject({ code: '93000', message: expect.stringContaining('企业微信机器人的 Webhook 地址无效') });

    // A second alert to the same channel is not sent into a wall: it waits for the fix.
    const rule2 = `gap_more_${serial}`;
    expect((await api.request('/api/alerts/rules', { method: 'POST', token: admin, body: { code: rule2, type: 'target_gap', name: '又一条', schedule: '0 8 * * *', scope: { indicators: ['coal_output'], regions: ['140404'] } } })).status).toBe(201);
    await api.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: { rules: [rule2] } });
    const before = robot.requests.length;
    expect((await api.request('/api/alerts/deliver', { method: 'POST', token: admin })).body.claimed).toBe(0);
    expect(robot.requests.length).toBe(before);
    expect((await channel(code)).health).toMatchObject({ pending: 1, dead: 1 });

    // 测试发送 says what is wrong, in Chinese.
    const test = await api.request(`/api/alerts/channels/${code}/test`, { method: 'POST', token: admin });
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({ ok: false, message: expect.stringContaining('Webhook 地址无效') });

    // The administrator puts the right key in: the mark goes, the waiting message goes out, 重发 sends the dead one.
    robot.answer('/wecom/bad', null);
    expect((await api.request(`/api/alerts/channels/${code}`, { method: 'PATCH', token: admin, body: { config: { ...faulty.config, url: `${robot.url}/wecom/bad` } } })).status).toBe(200);
    expect((await channel(code)).health.fault).toBeNull();
    expect((await api.request('/api/alerts/deliver', { method: 'POST', token: admin })).body).toMatchObject({ sent: 1 });
    expect((await api.request(`/api/alerts/notifications/${first.id}/retry`, { method: 'POST', token: admin })).status).toBe(200);
    expect((await api.request('/api/alerts/deliver', { method: 'POST', token: admin })).body).toMatchObject({ sent: 1 });
    expect((await channel(code)).health).toMatchObject({ fault: null, pending: 0, dead: 0 });
    const audit = await api.request(`/api/audit?entity=notification_channel&entityId=${code}`, { token: admin });
    expect(audit.body.map((e: any) => e.action)).toContain('channel_tested');
  });

  it('DingTalk 310000: dead at once, 故障 naming keyword, 加签 and IP allow-list', async () => {
    robot.answer('/dingtalk/bad', 310000);
    const { code, notification: n } = await alertTo('dingtalk', '/dingtalk/bad?access_token=t', { secret: 'SECwrong' });
    expect((await api.request('/api/alerts/deliver', { method: 'POST', token: admin })).body).toMatchObject({ dead: 1 });
    expect(await notification(n.id)).toMatchObject({ status: 'dead', attempts: 1 });
    expect((await channel(code)).health.fault).toMatchObject({ code: '310000', message: expect.stringContaining('钉钉机器人安全设置校验失败：关键词、加签或IP白名单') });
    // Channels are an administrator's business.
    const energy = await api.login('energy');
    expect((await api.request(`/api/alerts/channels/${code}/test`, { method: 'POST', token: energy })).status).toBe(403);
  });

  it('测试发送 reaches a working robot (keyword footer, absolute link) and clears nothing it should not', async () => {
    const created = await api.request('/api/alerts/channels', { method: 'POST', token: admin, body: { code: 'test_ding', kind: 'dingtalk', config: { url: `${robot.url}/dingtalk/good?access_token=ok`, secret: 'SECok' } } });
    expect(created.status).toBe(201);
    const before = robot.delivered('/dingtalk/good').length;
    const test = await api.request('/api/alerts/channels/test_ding/test', { method: 'POST', token: admin });
    expect(test.body).toMatchObject({ ok: true, message: expect.stringContaining('测试消息已发出'), health: { fault: null } });
    const [message] = robot.delivered('/dingtalk/good').slice(before);
    expect(message!.json.markdown.title).toContain('通道测试');
    expect(message!.json.markdown.text).toContain('(https://planwatch.test/alerts)');
    expect(message!.json.markdown.text).toContain('PlanWatch');
    expect(message!.headers['x-planwatch-event']).toBe('test');
    expect(message!.url).toMatch(/timestamp=\d+&sign=/);
  });

  it('a WeCom channel has no secret to give (WeCom robots do not sign)', async () => {
    const refused = await api.request('/api/alerts/channels', { method: 'POST', token: admin, body: { code: 'wecom_secret', kind: 'wecom', config: { url: `${robot.url}/wecom/x`, secret: 'nope' } } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('config');
  });

  it('a 130101 pauses the channel without spending the attempt; the message goes once the pause is over', async () => {
    const { code, notification: n } = await alertTo('dingtalk', '/dingtalk/busy?access_token=b');
    robot.answer('/dingtalk/busy', 130101);
    expect((await api.request('/api/alerts/deliver', { method: 'POST', token: admin })).body).toMatchObject({ deferred: 1 });
    expect(await notification(n.id)).toMatchObject({ status: 'pending', attempts: 0, lastError: expect.stringContaining('130101') });
    const paused = await channel(code);
    expect(paused.health.pausedUntil).not.toBeNull();
    expect(paused.health.pauseReason).toContain('机器人限流');
    // Ten minutes by default (DINGTALK_BLOCK_SECONDS).
    expect(new Date(paused.health.pausedUntil).getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    // Nothing is sent while it lasts.
    const during = robot.requests.length;
    await api.request('/api/alerts/deliver', { method: 'POST', token: admin });
    expect(robot.requests.slice(during).filter((r) => r.path === '/dingtalk/busy')).toHaveLength(0);
    robot.answer('/dingtalk/busy', null);
    await sql(api.databaseUrl, `UPDATE notification_channels SET paused_until = now() WHERE code = $1`, [code]);
    await sql(api.databaseUrl, `UPDATE notifications SET next_attempt_at = now() WHERE id = $1`, [n.id]);
    await api.request('/api/alerts/deliver', { method: 'POST', token: admin });
    expect(await notification(n.id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('a send that timed out waits longer before it is sent again: it may have been posted', async () => {
    const policy = fastDelivery(api);
    policy.requestTimeoutMs = 300;
    policy.afterTimeoutDelayMs = 120_000;
    http.hang('/slow-robot', true);
    const created = await api.request('/api/alerts/channels', { method: 'POST', token: admin, body: { code: 'slow_hook', kind: 'webhook', config: { url: `${http.url}/slow-robot` } } });
    expect(created.status).toBe(201);
    expect((await api.request('/api/alerts/rules', { method: 'POST', token: admin, body: { code: 'gap_slow', type: 'target_gap', name: '超时', schedule: '0 8 * * *', scope: { indicators: ['coal_output'], regions: ['140404'] } } })).status).toBe(201);
    await api.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: { rules: ['gap_slow'] } });
    await api.request('/api/alerts/deliver', { method: 'POST', token: admin });
    const [row] = await sql<{ wait_s: number; last_error: string }>(api.databaseUrl, `SELECT extract(epoch FROM next_attempt_at - now())::float8 AS wait_s, last_error FROM notifications WHERE channel_code = 'slow_hook'`);
    expect(row!.last_error).toContain('请求超时');
    // A plain failure would wait 100 ms here (fastDelivery); a timeout waits at least afterTimeoutDelayMs (120 s).
    expect(row!.wait_s).toBeGreaterThan(100);
    http.hang('/slow-robot', false);
  });
});
