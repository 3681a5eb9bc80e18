import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../../scripts/lib/embedded-postgres.js';
import { DEMO_PASSWORD } from '../../src/modules/auth/demo-accounts.js';

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals | null>;
  output(): string;
  request(path: string, init?: { method?: string; body?: unknown; token?: string }): Promise<{ status: number; body: any }>;
  login(username: string): Promise<string>;
  stop(): Promise<void>;
}

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

function newestModification(dir: string): number {
  return Math.max(...readdirSync(dir, { withFileTypes: true }).map((entry) => (entry.isDirectory() ? newestModification(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs)));
}

/**
 * The API as it is deployed: the compiled `dist/main.js` in a process of its own (`npm test`
 * builds it first), configured by environment variables, on a free port; resolves once
 * /api/health answers.
 */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  let built = 0;
  try {
    built = statSync(MAIN).mtimeMs;
  } catch {
    // not built
  }
  if (built < newestModification(SRC)) throw new Error('apps/api/dist is missing or older than src: run `npx turbo run build --filter=@planwatch/api` first (npm test does)');
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: {
      ...process.env,
      API_PORT: String(port),
      JWT_SECRET: 'process-test-secret-process-test-secret',
      LOG_LEVEL: 'warn',
      WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const url = `http://127.0.0.1:${port}`;
  const request: ApiProcess['request'] = async (path, init = {}) => {
    const response = await fetch(`${url}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, body: text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API process exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API process did not answer /api/health:\n${output}`);
    }
    try {
      if ((await fetch(`${url}/api/health`)).status < 500) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    child,
    exited,
    output: () => output,
    request,
    login: async (username) => {
      const response = await request('/api/auth/login', { method: 'POST', body: { username, password: DEMO_PASSWORD } });
      if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.accessToken as string;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
