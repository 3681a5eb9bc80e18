import { describe, expect, it } from 'vitest';
import type { HealthRepository } from './health.repository.js';
import { HealthService } from './health.service.js';

describe('health report', () => {
  it('says the database is down without handing its error to the public', async () => {
    const unreachable = {
      ping: async () => {
        throw new Error('password authentication failed for user "planwatch" at db.internal:5432');
      },
    } as unknown as HealthRepository;
    const report = await new HealthService(unreachable).report();
    expect(report).toEqual({ status: 'error', database: { status: 'down' }, migrations: { current: false, pending: [] }, plan: { version: null } });
    expect(JSON.stringify(report)).not.toContain('db.internal');
  });
});
