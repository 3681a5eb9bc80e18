import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * What the plan file's sources say, kept beside what it plans:
 * - figures a source publishes as actuals (已公布), plan data in `published_figures` and, in
 *   force, observations of their own origin: batches of source 'published';
 * - the year a source speaks of as its present (目前, 全年);
 * - for chains, indicators and parks, the quotes that name their places and the places no
 *   source names (示意);
 * - for a key project a source names, what the source says about it (provenance).
 */
export class PublishedFigures1764460800000 implements MigrationInterface {
  name = 'PublishedFigures1764460800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE batches DROP CONSTRAINT batches_source_check;
      ALTER TABLE batches ADD CONSTRAINT batches_source_check CHECK (source IN ('upload','online','etl','sample','published'));

      ALTER TABLE sources ADD COLUMN year integer CHECK (year BETWEEN 1949 AND 2100);

      CREATE TABLE published_figures (
        indicator_code text NOT NULL REFERENCES indicators(code) ON DELETE CASCADE,
        region_code    text NOT NULL REFERENCES regions(code),
        period         text NOT NULL CHECK (is_period(period)),
        basis          text NOT NULL CHECK (basis IN ('month','ytd')),
        -- 'month': the source dates it to the month; 'year': only the year (stored as December).
        dated          text NOT NULL CHECK (dated IN ('month','year')),
        value          numeric NOT NULL,
        source_id      text NOT NULL REFERENCES sources(id),
        source_quote   text NOT NULL,
        source_note    text,
        plan_version   text NOT NULL REFERENCES plan_versions(version),
        PRIMARY KEY (indicator_code, region_code, period, basis)
      );
      CREATE TRIGGER published_figures_data_version AFTER INSERT OR UPDATE OR DELETE ON published_figures
        FOR EACH STATEMENT EXECUTE FUNCTION plan_data_version();

      ALTER TABLE chains ADD COLUMN place_sources jsonb NOT NULL DEFAULT '[]', ADD COLUMN illustrative_places text[] NOT NULL DEFAULT '{}';
      ALTER TABLE indicators ADD COLUMN place_sources jsonb NOT NULL DEFAULT '[]', ADD COLUMN illustrative_places text[] NOT NULL DEFAULT '{}';
      ALTER TABLE regions ADD COLUMN place_sources jsonb NOT NULL DEFAULT '[]', ADD COLUMN illustrative_places text[] NOT NULL DEFAULT '{}';

      ALTER TABLE projects ADD COLUMN provenance jsonb;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE projects DROP COLUMN provenance;
      ALTER TABLE regions DROP COLUMN place_sources, DROP COLUMN illustrative_places;
      ALTER TABLE indicators DROP COLUMN place_sources, DROP COLUMN illustrative_places;
      ALTER TABLE chains DROP COLUMN place_sources, DROP COLUMN illustrative_places;
      DROP TABLE published_figures;
      ALTER TABLE sources DROP COLUMN year;
      DELETE FROM observations WHERE batch_id IN (SELECT id FROM batches WHERE source = 'published');
      DELETE FROM batches WHERE source = 'published';
      ALTER TABLE batches DROP CONSTRAINT batches_source_check;
      ALTER TABLE batches ADD CONSTRAINT batches_source_check CHECK (source IN ('upload','online','etl','sample'));
    `);
  }
}
