import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The monthly briefing as a document: frozen once the month's reporting deadline has passed, so
 * the same month reads the same tomorrow (later revisions are noted beside it, not written into
 * it); the office's edits of its 下步工作; and archived .docx and .pdf beside .html and .xlsx.
 */
export class BriefingDocuments1764979200000 implements MigrationInterface {
  name = 'BriefingDocuments1764979200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE briefing_documents (
        period          text PRIMARY KEY CHECK (is_period(period)),
        document        jsonb,
        frozen_at       timestamptz,
        next_steps      jsonb,
        next_steps_by   uuid REFERENCES users(id),
        next_steps_at   timestamptz,
        CHECK ((document IS NULL) = (frozen_at IS NULL))
      );
      ALTER TABLE briefing_archive DROP CONSTRAINT briefing_archive_format_check;
      ALTER TABLE briefing_archive ADD CONSTRAINT briefing_archive_format_check CHECK (format IN ('html','xlsx','docx','pdf'));
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DELETE FROM briefing_archive WHERE format IN ('docx','pdf');
      ALTER TABLE briefing_archive DROP CONSTRAINT briefing_archive_format_check;
      ALTER TABLE briefing_archive ADD CONSTRAINT briefing_archive_format_check CHECK (format IN ('html','xlsx'));
      DROP TABLE briefing_documents;
    `);
  }
}
