/**
 * Vitest global setup shared by the API and cross-package suites: one real PostgreSQL per run
 * (embedded, or the server DATABASE_URL names), a migrated and seeded template database, and
 * a fresh copy of it per test file, so runs and files never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, startEmbeddedPostgres, withDatabase } from './embedded-postgres.js';

export interface TestDatabaseContext {
  adminUrl: string;
  template: string;
}

export async function startTestPostgres(
  prepareTemplate: (url: string) => Promise<void>,
): Promise<{ context: TestDatabaseContext; teardown: () => Promise<void> }> {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const external = process.env.DATABASE_URL;
  const server = external
    ? undefined
    : await startEmbeddedPostgres({ dataDir: join(tmpdir(), `planwatch-test-${runId}`), persistent: false, fast: true });
  const adminUrl = external ? withDatabase(external, 'postgres') : server!.adminUrl;
  const template = `planwatch_tpl_${runId}`;
  try {
    await createDatabase(adminUrl, template);
    await prepareTemplate(withDatabase(adminUrl, template));
  } catch (error) {
    await server?.stop();
    throw error;
  }
  return {
    context: { adminUrl, template },
    teardown: async () => {
      if (server) await server.stop();
    },
  };
}

/** A new database copied from the run's template; returns its URL. */
export async function freshDatabase(context: TestDatabaseContext, label = 'db'): Promise<string> {
  const name = `${context.template.replace('_tpl_', '_')}_${label}_${randomBytes(4).toString('hex')}`.slice(0, 63);
  await createDatabase(context.adminUrl, name, context.template);
  return withDatabase(context.adminUrl, name);
}

/** An empty database (no migrations), for schema tests. */
export async function emptyDatabase(context: TestDatabaseContext): Promise<string> {
  const name = `${context.template.replace('_tpl_', '_')}_empty_${randomBytes(4).toString('hex')}`;
  await createDatabase(context.adminUrl, name);
  return withDatabase(context.adminUrl, name);
}
