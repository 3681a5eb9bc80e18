/**
 * The permission matrix: every endpoint of the API, called as every role, with the exact
 * outcome each must get — including attempts on another department's batch by id. One table of
 * expectations per kind (writes, reads), one table of outcomes, one comparison; and a check that
 * no route exists that the matrix does not cover.
 *
 * Outcome codes: the HTTP status; a preview that came back with rows rejected (the caller may
 * not write those figures) reads "201:rejected". A read of a list says whether 能源局's item is in
 * it ("200:listed" / "200:absent"), and the alert list how it is shown ("200:full" / "200:public").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { upload } from './fixtures/reporting-helpers.js';
import { REPORTING_NOW } from './support/constants.js';

const ROLES = ['anonymous', 'viewer', 'admin', 'reviewer:统计局', 'reviewer:能源局', 'reporter:能源局', 'reporter:工信局', 'reporter:西火镇'] as const;
type Role = (typeof ROLES)[number];
const USERNAMES: Record<Exclude<Role, 'anonymous'>, string> = {
  viewer: 'leader',
  admin: 'admin',
  'reviewer:统计局': 'stats',
  'reviewer:能源局': 'energy_review',
  'reporter:能源局': 'energy',
  'reporter:工信局': 'industry',
  'reporter:西火镇': 'xihuo',
};

type Expectation = Record<Role, string>;
const row = (anonymous: string, viewer: string, admin: string, stats: string, energyReview: string, energy: string, industry: string, xihuo: string): Expectation => ({
  anonymous,
  viewer,
  admin,
  'reviewer:统计局': stats,
  'reviewer:能源局': energyReview,
  'reporter:能源局': energy,
  'reporter:工信局': industry,
  'reporter:西火镇': xihuo,
});

/** Expected outcome of each write endpoint per role. The target is always 能源局's figures, batches, alerts or notifications unless the name says otherwise. */
const EXPECTED: Record<string, Expectation> = {
  'POST /api/users': row('401', '403', '201', '403', '403', '403', '403', '403'),
  'PATCH /api/users/:id': row('401', '403', '204', '403', '403', '403', '403', '403'),
  'POST /api/auth/password': row('401', '204', '204', '204', '204', '204', '204', '204'),
  'POST /api/auth/logout': row('401', '204', '204', '204', '204', '204', '204', '204'),
  'POST /api/departments': row('401', '403', '201', '403', '403', '403', '403', '403'),
  'PATCH /api/departments/:code': row('401', '403', '204', '403', '403', '403', '403', '403'),
  // 能源局's figures (the district's), uploaded or entered: other reporters get a preview whose rows are all rejected.
  'POST /api/reporting/submissions': row('401', '403', '201', '403', '403', '201', '201:rejected', '201:rejected'),
  'POST /api/reporting/entries': row('401', '403', '201', '403', '403', '201', '201:rejected', '201:rejected'),
  // 能源局's preview, by id.
  'POST /api/reporting/submissions/:id/submit': row('401', '403', '200', '403', '403', '200', '403', '403'),
  'POST /api/reporting/submissions/:id/discard': row('401', '403', '200', '403', '403', '200', '403', '403'),
  // 能源局's submission, by id: only a reviewer of its 审核单位 (能源局) decides it; 统计局 sees it, may not decide it.
  'POST /api/reporting/submissions/:id/approve': row('401', '403', '200', '403', '200', '403', '403', '403'),
  'POST /api/reporting/submissions/:id/return': row('401', '403', '200', '403', '200', '403', '403', '403'),
  // 工信局's submission, by id: 工信局 is its 审核单位; 能源局's and 统计局's reviewers are out of scope.
  'POST /api/reporting/submissions/:id/approve (工信局)': row('401', '403', '200', '403', '403', '403', '403', '403'),
  'POST /api/reporting/submissions/:id/return (工信局)': row('401', '403', '200', '403', '403', '403', '403', '403'),
  // 催报 to 西池乡 for October: 统计局 (and 发改局) or an administrator.
  'POST /api/reporting/reminders': row('401', '403', '200', '200', '403', '403', '403', '403'),
  // Administration of ETL, alerts, notifications and briefings: administrators only.
  'POST /api/etl/jobs/:name/run': row('401', '403', '200', '403', '403', '403', '403', '403'),
  'POST /api/alerts/evaluate': row('401', '403', '200', '403', '403', '403', '403', '403'),
  'POST /api/alerts/rules': row('401', '403', '201', '403', '403', '403', '403', '403'),
  'PATCH /api/alerts/rules/:code': row('401', '403', '200', '403', '403', '403', '403', '403'),
  'DELETE /api/alerts/rules/:code': row('401', '403', '204', '403', '403', '403', '403', '403'),
  'POST /api/alerts/silences': row('401', '403', '201', '403', '403', '403', '403', '403'),
  'DELETE /api/alerts/silences/:id': row('401', '403', '204', '403', '403', '403', '403', '403'),
  'POST /api/alerts/channels': row('401', '403', '201', '403', '403', '403', '403', '403'),
  'PATCH /api/alerts/channels/:code': row('401', '403', '200', '403', '403', '403', '403', '403'),
  'DELETE /api/alerts/channels/:code': row('401', '403', '204', '403', '403', '403', '403', '403'),
  'POST /api/alerts/deliver': row('401', '403', '200', '403', '403', '403', '403', '403'),
  'POST /api/alerts/channels/:code/test': row('401', '403', '200', '403', '403', '403', '403', '403'),
  // A dead notification of 能源局's alert, sent again (answered 201: the route sets no 200).
  'POST /api/alerts/notifications/:id/retry': row('401', '403', '200', '403', '403', '403', '403', '403'),
  'POST /api/briefings/monthly/archive': row('401', '403', '200', '403', '403', '403', '403', '403'),
  'PUT /api/briefings/monthly/:period/next-steps': row('401', '403', '200', '403', '403', '403', '403', '403'),
  // 能源局's firing alert, by id: the departments told (only 能源局) or an administrator may act; the leader
  // sees it but may not act; to any other department it does not exist. Closing it is a reviewer's: a 填报员 may only acknowledge.
  'POST /api/alerts/:id/acknowledge': row('401', '403', '200', '404', '200', '200', '404', '404'),
  'POST /api/alerts/:id/resolve': row('401', '403', '200', '404', '200', '403', '404', '404'),
  // The caller's own department inbox; accounts without a department (administrator, leader) have none to mark: 400.
  'POST /api/alerts/inbox/read-all': row('401', '400', '400', '200', '200', '200', '200', '200'),
  // A notification in 能源局's inbox, by id: not in any other department's inbox.
  'POST /api/alerts/inbox/:id/read': row('401', '400', '400', '404', '200', '200', '404', '404'),
  // 督办 of 能源局: leaders and administrators open, close and return; 能源局's reporter and reviewer
  // sign and reply; to any other department it does not exist.
  'POST /api/supervision': row('401', '201', '201', '403', '403', '403', '403', '403'),
  'POST /api/supervision/:id/sign': row('401', '403', '403', '404', '200', '200', '404', '404'),
  'POST /api/supervision/:id/replies': row('401', '403', '403', '404', '200', '200', '404', '404'),
  'POST /api/supervision/:id/return': row('401', '200', '200', '404', '403', '403', '404', '404'),
  'POST /api/supervision/:id/close': row('401', '200', '200', '404', '403', '403', '404', '404'),
};

