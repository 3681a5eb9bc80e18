/**
 * Upgrades: a database left by an earlier release (a fixture dumped from it, with figures,
 * batches, files, alerts and users) goes through the production setup to whatever the head
 * schema is today, and everything in it is still there. A migration that fails undoes the
 * whole upgrade. New releases' fixtures go next to the first one and are picked up here.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { DataSource, type DataSourceOptions, type MigrationInterface, type QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { emptyDatabase } from '../../../scripts/lib/test-postgres.js';
import { migrateToHead, prepareProductionDatabase } from '../src/cli/setup.js';
import { createDataSource } from '../src/database/data-source.js';
import { MIGRATIONS } from '../src/database/migrations/index.js';
import type { UpgradeExpectations } from './fixtures/upgrade/expectations.js';
import { startTestApp, type TestApp } from './support/app.js';

const FOLDER = new URL('./fixtures/upgrade/', import.meta.url);
const FIXTURES = readdirSync(FOLDER).filter((file) => file.endsWith('.sql.gz')).map((file) => file.replace(/\.sql\.gz$/, ''));

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** A fresh database holding the fixture, as the release that made it left it. */
async function restoreFixture(name: string): Promise<{ url: string; expected: UpgradeExpectations }> {
  const url = await emptyDatabase(inject('database'));
  await query(url, gunzipSync(readFileSync(new URL(`${name}.sql.gz`, FOLDER))).toString('utf8'));
  const expected = JSON.parse(readFileSync(new URL(`${name}.expected.json`, FOLDER), 'utf8')) as UpgradeExpectations;
  return { url, expected };
}

/** Schema and contents in a comparable form: every column, every migration, every table's rows. */
async function snapshot(url: string): Promise<unknown> {
  const columns = await query(url, `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`);
  const tables = [...new Set(columns.map((column) => column.table_name as string))];
  const rows: Record<string, string> = {};
  for (const table of tables) {
    const [digest] = await query<{ md5: string }>(url, `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS md5 FROM ${pg.escapeIdentifier(table)} t`);
    rows[table] = digest!.md5;
  }
  return { columns, rows, indexes: await query(url, `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`) };
}

/** Every figure version: its row, its figure (indicator, region, period, basis) and whether it is sample data. */
const FIGURE_KEYS_OF = `SELECT o.id::text AS id, o.indicator_code || '|' || o.region_code || '|' || o.period || '|' || o.basis AS key, o.is_sample AS sample
  FROM observations o JOIN batches b ON b.id = o.batch_id`;
const FIGURE_KEYS = `${FIGURE_KEYS_OF} ORDER BY o.id`;

