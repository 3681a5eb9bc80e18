/**
 * The production install against real PostgreSQL: `setup --production` on an empty database
 * (no sample data, no demo accounts, the first administrator who must choose a new password),
 * and a production start that refuses demo accounts and the demo password.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../../scripts/lib/embedded-postgres.js';
import { emptyDatabase, freshDatabase } from '../../../scripts/lib/test-postgres.js';
import { startApi, StartRefused } from '../src/bootstrap.js';
import { prepareProductionDatabase, SetupError } from '../src/cli/setup.js';
import { DEMO_PASSWORD } from '../src/modules/auth/demo-accounts.js';
import { startTestApp, type TestApp } from './support/app.js';

const FIRST_PASSWORD = 'Bootstrap-2026-admin';
const NEW_PASSWORD = 'Chosen-by-admin-2026';

async function count(url: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
  } finally {
    await client.end();
  }
}

const productionEnv = async (url: string) => ({
  NODE_ENV: 'production',
  DATABASE_URL: url,
  JWT_SECRET: 'production-test-secret-production-test-secret',
  WEB_ORIGIN: 'https://planwatch.example.gov.cn',
  METRICS_TOKEN: 'metrics-token-metrics-token-0001',
  API_PORT: String(await freePort()),
  CRON_ENABLED: 'false',
  LOG_LEVEL: 'silent',
});

describe('npm run setup -- --production', () => {
  let url: string;
  let app: TestApp;
  const log: string[] = [];

  beforeAll(async () => {
    url = await emptyDatabase(inject('database'));
    await prepareProductionDatabase(url, { firstAdmin: async () => ({ username: 'ops.li', password: FIRST_PASSWORD }), log: (line) => log.push(line) });
    app = await startTestApp({}, { databaseUrl: url });
  });
  afterAll(() => app?.close());

  it('migrates and loads the plan, with no sample data and no demo accounts', async () => {
    expect(log[0]).toMatch(/^migrations applied: /);
    expect(log).toContain('administrator "ops.li" created: they choose a new password at their first sign-in');
    expect(await count(url, 'SELECT count(*) AS n FROM indicators')).toBeGreaterThan(40);
    // The plan's published figures (已公布) load with it; nothing else, no sample.
    expect(await count(url, `SELECT count(*) AS n FROM observations o JOIN batches b ON b.id = o.batch_id WHERE b.source <> 'published'`)).toBe(0);
    expect(await count(url, 'SELECT count(*) AS n FROM observations WHERE is_sample')).toBe(0);
    expect(await count(url, 'SELECT count(*) AS n FROM projects')).toBe(0);
    expect(await count(url, 'SELECT count(*) AS n FROM users')).toBe(1);
    expect((await app.request('/api/auth/login', { method: 'POST', body: { username: 'admin', password: DEMO_PASSWORD } })).status).toBe(401);
  });

  it('lets the first administrator do nothing but change the password, then everything', async () => {
    const login = await app.request('/api/auth/login', { method: 'POST', body: { username: 'ops.li', password: FIRST_PASSWORD } });
    expect(login.status).toBe(200);
    expect(login.body.principal).toMatchObject({ username: 'ops.li', role: 'admin', mustChangePassword: true });
    const token = login.body.accessToken as string;
    expect(await app.request('/api/users', { token })).toMatchObject({ status: 403, body: { code: 'password_change_required', message: '首次登录请先修改密码' } });
    expect((await app.request('/api/auth/me', { token })).body).toMatchObject({ username: 'ops.li', mustChangePassword: true });
    // Public pages still answer, as to anyone.
    expect((await app.request('/api/plan', { token })).status).toBe(200);
    expect(await app.request('/api/auth/password', { method: 'POST', token, body: { currentPassword: FIRST_PASSWORD, newPassword: FIRST_PASSWORD } })).toMatchObject({ status: 400, body: { message: '新密码不能与当前密码相同' } });
    expect((await app.request('/api/auth/password', { method: 'POST', token, body: { currentPassword: FIRST_PASSWORD, newPassword: NEW_PASSWORD } })).status).toBe(204);

    const again = await app.request('/api/auth/login', { method: 'POST', body: { username: 'ops.li', password: NEW_PASSWORD } });
    expect(again.body.principal.mustChangePassword).toBe(false);
    expect((await app.request('/api/users', { token: again.body.accessToken })).status).toBe(200);
  });

  it('runs again as the upgrade step without asking for another administrator', async () => {
    const again: string[] = [];
    await prepareProductionDatabase(url, { firstAdmin: () => Promise.reject(new Error('must not be asked')), log: (line) => again.push(line) });
    expect(again).toEqual(['migrations: up to date', expect.stringMatching(/^plan .*: already loaded$/), 'administrators: present (none created)']);
  });

  it('refuses a weak or demo first password, and creates nothing', async () => {
    const empty = await emptyDatabase(inject('database'));
    const setup = (password: string) => prepareProductionDatabase(empty, { firstAdmin: async () => ({ username: 'admin', password }), log: () => undefined });
    await expect(setup(DEMO_PASSWORD)).rejects.toThrow(new SetupError('administrator password refused: 不能使用演示密码'));
    await expect(setup('short1')).rejects.toThrow(new SetupError('administrator password refused: 密码至少10位'));
    expect(await count(empty, 'SELECT count(*) AS n FROM users')).toBe(0);
  });
});

describe('a production start', () => {
  it('refuses demo accounts and the demo password, naming each', async () => {
    const demo = await freshDatabase(inject('database'));
    const refusal = await startApi(await productionEnv(demo)).then(
      (app) => app.close().then(() => null),
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(StartRefused);
    const reasons = (refusal as StartRefused).reasons;
    expect(reasons, reasons.join('\n')).toHaveLength(7);
    expect(reasons).toContain('demo account "energy" (能源局填报员) is active: deactivate it, or set up the database with `npm run setup -- --production`');

    // Renamed demo accounts still carry the demo password.
    const client = new pg.Client({ connectionString: demo });
    await client.connect();
    await client.query(`UPDATE users SET display_name = display_name || '（改）'`);
    await client.end();
    const renamed = await startApi(await productionEnv(demo)).catch((error: StartRefused) => error);
    expect((renamed as StartRefused).reasons).toContain('account "stats" still has the demo password: change it (POST /api/auth/password) or deactivate the account');
  });

  it('refuses a configuration that is wrong for production, one line per variable', async () => {
    const refusal = await startApi({ ...(await productionEnv('postgres://x@127.0.0.1/x')), WEB_ORIGIN: 'http://planwatch.example.gov.cn', METRICS_TOKEN: '' }).catch((error: StartRefused) => error);
    expect(refusal).toBeInstanceOf(StartRefused);
    expect((refusal as StartRefused).reasons.map((reason) => reason.split(':')[0])).toEqual(['WEB_ORIGIN', 'METRICS_TOKEN']);
  });

  it('starts on a production install', async () => {
    const url = await emptyDatabase(inject('database'));
    await prepareProductionDatabase(url, { firstAdmin: async () => ({ username: 'admin', password: FIRST_PASSWORD }), log: () => undefined });
    const app = await startApi(await productionEnv(url));
    const { port } = app.getHttpServer().address() as { port: number };
    expect((await fetch(`http://127.0.0.1:${port}/api/ready`)).status).toBe(200);
    await app.close();
  });
});
