import { type MigrationInterface, type QueryRunner } from 'typeorm';

const IN_FORCE = `('approved','superseded')`;
const PENDING = `('draft','submitted')`;

/**
 * Which indicators each writing transaction changed, so the API can recompute only those after
 * an approval instead of the whole plan (issue 15). `figure_changes` gets one row per indicator
 * whose figures in force a statement touched, and one row with a NULL indicator when the plan or
 * the projects change (everything is recomputed then), each stamped with the writing
 * transaction's id. A reader that remembers the snapshot (`pg_current_snapshot()`) its answer
 * was computed at asks for the rows of transactions that snapshot did not see: no writer waits
 * for another (plain inserts), and a transaction that committed late is never missed, as it
 * would be by a timestamp or a sequence. One small row per indicator per approval or load: the
 * table grows by well under a megabyte a year and is read through its index on `xid`.
 */
export class FigureChanges1765330000000 implements MigrationInterface {
  name = 'FigureChanges1765330000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE figure_changes (
        xid            xid8 NOT NULL DEFAULT pg_current_xact_id(),
        indicator_code text
      );
      CREATE INDEX figure_changes_xid ON figure_changes (xid);

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
          PERFORM bump_data_version('in_force');
          IF TG_OP = 'INSERT' THEN
            INSERT INTO figure_changes (indicator_code) SELECT DISTINCT indicator_code FROM new_rows WHERE status IN ${IN_FORCE};
          ELSIF TG_OP = 'UPDATE' THEN
            INSERT INTO figure_changes (indicator_code)
            SELECT indicator_code FROM new_rows WHERE status IN ${IN_FORCE}
             UNION SELECT indicator_code FROM old_rows WHERE status IN ${IN_FORCE};
          ELSE
            INSERT INTO figure_changes (indicator_code) SELECT DISTINCT indicator_code FROM old_rows WHERE status IN ${IN_FORCE};
          END IF;
        END IF;
        IF pending THEN PERFORM bump_data_version('pending'); END IF;
        RETURN NULL;
      END $$;

      CREATE OR REPLACE FUNCTION plan_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM bump_data_version('in_force');
        -- Once per transaction: a plan load's many statements all mean "everything".
        IF current_setting('planwatch.changed_everything', true) IS DISTINCT FROM 'yes' THEN
          INSERT INTO figure_changes (indicator_code) VALUES (NULL);
          PERFORM set_config('planwatch.changed_everything', 'yes', true);
        END IF;
        RETURN NULL;
      END $$;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION plan_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM bump_data_version('in_force');
        RETURN NULL;
      END $$;

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
        IF in_force THEN PERFORM bump_data_version('in_force'); END IF;
        IF pending THEN PERFORM bump_data_version('pending'); END IF;
        RETURN NULL;
      END $$;

      DROP TABLE figure_changes;
    `);
  }
}