/** Changes schema and data, then fails: none of it, nor the migrations run before it, may stay. */
class FailingMigration9999999999999 implements MigrationInterface {
  name = 'FailingMigration9999999999999';
  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN doomed integer`);
    await db.query(`UPDATE observations SET value = value * 2`);
    await db.query(`SELECT 1 / 0`);
  }
  async down(): Promise<void> {}
}

it('migrations never synchronize the schema from entities', () => {
  const options = createDataSource('postgres://unused@127.0.0.1/unused').options;
  expect(options).toMatchObject({ synchronize: false, migrationsRun: false });
  expect(options.entities ?? []).toEqual([]);
});

describe.each(FIXTURES)('upgrade from %s', (name) => {
  let app: TestApp;
  let expected: UpgradeExpectations;
  let url: string;

  /** The fixture's own figures, by key and version, before the upgrade (a sample figure may give way to a published one). */
  let fixtureFigures: Array<{ id: string; key: string; sample: boolean }>;

  beforeAll(async () => {
    ({ url, expected } = await restoreFixture(name));
    expect((await query<{ name: string }>(url, 'SELECT name FROM migrations ORDER BY id')).map((row) => row.name)).toEqual(expected.migrations);
    fixtureFigures = await query<{ id: string; key: string; sample: boolean }>(url, FIGURE_KEYS);
    const log: string[] = [];
    await prepareProductionDatabase(url, { firstAdmin: () => Promise.reject(new Error('the fixture has administrators')), log: (line) => log.push(line) });
    expect(log).toContain('administrators: present (none created)');
    app = await startTestApp({}, { databaseUrl: url });
  });
  afterAll(() => app?.close());

  it('reaches the head schema', async () => {
    const ready = await app.request('/api/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.migrations).toEqual({ current: true, pending: [] });
    expect((await query<{ name: string }>(url, 'SELECT name FROM migrations ORDER BY id')).map((row) => row.name)).toEqual(MIGRATIONS.map((m) => new m().name));
  });

  it('keeps every figure version, with the approved values in force', async () => {
    const [counts] = await query<{ approved: number; versions: number }>(url, `SELECT count(*) FILTER (WHERE status = 'approved')::int AS approved, count(*)::int AS versions FROM observations`);
    expect(fixtureFigures).toHaveLength(expected.figureVersions);
    // The plan loaded at the upgrade puts its published figures (已公布) in force, where a sample figure
    // of the same key gives way; every other figure version the fixture held is still there.
    const after = new Set((await query<{ id: string }>(url, FIGURE_KEYS)).map((f) => f.id));
    const published = new Set((await query<{ key: string }>(url, `${FIGURE_KEYS_OF} WHERE b.source = 'published'`)).map((p) => p.key));
    const gaveWay = fixtureFigures.filter((f) => !after.has(f.id));
    expect(gaveWay.every((f) => f.sample && published.has(f.key))).toBe(true);
    expect(counts!.versions).toBe(expected.figureVersions - gaveWay.length + published.size);
    expect(counts!.approved).toBeGreaterThanOrEqual(expected.approvedFigures - gaveWay.length);
    const token = await app.login('admin', expected.passwords.admin);
    for (const figure of expected.figuresOfApprovedBatch) {
      const history = await app.request(`/api/observations/history?${new URLSearchParams({ indicator: figure.indicator, region: figure.region, period: figure.period, basis: figure.basis })}`, { token });
      expect(history.status).toBe(200);
      expect(JSON.stringify(history.body)).toContain(figure.value);
    }
  });

  it('keeps batches with their uploaded files, byte for byte', async () => {
    const token = await app.login('admin', expected.passwords.admin);
    for (const batch of expected.batches) {
      const found = await app.request(`/api/reporting/submissions/${batch.id}`, { token });
      expect(found.status).toBe(200);
      expect(found.body).toMatchObject({ status: batch.status, fileName: batch.fileName });
      const file = await fetch(`${app.baseUrl}/api/reporting/submissions/${batch.id}/file`, { headers: { authorization: `Bearer ${token}` } });
      expect(file.status).toBe(200);
      expect(createHash('sha256').update(Buffer.from(await file.arrayBuffer())).digest('hex')).toBe(batch.fileSha256);
    }
  });

  it('keeps users, who sign in with their passwords, and the audit trail and alerts', async () => {
    const users = await app.request('/api/users', { token: await app.login('admin', expected.passwords.admin) });
    expect(users.body.map((user: { username: string; role: string }) => ({ username: user.username, role: user.role }))).toEqual(expect.arrayContaining(expected.users));
    for (const [username, password] of Object.entries(expected.passwords)) {
      const login = await app.request('/api/auth/login', { method: 'POST', body: { username, password } });
      expect(login.status, username).toBe(200);
      expect(login.body.principal.mustChangePassword).toBe(false);
    }
    const [counts] = await query<{ audit: number; alerts: number }>(url, 'SELECT (SELECT count(*) FROM audit_log)::int AS audit, (SELECT count(*) FROM alerts)::int AS alerts');
    expect(counts!.audit).toBeGreaterThanOrEqual(expected.auditEntries);
    expect(counts!.alerts).toBe(expected.alerts);
  });
});

describe.each(FIXTURES)('a failed upgrade of %s', (name) => {
  it('leaves the database as it was: no migration of the upgrade stays, schema and rows untouched', async () => {
    const { url } = await restoreFixture(name);
    const before = await snapshot(url);
    const options = createDataSource(url).options;
    const db = await new DataSource({ ...options, migrations: [...MIGRATIONS, FailingMigration9999999999999] } as DataSourceOptions).initialize();
    try {
      await expect(migrateToHead(db)).rejects.toThrow(/division by zero/);
    } finally {
      await db.destroy();
    }
    expect(await snapshot(url)).toEqual(before);
  });
});
