/**
 * Backups are PostgreSQL's own: `pg_dump --format=custom` of the whole database (figures, batches
 * with their uploaded files, alerts, audit, users) and `pg_restore` into an empty database.
 * pg_dump and pg_restore must be at least as new as the server (Debian: postgresql-client).
 */
import { execFile } from 'node:child_process';
import { rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export class BackupError extends Error {}

/** libpq's view of DATABASE_URL with the password moved to PGPASSWORD: command lines are visible to every user (ps). */
function libpq(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

async function tool(command: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await run(command, args, { env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failure = error as { code?: string; stderr?: string; message: string };
    if (failure.code === 'ENOENT') throw new BackupError(`${command} is not installed (Debian: apt-get install postgresql-client)`);
    throw new BackupError(`${command} failed: ${(failure.stderr || failure.message).trim()}`);
  }
}

/** `planwatch-<database>-<UTC timestamp>.dump`, so a folder of nightly backups sorts by date. */
export function backupFileName(url: string, at: Date): string {
  const database = decodeURIComponent(new URL(url).pathname.slice(1)) || 'planwatch';
  return `planwatch-${database}-${at.toISOString().replace(/[-:]/g, '').replace(/\..*$/, 'Z')}.dump`;
}

/**
 * Writes a custom-format dump to `target` (a file, or a folder to put a dated file in) and reads
 * its table of contents back. Written under a temporary name first: an interrupted backup never
 * leaves a truncated file that looks like a good one.
 */
export async function backupDatabase(url: string, target: string, now = new Date()): Promise<{ file: string; bytes: number }> {
  const file = (await stat(target).catch(() => null))?.isDirectory() ? join(target, backupFileName(url, now)) : target;
  const partial = `${file}.partial`;
  const { dbname, env } = libpq(url);
  try {
    await tool('pg_dump', ['--format=custom', '--file', partial, '--dbname', dbname], env);
    await tool('pg_restore', ['--list', partial], env);
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
  return { file, bytes: (await stat(file)).size };
}

/**
 * Restores a dump into `url`, which must be an empty database (create it with `createdb`): one
 * transaction, so a failed restore leaves it empty. Owners and grants are the target's own.
 */
export async function restoreDatabase(url: string, file: string): Promise<{ tables: number }> {
  const existing = await publicTableCount(url);
  if (existing > 0) throw new BackupError(`the database in DATABASE_URL has ${existing} tables: restore into an empty database (createdb), then point DATABASE_URL at it`);
  const { dbname, env } = libpq(url);
  await tool('pg_restore', ['--exit-on-error', '--single-transaction', '--no-owner', '--no-privileges', '--dbname', dbname, file], env);
  return { tables: await publicTableCount(url) };
}

async function publicTableCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`);
    return result.rows[0]!.n;
  } finally {
    await client.end();
  }
}
