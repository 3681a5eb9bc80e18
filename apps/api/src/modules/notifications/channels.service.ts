import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  channelFilterOf,
  maskChannelConfig,
  unmaskChannelConfig,
  validateChannel,
  type ChannelInput,
  type ChannelView,
} from '@planwatch/shared';
import { BadRequestException } from '@nestjs/common';
import type { Principal } from '../auth/auth.types.js';
import { ChannelsRepository, type StoredChannel } from './channels.repository.js';
import { EgressPolicy } from './egress-policy.js';

function view(channel: StoredChannel): ChannelView {
  return { ...channel, config: maskChannelConfig(channel.config), filter: channelFilterOf(channel.config) };
}

function invalid(issues: Array<{ path: string; message: string }>): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: issues.map((i) => `Invalid parameter "${i.path}": ${i.message}`).join(' | '),
    parameters: issues.map((i) => ({ parameter: i.path, problems: [i.message] })),
  });
}

/** Channel administration: validated per kind, secrets never served back, every write audited. */
@Injectable()
export class ChannelsService {
  constructor(
    @Inject(ChannelsRepository) private readonly repository: ChannelsRepository,
    @Inject(EgressPolicy) private readonly egress: EgressPolicy,
  ) {}

  async list(): Promise<ChannelView[]> {
    return (await this.repository.findAll()).map(view);
  }

  async get(code: string): Promise<ChannelView> {
    return view(await this.stored(code));
  }

  async create(input: unknown, principal: Principal, requestId?: string): Promise<ChannelView> {
    const channel = await this.validate(input);
    if (await this.repository.findOne(channel.code)) throw new ConflictException(`通知通道"${channel.code}"已存在`);
    await this.repository.create(channel, { userId: principal.userId, action: 'channel_created', entity: 'notification_channel', entityId: channel.code, after: view(channel), requestId });
    return this.get(channel.code);
  }

  async update(code: string, patch: Record<string, unknown>, principal: Principal, requestId?: string): Promise<ChannelView> {
    const stored = await this.stored(code);
    const config = patch.config && typeof patch.config === 'object' ? unmaskChannelConfig(patch.config as Record<string, unknown>, stored.config) : stored.config;
    const channel = await this.validate({ ...stored, ...patch, code, kind: stored.kind, config });
    await this.repository.update(channel, { userId: principal.userId, action: 'channel_updated', entity: 'notification_channel', entityId: code, before: view(stored), after: view(channel), requestId });
    return this.get(code);
  }

  async remove(code: string, principal: Principal, requestId?: string): Promise<void> {
    const stored = await this.stored(code);
    await this.repository.remove(code, { userId: principal.userId, action: 'channel_deleted', entity: 'notification_channel', entityId: code, before: view(stored), requestId });
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
