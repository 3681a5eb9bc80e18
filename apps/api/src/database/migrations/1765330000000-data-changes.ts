import { type MigrationInterface, type QueryRunner } from 'typeorm';

const IN_FORCE = `('approved','superseded')`;
const PENDING = `('draft','submitted')`;
const PROJECT_TABLES = ['projects', 'project_progress'] as const;

/** The projects tables' statement triggers, pointed at `fn`. */
const projectTriggersCalling = (fn: string) =>
  PROJECT_TABLES.map(
    (table) => `DROP TRIGGER ${table}_data_version ON ${table};
      CREATE TRIGGER ${table}_data_version AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();`,
  ).join('\n      ');

/** The indicators whose figures in force the triggering statement touched, as `figures` changes. */
const RECORD_FIGURE_CHANGES = `
          IF TG_OP = 'INSERT' THEN
            INSERT INTO data_changes (scope, indicator_code) SELECT DISTINCT 'figures', indicator_code FROM new_rows WHERE status IN ${IN_FORCE};
          ELSIF TG_OP = 'UPDATE' THEN
            INSERT INTO data_changes (scope, indicator_code)
            SELECT 'figures', indicator_code FROM new_rows WHERE status IN ${IN_FORCE}
             UNION SELECT 'figures', indicator_code FROM old_rows WHERE status IN ${IN_FORCE};
          ELSE
            INSERT INTO data_changes (scope, indicator_code) SELECT DISTINCT 'figures', indicator_code FROM old_rows WHERE status IN ${IN_FORCE};
          END IF;`;

/**
 * The statement trigger function of observations: bumps the versions a statement's rows concern,
 * and when figures in force changed also runs `onInForce` (the transition tables are in scope).
 */
const observationsDataVersion = (onInForce: string) => `
      CREATE OR REPLACE FUNCTION observations_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
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
        IF in_force THEN
          PERFORM bump_data_version('in_force');${onInForce}
        END IF;
        IF pending THEN PERFORM bump_data_version('pending'); END IF;
        RETURN NULL;
      END $$;`;

/**
 * What each writing transaction changed, so the API recomputes only that after an approval
 * instead of the whole plan (issue 15). `data_changes` gets, stamped with the writing
 * transaction's id, one row per indicator whose figures in force a statement touched (scope
 * `figures`), and one row per transaction that changed the projects (`projects`: only the project
 * summary is recomputed) or the plan (`plan`: everything is). A reader that remembers the
 * snapshot (`pg_current_snapshot()`) its answer was computed at asks for the rows of the
 * transactions that snapshot did not see: no writer waits for another (plain inserts), and a
 * transaction that committed late is never missed, as it would be by a timestamp or a sequence.
 * A few small rows per approval or load: well under a megabyte a year, read through the index on
 * `xid`.
 */
export class DataChanges1765330000000 implements MigrationInterface {
  name = 'DataChanges1765330000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE data_changes (
        xid            xid8 NOT NULL DEFAULT pg_current_xact_id(),
        scope          text NOT NULL CHECK (scope IN ('figures','projects','plan')),
        indicator_code text REFERENCES indicators(code) ON DELETE CASCADE,
        CHECK ((scope = 'figures') = (indicator_code IS NOT NULL))
      );
      CREATE INDEX data_changes_xid ON data_changes (xid);

      ${observationsDataVersion(RECORD_FIGURE_CHANGES)}

      -- Once per transaction and scope: a plan load's many statements all mean "everything".
      CREATE FUNCTION record_data_change(changed text) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM bump_data_version('in_force');
        IF current_setting('planwatch.recorded_' || changed, true) IS DISTINCT FROM 'yes' THEN
          INSERT INTO data_changes (scope) VALUES (changed);
          PERFORM set_config('planwatch.recorded_' || changed, 'yes', true);
        END IF;
      END $$;

      CREATE OR REPLACE FUNCTION plan_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM record_data_change('plan');
        RETURN NULL;
      END $$;

      CREATE FUNCTION projects_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM record_data_change('projects');
        RETURN NULL;
      END $$;
      ${projectTriggersCalling('projects_data_version')}
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ${projectTriggersCalling('plan_data_version')}
      DROP FUNCTION projects_data_version();
      CREATE OR REPLACE FUNCTION plan_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM bump_data_version('in_force');
        RETURN NULL;
      END $$;
      DROP FUNCTION record_data_change(text);

      ${observationsDataVersion('')}

      DROP TABLE data_changes;
    `);
  }
}
