/**
 * README's "Run in production", done for real on this machine: a cluster of Debian's PostgreSQL,
 * the environment file and systemd units' commands from deploy/, `npm run setup -- --production`,
 * two API processes and the web app behind nginx (the shipped site configuration) with a
 * self-signed certificate, checked over HTTPS as a browser would (and by Chromium for the first
 * administrator's sign-in); then the upgrade of a database left by an earlier release, the
 * scheduler across both processes, and backup → restore.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { lastCompleteMonth } from '@planwatch/shared';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/embedded-postgres.js';
import { launchChromium } from '../support/browser.js';
import {
  createCluster,
  DEPLOY,
  HttpsBrowser,
  multipart,
  readEnvFile,
  selfSignedCertificate,
  siteConfig,
  startNginx,
  startService,
  unitCommand,
  waitUntil,
  type Cluster,
  type Service,
} from '../support/production.js';
import { ROOT } from '../support/system.js';

const ADMIN = { username: 'ops.wang', initial: 'Initial-Admin-2026', chosen: 'Chosen-Admin-2026x' };
// 西池乡 reports its own coal figure; 能源局 reviews it (one 报送单位 and one 审核单位 per figure).
const REPORTER = { username: 'xichi.zhao', password: 'Reporter-Pass-2026', displayName: '西池乡 赵' };
const REVIEWER = { username: 'energy.qian', password: 'Reviewer-Pass-2026', displayName: '能源局 钱' };
const DB_PASSWORD = randomBytes(12).toString('hex');
const PERIOD = lastCompleteMonth(new Date());
const XICHI = '140404201';
const DISTRICT = '140404';

const SHOTS = join(ROOT, 'artifacts/screenshots');
const work = mkdtempSync(join(tmpdir(), 'planwatch-prod-'));
const logs = join(work, 'logs');
/** An address of this machine other than loopback: requests from it show whether nginx passes the client's address on. */
const lanAddress = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

let cluster: Cluster;
let env: Record<string, string>;
let ports: { https: number; http: number; internal: number; web: number; api: [number, number] };
let certificate: { cert: string; key: string; pem: Buffer };
const services: Service[] = [];
let api: [Service, Service];
/** target_gap_default's schedule as shipped, put back once the scheduler has been watched. */
let shippedSchedule: string;
let site: HttpsBrowser;
const setupOutput: string[] = [];

const databaseUrl = (database: string) => `postgres://planwatch:${DB_PASSWORD}@127.0.0.1:${cluster.port}/${database}`;

