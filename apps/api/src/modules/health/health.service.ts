import { Inject, Injectable } from '@nestjs/common';
import { HealthRepository } from './health.repository.js';

export interface HealthReport {
  status: 'ok' | 'error';
  database: { status: 'up' | 'down'; error?: string };
  migrations: { current: boolean; pending: string[] };
  plan: { version: string | null };
}

@Injectable()
export class HealthService {
  constructor(@Inject(HealthRepository) private readonly repository: HealthRepository) {}

  async report(): Promise<HealthReport> {
    try {
      await this.repository.ping();
    } catch (error) {
      return {
        status: 'error',
        database: { status: 'down', error: (error as Error).message },
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
