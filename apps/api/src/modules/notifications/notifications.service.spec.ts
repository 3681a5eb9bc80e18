import { describe, expect, it, vi } from 'vitest';
import { FixedClock } from '../../common/clock.js';
import { parseEnv } from '../../config/env.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import { DeliveryError, DeliveryPolicy } from './delivery.policy.js';
import type { MailTransport } from './mail.transport.js';
import type { ClaimedNotification, NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';

const worker = expect.stringMatching(/:\d+$/);
import type { RobotRateRepository } from './robot-rate.repository.js';
import type { WebhookTransport } from './webhook.transport.js';

function row(overrides: Partial<ClaimedNotification> = {}): ClaimedNotification {
  return {
    id: '1',
    attempts: 1,
    idempotencyKey: 'gap:indicator:coal_output@140404#1:fired:hook',
    event: 'fired',
    title: '【红色预警】序时滞后：原煤产量（上党区）',
    body: '…',
    departmentCode: 'energy',
    channel: { code: 'hook', kind: 'webhook', enabled: true, config: { url: 'http://127.0.0.1:1/hook' } },
    alert: {
      id: '7',
      fingerprint: 'gap:indicator:coal_output@140404',
      ruleCode: 'gap',
      type: 'target_gap',
      severity: 'red',
      state: 'firing',
      subject: { kind: 'indicator', indicatorCode: 'coal_output', regionCode: '140404' },
      period: '2026-09',
      departmentCode: 'energy',
      departments: ['energy'],
      firedAt: '2026-11-23T01:00:00+00:00',
      sample: false,
    },
    ...overrides,
  };
}

function setup(send: () => Promise<void>, slot: { allowed: true } | { allowed: false; waitMs: number } = { allowed: true }) {
  const repository = {
    renewLease: vi.fn(async () => true),
    markSent: vi.fn(async () => true),
    markFailed: vi.fn(async () => true),
    defer: vi.fn(async () => true),
    pauseChannel: vi.fn(async () => undefined),
    markChannelFault: vi.fn(async () => undefined),
  };
  const webhooks = { send: vi.fn(send) };
  const mail = { send: vi.fn(send) };
  const env = parseEnv({ DATABASE_URL: 'postgres://unused@127.0.0.1/unused', JWT_SECRET: 'unit-test-secret-unit-test-secret-0000' });
  const policy = new DeliveryPolicy(env);
  policy.retry = { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 4 };
  const service = new NotificationsService(
    repository as unknown as NotificationsRepository,
    { takeSendSlot: vi.fn(async () => slot) } as unknown as RobotRateRepository,
    webhooks as unknown as WebhookTransport,
    mail as unknown as MailTransport,
    policy,
    { record: vi.fn() } as unknown as AuditRepository,
    new FixedClock(new Date('2026-11-23T01:00:00Z')),
    env,
  );
  return { service, repository, webhooks, mail };
}

describe('one delivery attempt', () => {
  it('marks a sent notification sent, with the payload built from the claimed row', async () => {
    const { service, repository, webhooks } = setup(async () => undefined);
    expect(await service.deliverOne(row())).toBe('sent');
    expect(repository.renewLease).toHaveBeenCalledWith({ id: '1', attempt: 1, worker }, 60_000);
    expect(repository.markSent).toHaveBeenCalledWith({ id: '1', attempt: 1, worker });
    const [outgoing, kind] = webhooks.send.mock.calls[0] as unknown as [{ idempotencyKey: string; alert: { firedAt: string } }, string];
    expect(kind).toBe('webhook');
    expect(outgoing.idempotencyKey).toBe('gap:indicator:coal_output@140404#1:fired:hook');
    expect(outgoing.alert.firedAt).toBe('2026-11-23T01:00:00.000Z');
  });

  it('backs off exponentially after a retryable failure, fenced by the attempt number', async () => {
    const { service, repository } = setup(async () => {
      throw new DeliveryError('HTTP 500: boom', false);
    });
    expect(await service.deliverOne(row({ attempts: 3 }))).toBe('retrying');
    expect(repository.markFailed).toHaveBeenCalledWith({ id: '1', attempt: 3, worker }, 'HTTP 500: boom', { status: 'pending', delayMs: 4000 });
  });

  it('dead-letters a permanent failure at once, and any failure at the last attempt', async () => {
    const permanent = setup(async () => {
      throw new DeliveryError('HTTP 404', true);
    });
    expect(await permanent.service.deliverOne(row())).toBe('dead');
    expect(permanent.repository.markFailed).toHaveBeenCalledWith({ id: '1', attempt: 1, worker }, 'HTTP 404', { status: 'dead' });
    const last = setup(async () => {
      throw new Error('socket hang up');
    });
    expect(await last.service.deliverOne(row({ attempts: 4 }))).toBe('dead');
  });

  it('routes e-mail to the mail transport, and refuses a disabled channel without sending', async () => {
    const { service, mail, webhooks, repository } = setup(async () => undefined);
    await service.deliverOne(row({ channel: { code: 'mail', kind: 'email', enabled: true, config: { to: ['a@b.cn'] } } }));
    expect(mail.send).toHaveBeenCalledTimes(1);
    expect(await service.deliverOne(row({ channel: { code: 'off', kind: 'wecom', enabled: false, config: {} } }))).toBe('dead');
    expect(webhooks.send).not.toHaveBeenCalled();
    expect(repository.markFailed).toHaveBeenCalledWith({ id: '1', attempt: 1, worker }, '通道off已停用', { status: 'dead' });
  });

  it('sends nothing when its lease has been taken over before the send', async () => {
    const { service, repository, webhooks } = setup(async () => undefined);
    repository.renewLease.mockResolvedValueOnce(false);
    expect(await service.deliverOne(row())).toBe('lost');
    expect(webhooks.send).not.toHaveBeenCalled();
    expect(repository.markSent).not.toHaveBeenCalled();
    expect(repository.markFailed).not.toHaveBeenCalled();
  });

  it('holds a robot message back without sending or spending its attempt while the robot\'s window is full', async () => {
    const robot = { code: 'ding', kind: 'dingtalk' as const, enabled: true, config: { url: 'https://oapi.dingtalk.com/robot/send?access_token=t' } };
    const { service, repository, webhooks } = setup(async () => undefined, { allowed: false, waitMs: 7_000 });
    expect(await service.deliverOne(row({ channel: robot }))).toBe('deferred');
    expect(webhooks.send).not.toHaveBeenCalled();
    expect(repository.defer).toHaveBeenCalledWith({ id: '1', attempt: 1, worker }, 7_000, expect.stringContaining('发送上限'));
    expect(repository.markFailed).not.toHaveBeenCalled();
  });

  it('pauses the channel for the vendor\'s block on "too fast", spending no attempt', async () => {
    const { service, repository } = setup(async () => {
      throw new DeliveryError('机器人返回错误 130101: send too fast', { kind: 'rate_limited', pauseMs: 600_000 });
    });
    expect(await service.deliverOne(row({ attempts: 2 }))).toBe('deferred');
    expect(repository.defer).toHaveBeenCalledWith({ id: '1', attempt: 2, worker }, 600_000, expect.stringContaining('130101'));
    expect(repository.pauseChannel).toHaveBeenCalledWith('hook', 600_000, expect.stringContaining('机器人限流'));
    expect(repository.markFailed).not.toHaveBeenCalled();
  });

  it('dead-letters a refusal that needs a person at once and marks the channel 故障 with its explanation', async () => {
    const fault = { code: '310000', message: '钉钉机器人安全设置校验失败：关键词、加签或IP白名单' };
    const { service, repository } = setup(async () => {
      throw new DeliveryError('机器人返回错误 310000: keywords not in content', { kind: 'permanent', fault });
    });
    expect(await service.deliverOne(row())).toBe('dead');
    expect(repository.markFailed).toHaveBeenCalledWith({ id: '1', attempt: 1, worker }, expect.stringContaining('310000'), { status: 'dead' });
    expect(repository.markChannelFault).toHaveBeenCalledWith('hook', fault);
  });

  it('waits at least the timeout delay before resending a send that timed out (it may have been posted)', async () => {
    const { service, repository } = setup(async () => {
      throw new DeliveryError('请求超时（10000 ms）', { kind: 'timeout' });
    });
    expect(await service.deliverOne(row())).toBe('retrying');
    expect(repository.markFailed).toHaveBeenCalledWith({ id: '1', attempt: 1, worker }, expect.any(String), { status: 'pending', delayMs: 600_000 });
  });
});
