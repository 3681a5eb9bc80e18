import { Inject, Injectable, Logger } from '@nestjs/common';
import { HealthRepository } from './health.repository.js';

export interface HealthReport {
  status: 'ok' | 'error';
  database: { status: 'up' | 'down' };
  migrations: { current: boolean; pending: string[] };
  plan: { version: string | null };
}

@Injectable()
export class HealthService {
  private readonly logger = new Logger('Health');
  constructor(@Inject(HealthRepository) private readonly repository: HealthRepository) {}

  async report(): Promise<HealthReport> {
    try {
      await this.repository.ping();
    } catch (error) {
      // The reason goes to the log, not to this public endpoint (it can name hosts and users).
      this.logger.error(`database unreachable: ${(error as Error).message}`);
      return {
        status: 'error',
        database: { status: 'down' },
        migrations: { current: false, pending: [] },
        plan: { version: null },
      };
    }
    const [pending, version] = await Promise.all([
      this.repository.pendingMigrations(),
      this.repository.currentPlanVersion(),
    ]);
    const healthy = pending.length === 0 && version !== null;
    return {
      status: healthy ? 'ok' : 'error',
      database: { status: 'up' },
      migrations: { current: pending.length === 0, pending },
      plan: { version },
    };
  }
}
