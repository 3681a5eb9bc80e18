import { type MigrationInterface, type QueryRunner } from 'typeorm';

const IN_FORCE = `('approved','superseded')`;
const PENDING = `('draft','submitted')`;
const PLAN_TABLES = ['projects', 'project_progress', 'targets', 'indicators'] as const;

/**
 * Two data versions instead of one: `in_force` moves when figures in force (approved or
 * superseded rows), projects or the plan change, and keys everything public; `pending` moves when
 * departments' drafts and submissions change, and keys only a department's own view. An upload
 * or a discarded preview no longer empties the wall screen's cache.
 *
 * Each version is the sum of a few counter rows. A writing transaction bumps one row that no
 * other transaction holds (FOR UPDATE SKIP LOCKED, a new row when all are taken), once per
 * version, so a long ETL load never makes a preview or an approval wait for the counter. The
 * sum still only changes when a writer commits, so a reader can never cache an old answer under
 * a new version, and each change is announced on `planwatch_data_version` (payload: the scope)
 * at commit.
 */
export class DataVersionInForce1764417600000 implements MigrationInterface {
  name = 'DataVersionInForce1764417600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER indicators_data_version ON indicators;
      DROP TRIGGER targets_data_version ON targets;
      DROP TRIGGER project_progress_data_version ON project_progress;
      DROP TRIGGER projects_data_version ON projects;
      DROP TRIGGER observations_data_version ON observations;
      DROP FUNCTION bump_data_version();

      CREATE TABLE data_version_counters (
        scope   text NOT NULL CHECK (scope IN ('in_force','pending')),
        slot    integer NOT NULL,
        version bigint NOT NULL CHECK (version >= 0),
        PRIMARY KEY (scope, slot)
      );
      CREATE SEQUENCE data_version_slot START 2;
      -- Carry the old counter over, so versions keep growing across the upgrade.
      INSERT INTO data_version_counters (scope, slot, version) SELECT 'in_force', 1, version FROM data_version;
      INSERT INTO data_version_counters (scope, slot, version) VALUES ('pending', 1, 0);
      DROP TABLE data_version;

      CREATE FUNCTION bump_data_version(changed text) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        -- Once per transaction and scope: a later statement of the same transaction adds nothing
        -- readers could tell apart (they see the sum only at commit).
        IF current_setting('planwatch.bumped_' || changed, true) = 'yes' THEN RETURN; END IF;
        UPDATE data_version_counters SET version = version + 1
         WHERE (scope, slot) = (SELECT scope, slot FROM data_version_counters WHERE scope = changed ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED);
        IF NOT FOUND THEN
          INSERT INTO data_version_counters (scope, slot, version) VALUES (changed, nextval('data_version_slot'), 1);
        END IF;
        PERFORM set_config('planwatch.bumped_' || changed, 'yes', true);
        PERFORM pg_notify('planwatch_data_version', changed);
      END $$;

      CREATE FUNCTION data_version_of(wanted text) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT coalesce(sum(version), 0)::text FROM data_version_counters WHERE scope = wanted
      $$;

      CREATE FUNCTION observations_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        in_force boolean := false;
        pending boolean := false;
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          in_force := EXISTS (SELECT 1 FROM new_rows WHERE status IN ${IN_FORCE});
          pending := EXISTS (SELECT 1 FROM new_rows WHERE status IN ${PENDING});
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          in_force := in_force OR EXISTS (SELECT 1 FROM old_rows WHERE status IN ${IN_FORCE});
          pending := pending OR EXISTS (SELECT 1 FROM old_rows WHERE status IN ${PENDING});
        END IF;
        IF in_force THEN PERFORM bump_data_version('in_force'); END IF;
        IF pending THEN PERFORM bump_data_version('pending'); END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER observations_inserted_data_version AFTER INSERT ON observations
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION observations_data_version();
      CREATE TRIGGER observations_updated_data_version AFTER UPDATE ON observations
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION observations_data_version();
      CREATE TRIGGER observations_deleted_data_version AFTER DELETE ON observations
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION observations_data_version();

      CREATE FUNCTION plan_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM bump_data_version('in_force');
        RETURN NULL;
      END $$;
      ${PLAN_TABLES.map((table) => `CREATE TRIGGER ${table}_data_version AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION plan_data_version();`).join('\n      ')}
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ${PLAN_TABLES.map((table) => `DROP TRIGGER ${table}_data_version ON ${table};`).join('\n      ')}
      DROP FUNCTION plan_data_version();
      DROP TRIGGER observations_deleted_data_version ON observations;
      DROP TRIGGER observations_updated_data_version ON observations;
      DROP TRIGGER observations_inserted_data_version ON observations;
      DROP FUNCTION observations_data_version();
      DROP FUNCTION data_version_of(text);
      DROP FUNCTION bump_data_version(text);

      CREATE TABLE data_version (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version   bigint NOT NULL DEFAULT 0,
        changed_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO data_version (version) SELECT coalesce(sum(version), 0) FROM data_version_counters;
      DROP TABLE data_version_counters;
      DROP SEQUENCE data_version_slot;

      CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE next bigint;
      BEGIN
        UPDATE data_version SET version = version + 1, changed_at = now() RETURNING version INTO next;
        PERFORM pg_notify('planwatch_data_version', next::text);
        RETURN NULL;
      END $$;
      CREATE TRIGGER observations_data_version AFTER INSERT OR UPDATE OR DELETE ON observations
        FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
      ${PLAN_TABLES.map((table) => `CREATE TRIGGER ${table}_data_version AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();`).join('\n      ')}
    `);
  }
}
