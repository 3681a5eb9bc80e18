import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Alerts, delivery and briefings (issue 6):
 * - alerts remember what they speak of (period, every department told, the condition) and what
 *   was last told (notified_severity, event_seq: the counter inside every idempotency key);
 * - job_runs records each scheduled run; its unique (job, tick_key) makes a cron tick happen
 *   once however many API processes fire it (the advisory lock only serialises them);
 * - notifications remember which process claimed them, for the delivery log;
 * - briefing_archive keeps the monthly briefing generated on schedule;
 * - the in-app channel (department inboxes) exists from the start.
 */
export class AlertsDelivery1764115200000 implements MigrationInterface {
  name = 'AlertsDelivery1764115200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE alerts
        ADD COLUMN period            text CHECK (period IS NULL OR is_period(period)),
        ADD COLUMN condition         text,
        ADD COLUMN departments       text[] NOT NULL DEFAULT '{}',
        ADD COLUMN title             text NOT NULL DEFAULT '',
        ADD COLUMN notified_severity text CHECK (notified_severity IN ('yellow','red')),
        ADD COLUMN event_seq         integer NOT NULL DEFAULT 0 CHECK (event_seq >= 0),
        ADD COLUMN resolved_by       uuid REFERENCES users(id),
        ADD COLUMN resolve_comment   text;
      CREATE INDEX alerts_rule ON alerts (rule_code, state);
      CREATE INDEX alerts_department ON alerts (department_code, state);
      CREATE INDEX alerts_departments ON alerts USING gin (departments);
      CREATE INDEX alerts_period ON alerts (period);

      ALTER TABLE notifications
        ADD COLUMN claimed_by text;
      CREATE INDEX notifications_inbox ON notifications (department_code, created_at DESC);
      CREATE INDEX notifications_alert ON notifications (alert_id);

      CREATE TABLE job_runs (
        id          bigserial PRIMARY KEY,
        job         text NOT NULL,
        tick_key    text,
        trigger     text NOT NULL CHECK (trigger IN ('schedule','event','api')),
        status      text NOT NULL CHECK (status IN ('running','succeeded','failed')),
        host        text,
        pid         integer,
        started_at  timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        summary     jsonb,
        error       text
      );
      CREATE UNIQUE INDEX job_runs_once_per_tick ON job_runs (job, tick_key) WHERE tick_key IS NOT NULL;
      CREATE INDEX job_runs_started ON job_runs (started_at DESC);

      CREATE TABLE briefing_archive (
        period       text NOT NULL CHECK (is_period(period)),
        format       text NOT NULL CHECK (format IN ('html','xlsx')),
        sha256       text NOT NULL REFERENCES stored_files(sha256),
        size         integer NOT NULL CHECK (size >= 0),
        trigger      text NOT NULL CHECK (trigger IN ('schedule','api')),
        generated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (period, format)
      );

      INSERT INTO notification_channels (code, kind, department_code, config, enabled)
      VALUES ('in_app', 'in_app', NULL, '{}', true)
      ON CONFLICT (code) DO NOTHING;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE briefing_archive, job_runs;
      DROP INDEX notifications_inbox, notifications_alert;
      ALTER TABLE notifications DROP COLUMN claimed_by;
      DROP INDEX alerts_rule, alerts_department, alerts_departments, alerts_period;
      ALTER TABLE alerts
        DROP COLUMN period, DROP COLUMN condition, DROP COLUMN departments, DROP COLUMN title,
        DROP COLUMN notified_severity, DROP COLUMN event_seq, DROP COLUMN resolved_by, DROP COLUMN resolve_comment;
      DELETE FROM notification_channels WHERE code = 'in_app' AND NOT EXISTS (SELECT 1 FROM notifications WHERE channel_code = 'in_app');
    `);
  }
}
