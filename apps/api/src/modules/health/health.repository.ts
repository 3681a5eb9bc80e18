import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A scheduled job's run or claim, and which process holds it. */
export interface ScheduledWork {
  job: string;
  host: string | null;
  pid: number | null;
  at: string;
}

@Injectable()
export class HealthRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  /** Names of migrations the code knows that the database has not run. */
  async pendingMigrations(): Promise<string[]> {
    const applied: Array<{ name: string }> = await this.db.query('SELECT name FROM migrations');
    const done = new Set(applied.map((row) => row.name));
    return this.db.migrations.map((migration) => migration.name ?? migration.constructor.name).filter((name) => !done.has(name));
  }

  async currentPlanVersion(): Promise<string | null> {
    const rows: Array<{ version: string }> = await this.db.query(
      'SELECT version FROM plan_versions ORDER BY loaded_at DESC LIMIT 1',
    );
    return rows[0]?.version ?? null;
  }

  /**
   * The scheduler's locks as the database sees them: jobs running now (each holds its lock until
   * it finishes: alert rules and the briefing in job_runs, ETL jobs in etl_runs), and the last
   * scheduled tick some process claimed.
   */
  async schedulerState(): Promise<{ running: ScheduledWork[]; lastTick: ScheduledWork | null }> {
    const running: ScheduledWork[] = await this.db.query(`
      SELECT job, host, pid, to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at
        FROM (SELECT job, host, pid, started_at FROM job_runs WHERE status = 'running'
              UNION ALL
              SELECT job, host, pid, started_at FROM etl_runs WHERE status = 'running') runs
       ORDER BY started_at`);
    const last: ScheduledWork[] = await this.db.query(`
      SELECT job, host, pid, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at
        FROM ((SELECT job, host, pid, started_at AS at FROM job_runs WHERE trigger = 'schedule' ORDER BY started_at DESC LIMIT 1)
              UNION ALL
              (SELECT job, host, pid, claimed_at AS at FROM etl_schedule_ticks ORDER BY claimed_at DESC LIMIT 1)) ticks
       ORDER BY ticks.at DESC LIMIT 1`);
    return { running, lastTick: last[0] ?? null };
  }
}