const SUPERVISION = { subject: { kind: 'indicator', indicatorCode: 'coal_output', regionCode: '140404' }, departmentCode: 'energy', request: '权限矩阵测试督办' };
const REPLY = { reason: '权限矩阵测试', measures: '权限矩阵测试', expectedBy: '2026-12-31' };

/** Public credential exchanges: no principal to check (login is rate-limited and locks accounts instead). */
const PUBLIC_WRITES = ['POST /api/auth/login', 'POST /api/auth/refresh'];

const SIGNED_IN = row('401', '200', '200', '200', '200', '200', '200', '200');
const ADMINS = row('401', '403', '200', '403', '403', '403', '403', '403');
const REVIEWERS = row('401', '403', '200', '200', '200', '403', '403', '403');

/**
 * Expected outcome of each read endpoint that needs a signed-in user, per role. The target is 能源局's
 * submitted upload of the district's coal sales (a pending figure), its firing alert and the notification in
 * its inbox, unless the name says otherwise.
 */
const EXPECTED_READS: Record<string, Expectation> = {
  'GET /api/auth/me': SIGNED_IN,
  'GET /api/users': ADMINS,
  'GET /api/audit': ADMINS,
  'GET /api/departments': SIGNED_IN,
  // The caller's own calendar and template; accounts without a department name one (400 without).
  'GET /api/reporting/tasks': row('401', '400', '400', '200', '200', '200', '200', '200'),
  'GET /api/reporting/template': row('401', '400', '400', '200', '200', '200', '200', '200'),
  // 报送进度: 统计局, 发改局, leaders and administrators.
  'GET /api/reporting/progress': row('401', '200', '200', '200', '403', '403', '403', '403'),
  'GET /api/reporting/submissions': row('401', '200:listed', '200:listed', '200:listed', '200:listed', '200:listed', '200:absent', '200:absent'),
  'GET /api/reporting/submissions/:id': row('401', '200', '200', '200', '200', '200', '403', '403'),
  'GET /api/reporting/submissions/:id/file': row('401', '200', '200', '200', '200', '200', '403', '403'),
  // The figure's versions: the one in force for everyone signed in; the pending one for those who may see its batch.
  'GET /api/observations/history': row('401', '200:listed', '200:listed', '200:listed', '200:listed', '200:listed', '200:absent', '200:absent'),
  // Approved figures of October: 西火镇's coal output for those who review it (能源局's reviewer, 统计局), leaders and 西火镇 itself;
  // 能源局's reporter reports the district's figures only.
  'GET /api/reporting/export': row('401', '200:listed', '200:listed', '200:listed', '200:listed', '200:absent', '200:absent', '200:listed'),
  // Public for the wall screen, but what is shown depends on who asks: anonymous callers get the public view.
  'GET /api/alerts': row('200:public', '200:full', '200:full', '200:absent', '200:full', '200:full', '200:absent', '200:absent'),
  'GET /api/alerts/notifications': row('401', '200:listed', '200:listed', '200:absent', '200:listed', '200:listed', '200:absent', '200:absent'),
  'GET /api/alerts/inbox': row('401', '400', '400', '200:absent', '200:listed', '200:listed', '200:absent', '200:absent'),
  'GET /api/alerts/silences': SIGNED_IN,
  'GET /api/alerts/runs': ADMINS,
  'GET /api/alerts/rules': ADMINS,
  'GET /api/alerts/rules/:code': ADMINS,
  'GET /api/alerts/channels': ADMINS,
  'GET /api/alerts/delivery-settings': ADMINS,
  'GET /api/etl/jobs': REVIEWERS,
  'GET /api/etl/runs': REVIEWERS,
  'GET /api/etl/runs/:id': REVIEWERS,
  // A 督办 of 能源局 with a file attached to its reply: leaders, administrators and 能源局 see it; to others it does not exist.
  'GET /api/supervision': row('401', '200:listed', '200:listed', '200:absent', '200:listed', '200:listed', '200:absent', '200:absent'),
  'GET /api/supervision/:id': row('401', '200', '200', '404', '200', '200', '404', '404'),
  'GET /api/supervision/attachments/:id': row('401', '200', '200', '404', '200', '200', '404', '404'),
  // Everyone's 红黑榜 with its parts, for everyone signed in (the summary is public).
  'GET /api/ranking': SIGNED_IN,
};

