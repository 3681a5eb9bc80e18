import { describe, expect, it, vi } from 'vitest';
import { FixedClock } from '../../common/clock.js';
import { parseEnv } from '../../config/env.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import { DeliveryError, DeliveryPolicy } from './delivery.policy.js';
import type { MailTransport } from './mail.transport.js';
import type { ClaimedNotification, NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';

const worker = expect.stringMatching(/:\d+$/);
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

function setup(send: () => Promise<void>) {
  const repository = { renewLease: vi.fn(async () => true), markSent: vi.fn(async () => true), markFailed: vi.fn(async () => true) };
  const webhooks = { send: vi.fn(send) };
  const mail = { send: vi.fn(send) };
  const policy = new DeliveryPolicy();
  policy.retry = { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 4 };
  const service = new NotificationsService(
    repository as unknown as NotificationsRepository,
    webhooks as unknown as WebhookTransport,
    mail as unknown as MailTransport,
    policy,
    { record: vi.fn() } as unknown as AuditRepository,
    new FixedClock(new Date('2026-11-23T01:00:00Z')),
    parseEnv({ DATABASE_URL: 'postgres://unused@127.0.0.1/unused', JWT_SECRET: 'unit-test-secret-unit-test-secret-0000' }),
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
});
