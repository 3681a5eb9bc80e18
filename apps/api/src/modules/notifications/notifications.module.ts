import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ChannelsRepository } from './channels.repository.js';
import { ChannelsService } from './channels.service.js';
import { DeliveryPolicy } from './delivery.policy.js';
import { MailTransport } from './mail.transport.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsScheduler } from './notifications.scheduler.js';
import { NotificationsService } from './notifications.service.js';
import { WebhookTransport } from './webhook.transport.js';

/** The outbox, its delivery worker and the channels it sends through. */
@Module({
  imports: [AuditModule],
  controllers: [NotificationsController],
  providers: [
    NotificationsRepository,
    ChannelsRepository,
    NotificationsService,
    ChannelsService,
    DeliveryPolicy,
    WebhookTransport,
    MailTransport,
    NotificationsScheduler,
  ],
  exports: [NotificationsRepository, ChannelsRepository, NotificationsService, DeliveryPolicy],
})
export class NotificationsModule {}
