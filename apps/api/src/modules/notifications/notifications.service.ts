import { hostname } from 'node:os';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, NotFoundException, ConflictException, type OnModuleDestroy } from '@nestjs/common';
import {
  afterFailure,
  type DeliverySummary,
  type InboxResponse,
  type NotificationView,
  type OutgoingNotification,
} from '@planwatch/shared';
import { Clock } from '../../common/clock.js';
import { InFlight } from '../../common/in-flight.js';
import { badParameter } from '../../common/validation.js';
import { ENV, type Env } from '../../config/env.js';
import { AuditRepository } from '../audit/audit.repository.js';
import type { Principal } from '../auth/auth.types.js';
import { DeliveryError, DeliveryPolicy } from './delivery.policy.js';
import { MailTransport } from './mail.transport.js';
import { NotificationsRepository, type ClaimedNotification, type Lease, type NotificationFilter } from './notifications.repository.js';
import { WebhookTransport } from './webhook.transport.js';

/** Who may see which notifications: administrators and leaders all, a department its own. */
function departmentScope(principal: Principal): string | undefined {
  return principal.role === 'admin' || principal.role === 'viewer' ? undefined : (principal.departmentCode ?? '__none__');
}

/**
 * The outbox worker and the read side of notifications. `deliverDue` runs `concurrency` senders;
 * each claims one due row at a time (SKIP LOCKED, with a lease), checks the lease is still its
 * own, keeps renewing it while the send lasts, and records the outcome only if it still holds
 * it: a slow receiver never lets a second process send the same row. It runs on a short
 * interval in every process and on demand (POST /api/alerts/deliver); on shutdown the sends
 * under way finish and are recorded before the database closes.
 */
@Injectable()
export class NotificationsService implements OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private readonly worker = `${hostname()}:${process.pid}`;
  private running: Promise<DeliverySummary> | null = null;
  private readonly sends = new InFlight('通知投递');

  constructor(
    @Inject(NotificationsRepository) private readonly repository: NotificationsRepository,
    @Inject(WebhookTransport) private readonly webhooks: WebhookTransport,
    @Inject(MailTransport) private readonly mail: MailTransport,
    @Inject(DeliveryPolicy) private readonly policy: DeliveryPolicy,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /** One delivery pass; a pass already running in this process is awaited first, never doubled. */
  deliverDue(): Promise<DeliverySummary> {
    return this.sends.run(async () => {
      while (this.running) await this.running.catch(() => undefined);
      this.running = this.deliverRows();
      try {
        return await this.running;
      } finally {
        this.running = null;
      }
    });
  }

  /** The scheduled tick: skips when a pass is already running here, or the process is stopping. */
  async deliverScheduled(): Promise<void> {
    if (this.running || !this.sends.accepting) return;
    await this.deliverDue().catch((error: unknown) => this.logger.error(`delivery pass failed: ${String(error)}`));
  }

  onModuleDestroy(): void {
    this.sends.close();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!(await this.sends.drain(this.env.SHUTDOWN_GRACE_SECONDS * 1000))) {
      this.logger.warn(`sends still under way after ${this.env.SHUTDOWN_GRACE_SECONDS} s; their leases will run out and another process will send them`);
    }
  }

  private async deliverRows(): Promise<DeliverySummary> {
    const summary: DeliverySummary = { claimed: 0, sent: 0, retrying: 0, dead: 0 };
    // Bounded: a pass never runs forever even if rows keep becoming due.
    let budget = this.policy.rowsPerPass;
    const sender = async () => {
      while (budget > 0 && this.sends.accepting) {
        budget -= 1;
        const [row] = await this.repository.claimDue(1, this.policy.leaseMs, this.worker);
        if (!row) return;
        summary.claimed += 1;
        const outcome = await this.deliverOne(row);
        if (outcome !== 'lost') summary[outcome] += 1;
      }
    };
    await Promise.all(Array.from({ length: this.policy.concurrency }, sender));
    return summary;
  }

  /**
   * Sends one claimed row and records what happened. 'lost': the lease had run out and another
   * worker took the row before this one could send it (nothing sent, nothing recorded).
   */
  async deliverOne(row: ClaimedNotification): Promise<'sent' | 'retrying' | 'dead' | 'lost'> {
    const lease: Lease = { id: row.id, attempt: row.attempts, worker: this.worker };
    if (!(await this.repository.renewLease(lease, this.policy.leaseMs))) return 'lost';
    try {
      await this.whileRenewing(lease, () => this.send(row));
      if (!(await this.repository.markSent(lease))) this.logger.warn(`notification ${row.id} was sent, but its lease had been taken over before the outcome was recorded`);
      return 'sent';
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : new DeliveryError(String(error), false);
      const outcome = afterFailure(row.attempts, failure.permanent, this.policy.retry);
      await this.repository.markFailed(lease, failure.message, outcome);
      this.logger.warn(`notification ${row.id} (${row.channel.code}) attempt ${row.attempts} failed: ${failure.message}${outcome.status === 'dead' ? ' → dead letter' : ''}`);
      return outcome.status === 'dead' ? 'dead' : 'retrying';
    }
  }

  /** Runs `work`, renewing the lease every third of its length meanwhile. */
  private async whileRenewing<T>(lease: Lease, work: () => Promise<T>): Promise<T> {
    const renew = setInterval(() => {
      this.repository.renewLease(lease, this.policy.leaseMs).then(
        (held) => {
          if (!held) this.logger.warn(`notification ${lease.id}: lease lost while sending`);
        },
        (error: unknown) => this.logger.warn(`notification ${lease.id}: could not renew its lease: ${String(error)}`),
      );
    }, this.policy.leaseMs / 3);
    try {
      return await work();
    } finally {
      clearInterval(renew);
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
