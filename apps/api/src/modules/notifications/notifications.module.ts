import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ChannelsRepository } from './channels.repository.js';
import { ChannelsService } from './channels.service.js';
import { ENV, type Env } from '../../config/env.js';
import { DeliveryPolicy } from './delivery.policy.js';
import { EgressPolicy } from './egress-policy.js';
import { MailTransport } from './mail.transport.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsScheduler } from './notifications.scheduler.js';
import { NotificationsService } from './notifications.service.js';
import { RobotRateRepository } from './robot-rate.repository.js';
import { WebhookTransport } from './webhook.transport.js';

/** The outbox, its delivery worker and the channels it sends through. */
@Module({
  imports: [AuditModule],
  controllers: [NotificationsController],
  providers: [
    NotificationsRepository,
    ChannelsRepository,
    RobotRateRepository,
    NotificationsService,
    ChannelsService,
    DeliveryPolicy,
    {
      provide: EgressPolicy,
      inject: [ENV],
      useFactory: (env: Env) =>
        new EgressPolicy({ allowedNetworks: env.WEBHOOK_ALLOWED_NETWORKS, robotBases: { wecom: env.WECOM_WEBHOOK_BASE, dingtalk: env.DINGTALK_WEBHOOK_BASE } }),
    },
    WebhookTransport,
    MailTransport,
    NotificationsScheduler,
  ],
  exports: [NotificationsRepository, ChannelsRepository, NotificationsService, DeliveryPolicy],
})
export class NotificationsModule {}
