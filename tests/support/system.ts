/**
 * The whole system for browser tests: a throw-away embedded PostgreSQL with the plan, sample data
 * and demo accounts, the compiled API and the production web build, each on a free port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDatabase, freePort, startEmbeddedPostgres, type RunningPostgres } from '../../scripts/lib/embedded-postgres.js';

export const ROOT = resolve(import.meta.dirname, '../..');
/** Sample data ends here in browser tests, so figures and screenshots do not drift with the calendar. */
export const E2E_AS_OF = '2026-10';

export interface RunningSystem {
  databaseUrl: string;
  apiUrl: string;
  webUrl: string;
  /** Where the API's WeCom and DingTalk robots live: a test listens here (apps/api/test/support/robot-server.ts). */
  robotUrl: string;
  stop(): Promise<void>;
}

async function waitFor(url: string, what: string, child: ChildProcess, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${what} did not answer at ${url}`);
}

function launch(name: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): ChildProcess {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const forward = (chunk: Buffer) => {
    if (process.env.E2E_VERBOSE) process.stderr.write(`[${name}] ${chunk}`);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk}`));
  return child;
}

export async function startSystem(): Promise<RunningSystem> {
  let postgres: RunningPostgres | undefined;
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : undefined)));
    await postgres?.stop();
  };
  try {
    postgres = await startEmbeddedPostgres({ dataDir: join(tmpdir(), `planwatch-e2e-${process.pid}`), persistent: false, fast: true });
    await createDatabase(postgres.adminUrl, 'planwatch');
    const databaseUrl = postgres.urlFor('planwatch');
    const { prepareDatabase } = await import('../../apps/api/dist/cli/setup.js');
    await prepareDatabase(databaseUrl, { sampleAsOf: E2E_AS_OF, log: () => undefined });
    const [apiPort, webPort, robotPort] = [await freePort(), await freePort(), await freePort()];
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const webUrl = `http://127.0.0.1:${webPort}`;
    const robotUrl = `http://127.0.0.1:${robotPort}`;
    const env = {
      DATABASE_URL: databaseUrl,
      API_PORT: String(apiPort),
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-0000',
      PLANWATCH_API_URL: apiUrl,
      WEB_ORIGIN: webUrl,
      // Messages link to this web app; their webhooks may reach the tests' receivers on 127.0.0.1.
      PUBLIC_WEB_URL: webUrl,
      WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32',
      LOG_LEVEL: 'warn',
      NEXT_TELEMETRY_DISABLED: '1',
      WECOM_WEBHOOK_BASE: `${robotUrl}/`,
      DINGTALK_WEBHOOK_BASE: `${robotUrl}/`,
    };
    const api = launch('api', [join(ROOT, 'apps/api/dist/main.js')], env);
    children.push(api);
    await waitFor(`${apiUrl}/api/health`, 'API', api);
    const web = launch('web', [join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(webPort), '-H', '127.0.0.1'], env, join(ROOT, 'apps/web'));
    children.push(web);
    await waitFor(`${webUrl}/`, 'web app', web);
    return { databaseUrl, apiUrl, webUrl, robotUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
