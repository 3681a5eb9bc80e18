/**
 * The permission matrix: every write endpoint of the API, called as every role, with the exact
 * status each must get — including attempts on another department's batch by id. One table of
 * expectations, one table of outcomes, one comparison; and a check that no write route exists
 * that the matrix does not cover.
 *
 * Outcome codes: the HTTP status; a preview that came back with rows rejected (the caller may
 * not write those figures) reads "201:rejected".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { upload } from './fixtures/reporting-helpers.js';

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

/** Expected outcome of each write endpoint per role. The target is always 能源局's figures or batches unless the name says otherwise. */
const EXPECTED: Record<string, Expectation> = {
  'POST /api/users': row('401', '403', '201', '403', '403', '403', '403', '403'),
  'PATCH /api/users/:id': row('401', '403', '204', '403', '403', '403', '403', '403'),
  'POST /api/auth/password': row('401', '204', '204', '204', '204', '204', '204', '204'),
  'POST /api/auth/logout': row('401', '204', '204', '204', '204', '204', '204', '204'),
  'POST /api/departments': row('401', '403', '201', '403', '403', '403', '403', '403'),
  'PATCH /api/departments/:code': row('401', '403', '204', '403', '403', '403', '403', '403'),
  // 能源局's figures, uploaded or entered: other reporters get a preview whose rows are all rejected.
  'POST /api/reporting/submissions': row('401', '403', '201', '403', '403', '201', '201:rejected', '201:rejected'),
  'POST /api/reporting/entries': row('401', '403', '201', '403', '403', '201', '201:rejected', '201:rejected'),
  // 能源局's preview, by id.
  'POST /api/reporting/submissions/:id/submit': row('401', '403', '200', '403', '403', '200', '403', '403'),
  'POST /api/reporting/submissions/:id/discard': row('401', '403', '200', '403', '403', '200', '403', '403'),
  // 能源局's submission, by id.
  'POST /api/reporting/submissions/:id/approve': row('401', '403', '200', '200', '200', '403', '403', '403'),
  'POST /api/reporting/submissions/:id/return': row('401', '403', '200', '200', '200', '403', '403', '403'),
  // 工信局's submission, by id: 能源局's reviewer is out of scope.
  'POST /api/reporting/submissions/:id/approve (工信局)': row('401', '403', '200', '200', '403', '403', '403', '403'),
  'POST /api/reporting/submissions/:id/return (工信局)': row('401', '403', '200', '200', '403', '403', '403', '403'),
};

/** Public credential exchanges: no principal to check (login is rate-limited and locks accounts instead). */
const PUBLIC_WRITES = ['POST /api/auth/login', 'POST /api/auth/refresh'];

/**
 * Write routes of modules built alongside reporting (ETL, alerts, notifications, briefings) that
 * still need their rows above. Listed so that any other new write route fails the coverage check.
 */
const NOT_YET_IN_MATRIX = [
  'POST /api/etl/jobs/:name/run',
  'POST /api/alerts/notifications/:id/retry',
  'POST /api/alerts/deliver',
  'POST /api/alerts/inbox/read-all',
  'POST /api/alerts/inbox/:id/read',
  'POST /api/alerts/channels',
  'PATCH /api/alerts/channels/:code',
  'DELETE /api/alerts/channels/:code',
  'POST /api/alerts/evaluate',
  'POST /api/alerts/rules',
  'PATCH /api/alerts/rules/:code',
  'DELETE /api/alerts/rules/:code',
  'POST /api/alerts/silences',
  'DELETE /api/alerts/silences/:id',
  'POST /api/alerts/:id/acknowledge',
  'POST /api/alerts/:id/resolve',
  'POST /api/briefings/monthly/archive',
];

