import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ChannelTestResult, ChannelView, DeliverySettings, DeliverySummary, InboxResponse, NotificationView } from '@planwatch/shared';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/auth.types.js';
import { ChannelsService } from './channels.service.js';
import { CreateChannelDto, InboxQueryDto, NotificationQueryDto, UpdateChannelDto } from './dto/notifications.dto.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('alerts')
export class NotificationsController {
  constructor(
    @Inject(NotificationsService) private readonly notifications: NotificationsService,
    @Inject(ChannelsService) private readonly channels: ChannelsService,
  ) {}

  @Get('notifications')
  @ApiOperation({ summary: 'The outbox with delivery status (pending, sending, sent, dead), attempts and last error; a department sees its own' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: NotificationQueryDto): Promise<{ total: number; items: NotificationView[] }> {
    return this.notifications.list(principal, { ...query, alertId: query.alert });
  }

  @Post('notifications/:id/retry')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Send a dead notification again (after fixing its channel)' })
  retry(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<NotificationView> {
    return this.notifications.retry(id, principal);
  }

  @Post('deliver')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Run one delivery pass of the outbox now (it also runs every few seconds)' })
  deliver(): Promise<DeliverySummary> {
    return this.notifications.deliverDue();
  }

  @Get('inbox')
  @ApiOperation({ summary: "The caller's department inbox (in-app notifications), newest first" })
  inbox(@CurrentPrincipal() principal: Principal, @Query() query: InboxQueryDto): Promise<InboxResponse> {
    return this.notifications.inbox(principal, { department: query.department, unreadOnly: query.unread ?? false, limit: query.limit, offset: query.offset });
  }

  @Post('inbox/read-all')
  @HttpCode(200)
  @ApiOperation({ summary: "Mark every notification in the caller's inbox read" })
  readAll(@CurrentPrincipal() principal: Principal): Promise<{ marked: number }> {
    return this.notifications.markRead(principal, null);
  }

  @Post('inbox/:id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one inbox notification read' })
  read(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<{ marked: number }> {
    return this.notifications.markRead(principal, id);
  }

  @Get('channels')
  @Roles('admin')
  @ApiOperation({ summary: 'Notification channels (secrets masked), each with its grouping and health (故障, pause, pending and dead messages)' })
  listChannels(): Promise<ChannelView[]> {
    return this.channels.list();
  }

  @Get('delivery-settings')
  @Roles('admin')
  @ApiOperation({ summary: 'PUBLIC_WEB_URL (and whether it is set), the plan file’s digest defaults and the robots’ rate limit' })
  deliverySettings(): Promise<DeliverySettings> {
    return this.channels.settings();
  }

  @Post('channels/:code/test')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: '测试发送: a test message through the channel now; success clears its 故障 mark, a refusal that needs a person sets it' })
  testChannel(@CurrentPrincipal() principal: Principal, @Param('code') code: string): Promise<ChannelTestResult> {
    return this.channels.test(code, principal);
  }

  @Post('channels')
  @Roles('admin')
  @ApiOperation({ summary: 'Add a channel: in_app, webhook (JSON), wecom, dingtalk, email' })
  createChannel(@CurrentPrincipal() principal: Principal, @Body() body: CreateChannelDto): Promise<ChannelView> {
    return this.channels.create(body, principal);
  }

  @Patch('channels/:code')
  @Roles('admin')
  updateChannel(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Body() body: UpdateChannelDto): Promise<ChannelView> {
    return this.channels.update(code, { ...body }, principal);
  }

  @Delete('channels/:code')
  @HttpCode(204)
  @Roles('admin')
  async deleteChannel(@CurrentPrincipal() principal: Principal, @Param('code') code: string): Promise<void> {
    await this.channels.remove(code, principal);
  }
}
