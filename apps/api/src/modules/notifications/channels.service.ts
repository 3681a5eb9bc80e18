import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  channelFilterOf,
  channelGrouping,
  maskChannelConfig,
  unmaskChannelConfig,
  validateChannel,
  type ChannelHealth,
  type ChannelInput,
  type ChannelTestResult,
  type ChannelView,
  type DeliverySettings,
  type NotificationGrouping,
} from '@planwatch/shared';
import { BadRequestException } from '@nestjs/common';
import { ENV, type Env } from '../../config/env.js';
import { AuditRepository } from '../audit/audit.repository.js';
import type { Principal } from '../auth/auth.types.js';
import { ChannelsRepository, type StoredChannel } from './channels.repository.js';
import { EgressPolicy } from './egress-policy.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';

const NO_HEALTH: ChannelHealth = { fault: null, pausedUntil: null, pauseReason: null, pending: 0, dead: 0, lastSentAt: null };

/** What the audit log keeps of a channel (no secrets). */
function masked(channel: ChannelInput | StoredChannel) {
  return { ...channel, config: maskChannelConfig(channel.config), filter: channelFilterOf(channel.config) };
}

function view(channel: StoredChannel, defaults: NotificationGrouping, health: ChannelHealth | undefined): ChannelView {
  return { ...masked(channel), grouping: channelGrouping(channel.kind, channel.config, defaults), health: health ?? NO_HEALTH };
}

function invalid(issues: Array<{ path: string; message: string }>): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: issues.map((i) => `Invalid parameter "${i.path}": ${i.message}`).join(' | '),
    parameters: issues.map((i) => ({ parameter: i.path, problems: [i.message] })),
  });
}

/**
 * Channel administration: validated per kind, secrets never served back, every write audited;
 * each channel with its health (故障, pause, queue) and a 测试发送.
 */
@Injectable()
export class ChannelsService {
  constructor(
    @Inject(ChannelsRepository) private readonly repository: ChannelsRepository,
    @Inject(NotificationsRepository) private readonly notifications: NotificationsRepository,
    @Inject(NotificationsService) private readonly delivery: NotificationsService,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(EgressPolicy) private readonly egress: EgressPolicy,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async list(): Promise<ChannelView[]> {
    const [channels, defaults, health] = [await this.repository.findAll(), await this.notifications.groupingDefaults(), await this.repository.health()];
    return channels.map((c) => view(c, defaults, health.get(c.code)));
  }

  async get(code: string): Promise<ChannelView> {
    const stored = await this.stored(code);
    return view(stored, await this.notifications.groupingDefaults(), (await this.repository.health(code)).get(code));
  }

  async settings(): Promise<DeliverySettings> {
    return {
      publicWebUrl: this.env.PUBLIC_WEB_URL,
      publicWebUrlConfigured: this.env.PUBLIC_WEB_URL_CONFIGURED,
      grouping: await this.notifications.groupingDefaults(),
      robotRate: { limit: this.env.ROBOT_RATE_LIMIT, windowSeconds: this.env.ROBOT_RATE_WINDOW_SECONDS },
    };
  }

  async create(input: unknown, principal: Principal, requestId?: string): Promise<ChannelView> {
    const channel = await this.validate(input);
    if (await this.repository.findOne(channel.code)) throw new ConflictException(`通知通道"${channel.code}"已存在`);
    await this.repository.create(channel, { userId: principal.userId, action: 'channel_created', entity: 'notification_channel', entityId: channel.code, after: masked(channel), requestId });
    return this.get(channel.code);
  }

  async update(code: string, patch: Record<string, unknown>, principal: Principal, requestId?: string): Promise<ChannelView> {
    const stored = await this.stored(code);
    const config = patch.config && typeof patch.config === 'object' ? unmaskChannelConfig(patch.config as Record<string, unknown>, stored.config) : stored.config;
    const channel = await this.validate({ ...stored, ...patch, code, kind: stored.kind, config });
    await this.repository.update(channel, { userId: principal.userId, action: 'channel_updated', entity: 'notification_channel', entityId: code, before: masked(stored), after: masked(channel), requestId });
    return this.get(code);
  }

  async remove(code: string, principal: Principal, requestId?: string): Promise<void> {
    const stored = await this.stored(code);
    await this.repository.remove(code, { userId: principal.userId, action: 'channel_deleted', entity: 'notification_channel', entityId: code, before: masked(stored), requestId });
  }

  /** 测试发送 through a channel (in-app channels have nothing to test). */
  async test(code: string, principal: Principal, requestId?: string): Promise<ChannelTestResult> {
    const stored = await this.stored(code);
    if (stored.kind === 'in_app') throw new ConflictException('站内收件箱通道无需测试发送');
    const result = await this.delivery.testSend(stored, principal);
    await this.audit.record({ userId: principal.userId, action: 'channel_tested', entity: 'notification_channel', entityId: code, after: result, requestId });
    return { ...result, health: (await this.repository.health(code)).get(code) ?? NO_HEALTH };
  }

  private async stored(code: string): Promise<StoredChannel> {
    const channel = await this.repository.findOne(code);
    if (!channel) throw new NotFoundException(`通知通道"${code}"不存在`);
    return channel;
  }

  private async validate(input: unknown): Promise<ChannelInput> {
    const result = validateChannel(input);
    if (!result.ok) throw invalid(result.issues);
    const { kind, config } = result.channel;
    if (kind === 'webhook' || kind === 'wecom' || kind === 'dingtalk') {
      const problem = this.egress.urlProblem(kind, String(config.url));
      if (problem) throw invalid([{ path: 'config.url', message: problem }]);
    }
    if (result.channel.departmentCode && !(await this.repository.departmentExists(result.channel.departmentCode))) {
      throw invalid([{ path: 'departmentCode', message: `unknown department "${result.channel.departmentCode}"` }]);
    }
    return result.channel;
  }
}
