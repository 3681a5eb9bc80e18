import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The whole domain schema. Integrity lives in the database: every reference is a foreign key,
 * every natural key a unique index, every enumeration a CHECK, so no code path can store
 * what the domain forbids.
 */
export class InitialSchema1763856000000 implements MigrationInterface {
  name = 'InitialSchema1763856000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION is_period(p text) RETURNS boolean IMMUTABLE LANGUAGE sql
        AS $$ SELECT p ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' $$;

      CREATE TABLE plan_versions (
        version      text PRIMARY KEY,
        checksum     text NOT NULL,
        loaded_at    timestamptz NOT NULL DEFAULT now(),
        summary      jsonb NOT NULL DEFAULT '{}'
      );

      CREATE TABLE sources (
        id        text PRIMARY KEY,
        title     text NOT NULL,
        document  text
      );

      CREATE TABLE regions (
        code         text PRIMARY KEY,
        name         text NOT NULL UNIQUE,
        kind         text NOT NULL CHECK (kind IN ('district','subdistrict','town','township','special_zone','development_zone','park')),
        parent_code  text REFERENCES regions(code),
        town_code    text REFERENCES regions(code),
        aliases      text[] NOT NULL DEFAULT '{}',
        schematic_x  numeric CHECK (schematic_x BETWEEN 0 AND 1),
        schematic_y  numeric CHECK (schematic_y BETWEEN 0 AND 1),
        sort_order   integer NOT NULL DEFAULT 0,
        CHECK ((kind = 'district') = (parent_code IS NULL))
      );

      CREATE TABLE chains (
        code          text PRIMARY KEY,
        name          text NOT NULL UNIQUE,
        kind          text NOT NULL CHECK (kind IN ('chain','service','agriculture')),
        sort_order    integer NOT NULL DEFAULT 0,
        summary       text,
        region_codes  text[] NOT NULL DEFAULT '{}',
        graph         jsonb NOT NULL DEFAULT '{}'
      );

      CREATE TABLE departments (
        code         text PRIMARY KEY,
        name         text NOT NULL UNIQUE,
        kind         text NOT NULL CHECK (kind IN ('bureau','town','zone')),
        region_code  text NOT NULL REFERENCES regions(code)
      );

      CREATE TABLE indicators (
        code              text PRIMARY KEY,
        name              text NOT NULL UNIQUE,
        unit              text NOT NULL,
        kind              text NOT NULL CHECK (kind IN ('flow','stock','ratio')),
        frequency         text NOT NULL CHECK (frequency IN ('monthly','quarterly','annual')),
        direction         text NOT NULL CHECK (direction IN ('higher_is_better','lower_is_better')),
        department_code   text NOT NULL REFERENCES departments(code),
        chain_code        text REFERENCES chains(code),
        threshold_green   numeric NOT NULL DEFAULT 0,
        threshold_yellow  numeric NOT NULL DEFAULT -5,
        non_negative      boolean NOT NULL DEFAULT true,
        numerator_code    text REFERENCES indicators(code),
        denominator_code  text REFERENCES indicators(code),
        weight            numeric NOT NULL DEFAULT 1 CHECK (weight > 0),
        district_reported boolean NOT NULL DEFAULT true,
        region_codes      text[] NOT NULL DEFAULT '{}',
        deadline_day      integer NOT NULL DEFAULT 10 CHECK (deadline_day BETWEEN 1 AND 28),
        usual_basis       text NOT NULL DEFAULT 'month' CHECK (usual_basis IN ('month','ytd')),
        jan_feb_combined  boolean NOT NULL DEFAULT false,
        description       text,
        sort_order        integer NOT NULL DEFAULT 0,
        CHECK (threshold_yellow <= threshold_green),
        CHECK ((numerator_code IS NULL) = (denominator_code IS NULL)),
        CHECK (numerator_code IS NULL OR kind = 'ratio')
      );

