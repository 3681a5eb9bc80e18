import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverUntilQuiet, fastDelivery, onlyRules, reportCoalBehindTarget, startHttpReceiver, type HttpReceiver } from './alerts.support.js';
import { startTestApp, type TestApp } from './support/app.js';

/**
 * Webhooks are configured by administrators but sent by the API, from inside the network: they
 * may not reach loopback, private or link-local addresses unless operators allow a network,
 * robots go to their vendors only, a receiver's reply is not echoed into the stored error, and
 * a channel moved to another host does not take its stored secrets along.
 */
describe('where webhooks may go', () => {
  let receiver: HttpReceiver;
  let other: HttpReceiver;
  /** No networks allowed: the production default. */
  let locked: TestApp;
  /** 127.0.0.1 allowed, as the test receivers need. */
  let open: TestApp;
  let serial = 0;

  const createChannel = (api: TestApp, admin: string, kind: string, config: Record<string, unknown>) =>
    api.request('/api/alerts/channels', { method: 'POST', token: admin, body: { code: `egress_${++serial}`, kind, config } });

  /** A fresh alert told to the given channel only; returns its notification. */
  async function notify(api: TestApp, admin: string, channelCode: string) {
    const rule = `egress_gap_${++serial}`;
    expect(
      (await api.request('/api/alerts/rules', {
        method: 'POST',
        token: admin,
        body: { code: rule, type: 'target_gap', name: `外发${serial}`, schedule: '0 8 * * *', scope: { indicators: ['coal_output'], regions: ['140404'] } },
      })).status,
    ).toBe(201);
    expect((await api.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: { rules: [rule] } })).body.rules[0]).toMatchObject({ fired: 1 });
    await deliverUntilQuiet(api, admin, 10, 150);
    const { body } = await api.request(`/api/alerts/notifications?channel=${channelCode}`, { token: admin });
    expect(body.total).toBe(1);
    return body.items[0];
  }

  async function prepare(api: TestApp): Promise<string> {
    fastDelivery(api, { maxAttempts: 2 });
    const admin = await api.login('admin');
    await onlyRules(api, admin);
    await api.request('/api/alerts/channels/in_app', { method: 'PATCH', token: admin, body: { enabled: false } });
    return admin;
  }

  beforeAll(async () => {
    receiver = await startHttpReceiver();
    other = await startHttpReceiver();
    locked = await startTestApp({ WEBHOOK_ALLOWED_NETWORKS: '' });
    open = await startTestApp({});
    await reportCoalBehindTarget(locked);
    await reportCoalBehindTarget(open);
  });
  afterAll(async () => {
    await locked?.close();
    await open?.close();
    await receiver?.close();
    await other?.close();
  });

  it('refuses loopback, private, link-local and metadata addresses in any spelling, naming the setting that allows them', async () => {
    const admin = await prepare(locked);
    for (const url of [
      `${receiver.url}/hook`,
      'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
      'http://10.1.2.3/hook',
      'http://192.168.1.1/hook',
      'http://[::1]:8080/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://[fd00::1]/hook',
      'http://2130706433/hook',
      'http://0x7f.0.0.1/hook',
      'http://0.0.0.0:9/hook',
    ]) {
      const response = await createChannel(locked, admin, 'webhook', { url });
      expect(response.status, url).toBe(400);
      expect(response.body.parameters, url).toEqual([{ parameter: 'config.url', problems: [expect.stringContaining('WEBHOOK_ALLOWED_NETWORKS')] }]);
    }
    expect(receiver.requests).toHaveLength(0);
  });

  it('checks a host name as it resolves, at every send', async () => {
    const admin = await prepare(locked);
    // A name is accepted as configured; it resolves to loopback when the message goes out.
    const channel = await createChannel(locked, admin, 'webhook', { url: `http://localhost:${receiver.port}/by-name` });
    expect(channel.status).toBe(201);
    const sent = await notify(locked, admin, channel.body.code);
    expect(sent).toMatchObject({ status: 'dead', attempts: 1, lastError: expect.stringContaining('不允许向本机、内网或链路本地地址') });
    expect(receiver.requests.filter((r) => r.path === '/by-name')).toHaveLength(0);
  });

  it('sends robots only to their vendors', async () => {
    const admin = await prepare(locked);
    const refusals: Array<[string, string]> = [
      ['wecom', 'https://qyapi.weixin.qq.com.attacker.example/cgi-bin/webhook/send?key=k'],
      ['wecom', 'https://hooks.example.cn/cgi-bin/webhook/send?key=k'],
      ['dingtalk', 'http://oapi.dingtalk.com/robot/send?access_token=t'],
      ['dingtalk', 'https://oapi.dingtalk.com@attacker.example/robot/send'],
    ];
    for (const [kind, url] of refusals) {
      const response = await createChannel(locked, admin, kind, { url });
      expect(response.status, url).toBe(400);
      expect(response.body.parameters[0].problems[0], url).toMatch(/机器人的地址须以 https:\/\/(qyapi\.weixin\.qq\.com|oapi\.dingtalk\.com)\/ 开头/);
    }
    expect((await createChannel(locked, admin, 'wecom', { url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' })).status).toBe(201);
    expect((await createChannel(locked, admin, 'dingtalk', { url: 'https://oapi.dingtalk.com/robot/send?access_token=t' })).status).toBe(201);
  });

  it('records the status of a refusal, never the words of the reply', async () => {
    const admin = await prepare(open);
    const channel = await createChannel(open, admin, 'webhook', { url: `${receiver.url}/refusing` });
    receiver.respond('/refusing', 500);
    const failed = await notify(open, admin, channel.body.code);
    receiver.respond('/refusing', null);
    expect(receiver.requests.filter((r) => r.path === '/refusing').length).toBeGreaterThan(0);
    expect(failed.lastError).toBe('HTTP 500 Internal Server Error');
  });

  it('takes no stored secret or header to a new host', async () => {
    const admin = await prepare(open);
    const created = await createChannel(open, admin, 'webhook', { url: `${receiver.url}/keyed`, secret: 'hmac-secret', headers: { 'X-Api-Key': 'api-key-of-receiver-one' } });
    expect(created.status).toBe(201);
    const code = created.body.code as string;
    // The administrator's form sends the masks back with a new URL, on another host.
    const moved = await open.request(`/api/alerts/channels/${code}`, { method: 'PATCH', token: admin, body: { config: { ...created.body.config, url: `${other.url}/moved` } } });
    expect(moved.status).toBe(200);
    expect(moved.body.config).toEqual({ url: `${other.url}/moved`, headers: {} });
    await notify(open, admin, code);
    const [request] = other.requests.filter((r) => r.path === '/moved');
    expect(request).toBeDefined();
    expect(request!.headers['x-api-key']).toBeUndefined();
    expect(request!.headers['x-planwatch-signature']).toBeUndefined();
    expect(receiver.requests.filter((r) => r.path === '/keyed')).toHaveLength(0);
  });
});
