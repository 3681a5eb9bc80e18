import { Inject, Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { EtlService } from './etl.service.js';

/**
 * Every minute, in every API process (only when CRON_ENABLED: the ScheduleModule is imported
 * then): the jobs whose cron matches are claimed under a database lock, so each runs once.
 */
@Injectable()
export class EtlScheduler {
  constructor(@Inject(EtlService) private readonly etl: EtlService) {}

  @Cron(CronExpression.EVERY_MINUTE, { name: 'etl-jobs' })
  tick(): Promise<unknown> {
    return this.etl.runScheduled();
  }
}
