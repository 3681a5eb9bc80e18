import { describe, expect, it } from 'vitest';
import type { Env } from '../../config/env.js';
import type { HealthRepository } from './health.repository.js';
import { HealthService } from './health.service.js';

describe('readiness report', () => {
  it('says the database is down without handing its error to the public', async () => {
    const unreachable = {
      ping: async () => {
        throw new Error('password authentication failed for user "planwatch" at db.internal:5432');
      },
    } as unknown as HealthRepository;
    const report = await new HealthService(unreachable, { CRON_ENABLED: true } as Env).readiness();
    expect(report).toEqual({ status: 'not_ready', database: { status: 'down' }, migrations: { current: false, pending: [] }, plan: { version: null }, scheduler: null });
    expect(JSON.stringify(report)).not.toContain('db.internal');
  });
});
