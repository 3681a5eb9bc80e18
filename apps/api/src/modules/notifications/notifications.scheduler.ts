import { Inject, Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { NotificationsService } from './notifications.service.js';

/** Every process runs the outbox worker; SKIP LOCKED and leases keep each row with one of them. */
@Injectable()
export class NotificationsScheduler {
  constructor(@Inject(NotificationsService) private readonly notifications: NotificationsService) {}

  @Interval('notifications-delivery', 5_000)
  deliver(): Promise<void> {
    return this.notifications.deliverScheduled();
  }
}
