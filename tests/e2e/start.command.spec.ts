/**
 * `npm start`'s promises (the build is done by `npm run test:e2e`): it starts PostgreSQL, the API
 * and the web app, prints both URLs and the demo accounts; Ctrl-C stops everything, PostgreSQL
 * included; a second start reuses the data instead of loading it again.
 */
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/embedded-postgres.js';
import { ROOT } from '../support/system.js';

const dataDir = mkdtempSync(join(tmpdir(), 'planwatch-start-'));
// As root, PostgreSQL runs as the `postgres` user, which must be able to enter the folder.
chmodSync(dataDir, 0o755);

/** Processes whose command line mentions the data folder (PostgreSQL runs from it). */
function processesUsing(folder: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(folder) && !line.includes('ps -eo'));
}

async function startOnce(ports: { api: number; web: number; pg: number }): Promise<string> {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: '',
      PLANWATCH_DATA_DIR: dataDir,
      PLANWATCH_PG_PORT: String(ports.pg),
      API_PORT: String(ports.api),
      WEB_PORT: String(ports.web),
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 240_000;
  while (!output.includes('Press Ctrl-C to stop everything.')) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const health = await (await fetch(`http://127.0.0.1:${ports.api}/api/health`)).json();
  expect(health.status).toBe('ok');
  expect((await fetch(`http://127.0.0.1:${ports.web}/`)).status).toBe(200);
  // Ctrl-C: the whole tree goes, PostgreSQL included.
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  expect(await exited).toBe(0);
  return output;
}

describe('npm start', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('names a port that is taken, and the variable that moves it, before starting anything', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const taken = (blocker.address() as AddressInfo).port;
    try {
      const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/start.ts'], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: '', PLANWATCH_DATA_DIR: dataDir, PLANWATCH_PG_PORT: String(await freePort()), API_PORT: String(await freePort()), WEB_PORT: String(taken) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(output).toContain(`port ${taken} (the web app) is already in use`);
      expect(output).toContain(`WEB_PORT=${taken + 100} npm start`);
      expect(output).not.toContain('undefined');
      expect(output).not.toContain('starting embedded PostgreSQL');
      expect(processesUsing(dataDir)).toEqual([]);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('comes up with URLs and demo accounts, stops cleanly on Ctrl-C, and reuses its data', async () => {
    const ports = { api: await freePort(), web: await freePort(), pg: await freePort() };
    const first = await startOnce(ports);
    expect(first).toContain(`http://localhost:${ports.web}/screen`);
    expect(first).toContain(`http://localhost:${ports.api}/api`);
    for (const user of ['admin', 'leader', 'energy', 'stats']) expect(first).toMatch(new RegExp(`\\b${user}\\b`));
    expect(first).toMatch(/sample data loaded through \d{4}-\d{2}/);
    expect(processesUsing(dataDir)).toEqual([]);

    const second = await startOnce(ports);
    expect(second).toContain('already loaded');
    expect(second).not.toMatch(/sample data loaded through/);
    expect(processesUsing(dataDir)).toEqual([]);
  }, 600_000);
});
