import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Department reporting as a statistics office runs it (issue 19):
 * - each figure (indicator × region) has one 报送单位 and one 审核单位, kept with the indicator
 *   (`owners`, written by the plan loader; filled here with the plan's defaults until the plan is
 *   loaded again: a town's figure is the town's, the district's the indicator's department's, and
 *   the indicator's department reviews);
 * - each indicator's checks (核实性审核 / 强制性审核), resolved by the plan loader;
 * - a submitted batch records its 审核单位 (one per batch: a submission for several is split);
 * - the plan's reporting settings (the reminder before a deadline) with its version;
 * - the outbox carries reporting notices too (a return, 催报, the reminder before a deadline),
 *   which speak of neither an alert nor a 督办: a notification has one subject, or is one of these.
 */
export class FigureOwnersAndChecks1765152000000 implements MigrationInterface {
  name = 'FigureOwnersAndChecks1765152000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE indicators ADD COLUMN owners jsonb NOT NULL DEFAULT '[]', ADD COLUMN check_rules jsonb;
      ALTER TABLE plan_versions ADD COLUMN reporting jsonb;
      UPDATE indicators i SET owners = (
        SELECT coalesce(jsonb_agg(jsonb_build_object('region', r.region, 'reporter', coalesce(d.code, i.department_code), 'reviewer', i.department_code) ORDER BY r.ord), '[]')
          FROM unnest(CASE WHEN i.district_reported OR cardinality(i.region_codes) = 0 THEN ARRAY[(SELECT code FROM regions WHERE kind = 'district')] ELSE '{}'::text[] END
                      || i.region_codes) WITH ORDINALITY AS r(region, ord)
          LEFT JOIN departments d ON d.region_code = r.region AND d.kind <> 'bureau');

      ALTER TABLE batches ADD COLUMN reviewer_department_code text REFERENCES departments(code);
      UPDATE batches b SET reviewer_department_code = one.reviewer
        FROM (SELECT o.batch_id, min(w->>'reviewer') AS reviewer
                FROM observations o JOIN indicators i ON i.code = o.indicator_code
                CROSS JOIN LATERAL jsonb_array_elements(i.owners) w
               WHERE o.status = 'submitted' AND w->>'region' = o.region_code
               GROUP BY o.batch_id HAVING count(DISTINCT w->>'reviewer') = 1) one
       WHERE b.id = one.batch_id AND b.status = 'submitted';

      ALTER TABLE notifications
        ADD COLUMN batch_id uuid REFERENCES batches(id) ON DELETE CASCADE,
        DROP CONSTRAINT notifications_event_check,
        ADD CONSTRAINT notifications_event_check CHECK (event IN ('fired','escalated','resolved','reminder',
          'supervision_opened','supervision_returned','supervision_reminder','supervision_escalated','returned','urged','due_soon')),
        DROP CONSTRAINT notifications_one_subject,
        ADD CONSTRAINT notifications_one_subject CHECK (
          (alert_id IS NOT NULL AND supervision_id IS NULL) OR (alert_id IS NULL AND supervision_id IS NOT NULL AND payload IS NOT NULL)
          OR (alert_id IS NULL AND supervision_id IS NULL AND event IN ('returned','urged','due_soon')));
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DELETE FROM notifications WHERE event IN ('returned','urged','due_soon');
      ALTER TABLE notifications
        DROP CONSTRAINT notifications_one_subject,
        ADD CONSTRAINT notifications_one_subject CHECK (
          (alert_id IS NOT NULL AND supervision_id IS NULL) OR (alert_id IS NULL AND supervision_id IS NOT NULL AND payload IS NOT NULL)),
        DROP CONSTRAINT notifications_event_check,
        ADD CONSTRAINT notifications_event_check CHECK (event IN ('fired','escalated','resolved','reminder',
          'supervision_opened','supervision_returned','supervision_reminder','supervision_escalated')),
        DROP COLUMN batch_id;
      ALTER TABLE batches DROP COLUMN reviewer_department_code;
      ALTER TABLE plan_versions DROP COLUMN reporting;
      ALTER TABLE indicators DROP COLUMN owners, DROP COLUMN check_rules;
    `);
  }
}
