import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIdFor } from '../src/modules/notifications/mail.transport.js';
import { NotificationsRepository } from '../src/modules/notifications/notifications.repository.js';
import { deliverUntilQuiet, fastDelivery, onlyRules, reportCoalBehindTarget, sleep, startHttpReceiver, startSmtpReceiver, type HttpReceiver, type SmtpReceiver } from './alerts.support.js';
import { startTestApp, type TestApp } from './support/app.js';
import { until } from './support/wait.js';

/**
 * Delivery that survives its receivers and itself: retries with exponential backoff until the
 * receiver takes the message (once, by idempotency key), a dead letter for what cannot be sent,
 * an SMTP server that is down for a while, and workers that die in the middle of a send.
 */
describe('reliable delivery', () => {
  let api: TestApp;
  let http: HttpReceiver;
  let smtp: SmtpReceiver;
  let admin: string;
  let serial = 0;

  /** A fresh rule (so a fresh alert) told only to one new channel; returns the notification row. */
  async function alertThrough(channel: { kind: string; config: Record<string, unknown> }) {
    serial += 1;
    const code = `gap_coal_${serial}`;
    const channelCode = `chan_${serial}`;
    // Sent singly: these tests follow one notification through its retries.
    const config = channel.kind === 'webhook' ? channel.config : { ...channel.config, grouping: false };
    const created = await api.request('/api/alerts/channels', { method: 'POST', token: admin, body: { code: channelCode, kind: channel.kind, config } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const rule = await api.request('/api/alerts/rules', {
      method: 'POST',
      token: admin,
      body: { code, type: 'target_gap', name: `滞后${serial}`, schedule: '0 8 * * *', scope: { indicators: ['coal_output'], regions: ['140404'] } },
    });
    expect(rule.status).toBe(201);
    const evaluation = await api.request('/api/alerts/evaluate', { method: 'POST', token: admin, body: { rules: [code] } });
    expect(evaluation.body.rules[0]).toMatchObject({ fired: 1 });
    const { body } = await api.request(`/api/alerts/notifications?channel=${channelCode}`, { token: admin });
    expect(body.total).toBe(1);
    return { channelCode, notification: body.items[0] };
  }

  /** A delivery worker in a process of its own (alerts.worker-child.ts); with `onSignal` its pass waits for go(). */
  function startWorker(leaseMs: number, options: { onSignal?: boolean; env?: Record<string, string> } = {}) {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./alerts.worker-child.ts', import.meta.url)), api.databaseUrl, String(leaseMs), ...(options.onSignal ? ['on-signal'] : [])], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    const waiters: Array<() => void> = [];
    const collect = (c: Buffer) => {
      output += c.toString();
      for (const w of waiters.splice(0)) w();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const printed = (pattern: RegExp) =>
      new Promise<RegExpMatchArray>((resolve) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) resolve(match);
          else waiters.push(check);
        };
        check();
      });
    return {
      child,
      output: () => output,
      exited: new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code))),
      ready: printed(/^ready$/m),
      summary: printed(/^done (.*)$/m).then((m) => JSON.parse(m[1]!) as { claimed: number; sent: number }),
      go: () => child.stdin.write('go\n'),
    };
  }

  async function notification(id: string) {
    return (await api.request(`/api/alerts/notifications?limit=500`, { token: admin })).body.items.find((n: any) => n.id === id);
  }

  async function retire(channelCode: string) {
    await api.request(`/api/alerts/channels/${channelCode}`, { method: 'PATCH', token: admin, body: { enabled: false } });
  }

  beforeAll(async () => {
    http = await startHttpReceiver();
    smtp = await startSmtpReceiver();
    api = await startTestApp({ SMTP_URL: smtp.url, WECOM_WEBHOOK_BASE: `${http.url}/` });
    fastDelivery(api, { baseDelayMs: 300 });
    admin = await api.login('admin');
    await onlyRules(api, admin);
    await reportCoalBehindTarget(api);
    // Only the channels each test creates; the in-app inbox is not under test here.
    await api.request('/api/alerts/channels/in_app', { method: 'PATCH', token: admin, body: { enabled: false } });
  });
  afterAll(async () => {
    await api?.close();
    await http?.close();
    await smtp?.stop();
  });

  it('a receiver answering 500 twice, then 200, gets the message exactly once, after growing delays', async () => {
    const { channelCode, notification: n } = await alertThrough({ kind: 'webhook', config: { url: `${http.url}/flaky` } });
    http.failNext(2, '/flaky');

    const first = await api.request('/api/alerts/deliver', { method: 'POST', token: admin });
    expect(first.body).toMatchObject({ claimed: 1, retrying: 1 });
    const afterFirst = await notification(n.id);
    expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1 });
    expect(afterFirst.lastError).toContain('HTTP 500');
    // Not due again before its backoff.
    expect((await api.request('/api/alerts/deliver', { method: 'POST', token: admin })).body.claimed).toBe(0);

    await deliverUntilQuiet(api, admin, 30, 100);
    const hits = http.requests.filter((r) => r.path === '/flaky');
    expect(hits.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(hits.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(http.accepted.has(n.idempotencyKey)).toBe(true);
    expect(http.duplicates).toHaveLength(0);
    // Exponential: the second wait is about twice the first (300 ms, then 600 ms).
    expect(hits[1]!.at - hits[0]!.at).toBeGreaterThanOrEqual(280);
    expect(hits[2]!.at - hits[1]!.at).toBeGreaterThanOrEqual(580);
    expect(await notification(n.id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    await retire(channelCode);
  });

  it('goes to the dead letter at once on a permanent refusal, after maxAttempts on a lasting outage; an admin can send it again', async () => {
    const gone = await alertThrough({ kind: 'webhook', config: { url: `${http.url}/gone` } });
    http.respond('/gone', 410);
    await api.request('/api/alerts/deliver', { method: 'POST', token: admin });
    expect(await notification(gone.notification.id)).toMatchObject({ status: 'dead', attempts: 1, lastError: expect.stringContaining('HTTP 410') });

    const policy = fastDelivery(api, { baseDelayMs: 50, maxAttempts: 3 });
    const down = await alertThrough({ kind: 'wecom', config: { url: `${http.url}/down` } });
    http.respond('/down', 503);
    await deliverUntilQuiet(api, admin, 30, 150);
    expect(await notification(down.notification.id)).toMatchObject({ status: 'dead', attempts: 3 });
    expect(http.requests.filter((r) => r.path === '/down')).toHaveLength(3);
    policy.retry = { ...policy.retry, baseDelayMs: 300, maxAttempts: 10 };

    http.respond('/gone', null);
    const retried = await api.request(`/api/alerts/notifications/${gone.notification.id}/retry`, { method: 'POST', token: admin });
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await api.request(`/api/alerts/notifications/${gone.notification.id}/retry`, { method: 'POST', token: admin })).status).toBe(409);
    await api.request('/api/alerts/deliver', { method: 'POST', token: admin });
    expect(await notification(gone.notification.id)).toMatchObject({ status: 'sent' });
    expect(http.accepted.has(gone.notification.idempotencyKey)).toBe(true);
    await retire(gone.channelCode);
    await retire(down.channelCode);
  });

  it('loses nothing while the SMTP server is down: the mail goes out once it is back', async () => {
    await smtp.stop();
    const { channelCode, notification: n } = await alertThrough({ kind: 'email', config: { to: ['leaders@shangdang.test'] } });
    for (let i = 0; i < 3; i++) {
      await api.request('/api/alerts/deliver', { method: 'POST', token: admin });
      await sleep(1_300);
    }
    const during = await notification(n.id);
    expect(during.status).toBe('pending');
    expect(during.attempts).toBeGreaterThanOrEqual(2);
    expect(during.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(smtp.messages).toHaveLength(0);

    await smtp.start();
    await deliverUntilQuiet(api, admin, 30, 300);
    expect(await notification(n.id)).toMatchObject({ status: 'sent' });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.to).toEqual(['leaders@shangdang.test']);
    await retire(channelCode);
  });

  it('loses nothing when a worker claims rows and dies: the lease runs out and another worker sends them', async () => {
    const { channelCode, notification: n } = await alertThrough({ kind: 'webhook', config: { url: `${http.url}/abandoned` } });
    // A worker claims the row, then vanishes without a word.
    const claimed = await api.app.get(NotificationsRepository).claimDue(50, 1_000, 'ghost:1');
    expect(claimed.map((c) => c.id)).toContain(n.id);
    expect(await notification(n.id)).toMatchObject({ status: 'sending', attempts: 1 });
    // While the lease holds, nobody else takes it.
    expect((await api.request('/api/alerts/deliver', { method: 'POST', token: admin })).body.claimed).toBe(0);
    await sleep(1_100);
    const pass = await api.request('/api/alerts/deliver', { method: 'POST', token: admin });
    expect(pass.body).toMatchObject({ claimed: 1, sent: 1 });
    expect(await notification(n.id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(http.requests.filter((r) => r.path === '/abandoned')).toHaveLength(1);
    await retire(channelCode);
  });

  it('loses nothing when a worker process is killed with SIGKILL in the middle of a send', async () => {
    const { channelCode, notification: n } = await alertThrough({ kind: 'webhook', config: { url: `${http.url}/slow` } });
    http.hang('/slow', true);
    const seen = http.requests.length;

    const worker = startWorker(2_000);
    const { child } = worker;
    try {
      await http.waitFor(seen + 1, 90_000);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`the child worker never sent: ${String(error)}\n${worker.output()}`);
    }
    expect(http.requests.at(-1)!.path).toBe('/slow');
    const row = await notification(n.id);
    expect(row).toMatchObject({ status: 'sending', attempts: 1 });
    const client = new pg.Client({ connectionString: api.databaseUrl });
    await client.connect();
    const { rows } = await client.query(`SELECT claimed_by FROM notifications WHERE id = $1`, [n.id]);
    await client.end();
    expect(rows[0].claimed_by).toMatch(new RegExp(`:${child.pid}$`));

    child.kill('SIGKILL');
    expect(await worker.exited).toBe('SIGKILL');
    http.hang('/slow', false);

    // The killed worker's lease still holds the row …
    expect((await api.request('/api/alerts/deliver', { method: 'POST', token: admin })).body.claimed).toBe(0);
    // … until it runs out; then this process sends it, with the same idempotency key.
    await sleep(2_100);
    await deliverUntilQuiet(api, admin, 10, 300);
    expect(await notification(n.id)).toMatchObject({ status: 'sent', attempts: 2 });
    const hits = http.requests.filter((r) => r.path === '/slow');
    expect(hits).toHaveLength(2);
    expect(hits.map((h) => h.headers['idempotency-key'])).toEqual([n.idempotencyKey, n.idempotencyKey]);
    expect(http.accepted.has(n.idempotencyKey)).toBe(true);
    await retire(channelCode);
  }, 150_000);

  it('delivers once when the SMTP server stalls past the lease and a second worker process takes its turn', async () => {
    // Nothing else due, so the workers' summaries speak of this message alone.
    await deliverUntilQuiet(api, admin, 10, 150);
    const { channelCode, notification: n } = await alertThrough({ kind: 'email', config: { to: ['stalled@shangdang.test'] } });
    const messageId = messageIdFor(n.idempotencyKey);
    const received = () => smtp.messages.filter((m) => m.messageId === messageId).length;
    const release = smtp.hold();
    const env = { SMTP_URL: smtp.url };
    const first = startWorker(1_000, { onSignal: true, env });
    const second = startWorker(1_000, { onSignal: true, env });
    try {
      await Promise.all([first.ready, second.ready]);
      first.go();
      await until('the SMTP server to receive the message', () => received() === 1, 30_000).catch((error: Error) => {
        throw new Error(`${error.message}\n${first.output()}`);
      });
      // The server has the message and says nothing; the first worker's 1-second lease would have run out twice over.
      await sleep(2_000);
      second.go();
      const secondSummary = await Promise.race([second.summary, until('a second copy', () => received() > 1, 30_000).then(() => null)]);
      expect(secondSummary).toEqual({ digests: 0, claimed: 0, sent: 0, retrying: 0, dead: 0, deferred: 0 });
    } finally {
      release();
    }
    expect(await first.summary).toEqual({ digests: 0, claimed: 1, sent: 1, retrying: 0, dead: 0, deferred: 0 });
    expect(await Promise.all([first.exited, second.exited])).toEqual([0, 0]);
    expect(received()).toBe(1);
    expect(await notification(n.id)).toMatchObject({ status: 'sent', attempts: 1 });
    await retire(channelCode);
  }, 150_000);
});
