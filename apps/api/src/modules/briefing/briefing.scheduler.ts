import { Inject, Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { BriefingService } from './briefing.service.js';

/** Day 11, 09:00 China time: the reporting deadline (day 10) has passed; archive last month's briefing once. */
@Injectable()
export class BriefingScheduler {
  constructor(@Inject(BriefingService) private readonly briefings: BriefingService) {}

  @Cron('0 0 9 11 * *', { name: 'monthly-briefing', timeZone: 'Asia/Shanghai' })
  archive(): Promise<void> {
    return this.briefings.archiveScheduled();
  }
}
