import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * 督办 (issue 13):
 * - supervisions: one per follow-up, with its owner department, deadline (working days on the
 *   calendar; `deadline_estimated` when a year's holidays were not published) and state, opened
 *   by a person or by an alert rule's setting (once per alert);
 * - supervision_steps: its timeline — the people's steps with before → after, replies, and what
 *   the system did; a reminder, an escalation and the alert's own resolution happen once each
 *   (partial unique index), however many processes look;
 * - supervision_attachments: files attached to a reply, kept in stored_files like uploads;
 * - notifications may speak of a 督办 instead of an alert (exactly one of the two), carrying
 *   the 督办's payload written with the row;
 * - users get an optional mobile number, for @-mentions in WeCom and DingTalk.
 */
export class Supervision1765065600000 implements MigrationInterface {
  name = 'Supervision1765065600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE users ADD COLUMN mobile text CHECK (mobile ~ '^1[3-9][0-9]{9}$');

      CREATE TABLE supervisions (
        id                 bigserial PRIMARY KEY,
        title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        subject            jsonb NOT NULL,
        subject_label      text NOT NULL,
        request            text NOT NULL CHECK (length(request) BETWEEN 1 AND 2000),
        department_code    text NOT NULL REFERENCES departments(code),
        informed           text[] NOT NULL DEFAULT '{}',
        alert_id           bigint REFERENCES alerts(id) ON DELETE SET NULL,
        state              text NOT NULL CHECK (state IN ('open','signed','replied','returned','closed')),
        working_days       integer NOT NULL CHECK (working_days BETWEEN 1 AND 60),
        deadline           date NOT NULL,
        deadline_estimated boolean NOT NULL DEFAULT false,
        opened_by          uuid REFERENCES users(id),
        -- Opened by a rule's setting (superviseRedAfterDays) rather than a person.
        opened_by_rule     text,
        opened_at          timestamptz NOT NULL,
        signed_at          timestamptz,
        first_reply_at     timestamptz,
        last_reply_at      timestamptz,
        closed_at          timestamptz,
        is_sample          boolean NOT NULL DEFAULT false,
        CHECK ((state = 'closed') = (closed_at IS NOT NULL)),
        CHECK ((opened_by IS NULL) <> (opened_by_rule IS NULL)),
        CHECK (state = 'open' OR signed_at IS NOT NULL)
      );
      CREATE INDEX supervisions_department ON supervisions (department_code, state);
      CREATE INDEX supervisions_state ON supervisions (state, deadline);
      CREATE INDEX supervisions_alert ON supervisions (alert_id);
      -- A rule opens at most one 督办 per alert, however many processes look at once.
      CREATE UNIQUE INDEX supervisions_opened_by_rule_once ON supervisions (alert_id) WHERE opened_by_rule IS NOT NULL;

      CREATE TABLE supervision_steps (
        id              bigserial PRIMARY KEY,
        supervision_id  bigint NOT NULL REFERENCES supervisions(id) ON DELETE CASCADE,
        kind            text NOT NULL CHECK (kind IN ('opened','signed','replied','returned','closed','reminded','escalated','alert_resolved')),
        at              timestamptz NOT NULL,
        user_id         uuid REFERENCES users(id),
        state_before    text,
        state_after     text,
        comment         text,
        reply           jsonb
      );
      CREATE INDEX supervision_steps_timeline ON supervision_steps (supervision_id, at, id);
      CREATE UNIQUE INDEX supervision_steps_once ON supervision_steps (supervision_id, kind) WHERE kind IN ('opened','reminded','escalated','alert_resolved');

      CREATE TABLE supervision_attachments (
        id         bigserial PRIMARY KEY,
        step_id    bigint NOT NULL REFERENCES supervision_steps(id) ON DELETE CASCADE,
        file_name  text NOT NULL,
        sha256     text NOT NULL REFERENCES stored_files(sha256),
        size       integer NOT NULL CHECK (size >= 0),
        content_type text NOT NULL
      );
      CREATE INDEX supervision_attachments_step ON supervision_attachments (step_id);

      ALTER TABLE notifications
        ALTER COLUMN alert_id DROP NOT NULL,
        ADD COLUMN supervision_id bigint REFERENCES supervisions(id) ON DELETE CASCADE,
        ADD COLUMN payload jsonb,
        DROP CONSTRAINT notifications_event_check,
        ADD CONSTRAINT notifications_event_check CHECK (event IN ('fired','escalated','resolved','reminder',
          'supervision_opened','supervision_returned','supervision_reminder','supervision_escalated')),
        ADD CONSTRAINT notifications_one_subject CHECK (
          (alert_id IS NOT NULL AND supervision_id IS NULL) OR (alert_id IS NULL AND supervision_id IS NOT NULL AND payload IS NOT NULL));
      CREATE INDEX notifications_supervision ON notifications (supervision_id) WHERE supervision_id IS NOT NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DELETE FROM notifications WHERE supervision_id IS NOT NULL;
      DROP INDEX notifications_supervision;
      ALTER TABLE notifications
        DROP CONSTRAINT notifications_one_subject,
        DROP CONSTRAINT notifications_event_check,
        ADD CONSTRAINT notifications_event_check CHECK (event IN ('fired','escalated','resolved','reminder')),
        DROP COLUMN payload,
        DROP COLUMN supervision_id,
        ALTER COLUMN alert_id SET NOT NULL;
      DROP TABLE supervision_attachments, supervision_steps, supervisions;
      ALTER TABLE users DROP COLUMN mobile;
    `);
  }
}
