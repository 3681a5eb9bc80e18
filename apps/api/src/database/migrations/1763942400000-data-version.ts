import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A counter that moves whenever figures, projects or targets change, maintained by statement
 * triggers in the writing transaction itself: readers cache progress per value and can never
 * cache an old answer under a new version (the row only changes when the write commits), and
 * each change is announced on the `planwatch_data_version` channel.
 */
export class DataVersion1763942400000 implements MigrationInterface {
  name = 'DataVersion1763942400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE data_version (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version   bigint NOT NULL DEFAULT 0,
        changed_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO data_version DEFAULT VALUES;
      -- NOTIFY is delivered at commit, so listeners learn of a change exactly when it becomes visible.
      CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE next bigint;
      BEGIN
        UPDATE data_version SET version = version + 1, changed_at = now() RETURNING version INTO next;
        PERFORM pg_notify('planwatch_data_version', next::text);
        RETURN NULL;
      END $$;
      CREATE TRIGGER observations_data_version AFTER INSERT OR UPDATE OR DELETE ON observations
        FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
      CREATE TRIGGER projects_data_version AFTER INSERT OR UPDATE OR DELETE ON projects
        FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
      CREATE TRIGGER project_progress_data_version AFTER INSERT OR UPDATE OR DELETE ON project_progress
        FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
      CREATE TRIGGER targets_data_version AFTER INSERT OR UPDATE OR DELETE ON targets
        FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
      CREATE TRIGGER indicators_data_version AFTER INSERT OR UPDATE OR DELETE ON indicators
        FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER indicators_data_version ON indicators;
      DROP TRIGGER targets_data_version ON targets;
      DROP TRIGGER project_progress_data_version ON project_progress;
      DROP TRIGGER projects_data_version ON projects;
      DROP TRIGGER observations_data_version ON observations;
      DROP FUNCTION bump_data_version();
      DROP TABLE data_version;
    `);
  }
}