describe('permission matrix', () => {
  let app: TestApp;
  const tokens = new Map<Role, string | undefined>();
  let counter = 0;
  let targetUserId = '';

  // Figures used to make fresh previews and submissions: each call gets a figure no other call touched.
  const energyKeys: Array<{ indicator: string; region: string; period: string }> = [];
  for (const region of ['140404201', '140404103', '140404104', '140404107']) {
    for (const month of ['03', '04', '05', '06', '07', '08', '09']) energyKeys.push({ indicator: 'coal_output', region, period: `2026-${month}` });
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
      body: { reason: '权限矩阵测试', rows: [{ ...key, basis: 'month', value: String(100000 + ++counter) }] },
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

  const outcome = (response: { status: number; body: { report?: { rejects: unknown[] } } | undefined }) =>
    response.status === 201 && response.body?.report ? (response.body.report.rejects.length > 0 ? '201:rejected' : '201') : String(response.status);

  /** One call of each endpoint as one role, each against its own fresh target. */
  const CALLS: Record<string, (role: Role, token: string | undefined) => Promise<string>> = {
    'POST /api/users': async (role, token) =>
      outcome(await app.request('/api/users', { method: 'POST', token, body: { username: `matrix_${++counter}`, displayName: role, password: 'Matrix2026pass', role: 'viewer' } })),
    'PATCH /api/users/:id': async (role, token) => outcome(await app.request(`/api/users/${targetUserId}`, { method: 'PATCH', token, body: { displayName: `changed by ${role}` } })),
    'POST /api/auth/password': async (role, token) => {
      const response = await app.request('/api/auth/password', { method: 'POST', token, body: { currentPassword: 'planwatch2026', newPassword: 'Planwatch2027x' } });
      if (response.status === 204) {
        const back = await app.request('/api/auth/password', { method: 'POST', token, body: { currentPassword: 'Planwatch2027x', newPassword: 'planwatch2026' } });
        if (back.status !== 204) throw new Error(`could not restore ${role}'s password: ${back.status}`);
      }
      return outcome(response);
    },
    'POST /api/auth/logout': async (_role, token) => outcome(await app.request('/api/auth/logout', { method: 'POST', token })),
    'POST /api/departments': async (role, token) =>
      outcome(await app.request('/api/departments', { method: 'POST', token, body: { code: `matrix_${++counter}`, name: `矩阵测试部门${counter}`, kind: 'zone', regionCode: '140404400' } })),
    'PATCH /api/departments/:code': async (role, token) =>
      outcome(await app.request('/api/departments/zone_zhenxing', { method: 'PATCH', token, body: { name: `振兴乡村生态文化旅游区管委会（${++counter}）` } })),
    'POST /api/reporting/submissions': async (role, token) => {
      const region = role === 'admin' ? '140404104' : '140404201';
      const csv = `指标编码,地区编码,期间,口径,数值\ncoal_output,${region},2026-11,当月,${60 + ++counter / 100}\n`;
      return outcome(await upload(app, token, Buffer.from(csv), 'matrix.csv'));
    },
    'POST /api/reporting/entries': async (role, token) => {
      const indicator = role === 'admin' ? 'coal_rail_shipment' : 'coal_sales';
      const basis = indicator === 'coal_sales' ? 'ytd' : 'month';
      return outcome(await app.request('/api/reporting/entries', { method: 'POST', token, body: { period: '2026-11', rows: [{ indicator, region: '140404', basis, value: String(2900 + ++counter) }] } }));
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
  };

  beforeAll(async () => {
    app = await startTestApp();
    tokens.set('anonymous', undefined);
    for (const role of ROLES) if (role !== 'anonymous') tokens.set(role, await app.login(USERNAMES[role]));
    const target = await app.request('/api/users', { method: 'POST', token: tokens.get('admin'), body: { username: 'matrix_target', displayName: 'target', password: 'Matrix2026pass', role: 'viewer' } });
    targetUserId = target.body.id as string;
  });
  afterAll(() => app.close());

  it('gives every role exactly the access the policy allows, on every write endpoint', async () => {
    const actual: Record<string, Partial<Expectation>> = {};
    for (const [endpoint, call] of Object.entries(CALLS)) {
      actual[endpoint] = {};
      for (const role of ROLES) actual[endpoint]![role] = await call(role, tokens.get(role));
    }
    expect(actual).toEqual(EXPECTED);
  }, 180_000);

  it('covers every write route the application serves', () => {
    const instance = app.app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
    type Layer = { route?: { path: string; methods: Record<string, boolean> } };
    const stack = (instance.router ?? instance._router)?.stack ?? [];
    const writes = stack
      .filter((layer) => layer.route)
      .flatMap((layer) => Object.keys(layer.route!.methods).filter((m) => ['post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${layer.route!.path}`));
    const covered = new Set([...Object.keys(EXPECTED).map((k) => k.replace(/ \(.*\)$/, '')), ...PUBLIC_WRITES]);
    expect(writes.length).toBeGreaterThan(10);
    for (const endpoint of Object.keys(EXPECTED)) expect(writes, endpoint).toContain(endpoint.replace(/ \(.*\)$/, ''));
    expect(writes.filter((w) => !covered.has(w) && !NOT_YET_IN_MATRIX.includes(w)), 'write endpoints missing from the permission matrix').toEqual([]);
  });
});
