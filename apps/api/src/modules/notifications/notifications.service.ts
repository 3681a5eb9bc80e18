import { hostname } from 'node:os';
import { Inject, Injectable, Logger, NotFoundException, ConflictException } from '@nestjs/common';
import {
  afterFailure,
  type DeliverySummary,
  type InboxResponse,
  type NotificationView,
  type OutgoingNotification,
} from '@planwatch/shared';
import { Clock } from '../../common/clock.js';
import { badParameter } from '../../common/validation.js';
import { AuditRepository } from '../audit/audit.repository.js';
import type { Principal } from '../auth/auth.types.js';
import { DeliveryError, DeliveryPolicy } from './delivery.policy.js';
import { MailTransport } from './mail.transport.js';
import { NotificationsRepository, type ClaimedNotification, type NotificationFilter } from './notifications.repository.js';
import { WebhookTransport } from './webhook.transport.js';

/** Who may see which notifications: administrators and leaders all, a department its own. */
function departmentScope(principal: Principal): string | undefined {
  return principal.role === 'admin' || principal.role === 'viewer' ? undefined : (principal.departmentCode ?? '__none__');
}

/**
 * The outbox worker and the read side of notifications. `deliverDue` claims due rows (SKIP
 * LOCKED, with a lease), sends each through its channel and records the outcome; it runs on a
 * short interval in every process and on demand (POST /api/alerts/deliver).
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger('Notifications');
  private readonly worker = `${hostname()}:${process.pid}`;
  private running: Promise<DeliverySummary> | null = null;

  constructor(
    @Inject(NotificationsRepository) private readonly repository: NotificationsRepository,
    @Inject(WebhookTransport) private readonly webhooks: WebhookTransport,
    @Inject(MailTransport) private readonly mail: MailTransport,
    @Inject(DeliveryPolicy) private readonly policy: DeliveryPolicy,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** One delivery pass; a pass already running in this process is awaited first, never doubled. */
  async deliverDue(): Promise<DeliverySummary> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.deliverRounds();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  /** The scheduled tick: skips when a pass is already running here. */
  async deliverScheduled(): Promise<void> {
    if (this.running) return;
    await this.deliverDue().catch((error: unknown) => this.logger.error(`delivery pass failed: ${String(error)}`));
  }

  private async deliverRounds(): Promise<DeliverySummary> {
    const summary: DeliverySummary = { claimed: 0, sent: 0, retrying: 0, dead: 0 };
    // Bounded: a pass never runs forever even if rows keep becoming due.
    for (let round = 0; round < 50; round++) {
      const claimed = await this.repository.claimDue(this.policy.batchSize, this.policy.leaseMs, this.worker);
      if (claimed.length === 0) break;
      summary.claimed += claimed.length;
      const queue = [...claimed];
      const workers = Array.from({ length: Math.min(this.policy.concurrency, queue.length) }, async () => {
        for (let row = queue.shift(); row; row = queue.shift()) {
          const outcome = await this.deliverOne(row);
          summary[outcome] += 1;
        }
      });
      await Promise.all(workers);
    }
    return summary;
  }

  /** Sends one claimed row and records what happened. */
  async deliverOne(row: ClaimedNotification): Promise<'sent' | 'retrying' | 'dead'> {
    try {
      await this.send(row);
      await this.repository.markSent(row.id);
      return 'sent';
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : new DeliveryError(String(error), false);
      const outcome = afterFailure(row.attempts, failure.permanent, this.policy.retry);
      await this.repository.markFailed(row.id, row.attempts, failure.message, outcome);
      this.logger.warn(`notification ${row.id} (${row.channel.code}) attempt ${row.attempts} failed: ${failure.message}${outcome.status === 'dead' ? ' → dead letter' : ''}`);
      return outcome.status === 'dead' ? 'dead' : 'retrying';
    }
  }

  private async send(row: ClaimedNotification): Promise<void> {
    if (!row.channel.enabled) throw new DeliveryError(`通道${row.channel.code}已停用`, true);
    const outgoing: OutgoingNotification = {
      idempotencyKey: row.idempotencyKey,
      event: row.event,
      title: row.title,
      body: row.body,
      ...(row.alert ? { alert: { ...row.alert, firedAt: new Date(row.alert.firedAt).toISOString() } } : {}),
      ...(row.supervision ? { supervision: row.supervision } : {}),
    };
    const config = row.channel.config;
    switch (row.channel.kind) {
      case 'webhook':
      case 'wecom':
      case 'dingtalk':
        return this.webhooks.send(outgoing, row.channel.kind, config as never);
      case 'email':
        return this.mail.send(outgoing, config as never);
      case 'in_app':
        return; // written as delivered; never claimed in practice
    }
  }

  list(principal: Principal, filter: Omit<NotificationFilter, 'department'> & { department?: string }): Promise<{ total: number; items: NotificationView[] }> {
    const forced = departmentScope(principal);
    return this.repository.find({ ...filter, department: forced ?? filter.department });
  }

  async inbox(principal: Principal, options: { department?: string; unreadOnly: boolean; limit: number; offset: number }): Promise<InboxResponse> {
    const department = this.inboxDepartment(principal, options.department);
    return { departmentCode: department, ...(await this.repository.inbox(department, options)) };
  }

  async markRead(principal: Principal, id: string | null, requestId?: string): Promise<{ marked: number }> {
    const department = this.inboxDepartment(principal);
    if (id !== null && !(await this.repository.inboxItemExists(department, id))) throw new NotFoundException(`本部门收件箱中没有通知${id}`);
    const marked = await this.repository.markRead(department, id, this.clock.now());
    await this.audit.record({ userId: principal.userId, action: 'inbox_read', entity: 'notification', entityId: id ?? `${department}:*`, after: { marked }, requestId });
    return { marked };
  }

  async retry(id: string, principal: Principal, requestId?: string): Promise<NotificationView> {
    const existing = await this.repository.findOne(id);
    if (!existing) throw new NotFoundException(`通知${id}不存在`);
    if (!(await this.repository.requeue(id))) throw new ConflictException(`通知${id}状态为${existing.status}，只有投递失败（dead）的通知可以重发`);
    await this.audit.record({ userId: principal.userId, action: 'notification_requeued', entity: 'notification', entityId: id, before: { status: existing.status }, requestId });
    return (await this.repository.findOne(id))!;
  }

  private inboxDepartment(principal: Principal, requested?: string): string {
    if (principal.departmentCode) return principal.departmentCode;
    if (requested && (principal.role === 'admin' || principal.role === 'viewer')) return requested;
    throw badParameter('department', '没有所属部门的账号查看收件箱时须指定 department');
  }
}
