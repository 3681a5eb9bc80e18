import { Inject, Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { ReportingProgressService } from './reporting-progress.service.js';
import { ReportingSubmissionsService } from './reporting-submissions.service.js';

/**
 * Reporting's schedule (processes with CRON_ENABLED). Both jobs are safe in every process at
 * once: a reminder is written once per key, a stale preview discarded once (SKIP LOCKED).
 */
@Injectable()
export class ReportingScheduler {
  constructor(
    @Inject(ReportingProgressService) private readonly progress: ReportingProgressService,
    @Inject(ReportingSubmissionsService) private readonly submissions: ReportingSubmissionsService,
  ) {}

  /** 09:00 China time: the reminder some working days before each deadline. */
  @Cron('0 0 9 * * *', { name: 'reporting-reminders', timeZone: 'Asia/Shanghai' })
  remind(): Promise<void> {
    return this.progress.sendDueRemindersScheduled();
  }

  /** Hourly: previews nobody submitted within a day are discarded. */
  @Cron('0 20 * * * *', { name: 'reporting-stale-previews' })
  async tidy(): Promise<void> {
    await this.submissions.discardStalePreviews().catch(() => undefined);
  }
}
