/**
 * `npm start`: PostgreSQL (embedded unless DATABASE_URL is set), migrations, the plan, the sample
 * data and the demo accounts, then the API (3001) and the web app (3000). Ctrl-C stops all of it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres, withDatabase, type RunningPostgres } from './lib/embedded-postgres.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(root, process.env.PLANWATCH_DATA_DIR ?? '.data');
const apiPort = Number(process.env.API_PORT ?? 3001);
const webPort = Number(process.env.WEB_PORT ?? 3000);
const children: ChildProcess[] = [];
let embedded: RunningPostgres | undefined;
let stopping = false;

const say = (line: string) => process.stdout.write(`[planwatch] ${line}\n`);

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** A JWT secret generated once per data folder, so sessions survive restarts but no secret is committed. */
function jwtSecret(): string {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = join(dataDir, 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, cwd = root): ChildProcess {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((line) => `[${name}] ${line}\n`)
      .join('');
  child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(prefix(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} exited (${signal ?? code}); stopping everything`);
      void shutdown(1);
    }
  });
  children.push(child);
  return child;
}

async function waitFor(url: string, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${what} did not answer at ${url} within ${timeoutMs / 1000}s`);
}

/** Whether something already listens on `port` (binding the wildcard address clashes with any listener). */
function portTaken(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'EADDRINUSE' || error.code === 'EACCES'));
    probe.listen({ port, host: '0.0.0.0', exclusive: true }, () => probe.close(() => done(false)));
  });
}

/**
 * Every port npm start will listen on is checked before anything starts, so a taken one is named
 * with the variable that moves it, instead of a half-started system failing later.
 */
async function assertPortsFree(ports: ReadonlyArray<{ port: number; what: string; variable: string }>): Promise<void> {
  const taken = [];
  for (const entry of ports) if (await portTaken(entry.port)) taken.push(entry);
  if (taken.length === 0) return;
  const lines = taken.map(({ port, what, variable }) => `port ${port} (${what}) is already in use: stop what uses it, or choose another port, e.g. ${variable}=${port + 100} npm start`);
  throw new StartError(lines.join('\n'));
}

/** A failure npm start explains itself: printed as it is, without a stack trace. */
class StartError extends Error {}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 8000).unref();
        }),
    ),
  );
  if (embedded) {
    await embedded.stop();
    say('PostgreSQL stopped');
  }
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function main(): Promise<void> {
  let databaseUrl = process.env.DATABASE_URL;
  const pgPort = Number(process.env.PLANWATCH_PG_PORT ?? 54329);
  await assertPortsFree([
    ...(databaseUrl ? [] : [{ port: pgPort, what: 'the embedded PostgreSQL', variable: 'PLANWATCH_PG_PORT' }]),
    { port: apiPort, what: 'the API', variable: 'API_PORT' },
    { port: webPort, what: 'the web app', variable: 'WEB_PORT' },
  ]);
  if (!databaseUrl) {
    say(`starting embedded PostgreSQL on 127.0.0.1:${pgPort} (data in ${join(dataDir, 'postgres')})`);
    embedded = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), port: pgPort, persistent: true });
    await ensureDatabase(embedded.adminUrl, 'planwatch');
    databaseUrl = embedded.urlFor('planwatch');
  } else {
    say('using the PostgreSQL server in DATABASE_URL');
    await ensureDatabase(withDatabase(databaseUrl, 'postgres'), new URL(databaseUrl).pathname.slice(1)).catch(() => undefined);
  }

  const { prepareDatabase } = await import('../apps/api/dist/cli/setup.js');
  const setup = await prepareDatabase(databaseUrl, { inboxFolders: true, log: say });

  const env = {
    DATABASE_URL: databaseUrl,
    JWT_SECRET: jwtSecret(),
    API_PORT: String(apiPort),
    NEXT_TELEMETRY_DISABLED: '1',
    PLANWATCH_API_URL: `http://127.0.0.1:${apiPort}`,
    WEB_ORIGIN: process.env.WEB_ORIGIN ?? `http://localhost:${webPort}`,
  };
  run('api', process.execPath, ['apps/api/dist/main.js'], env);
  await waitFor(`http://127.0.0.1:${apiPort}/api/health`, 'the API');
  run('web', process.execPath, [nextBin(), 'start', '-p', String(webPort)], env, join(root, 'apps/web'));
  await waitFor(`http://127.0.0.1:${webPort}/`, 'the web app');

  say('');
  say('PlanWatch is running (sample data: 示例数据, marked in the UI)');
  say(`  dashboard     http://localhost:${webPort}/`);
  say(`  wall screen   http://localhost:${webPort}/screen`);
  say(`  API           http://localhost:${apiPort}/api   (OpenAPI docs: /api/docs)`);
  say('  demo accounts (password for all: see below)');
  for (const account of setup.demoAccounts) say(`    ${account.username.padEnd(12)} ${account.role.padEnd(9)} ${account.description}`);
  say(`  demo password: ${setup.demoPassword}`);
  say('Press Ctrl-C to stop everything.');
}

function nextBin(): string {
  return join(root, 'node_modules/next/dist/bin/next');
}

main().catch(async (error: unknown) => {
  const reason = error instanceof StartError ? error.message : error instanceof Error ? (error.stack ?? error.message) : JSON.stringify(error) ?? String(error);
  process.stderr.write(`[planwatch] start failed: ${reason}\n`);
  await shutdown(1);
});