/** `npm run <script> -- <args>` from the repository root, as an operator types it. */
function npm(script: string, args: string[], extra: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('npm', ['run', '--silent', script, '--', ...args], { cwd: ROOT, env: { ...process.env, ...env, ...extra }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function sql(query: string, database = 'planwatch'): string {
  return cluster.psql(query, database);
}

/** Which API process logged a request id: 0 or 1 (each logs every request with its id, soon after answering). */
async function servedBy(requestId: string): Promise<number> {
  const logged = () => api.map((service) => service.output().includes(`"id":"${requestId}"`));
  await waitUntil(`request ${requestId} in an API log`, () => logged().includes(true), 5_000);
  const found = logged();
  expect(found.filter(Boolean), `request ${requestId} logged by exactly one API process`).toHaveLength(1);
  return found.indexOf(true);
}

let requests = 0;
const nextId = () => `prod-test-${process.pid}-${++requests}`;

/** Scrapes one API process directly, as Prometheus does (README's scrape config). */
async function metricsOf(index: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${ports.api[index]}/api/metrics`, { headers: { authorization: `Bearer ${env.METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  return response.text();
}

function sampleValue(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((pair) => l.slice(0, l.indexOf('}')).includes(pair)));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

beforeAll(async () => {
  mkdirSync(logs, { recursive: true });
  ports = { https: await freePort(), http: await freePort(), internal: await freePort(), web: await freePort(), api: [await freePort(), await freePort()] };

  // README step 2: the cluster, the role and the database.
  cluster = createCluster(`planwatch_prod_${process.pid}`, await freePort());
  cluster.psql(`CREATE ROLE planwatch LOGIN PASSWORD '${DB_PASSWORD}'`);
  cluster.createDatabase('planwatch', 'planwatch');

  // README step 3: the environment file, from the shipped example.
  const inbox = join(work, 'inbox');
  const jobs = join(work, 'jobs');
  mkdirSync(inbox);
  mkdirSync(jobs);
  // The shipped inbox job, checked every minute instead of every five, so the test sees a scheduled run soon.
  writeFileSync(join(jobs, 'department-inbox.job.yaml'), readFileSync(join(ROOT, 'packages/etl/jobs/department-inbox.job.yaml'), 'utf8').replace('schedule: "*/5 * * * *"', 'schedule: "* * * * *"'));
  const example = readEnvFile(join(DEPLOY, 'planwatch.env.example'));
  env = {
    ...example,
    DATABASE_URL: databaseUrl('planwatch'),
    JWT_SECRET: randomBytes(48).toString('base64url'),
    METRICS_TOKEN: randomBytes(24).toString('hex'),
    WEB_ORIGIN: `https://localhost:${ports.https}`,
    PLANWATCH_API_URL: example.PLANWATCH_API_URL!.replace(':3080', `:${ports.internal}`),
    INBOX_DIR: inbox,
    ETL_JOBS_DIR: jobs,
    INBOX_SETTLE_SECONDS: '1',
  };
  expect(Object.keys(example)).toEqual(expect.arrayContaining(['NODE_ENV', 'DATABASE_URL', 'JWT_SECRET', 'WEB_ORIGIN', 'METRICS_TOKEN', 'PLANWATCH_API_URL']));

  // README step 4: the production install, the first administrator from the environment.
  const setup = npm('setup', ['--production'], { PLANWATCH_ADMIN_USERNAME: ADMIN.username, PLANWATCH_ADMIN_PASSWORD: ADMIN.initial });
  expect(setup.status, setup.stderr).toBe(0);
  setupOutput.push(...setup.stdout.trim().split('\n'));

  // README step 5: the services, with the units' commands and environment.
  certificate = selfSignedCertificate(work, ['127.0.0.1', ...(lanAddress ? [lanAddress] : [])]);
  api = ports.api.map((port, i) => {
    const unit = unitCommand('planwatch-api@.service', String(port));
    return startService(`api-${i}`, unit.args, { ...env, ...unit.env }, logs);
  }) as [Service, Service];
  services.push(...api);
  for (const [i, service] of api.entries()) {
    await waitUntil(`API ${i} ready`, async () => (await fetch(`http://127.0.0.1:${ports.api[i]}/api/ready`)).status === 200, 60_000, [service]);
  }
  const webUnit = unitCommand('planwatch-web.service');
  const webArgs = webUnit.args.map((arg) => (arg === '3000' ? String(ports.web) : arg));
  expect(webArgs).not.toEqual(webUnit.args);
  const web = startService('web', webArgs, { ...env, ...webUnit.env }, logs, process.execPath, webUnit.cwd);
  services.push(web);
  const nginx = startNginx(siteConfig(ports, certificate), join(work, 'nginx'), logs);
  services.push(nginx);
  site = new HttpsBrowser(`https://localhost:${ports.https}`, certificate.pem);
  await waitUntil(
    'the site over HTTPS',
    async () => {
      const { status } = await site.request('/');
      if (status !== 200) throw new Error(`GET / answered ${status}`);
      return true;
    },
    120_000,
    [web, nginx, ...api],
  );
}, 600_000);

afterAll(async () => {
  for (const service of services.reverse()) await service.stop();
  cluster?.drop();
  if (process.env.PROD_TEST_KEEP) process.stdout.write(`test:prod files kept in ${work}\n`);
  else rmSync(work, { recursive: true, force: true });
});

describe('the production install', () => {
  it('loaded the plan and made the first administrator: no sample data, no demo accounts', () => {
    expect(setupOutput[0]).toMatch(/^migrations applied: InitialSchema/);
    expect(setupOutput).toContain(`administrator "${ADMIN.username}" created: they choose a new password at their first sign-in`);
    expect(sql('SELECT count(*) FROM indicators')).not.toBe('0');
    // The only figures are the ones the plan's sources publish (已公布), none sample or reported.
    expect(sql('SELECT count(*) FROM observations')).toBe(sql('SELECT count(*) FROM published_figures'));
    expect(sql(`SELECT count(*) FROM observations o JOIN batches b ON b.id = o.batch_id WHERE b.source <> 'published' OR o.is_sample`)).toBe('0');
    expect(sql('SELECT count(*) FROM projects')).toBe('0');
    expect(sql('SELECT username FROM users')).toBe(ADMIN.username);
  });

  it('serves HTTPS only, with HSTS, and Secure session cookies', async () => {
    const plain = await fetch(`http://127.0.0.1:${ports.http}/overview`, { redirect: 'manual' });
    expect(plain.status).toBe(301);
    expect(plain.headers.get('location')).toBe('https://127.0.0.1/overview');
    const home = await site.request('/');
    expect(home.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');

    expect((await site.request('/session', { method: 'POST', json: { username: 'admin', password: 'planwatch2026' } })).status).toBe(401);
    const login = await site.request('/session', { method: 'POST', json: { username: ADMIN.username, password: ADMIN.initial } });
    expect(login.status).toBe(200);
    expect(login.headers['strict-transport-security']).toBeDefined();
    // Access and refresh tokens, their expiry, the user's name and the browser session that shares refreshes.
    expect(login.setCookies().map((cookie) => cookie.slice(0, cookie.indexOf('='))).sort()).toEqual(['pw_at', 'pw_exp', 'pw_rt', 'pw_sid', 'pw_user']);
    for (const cookie of login.setCookies()) expect(cookie).toMatch(/; HttpOnly; SameSite=Lax; Secure$/);
  });

  it('has the first administrator change the password before anything else', async () => {
    expect(site.cookie('pw_rt')).toBeDefined();
    const page = await site.request('/admin/users', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(307);
    expect(page.headers.location).toBe('/account');
    expect((await site.request('/api/users')).json()).toMatchObject({ statusCode: 403, code: 'password_change_required' });

    // In the browser, as the administrator does it: sign in, land on 账号, choose the password, sign in again.
    const browser = await launchChromium();
    try {
      const tab = await (await browser.newContext({ ignoreHTTPSErrors: true, locale: 'zh-CN' })).newPage();
      await tab.goto(`${site.origin}/login`);
      await tab.fill('input[name=username]', ADMIN.username);
      await tab.fill('input[name=password]', ADMIN.initial);
      await Promise.all([tab.waitForURL(`${site.origin}/account`), tab.click('button[type=submit]')]);
      await tab.getByText('首次登录，请先修改初始密码；修改后才能使用其他功能。').waitFor();
      mkdirSync(SHOTS, { recursive: true });
      await tab.screenshot({ path: join(SHOTS, 'prod-first-sign-in.png'), fullPage: true });
      const [current, chosen, again] = await tab.locator('form[aria-label="修改密码"] input[type=password]').all();
      await current!.fill(ADMIN.initial);
      await chosen!.fill(ADMIN.chosen);
      await again!.fill(ADMIN.chosen);
      await Promise.all([tab.waitForURL(`${site.origin}/login?reason=password`), tab.click('form[aria-label="修改密码"] button[type=submit]')]);
      await tab.fill('input[name=username]', ADMIN.username);
      await tab.fill('input[name=password]', ADMIN.chosen);
      await Promise.all([tab.waitForURL(`${site.origin}/admin/users`), tab.click('button[type=submit]')]);
    } finally {
      await browser.close();
    }

    // The change ended every session, this client's too.
    expect((await site.request('/api/users')).status).toBe(401);
    expect((await site.request('/session', { method: 'POST', json: { username: ADMIN.username, password: ADMIN.initial } })).status).toBe(401);
    const again = await site.request('/session', { method: 'POST', json: { username: ADMIN.username, password: ADMIN.chosen } });
    expect(again.json().user).toMatchObject({ username: ADMIN.username, mustChangePassword: false });
    expect((await site.request('/admin/users', { headers: { accept: 'text/html' } })).status).toBe(200);
  });
});

describe('two API processes behind nginx', () => {
  let reporter: HttpsBrowser;
  let reviewer: HttpsBrowser;
  let batchId: string;

  beforeAll(async () => {
    for (const user of [REPORTER, REVIEWER]) {
      const created = await site.request('/api/users', { method: 'POST', json: { ...user, role: user === REPORTER ? 'reporter' : 'reviewer', departmentCode: user === REPORTER ? 'town_xichi' : 'energy' } });
      expect(created.status, created.text()).toBe(201);
    }
    reporter = new HttpsBrowser(site.origin, certificate.pem);
    reviewer = new HttpsBrowser(site.origin, certificate.pem);
    expect((await reporter.request('/session', { method: 'POST', json: { username: REPORTER.username, password: REPORTER.password } })).status).toBe(200);
    expect((await reviewer.request('/session', { method: 'POST', json: { username: REVIEWER.username, password: REVIEWER.password } })).status).toBe(200);

    // The scheduler's check (last but one) needs a minute to pass: its work is set up now. An alert
    // rule on every minute, and a file in the inbox that the (every-minute) inbox job loads.
    shippedSchedule = (await site.request('/api/alerts/rules/target_gap_default')).json().schedule;
    const rule = await site.request('/api/alerts/rules/target_gap_default', { method: 'PATCH', json: { schedule: '* * * * *' } });
    expect(rule.status, rule.text()).toBe(200);
    // Into 能源局's own folder (setup creates one per department; a file elsewhere is not read).
    mkdirSync(join(env.INBOX_DIR!, 'energy'), { recursive: true });
    const file = join(env.INBOX_DIR!, 'energy', '能源局月报.csv');
    // District-wide figures, which 能源局 reports itself (a town's figure is the town's).
    writeFileSync(file, `指标名称,地区,期间,口径,数值,单位\n煤炭销量,上党区,${PERIOD},当月,90.25,万吨\n铁路专用线煤炭发运量,上党区,${PERIOD},当月,66.5,万吨\n`);
    utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
  });

  it('takes an upload on one process and its approval on the other; both serve the new figure at once', async () => {
    // Both processes cache the figure's progress before the approval.
    const progressPath = `/api/progress/indicators/coal_output?region=${XICHI}&from=${PERIOD}&to=${PERIOD}`;
    const warmed = new Set<number>();
    for (let i = 0; i < 2; i++) {
      const id = nextId();
      expect((await site.request(progressPath, { headers: { 'x-request-id': id } })).status).toBe(200);
      warmed.add(await servedBy(id));
    }
    expect(warmed).toEqual(new Set([0, 1]));

    const csv = `指标名称,地区,期间,口径,数值,单位\n原煤产量,西池乡,${PERIOD},当月,71.5,万吨\n`;
    const form = new FormData();
    form.append('file', new Blob([csv]), '西池乡上报.csv');
    form.append('period', PERIOD);
    const { body, contentType } = await multipart(form);
    const uploadId = nextId();
    const upload = await reporter.request('/api/reporting/submissions', { method: 'POST', body, headers: { 'content-type': contentType, 'x-request-id': uploadId } });
    expect(upload.status, upload.text()).toBe(201);
    expect(upload.json()).toMatchObject({ status: 'preview', rowsRejected: 0 });
    batchId = upload.json().id;
    const uploadedOn = await servedBy(uploadId);
    expect((await reporter.request(`/api/reporting/submissions/${batchId}/submit`, { method: 'POST', json: {} })).status).toBe(200);

    // nginx takes turns (round robin, one worker): a request that lands where the upload did
    // means the next one goes to the other process. The reviewer's session works on both.
    for (let probe = 0; ; probe++) {
      expect(probe).toBeLessThan(6);
      const id = nextId();
      expect((await reviewer.request('/api/auth/me', { headers: { 'x-request-id': id } })).status).toBe(200);
      if ((await servedBy(id)) === uploadedOn) break;
    }
    const approveId = nextId();
    const approve = await reviewer.request(`/api/reporting/submissions/${batchId}/approve`, { method: 'POST', json: { comment: '核对无误' }, headers: { 'x-request-id': approveId } });
    expect(approve.status, approve.text()).toBe(200);
    expect(await servedBy(approveId)).toBe(1 - uploadedOn);

    const after = [];
    for (let i = 0; i < 2; i++) {
      const id = nextId();
      const response = await site.request(progressPath, { headers: { 'x-request-id': id } });
      after.push({ process: await servedBy(id), value: (response.json().monthly as Array<{ to: string; value: string }>).find((point) => point.to === PERIOD)?.value });
    }
    expect(new Set(after.map((a) => a.process))).toEqual(new Set([0, 1]));
    expect(after.map((a) => Number(a.value))).toEqual([71.5, 71.5]);
  });

  it('passes the client address from nginx through the web app to the API', async () => {
    expect(lanAddress, 'this machine has a non-loopback IPv4 address').toBeDefined();
    const fromLan = new HttpsBrowser(`https://${lanAddress}:${ports.https}`, certificate.pem);
    const id = nextId();
    expect((await fromLan.request('/api/plan', { headers: { 'x-request-id': id, 'x-forwarded-for': '198.51.100.9' } })).status).toBe(200);
    const line = api[await servedBy(id)]!.output().split('\n').find((l) => l.includes(`"id":"${id}"`))!;
    // The address that connected, not the one the client claimed.
    expect(JSON.parse(line).req.client).toBe(lanAddress);
  });

  it('answers /api/ready and, to the metrics token only, /api/metrics over HTTPS', async () => {
    const ready = await site.request('/api/ready');
    expect(ready.status).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', database: { status: 'up' }, migrations: { current: true, pending: [] }, scheduler: { enabled: true } });
    // Asked without the session: a 401 to a signed-in browser ends its session (the proxy clears the cookies).
    const anonymous = new HttpsBrowser(site.origin, certificate.pem);
    expect((await anonymous.request('/api/metrics')).status).toBe(401);
    const metrics = await anonymous.request('/api/metrics', { headers: { authorization: `Bearer ${env.METRICS_TOKEN}` } });
    expect(metrics.status).toBe(200);
    expect(metrics.text()).toContain('planwatch_http_request_duration_seconds_bucket');
  });

});

describe('upgrades and refusals', () => {
  it('brings a database left by an earlier release to this one with the production setup', () => {
    const folder = join(ROOT, 'apps/api/test/fixtures/upgrade');
    const fixtures = readdirSync(folder).filter((name) => name.endsWith('.sql.gz'));
    expect(fixtures.length).toBeGreaterThan(0);
    for (const [n, name] of fixtures.entries()) {
      const database = `planwatch_upgrade_${n}`;
      cluster.createDatabase(database, 'planwatch');
      const dump = join(work, name.replace(/\.gz$/, ''));
      writeFileSync(dump, gunzipSync(readFileSync(join(folder, name))));
      execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', dump, databaseUrl(database)], { stdio: ['ignore', 'ignore', 'pipe'] });
      const expected = JSON.parse(readFileSync(join(folder, name.replace(/\.sql\.gz$/, '.expected.json')), 'utf8')) as { migrations: string[]; approvedFigures: number; users: unknown[] };

      const keys = `indicator_code || '|' || region_code || '|' || period || '|' || basis`;
      const sampleBefore = sql(`SELECT ${keys} FROM observations WHERE status = 'approved' AND is_sample`, database).split('\n').filter(Boolean);
      const upgrade = npm('setup', ['--production'], { DATABASE_URL: databaseUrl(database) });
      expect(upgrade.status, upgrade.stderr).toBe(0);
      expect(upgrade.stdout).toMatch(/^migrations applied: /);
      expect(upgrade.stdout).toContain('administrators: present (none created)');
      expect(sql('SELECT string_agg(name, \',\' ORDER BY id) FROM migrations', database)).toBe(sql('SELECT string_agg(name, \',\' ORDER BY id) FROM migrations'));
      // The release's approved figures stay, but for sample ones at a key the plan's sources publish (已公布): those yield.
      const published = new Set(sql(`SELECT ${keys} FROM published_figures`, database).split('\n'));
      const yielded = sampleBefore.filter((key) => published.has(key)).length;
      expect(sql(`SELECT count(*) FROM observations o JOIN batches b ON b.id = o.batch_id WHERE o.status = 'approved' AND b.source <> 'published'`, database)).toBe(String(expected.approvedFigures - yielded));
      expect(sql('SELECT count(*) FROM users', database)).toBe(String(expected.users.length));
    }
  });

  it('refuses a production start on a database with the demo accounts, and says why', async () => {
    const unit = unitCommand('planwatch-api@.service', String(await freePort()));
    const demo = startService('api-demo-accounts', unit.args, { ...env, ...unit.env, DATABASE_URL: databaseUrl('planwatch_upgrade_0'), CRON_ENABLED: 'false' }, logs);
    expect(await demo.exited).toBe(78);
    expect(demo.output()).toContain('PlanWatch API will not start: NODE_ENV=production with demo or default credentials');
    expect(demo.output()).toContain('demo account "admin" (系统管理员) is active');
  });

  it('refuses a wrong configuration, one line per variable', async () => {
    const unit = unitCommand('planwatch-api@.service', 'eighty');
    const wrong = startService('api-wrong-config', unit.args, { ...env, ...unit.env, WEB_ORIGIN: 'http://planwatch.example.gov.cn', METRICS_TOKEN: 'short' }, logs);
    expect(await wrong.exited).toBe(78);
    expect(wrong.output().trim().split('\n')).toEqual([
      'PlanWatch API will not start: invalid configuration',
      '  API_PORT: API_PORT must be a port number (1–65535)',
      "  WEB_ORIGIN: WEB_ORIGIN must be the site's https:// origin in production (e.g. https://planwatch.example.gov.cn), without a path",
      '  METRICS_TOKEN: METRICS_TOKEN must be set in production (at least 24 characters): Prometheus sends it as a bearer token to /api/metrics',
    ]);
  });

  it('ships a Compose file that runs the same commands with the official postgres image', () => {
    const compose = parseYaml(readFileSync(join(DEPLOY, 'docker/compose.yaml'), 'utf8')) as { services: Record<string, { image?: string; command?: string[]; volumes?: string[]; working_dir?: string }> };
    expect(compose.services.postgres!.image).toMatch(/^postgres:\d+$/);
    expect(compose.services['api-3001']!.command).toEqual(['node', ...unitCommand('planwatch-api@.service').args]);
    expect(compose.services.web!.command).toEqual(['node', ...unitCommand('planwatch-web.service').args]);
    expect(compose.services.web!.working_dir).toBe(`/opt/planwatch/${unitCommand('planwatch-web.service').cwd}`);
    expect(compose.services.setup!.command).toEqual(['node', 'apps/api/dist/cli/db.js', 'setup', '--production']);
    expect(compose.services.nginx!.volumes![0]).toMatch(/^\.\.\/nginx\/planwatch\.conf:/);
    expect(existsSync(join(DEPLOY, 'docker/Dockerfile'))).toBe(true);
  });
});

describe('the scheduler, with two processes running it', () => {
  // Its work was set up a few minutes ago (a rule on every minute, a file in the inbox): the ticks have come meanwhile.
  it('fires each scheduled job once a minute across both processes', async () => {
    const rule = 'alerts.evaluate:target_gap_default';
    await waitUntil(
      'a scheduled alert evaluation and a scheduled inbox load',
      () => sql(`SELECT count(*) FROM job_runs WHERE job = '${rule}' AND trigger = 'schedule' AND status = 'succeeded'`) !== '0' && sql(`SELECT count(*) FROM etl_runs WHERE job = 'department-inbox' AND trigger = 'schedule' AND rows_loaded = 2`) === '1',
      150_000,
    );
    // Read the counts away from the ticks (ETL at second 0, alerts at second 30) and their work.
    const second = new Date().getSeconds();
    await new Promise((resolve) => setTimeout(resolve, (second >= 28 && second < 45 ? 45 - second : second < 8 ? 8 - second : 0) * 1000));
    const ticks = Number(sql(`SELECT count(DISTINCT tick_key) FROM job_runs WHERE job = '${rule}' AND trigger = 'schedule'`));
    expect(sql(`SELECT count(*) FROM job_runs WHERE job = '${rule}' AND trigger = 'schedule'`)).toBe(String(ticks));
    const scraped = [await metricsOf(0), await metricsOf(1)];
    const evaluations = (outcome: string) => scraped.map((text) => sampleValue(text, 'planwatch_alert_evaluations_total', { rule: 'target_gap_default', trigger: 'schedule', outcome }));
    // Every tick: one process evaluated the rule, the other found it taken and skipped it.
    expect(evaluations('evaluated').reduce((a, b) => a + b)).toBe(ticks);
    expect(evaluations('skipped').reduce((a, b) => a + b)).toBe(ticks);

    const claimed = Number(sql(`SELECT count(*) FROM etl_schedule_ticks WHERE job = 'department-inbox'`));
    expect(sql(`SELECT count(*) FROM etl_runs WHERE job = 'department-inbox' AND trigger = 'schedule'`)).toBe(String(claimed));
    expect(scraped.map((text) => sampleValue(text, 'planwatch_etl_runs_total', { job: 'department-inbox', trigger: 'schedule', status: 'succeeded' })).reduce((a, b) => a + b)).toBe(claimed);
    expect(readdirSync(join(env.INBOX_DIR!, 'energy', 'processed'))).toEqual(['能源局月报.csv']);
    // In the review queue, as an upload would be: a file in a folder is no one's approval.
    expect(sql(`SELECT value FROM observations WHERE status = 'submitted' AND indicator_code = 'coal_sales' AND region_code = '${DISTRICT}' AND period = '${PERIOD}'`)).toBe('90.25');
    // Back to its shipped schedule: the backup compares a quiet database.
    expect((await site.request('/api/alerts/rules/target_gap_default', { method: 'PATCH', json: { schedule: shippedSchedule } })).status).toBe(200);
  });
});

describe('backup and restore', () => {
  it('restores into an empty database with the same overview, uploaded file and audit trail', async () => {
    const [batch] = sql(`SELECT id FROM batches WHERE source = 'upload' AND status = 'approved'`).split('\n');
    const token = (await (await fetch(`http://127.0.0.1:${ports.api[0]}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: ADMIN.username, password: ADMIN.chosen }) })).json()).accessToken as string;
    const read = async (base: string, bearer: string) => {
      const get = (path: string) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
      // The overview as computed, less the moment it was computed.
      const { generatedAt: _when, ...overview } = (await (await get(`/api/progress/overview?period=${PERIOD}`)).json()) as Record<string, unknown>;
      return {
        overview,
        file: createHash('sha256').update(Buffer.from(await (await get(`/api/reporting/submissions/${batch}/file`)).arrayBuffer())).digest('hex'),
        audit: (await (await get('/api/audit?limit=1000')).json()) as Array<{ id: string }>,
      };
    };
    const original = await read(`http://127.0.0.1:${ports.api[0]}`, token);
    expect(original.audit.length).toBeGreaterThan(5);

    const folder = join(work, 'backups');
    mkdirSync(folder);
    const backup = npm('backup', [folder]);
    expect(backup.status, backup.stderr).toBe(0);
    const [file] = readdirSync(folder);
    expect(file).toMatch(/^planwatch-planwatch-\d{8}T\d{6}Z\.dump$/);
    expect(backup.stdout).toContain(`backup written: ${join(folder, file!)}`);

    cluster.createDatabase('planwatch_restored', 'planwatch');
    const restored = { DATABASE_URL: databaseUrl('planwatch_restored') };
    const restore = npm('restore', [join(folder, file!)], restored);
    expect(restore.status, restore.stderr).toBe(0);
    // A second restore into the now full database is refused and changes nothing.
    const again = npm('restore', [join(folder, file!)], restored);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/restore into an empty database/);

    const port = await freePort();
    const unit = unitCommand('planwatch-api@.service', String(port));
    const third = startService('api-restored', unit.args, { ...env, ...unit.env, ...restored, CRON_ENABLED: 'false' }, logs);
    services.push(third);
    await waitUntil('the API on the restored database', async () => (await fetch(`http://127.0.0.1:${port}/api/ready`)).status === 200, 60_000, [third]);
    const restoredToken = (await (await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: ADMIN.username, password: ADMIN.chosen }) })).json()).accessToken as string;
    const copy = await read(`http://127.0.0.1:${port}`, restoredToken);
    expect(copy.overview).toEqual(original.overview);
    expect(copy.file).toBe(original.file);
    // The same trail, plus the sign-in just made on the copy.
    const known = new Set(original.audit.map((entry) => entry.id));
    expect(copy.audit.filter((entry) => known.has(entry.id))).toEqual(original.audit);
    expect(copy.audit.filter((entry) => !known.has(entry.id)).map((entry) => (entry as unknown as { action: string }).action)).toEqual(['login']);
    await third.stop();
  });
});
