import { Inject, Injectable, Logger } from '@nestjs/common';
import { ENV, type Env } from '../../config/env.js';
import { HealthRepository, type ScheduledWork } from './health.repository.js';

/** `/api/ready`: whether this process can serve, and what the scheduler is doing. */
export interface ReadinessReport {
  status: 'ready' | 'not_ready';
  database: { status: 'up' | 'down' };
  migrations: { current: boolean; pending: string[] };
  plan: { version: string | null };
  scheduler: {
    /** This process takes part in the cron ticks (CRON_ENABLED); the database locks make each tick run once. */
    enabled: boolean;
    /** Scheduled work holding its lock right now, with the process that holds it. */
    running: ScheduledWork[];
    lastTick: ScheduledWork | null;
  } | null;
}

@Injectable()
export class HealthService {
  private readonly logger = new Logger('Health');
  constructor(
    @Inject(HealthRepository) private readonly repository: HealthRepository,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async readiness(): Promise<ReadinessReport> {
    try {
      await this.repository.ping();
    } catch (error) {
      // The reason goes to the log, not to this public endpoint (it can name hosts and users).
      this.logger.error(`database unreachable: ${(error as Error).message}`);
      return { status: 'not_ready', database: { status: 'down' }, migrations: { current: false, pending: [] }, plan: { version: null }, scheduler: null };
    }
    const [pending, version, scheduler] = await Promise.all([
      this.repository.pendingMigrations(),
      this.repository.currentPlanVersion(),
      this.repository.schedulerState(),
    ]);
    return {
      status: pending.length === 0 && version !== null ? 'ready' : 'not_ready',
      database: { status: 'up' },
      migrations: { current: pending.length === 0, pending },
      plan: { version },
      scheduler: { enabled: this.env.CRON_ENABLED, ...scheduler },
    };
  }
}