      CREATE TABLE targets (
        id             bigserial PRIMARY KEY,
        indicator_code text NOT NULL REFERENCES indicators(code) ON DELETE CASCADE,
        region_code    text NOT NULL REFERENCES regions(code),
        year           integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        value          numeric NOT NULL,
        trajectory     text NOT NULL DEFAULT 'linear' CHECK (trajectory IN ('linear','geometric')),
        is_baseline    boolean NOT NULL DEFAULT false,
        is_anchor      boolean NOT NULL DEFAULT false,
        is_annual      boolean NOT NULL DEFAULT false,
        illustrative   boolean NOT NULL,
        source_id      text REFERENCES sources(id),
        source_quote   text,
        source_note    text,
        share          numeric CHECK (share IS NULL OR share BETWEEN 0 AND 1),
        plan_version   text NOT NULL REFERENCES plan_versions(version),
        UNIQUE (indicator_code, region_code, year),
        CHECK (illustrative OR source_id IS NOT NULL)
      );

      -- Every change a plan load makes to a target, so a changed plan never loses the old figure.
      CREATE TABLE target_history (
        id             bigserial PRIMARY KEY,
        indicator_code text NOT NULL,
        region_code    text NOT NULL,
        year           integer NOT NULL,
        old_value      numeric,
        new_value      numeric,
        old_illustrative boolean,
        new_illustrative boolean,
        plan_version   text NOT NULL REFERENCES plan_versions(version),
        changed_by     uuid,
        changed_at     timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX target_history_key ON target_history (indicator_code, region_code, year);

      CREATE TABLE users (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username            text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,64}$'),
        display_name        text NOT NULL,
        password_hash       text NOT NULL,
        role                text NOT NULL CHECK (role IN ('admin','reviewer','reporter','viewer')),
        department_code     text REFERENCES departments(code),
        active              boolean NOT NULL DEFAULT true,
        failed_logins       integer NOT NULL DEFAULT 0,
        locked_until        timestamptz,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at          timestamptz NOT NULL DEFAULT now(),
        CHECK (role IN ('admin','viewer') OR department_code IS NOT NULL)
      );

      CREATE TABLE refresh_tokens (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash  text NOT NULL UNIQUE,
        expires_at  timestamptz NOT NULL,
        revoked_at  timestamptz,
        created_at  timestamptz NOT NULL DEFAULT now()
      );

