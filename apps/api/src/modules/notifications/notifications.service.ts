import { hostname } from 'node:os';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, NotFoundException, ConflictException, type OnModuleDestroy } from '@nestjs/common';
import {
  afterFailure,
  channelGrouping,
  compareDigestItems,
  DIGEST_TOP_ITEMS,
  digestDueAt,
  digestText,
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
import { NotificationsRepository, type ClaimedNotification, type DigestDraft, type DigestMembers, type Lease, type NotificationFilter } from './notifications.repository.js';
import { RobotRateRepository } from './robot-rate.repository.js';
import { WebhookTransport } from './webhook.transport.js';

type Outcome = 'sent' | 'retrying' | 'dead' | 'deferred' | 'lost';

/** The channel as a send needs it. */
export interface SendingChannel {
  code: string;
  kind: ClaimedNotification['channel']['kind'];
  enabled: boolean;
  config: Record<string, unknown>;
}

/** Who may see which notifications: administrators and leaders all, a department its own. */
function departmentScope(principal: Principal): string | undefined {
  return principal.role === 'admin' || principal.role === 'viewer' ? undefined : (principal.departmentCode ?? '__none__');
}

/**
 * The outbox worker and the read side of notifications. A delivery pass first turns the groups
 * of alert notifications whose time has come into digests, then runs `concurrency` senders;
 * each claims one due row at a time (SKIP LOCKED, with a lease), checks the lease is still its
 * own, takes a slot of its robot's rate limit (shared by all processes), keeps renewing the
 * lease while the send lasts, and records the outcome only if it still holds it: a slow
 * receiver never lets a second process send the same row. A robot's "too fast" pauses the
 * channel for the vendor's window without spending an attempt; a refusal that needs a person
 * dead-letters the row and marks the channel 故障; a timed-out send waits longer before it is
 * sent again (it may have been posted). It runs on a short interval in every process and on
 * demand (POST /api/alerts/deliver); on shutdown the sends under way finish and are recorded
 * before the database closes.
 */
@Injectable()
export class NotificationsService implements OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private readonly worker = `${hostname()}:${process.pid}`;
  private running: Promise<DeliverySummary> | null = null;
  private readonly sends = new InFlight('通知投递');

  constructor(
    @Inject(NotificationsRepository) private readonly repository: NotificationsRepository,
    @Inject(RobotRateRepository) private readonly rates: RobotRateRepository,
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
    const summary: DeliverySummary = { digests: await this.composeDueDigests(), claimed: 0, sent: 0, retrying: 0, dead: 0, deferred: 0 };
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

  /** Composes a digest for every group whose group_wait and group_interval have passed; returns how many groups went out. */
  private async composeDueDigests(): Promise<number> {
    const groups = await this.repository.waitingGroups();
    if (groups.length === 0) return 0;
    const defaults = await this.repository.groupingDefaults();
    const now = Date.now();
    let composed = 0;
    for (const group of groups) {
      // A channel whose grouping was turned off since: its waiting rows go out at once.
      const grouping = channelGrouping(group.channelKind, group.config, defaults) ?? { waitSeconds: 0, intervalSeconds: 0 };
      if (digestDueAt(group, grouping).getTime() > now) continue;
      if (await this.repository.composeDigest(group, (members, mobilesOf) => this.digestDraft(group.channelCode, members, mobilesOf))) composed += 1;
    }
    return composed;
  }

  /**
   * A digest's row: its text, and whom it @-mentions: the people of the departments that own
   * the items it names and that still ask for action (a resolution asks nothing).
   */
  private async digestDraft(channelCode: string, members: DigestMembers, mobilesOf: (departments: string[]) => Promise<string[]>): Promise<DigestDraft> {
    const text = digestText(members.items, { number: members.number, departmentName: members.departmentName });
    const named = [...members.items].sort(compareDigestItems).slice(0, DIGEST_TOP_ITEMS);
    const owners = [...new Set(named.filter((i) => i.event !== 'resolved' && i.ownerCode).map((i) => i.ownerCode!))];
    const query = members.groupKey ? `?department=${encodeURIComponent(members.groupKey)}` : '';
    return {
      idempotencyKey: `digest:${channelCode}:${members.number}`,
      ...text,
      payload: {
        number: members.number,
        total: members.items.length,
        red: members.items.filter((i) => i.severity === 'red').length,
        url: `${this.env.PUBLIC_WEB_URL}/alerts${query}`,
        mentionMobiles: owners.length ? await mobilesOf(owners) : [],
      },
    };
  }

  /**
   * Sends one claimed row and records what happened. 'lost': the lease had run out and another
   * worker took the row before this one could send it (nothing sent, nothing recorded);
   * 'deferred': held back by the robot's rate limit, no attempt spent.
   */
  async deliverOne(row: ClaimedNotification): Promise<Outcome> {
    const lease: Lease = { id: row.id, attempt: row.attempts, worker: this.worker };
    if (!(await this.repository.renewLease(lease, this.policy.leaseMs))) return 'lost';
    try {
      const slot = await this.takeSendSlot(row.channel);
      if (!slot.allowed) {
        await this.repository.defer(lease, slot.waitMs, '已达机器人每分钟发送上限，稍后自动发送');
        return 'deferred';
      }
      await this.whileRenewing(lease, () => this.send(this.outgoing(row), row.channel));
      if (!(await this.repository.markSent(lease))) this.logger.warn(`notification ${row.id} was sent, but its lease had been taken over before the outcome was recorded`);
      return 'sent';
    } catch (error) {
      return this.recordFailure(row, lease, error instanceof DeliveryError ? error : new DeliveryError(String(error), false));
    }
  }

  private async recordFailure(row: ClaimedNotification, lease: Lease, error: DeliveryError): Promise<Outcome> {
    const { failure } = error;
    if (failure.kind === 'rate_limited') {
      await this.repository.defer(lease, failure.pauseMs, error.message);
      await this.pauseForVendor(row.channel.code, failure.pauseMs, error.message);
      this.logger.warn(`notification ${row.id} (${row.channel.code}): ${error.message} → channel paused ${failure.pauseMs} ms`);
      return 'deferred';
    }
    const outcome = afterFailure(row.attempts, failure.kind === 'permanent', this.policy.retry);
    if (failure.kind === 'timeout' && outcome.status === 'pending') outcome.delayMs = Math.max(outcome.delayMs, this.policy.afterTimeoutDelayMs);
    await this.repository.markFailed(lease, error.message, outcome);
    if (failure.kind === 'permanent' && failure.fault) await this.repository.markChannelFault(row.channel.code, failure.fault);
    this.logger.warn(`notification ${row.id} (${row.channel.code}) attempt ${row.attempts} failed: ${error.message}${outcome.status === 'dead' ? ' → dead letter' : ''}`);
    return outcome.status === 'dead' ? 'dead' : 'retrying';
  }

  /** The robot said "too fast": the channel waits for the vendor's window (DingTalk blocks 10 minutes). */
  private pauseForVendor(code: string, pauseMs: number, message: string): Promise<void> {
    return this.repository.pauseChannel(code, pauseMs, `机器人限流（${message}），暂停发送，到时自动恢复`);
  }

  /** Robots share a per-URL limit across processes; other channels send freely. */
  private takeSendSlot(channel: SendingChannel): ReturnType<RobotRateRepository['takeSendSlot']> {
    if (channel.kind !== 'wecom' && channel.kind !== 'dingtalk') return Promise.resolve({ allowed: true });
    return this.rates.takeSendSlot(String(channel.config.url), this.policy.robotRate);
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

  /** The message a claimed row stands for, with its link and the people it @-mentions. */
  private outgoing(row: ClaimedNotification): OutgoingNotification {
    const base = { idempotencyKey: row.idempotencyKey, event: row.event, title: row.title, body: row.body };
    if (row.digest) return { ...base, digest: row.digest, link: { label: '查看预警列表', url: row.digest.url }, mentionMobiles: row.digest.mentionMobiles };
    if (row.supervision) return { ...base, supervision: row.supervision };
    if (!row.alert) return base;
    return {
      ...base,
      alert: { ...row.alert, firedAt: new Date(row.alert.firedAt).toISOString() },
      link: { label: '查看预警详情', url: `${this.env.PUBLIC_WEB_URL}/alerts/${row.alert.id}` },
      mentionMobiles: row.departmentMobiles ?? [],
    };
  }

  private async send(outgoing: OutgoingNotification, channel: SendingChannel): Promise<void> {
    if (!channel.enabled) throw new DeliveryError(`通道${channel.code}已停用`, true);
    const config = channel.config;
    switch (channel.kind) {
      case 'webhook':
      case 'wecom':
      case 'dingtalk':
        return this.webhooks.send(outgoing, channel.kind, config as never);
      case 'email':
        return this.mail.send(outgoing, config as never);
      case 'in_app':
        return; // written as delivered; never claimed in practice
    }
  }

  /**
   * 测试发送: a test message through the channel now, within its robot's rate limit. Success
   * clears a 故障 mark; a refusal that needs a person sets it. Nothing is written to the outbox.
   */
  async testSend(channel: SendingChannel, principal: Principal): Promise<{ ok: boolean; message: string }> {
    const slot = await this.takeSendSlot(channel);
    if (!slot.allowed) return { ok: false, message: `已达机器人每分钟发送上限，请${Math.ceil(slot.waitMs / 1000)}秒后再试` };
    const outgoing: OutgoingNotification = {
      idempotencyKey: `test:${channel.code}:${this.clock.now().getTime()}`,
      event: 'test',
      title: '【通道测试】PlanWatch 预警通知',
      body: `这是${principal.username}在通道管理页发出的测试消息。收到即说明通道可用。`,
      link: { label: '打开预警页面', url: `${this.env.PUBLIC_WEB_URL}/alerts` },
    };
    try {
      await this.send(outgoing, { ...channel, enabled: true });
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : new DeliveryError(String(error), false);
      const fault = failure.failure.kind === 'permanent' ? failure.failure.fault : undefined;
      if (fault) await this.repository.markChannelFault(channel.code, fault);
      if (failure.failure.kind === 'rate_limited') await this.pauseForVendor(channel.code, failure.failure.pauseMs, failure.message);
      return { ok: false, message: fault ? `发送失败：${fault.message}` : `发送失败：${failure.message}` };
    }
    await this.repository.clearChannelFault(channel.code);
    return { ok: true, message: '测试消息已发出，请在群里或邮箱中查看' };
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
