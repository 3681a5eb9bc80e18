import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { SupervisionService } from './supervision.service.js';

/** Every minute, in every process that runs scheduled work: reminders and escalations that fell due (each sent once across processes). */
@Injectable()
export class SupervisionScheduler {
  private readonly logger = new Logger('Supervision');

  constructor(@Inject(SupervisionService) private readonly supervision: SupervisionService) {}

  @Cron('45 * * * * *', { name: 'supervision-deadlines' })
  async tick(): Promise<void> {
    await this.supervision.sweep().catch((error: unknown) => this.logger.error(`督办 deadline sweep failed: ${String(error)}`));
  }
}