      -- Original uploaded files, addressed by their content hash.
      CREATE TABLE stored_files (
        sha256        text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size          integer NOT NULL CHECK (size >= 0),
        content_type  text,
        bytes         bytea NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE etl_runs (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        job            text NOT NULL,
        trigger        text NOT NULL CHECK (trigger IN ('cli','schedule','api','inbox','upload','seed')),
        status         text NOT NULL CHECK (status IN ('running','succeeded','failed','partial')),
        started_at     timestamptz NOT NULL DEFAULT now(),
        finished_at    timestamptz,
        rows_read      integer NOT NULL DEFAULT 0,
        rows_loaded    integer NOT NULL DEFAULT 0,
        rows_unchanged integer NOT NULL DEFAULT 0,
        rows_rejected  integer NOT NULL DEFAULT 0,
        error          text,
        report         jsonb,
        host           text,
        pid            integer,
        CHECK ((status = 'running') = (finished_at IS NULL))
      );
      CREATE INDEX etl_runs_started ON etl_runs (started_at DESC);

      -- A batch is one coherent set of figures: an upload (填报), an online entry, an ETL load, the sample data.
      CREATE TABLE batches (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source          text NOT NULL CHECK (source IN ('upload','online','etl','sample')),
        status          text NOT NULL CHECK (status IN ('preview','submitted','approved','returned','loaded','discarded')),
        department_code text REFERENCES departments(code),
        period          text CHECK (period IS NULL OR is_period(period)),
        file_name       text,
        file_sha256     text REFERENCES stored_files(sha256),
        rows_total      integer NOT NULL DEFAULT 0,
        rows_rejected   integer NOT NULL DEFAULT 0,
        report          jsonb,
        etl_run_id      uuid REFERENCES etl_runs(id),
        created_by      uuid REFERENCES users(id),
        created_at      timestamptz NOT NULL DEFAULT now(),
        submitted_at    timestamptz,
        reviewed_by     uuid REFERENCES users(id),
        reviewed_at     timestamptz,
        review_comment  text
      );
      CREATE INDEX batches_department_period ON batches (department_code, period);

      -- Each row is one version of one figure. Exactly one approved version per natural key is in force;
      -- earlier approved versions become 'superseded', so the rows themselves are the revision history.
      CREATE TABLE observations (
        id              bigserial PRIMARY KEY,
        indicator_code  text NOT NULL REFERENCES indicators(code),
        region_code     text NOT NULL REFERENCES regions(code),
        period          text NOT NULL CHECK (is_period(period)),
        basis           text NOT NULL CHECK (basis IN ('month','ytd')),
        span_start      text CHECK (span_start IS NULL OR (is_period(span_start) AND basis = 'month' AND span_start < period AND left(span_start, 4) = left(period, 4))),
        value           numeric NOT NULL,
        status          text NOT NULL CHECK (status IN ('draft','submitted','approved','returned','superseded')),
        batch_id        uuid NOT NULL REFERENCES batches(id),
        revision        integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
        supersedes_id   bigint REFERENCES observations(id),
        reason          text,
        note            text,
        is_sample       boolean NOT NULL DEFAULT false,
        created_by      uuid REFERENCES users(id),
        created_at      timestamptz NOT NULL DEFAULT now(),
        decided_by      uuid REFERENCES users(id),
        decided_at      timestamptz
      );
      CREATE UNIQUE INDEX observations_one_approved ON observations (indicator_code, region_code, period, basis) WHERE status = 'approved';
      CREATE UNIQUE INDEX observations_one_pending ON observations (indicator_code, region_code, period, basis) WHERE status IN ('draft','submitted');
      CREATE INDEX observations_approved_by_period ON observations (indicator_code, period, region_code) INCLUDE (basis, value, span_start, is_sample) WHERE status = 'approved';
      CREATE INDEX observations_batch ON observations (batch_id);
      CREATE INDEX observations_history ON observations (indicator_code, region_code, period, basis, created_at);

      CREATE TABLE projects (
        code                   text PRIMARY KEY,
        name                   text NOT NULL,
        chain_code             text REFERENCES chains(code),
        region_code            text NOT NULL REFERENCES regions(code),
        enterprise             text,
        total_investment       numeric NOT NULL CHECK (total_investment >= 0),
        annual_plan_investment numeric NOT NULL CHECK (annual_plan_investment >= 0),
        plan_year              integer NOT NULL,
        stage                  text NOT NULL CHECK (stage IN ('planning','signed','started','completed')),
        planned_start          text CHECK (planned_start IS NULL OR is_period(planned_start)),
        actual_start           text CHECK (actual_start IS NULL OR is_period(actual_start)),
        completed_at           text CHECK (completed_at IS NULL OR is_period(completed_at)),
        is_sample              boolean NOT NULL DEFAULT false,
        CHECK (stage IN ('planning','signed') OR actual_start IS NOT NULL)
      );

      CREATE TABLE project_progress (
        project_code  text NOT NULL REFERENCES projects(code) ON DELETE CASCADE,
        period        text NOT NULL CHECK (is_period(period)),
        investment    numeric NOT NULL CHECK (investment >= 0),
        stage         text NOT NULL CHECK (stage IN ('planning','signed','started','completed')),
        batch_id      uuid REFERENCES batches(id),
        PRIMARY KEY (project_code, period)
      );

      CREATE TABLE alert_rules (
        code        text PRIMARY KEY,
        type        text NOT NULL CHECK (type IN ('target_gap','projected_shortfall','late_submission','anomaly','stalled_project')),
        name        text NOT NULL,
        params      jsonb NOT NULL DEFAULT '{}',
        scope       jsonb NOT NULL DEFAULT '{}',
        severity    jsonb NOT NULL DEFAULT '{}',
        schedule    text NOT NULL,
        timezone    text NOT NULL DEFAULT 'Asia/Shanghai',
        enabled     boolean NOT NULL DEFAULT true,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE alerts (
        id               bigserial PRIMARY KEY,
        rule_code        text NOT NULL REFERENCES alert_rules(code) ON DELETE CASCADE,
        fingerprint      text NOT NULL UNIQUE,
        subject          jsonb NOT NULL,
        department_code  text REFERENCES departments(code),
        severity         text NOT NULL CHECK (severity IN ('yellow','red')),
        state            text NOT NULL CHECK (state IN ('firing','acknowledged','resolved')),
        message          text NOT NULL,
        details          jsonb NOT NULL DEFAULT '{}',
        is_sample        boolean NOT NULL DEFAULT false,
        fired_at         timestamptz NOT NULL DEFAULT now(),
        last_evaluated_at timestamptz NOT NULL DEFAULT now(),
        last_notified_at timestamptz,
        acknowledged_by  uuid REFERENCES users(id),
        acknowledged_at  timestamptz,
        ack_comment      text,
        resolved_at      timestamptz,
        CHECK ((state = 'resolved') = (resolved_at IS NOT NULL))
      );
      CREATE INDEX alerts_state ON alerts (state, severity);

      CREATE TABLE alert_silences (
        id               bigserial PRIMARY KEY,
        rule_code        text REFERENCES alert_rules(code) ON DELETE CASCADE,
        fingerprint      text,
        department_code  text REFERENCES departments(code),
        starts_at        timestamptz NOT NULL,
        ends_at          timestamptz NOT NULL,
        reason           text NOT NULL,
        created_by       uuid REFERENCES users(id),
        created_at       timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      );

      CREATE TABLE notification_channels (
        code             text PRIMARY KEY,
        kind             text NOT NULL CHECK (kind IN ('in_app','webhook','wecom','dingtalk','email')),
        department_code  text REFERENCES departments(code),
        config           jsonb NOT NULL DEFAULT '{}',
        enabled          boolean NOT NULL DEFAULT true
      );

      -- The outbox: written in the same transaction as the alert's change of state.
      CREATE TABLE notifications (
        id               bigserial PRIMARY KEY,
        alert_id         bigint NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
        channel_code     text NOT NULL REFERENCES notification_channels(code) ON DELETE CASCADE,
        event            text NOT NULL CHECK (event IN ('fired','escalated','resolved','reminder')),
        idempotency_key  text NOT NULL UNIQUE,
        department_code  text REFERENCES departments(code),
        title            text NOT NULL,
        body             text NOT NULL,
        status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sending','sent','dead')),
        attempts         integer NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz NOT NULL DEFAULT now(),
        locked_until     timestamptz,
        last_error       text,
        read_at          timestamptz,
        created_at       timestamptz NOT NULL DEFAULT now(),
        sent_at          timestamptz
      );
      CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status IN ('pending','sending');

      CREATE TABLE audit_log (
        id          bigserial PRIMARY KEY,
        at          timestamptz NOT NULL DEFAULT now(),
        user_id     uuid REFERENCES users(id),
        action      text NOT NULL,
        entity      text NOT NULL,
        entity_id   text,
        before      jsonb,
        after       jsonb,
        request_id  text
      );
      CREATE INDEX audit_log_at ON audit_log (at DESC);
      CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE audit_log, notifications, notification_channels, alert_silences, alerts, alert_rules,
        project_progress, projects, observations, batches, etl_runs, stored_files, refresh_tokens, users,
        target_history, targets, indicators, departments, chains, regions, sources, plan_versions;
      DROP FUNCTION is_period(text);
    `);
  }
}
