import { inject, describe, expect, it } from 'vitest';
import pg from 'pg';
import { emptyDatabase } from '../../../scripts/lib/test-postgres.js';
import { createDataSource } from '../src/database/data-source.js';

async function tables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const result = await client.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
  );
  await client.end();
  return result.rows.map((row) => row.table_name as string);
}

describe('migrations', () => {
  it('run up on an empty database, down to nothing, and up again', async () => {
    const url = await emptyDatabase(inject('database'));
    const db = await createDataSource(url).initialize();
    await db.runMigrations({ transaction: 'each' });
    expect(await tables(url)).toEqual(
      expect.arrayContaining(['regions', 'chains', 'departments', 'indicators', 'targets', 'target_history', 'observations',
        'batches', 'projects', 'project_progress', 'users', 'refresh_tokens', 'alert_rules', 'alerts', 'alert_silences',
        'notification_channels', 'notifications', 'etl_runs', 'audit_log', 'stored_files', 'plan_versions', 'sources']),
    );
    for (const _ of db.migrations) await db.undoLastMigration({ transaction: 'each' });
    expect(await tables(url)).toEqual([]);
    await db.runMigrations({ transaction: 'each' });
    expect((await tables(url)).length).toBeGreaterThanOrEqual(22);
    await db.destroy();
  });

  it('enforce integrity in the database itself', async () => {
    const url = await emptyDatabase(inject('database'));
    const db = await createDataSource(url).initialize();
    await db.runMigrations({ transaction: 'each' });
    await db.query(`INSERT INTO regions (code, name, kind) VALUES ('140404', '上党区', 'district')`);
    // A town must have a parent; a district must not.
    await expect(db.query(`INSERT INTO regions (code, name, kind) VALUES ('140404101', '苏店镇', 'town')`)).rejects.toThrow(/check/i);
    // Unknown region kind.
    await expect(db.query(`INSERT INTO regions (code, name, kind, parent_code) VALUES ('x', 'x', 'county', '140404')`)).rejects.toThrow(/check/i);
    // Malformed period, unknown indicator.
    await expect(
      db.query(`INSERT INTO batches (source, status, period) VALUES ('upload', 'preview', '2025-13')`),
    ).rejects.toThrow(/check/i);
    await expect(
      db.query(`INSERT INTO departments (code, name, kind, region_code) VALUES ('energy', '能源局', 'bureau', 'nowhere')`),
    ).rejects.toThrow(/foreign key/i);
    await db.destroy();
  });
});