/** Reads anyone may make, signed in or not (the wall screen, the public pages, probes). */
const PUBLIC_READS: Record<string, string> = {
  'GET /api/plan': '/api/plan',
  'GET /api/progress/overview': '/api/progress/overview',
  'GET /api/progress/chains/:code': '/api/progress/chains/green_coal',
  'GET /api/progress/regions/:code': '/api/progress/regions/140404201',
  'GET /api/progress/indicators/:code': '/api/progress/indicators/coal_output',
  'GET /api/projects': '/api/projects',
  'GET /api/projects/:code': '',
  'GET /api/briefings/monthly': '/api/briefings/monthly?period=2026-10&format=json',
  'GET /api/briefings/archive': '/api/briefings/archive',
  'GET /api/briefings/archive/:period': '/api/briefings/archive/2026-10?format=html',
  'GET /api/health': '/api/health',
  'GET /api/ready': '/api/ready',
  'GET /api/metrics': '/api/metrics',
  'GET /api/supervision/summary': '/api/supervision/summary',
  'GET /api/ranking/summary': '/api/ranking/summary',
};

describe('permission matrix', () => {
  let app: TestApp;
  const tokens = new Map<Role, string | undefined>();
  let counter = 0;
  let targetUserId = '';
  /** An empty department inbox of its own, so the inbox ETL job runs on nothing and moves no one's files. */
  let etlInbox = '';

  // Figures used to make fresh previews and submissions: each call gets a figure no other call touched
  // (能源局's own: the district's rail shipments, March to December of earlier years, March to September of this one).
  const energyKeys: Array<{ indicator: string; region: string; period: string }> = [];
  for (const year of ['2023', '2024', '2025']) {
    for (const month of ['03', '04', '05', '06', '07', '08', '09', '10', '11', '12']) energyKeys.push({ indicator: 'coal_rail_shipment', region: '140404', period: `${year}-${month}` });
  }
  for (const month of ['03', '04', '05', '06', '07', '08', '09']) energyKeys.push({ indicator: 'coal_rail_shipment', region: '140404', period: `2026-${month}` });
  const industryKeys: Array<{ indicator: string; region: string; period: string }> = [];
  for (const indicator of ['pv_glass_output', 'nev_output', 'granule_output']) {
    for (const month of ['01', '02', '03', '04', '05', '06', '07', '08']) industryKeys.push({ indicator, region: '140404', period: `2026-${month}` });
  }

  async function freshPreview(department: 'energy' | 'industry'): Promise<string> {
    const key = (department === 'energy' ? energyKeys : industryKeys).shift();
    if (!key) throw new Error('figure pool exhausted');
    const token = tokens.get(department === 'energy' ? 'reporter:能源局' : 'reporter:工信局');
    const response = await app.request('/api/reporting/entries', {
      method: 'POST',
      token,
      // A value far off its neighbours: the 说明 it needs comes with it.
      body: { reason: '权限矩阵测试', rows: [{ ...key, basis: 'month', value: String(100000 + ++counter), note: '权限矩阵测试数据' }] },
    });
    if (response.status !== 201 || response.body.rowsRejected !== 0) throw new Error(`fresh preview: ${response.status} ${JSON.stringify(response.body.report?.rejects ?? response.body)}`);
    return response.body.id as string;
  }

  async function freshSubmission(department: 'energy' | 'industry'): Promise<string> {
    const id = await freshPreview(department);
    const token = tokens.get(department === 'energy' ? 'reporter:能源局' : 'reporter:工信局');
    const response = await app.request(`/api/reporting/submissions/${id}/submit`, { method: 'POST', token, body: { reason: '权限矩阵测试' } });
    if (response.status !== 200) throw new Error(`fresh submission: ${response.status} ${JSON.stringify(response.body)}`);
    return id;
  }

  /** A call the matrix needs to succeed as an administrator, to prepare a target. */
  async function asAdmin(what: string, status: number, url: string, init: { method?: string; body?: unknown } = {}): Promise<any> {
    const response = await app.request(url, { ...init, token: tokens.get('admin') });
    if (response.status !== status) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** A fresh target-gap rule on the district's advanced coal capacity (owned by 能源局); a disabled one never fires. */
  async function freshRule(enabled: boolean): Promise<string> {
    const code = `matrix_gap_${++counter}`;
    await asAdmin('fresh rule', 201, '/api/alerts/rules', {
      method: 'POST',
      body: { code, type: 'target_gap', name: `权限矩阵规则${counter}`, schedule: '0 8 * * *', enabled, scope: { indicators: ['intelligent_mines'], regions: ['140404'] } },
    });
    return code;
  }

  /** A fresh disabled channel (so it is told of nothing). */
  async function freshChannel(): Promise<string> {
    const code = `matrix_channel_${++counter}`;
    await asAdmin('fresh channel', 201, '/api/alerts/channels', { method: 'POST', body: { code, kind: 'webhook', enabled: false, config: { url: 'http://127.0.0.1:9/matrix' } } });
    return code;
  }

  /** A fresh 督办 of 能源局, brought to `state` by the leader and 能源局's reporter. */
  async function freshSupervision(state: 'open' | 'signed' | 'replied'): Promise<string> {
    const opened = await app.request('/api/supervision', { method: 'POST', token: tokens.get('viewer'), body: SUPERVISION });
    if (opened.status !== 201) throw new Error(`fresh 督办: ${opened.status} ${JSON.stringify(opened.body)}`);
    const id = opened.body.id as string;
    const energy = tokens.get('reporter:能源局');
    if (state !== 'open') await app.request(`/api/supervision/${id}/sign`, { method: 'POST', token: energy });
    if (state === 'replied') await app.request(`/api/supervision/${id}/replies`, { method: 'POST', token: energy, body: REPLY });
    return id;
  }

  /** A fresh silence of a fingerprint no alert has. */
  async function freshSilence(): Promise<string> {
    const body = await asAdmin('fresh silence', 201, '/api/alerts/silences', {
      method: 'POST',
      body: { fingerprint: `matrix_silence_${++counter}:none`, endsAt: '2026-12-31T00:00:00+08:00', reason: '权限矩阵测试' },
    });
    return body.id as string;
  }

  /**
   * `n` fresh firing alerts of 能源局, each under a new rule on the district's intelligent mines
   * (behind their plan path on the sample data, told to 能源局 alone, and no call here reports them),
   * evaluated in one go as an administrator; with the notification each put in 能源局's inbox.
   */
  async function freshEnergyAlerts(n: number): Promise<Array<{ alertId: string; inboxId: string }>> {
    const rules: string[] = [];
    for (let i = 0; i < n; i++) rules.push(await freshRule(true));
    await asAdmin('evaluate', 200, '/api/alerts/evaluate', { method: 'POST', body: { rules } });
    type Alert = { id: string; ruleCode: string; state: string; departmentCode: string; departments: string[] };
    const alerts = ((await asAdmin('fresh alerts', 200, '/api/alerts?department=energy&limit=500')).items as Alert[]).filter((a) => rules.includes(a.ruleCode));
    if (alerts.length !== n || alerts.some((a) => a.state !== 'firing' || a.departmentCode !== 'energy' || a.departments.join() !== 'energy')) {
      throw new Error(`fresh alerts of 能源局: ${JSON.stringify(alerts)}`);
    }
    type Notification = { id: string; alertId: string; departmentCode: string };
    const inbox = (await asAdmin('inbox notifications', 200, '/api/alerts/notifications?channel=in_app&department=energy&limit=500')).items as Notification[];
    return alerts.map((alert) => {
      const told = inbox.filter((item) => item.alertId === alert.id);
      if (told.length !== 1) throw new Error(`inbox notification of alert ${alert.id}: ${JSON.stringify(told)}`);
      return { alertId: alert.id, inboxId: told[0]!.id };
    });
  }

  /** `n` fresh dead notifications: 能源局's new alerts told to a new webhook channel, which is then retired, so the sends fail for good. */
  async function freshDeadNotifications(n: number): Promise<string[]> {
    const channel = `matrix_hook_${++counter}`;
    await asAdmin('fresh webhook channel', 201, '/api/alerts/channels', { method: 'POST', body: { code: channel, kind: 'webhook', departmentCode: 'energy', config: { url: 'http://127.0.0.1:9/matrix' } } });
    await freshEnergyAlerts(n);
    await asAdmin('retire channel', 200, `/api/alerts/channels/${channel}`, { method: 'PATCH', body: { enabled: false } });
    await asAdmin('deliver', 200, '/api/alerts/deliver', { method: 'POST' });
    const notifications = await asAdmin('dead notifications', 200, `/api/alerts/notifications?channel=${channel}&limit=500`);
    if (notifications.total !== n || notifications.items.some((item: { status: string }) => item.status !== 'dead')) throw new Error(`fresh dead notifications: ${JSON.stringify(notifications)}`);
    return notifications.items.map((item: { id: string }) => item.id);
  }

  /** Targets made in one go for the calls of one endpoint (one evaluation instead of one per call); each call takes its own. */
  const pools = new Map<string, Promise<unknown[]>>();
  async function take<T>(pool: string, make: (n: number) => Promise<T[]>): Promise<T> {
    if (!pools.has(pool)) pools.set(pool, make(ROLES.length));
    const target = (await pools.get(pool)!).shift() as T | undefined;
    if (target === undefined) throw new Error(`${pool}: no fresh target left`);
    return target;
  }

  const outcome = (response: { status: number; body: { report?: { rejects: unknown[] } } | undefined }) =>
    response.status === 201 && response.body?.report ? (response.body.report.rejects.length > 0 ? '201:rejected' : '201') : String(response.status);

  /** One call of each endpoint as one role, each against its own fresh target. */
  const CALLS: Record<string, (role: Role, token: string | undefined) => Promise<string>> = {
    'POST /api/users': async (role, token) =>
      outcome(await app.request('/api/users', { method: 'POST', token, body: { username: `matrix_${++counter}`, displayName: role, password: 'Matrix2026pass', role: 'viewer' } })),
    'PATCH /api/users/:id': async (role, token) => outcome(await app.request(`/api/users/${targetUserId}`, { method: 'PATCH', token, body: { displayName: `changed by ${role}` } })),
    // Both end every session of the user: the role signs in again for the endpoints after them.
    'POST /api/auth/password': async (role, token) => {
      const response = await app.request('/api/auth/password', { method: 'POST', token, body: { currentPassword: 'planwatch2026', newPassword: 'Planwatch2027x' } });
      if (response.status === 204) {
        const changed = await app.login(USERNAMES[role as Exclude<Role, 'anonymous'>], 'Planwatch2027x');
        const back = await app.request('/api/auth/password', { method: 'POST', token: changed, body: { currentPassword: 'Planwatch2027x', newPassword: 'planwatch2026' } });
        if (back.status !== 204) throw new Error(`could not restore ${role}'s password: ${back.status}`);
        tokens.set(role, await app.login(USERNAMES[role as Exclude<Role, 'anonymous'>]));
      }
      return outcome(response);
    },
    'POST /api/auth/logout': async (role, token) => {
      const response = await app.request('/api/auth/logout', { method: 'POST', token });
      if (response.status === 204) tokens.set(role, await app.login(USERNAMES[role as Exclude<Role, 'anonymous'>]));
      return outcome(response);
    },
    'POST /api/departments': async (role, token) =>
      outcome(await app.request('/api/departments', { method: 'POST', token, body: { code: `matrix_${++counter}`, name: `矩阵测试部门${counter}`, kind: 'zone', regionCode: '140404400' } })),
    'PATCH /api/departments/:code': async (role, token) =>
      outcome(await app.request('/api/departments/zone_zhenxing', { method: 'PATCH', token, body: { name: `振兴乡村生态文化旅游区管委会（${++counter}）` } })),
    // The administrator (no department) writes figures no department has a draft of: 八义镇's and 西池乡's coal.
    'POST /api/reporting/submissions': async (role, token) => {
      const figure = role === 'admin' ? 'coal_output,140404104' : 'coal_rail_shipment,140404';
      const csv = `指标编码,地区编码,期间,口径,数值\n${figure},2026-11,当月,${60 + ++counter / 100}\n`;
      return outcome(await upload(app, token, Buffer.from(csv), 'matrix.csv'));
    },
    'POST /api/reporting/entries': async (role, token) => {
      const [indicator, region, basis] = role === 'admin' ? ['coal_output', '140404201', 'month'] : ['coal_sales', '140404', 'ytd'];
      return outcome(await app.request('/api/reporting/entries', { method: 'POST', token, body: { period: '2026-11', rows: [{ indicator, region, basis, value: String(2900 + ++counter) }] } }));
    },
    'POST /api/reporting/submissions/:id/submit': async (_role, token) =>
      outcome(await app.request(`/api/reporting/submissions/${await freshPreview('energy')}/submit`, { method: 'POST', token, body: { reason: '权限矩阵测试' } })),
    'POST /api/reporting/submissions/:id/discard': async (_role, token) =>
      outcome(await app.request(`/api/reporting/submissions/${await freshPreview('energy')}/discard`, { method: 'POST', token })),
    'POST /api/reporting/submissions/:id/approve': async (_role, token) =>
      outcome(await app.request(`/api/reporting/submissions/${await freshSubmission('energy')}/approve`, { method: 'POST', token, body: {} })),
    'POST /api/reporting/submissions/:id/return': async (_role, token) =>
      outcome(await app.request(`/api/reporting/submissions/${await freshSubmission('energy')}/return`, { method: 'POST', token, body: { comment: '权限矩阵测试' } })),
    'POST /api/reporting/submissions/:id/approve (工信局)': async (_role, token) =>
      outcome(await app.request(`/api/reporting/submissions/${await freshSubmission('industry')}/approve`, { method: 'POST', token, body: {} })),
    'POST /api/reporting/submissions/:id/return (工信局)': async (_role, token) =>
      outcome(await app.request(`/api/reporting/submissions/${await freshSubmission('industry')}/return`, { method: 'POST', token, body: { comment: '权限矩阵测试' } })),
    'POST /api/reporting/reminders': async (_role, token) => outcome(await app.request('/api/reporting/reminders', { method: 'POST', token, body: { department: 'town_xichi', period: '2026-10' } })),
    'POST /api/etl/jobs/:name/run': async (_role, token) => outcome(await app.request('/api/etl/jobs/department-inbox/run', { method: 'POST', token })),
    'POST /api/alerts/evaluate': async (_role, token) =>
      outcome(await app.request('/api/alerts/evaluate', { method: 'POST', token, body: { rules: [await freshRule(true)] } })),
    'POST /api/alerts/rules': async (role, token) =>
      outcome(
        await app.request('/api/alerts/rules', {
          method: 'POST',
          token,
          body: { code: `matrix_rule_${++counter}`, type: 'late_submission', name: `${role}的规则`, schedule: '0 9 * * *', enabled: false, scope: { departments: ['energy'] } },
        }),
      ),
    'PATCH /api/alerts/rules/:code': async (role, token) =>
      outcome(await app.request(`/api/alerts/rules/${await freshRule(false)}`, { method: 'PATCH', token, body: { name: `${role}改过的规则` } })),
    'DELETE /api/alerts/rules/:code': async (_role, token) => outcome(await app.request(`/api/alerts/rules/${await freshRule(false)}`, { method: 'DELETE', token })),
    'POST /api/alerts/silences': async (_role, token) =>
      outcome(
        await app.request('/api/alerts/silences', {
          method: 'POST',
          token,
          body: { fingerprint: `matrix_silence_${++counter}:none`, endsAt: '2026-12-31T00:00:00+08:00', reason: '权限矩阵测试' },
        }),
      ),
    'DELETE /api/alerts/silences/:id': async (_role, token) => outcome(await app.request(`/api/alerts/silences/${await freshSilence()}`, { method: 'DELETE', token })),
    'POST /api/alerts/channels': async (_role, token) =>
      outcome(
        await app.request('/api/alerts/channels', {
          method: 'POST',
          token,
          body: { code: `matrix_channel_${++counter}`, kind: 'webhook', enabled: false, config: { url: 'http://127.0.0.1:9/matrix' } },
        }),
      ),
    'PATCH /api/alerts/channels/:code': async (_role, token) =>
      outcome(await app.request(`/api/alerts/channels/${await freshChannel()}`, { method: 'PATCH', token, body: { config: { url: 'http://127.0.0.1:9/changed' } } })),
    'DELETE /api/alerts/channels/:code': async (_role, token) => outcome(await app.request(`/api/alerts/channels/${await freshChannel()}`, { method: 'DELETE', token })),
    'POST /api/alerts/deliver': async (_role, token) => outcome(await app.request('/api/alerts/deliver', { method: 'POST', token })),
    'POST /api/alerts/channels/:code/test': async (_role, token) => outcome(await app.request(`/api/alerts/channels/${await freshChannel()}/test`, { method: 'POST', token })),
    'POST /api/alerts/notifications/:id/retry': async (_role, token) =>
      outcome(await app.request(`/api/alerts/notifications/${await take('retry', freshDeadNotifications)}/retry`, { method: 'POST', token })),
    'POST /api/briefings/monthly/archive': async (_role, token) => outcome(await app.request('/api/briefings/monthly/archive?period=2026-10', { method: 'POST', token })),
    'PUT /api/briefings/monthly/:period/next-steps': async (role, token) =>
      outcome(
        await app.request('/api/briefings/monthly/2026-10/next-steps', {
          method: 'PUT',
          token,
          body: { steps: [{ owners: ['能源局'], action: `${role}核实原煤产量`, due: '2026年12月10日' }] },
        }),
      ),
    'POST /api/alerts/:id/acknowledge': async (role, token) =>
      outcome(await app.request(`/api/alerts/${(await take('acknowledge', freshEnergyAlerts)).alertId}/acknowledge`, { method: 'POST', token, body: { comment: `${role}已核实` } })),
    'POST /api/alerts/:id/resolve': async (role, token) =>
      outcome(await app.request(`/api/alerts/${(await take('resolve', freshEnergyAlerts)).alertId}/resolve`, { method: 'POST', token, body: { comment: `${role}已处理` } })),
    'POST /api/supervision': async (_role, token) => outcome(await app.request('/api/supervision', { method: 'POST', token, body: SUPERVISION })),
    'POST /api/supervision/:id/sign': async (_role, token) => outcome(await app.request(`/api/supervision/${await freshSupervision('open')}/sign`, { method: 'POST', token })),
    'POST /api/supervision/:id/replies': async (_role, token) =>
      outcome(await app.request(`/api/supervision/${await freshSupervision('signed')}/replies`, { method: 'POST', token, body: REPLY })),
    'POST /api/supervision/:id/return': async (_role, token) =>
      outcome(await app.request(`/api/supervision/${await freshSupervision('replied')}/return`, { method: 'POST', token, body: { comment: '请补充措施' } })),
    'POST /api/supervision/:id/close': async (_role, token) => outcome(await app.request(`/api/supervision/${await freshSupervision('replied')}/close`, { method: 'POST', token, body: {} })),
    'POST /api/alerts/inbox/read-all': async (_role, token) => outcome(await app.request('/api/alerts/inbox/read-all', { method: 'POST', token })),
    'POST /api/alerts/inbox/:id/read': async (_role, token) =>
      outcome(await app.request(`/api/alerts/inbox/${(await take('read', freshEnergyAlerts)).inboxId}/read`, { method: 'POST', token })),
  };

  /** What the reads look at: made once, after the writes. */
  let readTargets: { batchId: string; alertId: string; inboxId: string; runId: string; projectCode: string; supervisionId: string; attachmentId: string };

  async function prepareReadTargets(): Promise<typeof readTargets> {
    const energy = tokens.get('reporter:能源局');
    const csv = `指标编码,地区编码,期间,口径,数值,说明\ncoal_sales,140404,2026-11,累计,${2950 + ++counter / 100},权限矩阵测试数据\n`;
    const preview = await upload(app, energy, Buffer.from(csv), 'matrix-read.csv');
    if (preview.status !== 201 || preview.body.rowsRejected !== 0) throw new Error(`read target upload: ${preview.status} ${JSON.stringify(preview.body)}`);
    const submitted = await app.request(`/api/reporting/submissions/${preview.body.id}/submit`, { method: 'POST', token: energy, body: { reason: '权限矩阵测试' } });
    if (submitted.status !== 200) throw new Error(`read target submit: ${submitted.status}`);
    const [{ alertId, inboxId }] = (await freshEnergyAlerts(1)) as [{ alertId: string; inboxId: string }];
    const run = await asAdmin('etl run', 200, '/api/etl/jobs/department-inbox/run', { method: 'POST' });
    const projects = await asAdmin('projects', 200, '/api/projects');
    const supervisionId = await freshSupervision('signed');
    const form = new FormData();
    form.set('reason', '权限矩阵测试');
    form.set('measures', '权限矩阵测试');
    form.set('expectedBy', '2026-12-31');
    form.set('file', new Blob(['矿井,复产日期\n漳村煤矿,2026-11-15\n'], { type: 'text/csv' }), '复产计划.csv');
    const replied = await app.request(`/api/supervision/${supervisionId}/replies`, { method: 'POST', token: energy, body: form });
    if (replied.status !== 200) throw new Error(`read target reply: ${replied.status} ${JSON.stringify(replied.body)}`);
    const attachmentId = replied.body.steps.at(-1).attachments[0].id as string;
    return { batchId: preview.body.id, alertId, inboxId, runId: run.id, projectCode: projects[0].code, supervisionId, attachmentId };
  }

  const listed = (response: { status: number; body: unknown }, found: (body: any) => boolean) =>
    response.status === 200 ? (found(response.body) ? '200:listed' : '200:absent') : String(response.status);

  /** A read whose outcome is its status. */
  const status = (path: () => string) => async (token: string | undefined) => outcome(await app.request(path(), { token }));

  /** One call of each read endpoint as one role. */
  const READS: Record<string, (token: string | undefined) => Promise<string>> = {
    'GET /api/auth/me': status(() => '/api/auth/me'),
    'GET /api/users': status(() => '/api/users'),
    'GET /api/audit': status(() => '/api/audit'),
    'GET /api/departments': status(() => '/api/departments'),
    'GET /api/reporting/tasks': status(() => '/api/reporting/tasks?period=2026-10'),
    'GET /api/reporting/template': status(() => '/api/reporting/template?period=2026-10'),
    'GET /api/reporting/progress': status(() => '/api/reporting/progress?period=2026-10'),
    'GET /api/reporting/submissions': async (token) =>
      listed(await app.request('/api/reporting/submissions?status=submitted&limit=500', { token }), (body) => JSON.stringify(body).includes(readTargets.batchId)),
    'GET /api/reporting/submissions/:id': status(() => `/api/reporting/submissions/${readTargets.batchId}`),
    'GET /api/reporting/submissions/:id/file': status(() => `/api/reporting/submissions/${readTargets.batchId}/file`),
    'GET /api/observations/history': async (token) =>
      listed(await app.request('/api/observations/history?indicator=coal_sales&region=140404&period=2026-11&basis=ytd', { token }), (body) =>
        body.versions.some((v: { batch: { id: string } }) => v.batch.id === readTargets.batchId),
      ),
    'GET /api/reporting/export': async (token) =>
      listed(await app.request('/api/reporting/export?period=2026-10&format=csv', { token }), (body: string) => /^coal_output,[^,\n]*,140404103,/m.test(body)),
    'GET /api/alerts': async (token) => {
      const response = await app.request('/api/alerts?limit=500', { token });
      if (response.status !== 200) return String(response.status);
      const items = response.body.items as Array<Record<string, unknown>>;
      if (!token) return items.every((item) => !('id' in item) && !('acknowledgedBy' in item)) ? '200:public' : '200:leaks';
      return items.some((item) => item.id === readTargets.alertId) ? '200:full' : '200:absent';
    },
    'GET /api/alerts/notifications': async (token) =>
      listed(await app.request('/api/alerts/notifications?limit=500', { token }), (body) => body.items.some((n: { id: string }) => n.id === readTargets.inboxId)),
    'GET /api/alerts/inbox': async (token) =>
      listed(await app.request('/api/alerts/inbox?limit=500', { token }), (body) => body.items.some((n: { id: string }) => n.id === readTargets.inboxId)),
    'GET /api/alerts/silences': status(() => '/api/alerts/silences'),
    'GET /api/alerts/runs': status(() => '/api/alerts/runs'),
    'GET /api/alerts/rules': status(() => '/api/alerts/rules'),
    'GET /api/alerts/rules/:code': status(() => '/api/alerts/rules/target_gap_default'),
    'GET /api/alerts/channels': status(() => '/api/alerts/channels'),
    'GET /api/alerts/delivery-settings': status(() => '/api/alerts/delivery-settings'),
    'GET /api/etl/jobs': status(() => '/api/etl/jobs'),
    'GET /api/etl/runs': status(() => '/api/etl/runs'),
    'GET /api/etl/runs/:id': status(() => `/api/etl/runs/${readTargets.runId}`),
    'GET /api/supervision': async (token) =>
      listed(await app.request('/api/supervision', { token }), (body) => body.items.some((s: { id: string }) => s.id === readTargets.supervisionId)),
    'GET /api/supervision/:id': status(() => `/api/supervision/${readTargets.supervisionId}`),
    'GET /api/supervision/attachments/:id': status(() => `/api/supervision/attachments/${readTargets.attachmentId}`),
    'GET /api/ranking': status(() => '/api/ranking?year=2026'),
  };

  beforeAll(async () => {
    etlInbox = mkdtempSync(path.join(tmpdir(), 'planwatch-matrix-inbox-'));
    // November is over: its figures may be reported.
    app = await startTestApp({ INBOX_DIR: etlInbox }, { now: REPORTING_NOW });
    tokens.set('anonymous', undefined);
    for (const role of ROLES) if (role !== 'anonymous') tokens.set(role, await app.login(USERNAMES[role]));
    const target = await app.request('/api/users', { method: 'POST', token: tokens.get('admin'), body: { username: 'matrix_target', displayName: 'target', password: 'Matrix2026pass', role: 'viewer' } });
    targetUserId = target.body.id as string;
  });
  afterAll(async () => {
    await app?.close();
    if (etlInbox) rmSync(etlInbox, { recursive: true, force: true });
  });

  /** Each endpoint called as each role, one after the other (some calls sign a role in again). */
  async function outcomes(calls: Record<string, (role: Role, token: string | undefined) => Promise<string>>): Promise<Record<string, Partial<Expectation>>> {
    const actual: Record<string, Partial<Expectation>> = {};
    for (const [endpoint, call] of Object.entries(calls)) {
      actual[endpoint] = {};
      for (const role of ROLES) actual[endpoint]![role] = await call(role, tokens.get(role));
    }
    return actual;
  }

  it('gives every role exactly the access the policy allows, on every write endpoint', async () => {
    expect(await outcomes(CALLS)).toEqual(EXPECTED);
  }, 360_000);

  it('gives every role exactly the read access the policy allows, on every read endpoint that needs a sign-in', async () => {
    readTargets = await prepareReadTargets();
    expect(await outcomes(Object.fromEntries(Object.entries(READS).map(([endpoint, read]) => [endpoint, (_role: Role, token: string | undefined) => read(token)])))).toEqual(EXPECTED_READS);
  }, 180_000);

  it('answers every public read without a sign-in', async () => {
    const paths = { ...PUBLIC_READS, 'GET /api/projects/:code': `/api/projects/${readTargets.projectCode}` };
    const statuses = Object.fromEntries(await Promise.all(Object.entries(paths).map(async ([endpoint, path]) => [endpoint, (await app.request(path)).status] as const)));
    expect(statuses).toEqual(Object.fromEntries(Object.keys(paths).map((endpoint) => [endpoint, 200])));
  });

  it('covers every route the application serves', () => {
    const instance = app.app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
    type Layer = { route?: { path: string; methods: Record<string, boolean> } };
    const stack = (instance.router ?? instance._router)?.stack ?? [];
    const routes = stack.filter((layer) => layer.route).flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`));
    const writes = routes.filter((r) => /^(POST|PUT|PATCH|DELETE) /.test(r));
    const reads = routes.filter((r) => r.startsWith('GET ') && !r.startsWith('GET /api/docs'));
    const covered = new Set([...Object.keys(EXPECTED).map((k) => k.replace(/ \(.*\)$/, '')), ...PUBLIC_WRITES, ...Object.keys(EXPECTED_READS), ...Object.keys(PUBLIC_READS)]);
    expect(writes.length).toBeGreaterThan(10);
    expect(reads.length).toBeGreaterThan(10);
    for (const endpoint of Object.keys(EXPECTED)) expect(writes, endpoint).toContain(endpoint.replace(/ \(.*\)$/, ''));
    for (const endpoint of [...Object.keys(EXPECTED_READS), ...Object.keys(PUBLIC_READS)]) expect(reads, endpoint).toContain(endpoint);
    expect(writes.filter((w) => !covered.has(w)), 'write endpoints missing from the permission matrix').toEqual([]);
    expect(reads.filter((r) => !covered.has(r)), 'read endpoints missing from the permission matrix').toEqual([]);
  });
});
