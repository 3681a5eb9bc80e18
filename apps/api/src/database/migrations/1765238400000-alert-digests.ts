import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Alerts that reach people (issue 22):
 * - an outbox row may be a digest (event 'digest', no alert or 督办, its payload the digest's
 *   number, counts, link and mentions); an alert notification to a grouped channel waits with
 *   its `digest_group` (the channel's department, or '' for a district-wide channel) until a
 *   digest takes it in (`digest_id`), and is sent, or dead, with it;
 * - notification_groups: when each channel's group last had a digest (for group_interval);
 * - channels keep their state: 故障 (a refusal that needs a person, with a Chinese
 *   explanation), a pause (a vendor's rate-limit block) and their digests' running number;
 * - robot_rate_windows: per robot URL (its SHA-256), the start times of the sends in the last
 *   window, one row updated under its row lock by whichever process sends, so all processes
 *   share one limit;
 * - WeCom channels lose `secret`: WeCom robots have no signing (the key is in the URL).
 */
export class AlertDigests1765238400000 implements MigrationInterface {
  name = 'AlertDigests1765238400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE notifications
        ADD COLUMN digest_group text,
        ADD COLUMN digest_id bigint REFERENCES notifications(id) ON DELETE SET NULL,
        DROP CONSTRAINT notifications_event_check,
        ADD CONSTRAINT notifications_event_check CHECK (event IN ('fired','escalated','resolved','reminder',
          'supervision_opened','supervision_returned','supervision_reminder','supervision_escalated',
          'returned','urged','due_soon','digest')),
        DROP CONSTRAINT notifications_one_subject,
        ADD CONSTRAINT notifications_one_subject CHECK (
          (alert_id IS NOT NULL AND supervision_id IS NULL AND event <> 'digest')
          OR (alert_id IS NULL AND supervision_id IS NOT NULL AND payload IS NOT NULL)
          OR (alert_id IS NULL AND supervision_id IS NULL AND event IN ('returned','urged','due_soon'))
          OR (alert_id IS NULL AND supervision_id IS NULL AND event = 'digest' AND payload IS NOT NULL)),
        ADD CONSTRAINT notifications_grouped_alerts CHECK (digest_group IS NULL OR alert_id IS NOT NULL);
      CREATE INDEX notifications_waiting ON notifications (channel_code, digest_group) WHERE digest_group IS NOT NULL AND digest_id IS NULL AND status = 'pending';
      CREATE INDEX notifications_digest ON notifications (digest_id) WHERE digest_id IS NOT NULL;

      CREATE TABLE notification_groups (
        channel_code    text NOT NULL REFERENCES notification_channels(code) ON DELETE CASCADE,
        group_key       text NOT NULL,
        last_digest_at  timestamptz,
        PRIMARY KEY (channel_code, group_key)
      );

      ALTER TABLE notification_channels
        ADD COLUMN fault_code text,
        ADD COLUMN fault_message text,
        ADD COLUMN fault_at timestamptz,
        ADD COLUMN paused_until timestamptz,
        ADD COLUMN pause_reason text,
        ADD COLUMN digest_seq integer NOT NULL DEFAULT 0;

      CREATE TABLE robot_rate_windows (
        target   text PRIMARY KEY CHECK (target ~ '^[0-9a-f]{64}$'),
        sent_at  timestamptz[] NOT NULL DEFAULT '{}'
      );

      UPDATE notification_channels SET config = config - 'secret' WHERE kind = 'wecom';
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE robot_rate_windows, notification_groups;
      ALTER TABLE notification_channels
        DROP COLUMN fault_code, DROP COLUMN fault_message, DROP COLUMN fault_at,
        DROP COLUMN paused_until, DROP COLUMN pause_reason, DROP COLUMN digest_seq;
      -- Waiting members go out singly under the old schema; digests themselves cannot exist there.
      UPDATE notifications SET digest_id = NULL WHERE digest_id IS NOT NULL;
      DELETE FROM notifications WHERE event = 'digest';
      DROP INDEX notifications_waiting, notifications_digest;
      ALTER TABLE notifications
        DROP CONSTRAINT notifications_grouped_alerts,
        DROP CONSTRAINT notifications_one_subject,
        ADD CONSTRAINT notifications_one_subject CHECK (
          (alert_id IS NOT NULL AND supervision_id IS NULL) OR (alert_id IS NULL AND supervision_id IS NOT NULL AND payload IS NOT NULL)
          OR (alert_id IS NULL AND supervision_id IS NULL AND event IN ('returned','urged','due_soon'))),
        DROP CONSTRAINT notifications_event_check,
        ADD CONSTRAINT notifications_event_check CHECK (event IN ('fired','escalated','resolved','reminder',
          'supervision_opened','supervision_returned','supervision_reminder','supervision_escalated','returned','urged','due_soon')),
        DROP COLUMN digest_id,
        DROP COLUMN digest_group;
    `);
  }
}
