import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * One row per scheduled ETL tick that was claimed: with two API processes, the process whose
 * insert wins runs the job for that minute, the other skips it (claims are made under a
 * transaction-level advisory lock; the primary key makes a late duplicate impossible).
 */
export class EtlSchedule1764201600000 implements MigrationInterface {
  name = 'EtlSchedule1764201600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE etl_schedule_ticks (
        job         text NOT NULL,
        slot        timestamptz NOT NULL CHECK (date_trunc('minute', slot) = slot),
        claimed_at  timestamptz NOT NULL DEFAULT now(),
        host        text,
        pid         integer,
        PRIMARY KEY (job, slot)
      );
      CREATE INDEX etl_runs_job_started ON etl_runs (job, started_at DESC);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX etl_runs_job_started;
      DROP TABLE etl_schedule_ticks;
    `);
  }
}
