/**
 * Two writers putting the same figure in force at once: an ETL load and a reviewer's approval.
 * The one-approved-version index lets one through; the ETL load then runs again against the
 * figure now in force (a new revision), and the approval answers 409 with nothing changed.
 * Previews of the same figure at once take turns under a figure lock and check pending
 * versions again inside their transaction: another department's draft gives 409, never 500.
 */
import { EtlRunner, fileJob, loadRecords, urlConnector } from '@planwatch/etl';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';

const XIHUO = '140404103';
const FIGURE = { indicator: 'coal_output', region: XIHUO, period: '2026-10', basis: 'month' } as const;

/** An open transaction holding a newly approved version of FIGURE, not yet committed. */
async function holdApprovedVersion(url: string, value: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  const { rows } = await client.query<{ id: string }>(`INSERT INTO batches (source, status) VALUES ('etl', 'loaded') RETURNING id`);
  await loadRecords(client, [{ ...FIGURE, value, position: { file: 'holder', row: 1 } }], { batchId: rows[0]!.id, status: 'approved' });
  return client;
}

/** Waits until some session of the database is blocked on a lock (the second writer). */
async function untilSomeoneWaits(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let i = 0; i < 200; i += 1) {
      const { rows } = await client.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      if (rows.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('nobody waited for the lock');
  } finally {
    await client.end();
  }
}

async function versions(url: string): Promise<Array<{ status: string; value: string; revision: number }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT status, value::text AS value, revision FROM observations
        WHERE indicator_code = $1 AND region_code = $2 AND period = $3 AND basis = $4 AND status IN ('approved','superseded') ORDER BY revision`,
      [FIGURE.indicator, FIGURE.region, FIGURE.period, FIGURE.basis],
    );
    return rows;
  } finally {
    await client.end();
  }
}

/** An open transaction holding another department's (西火镇's) preview draft of FIGURE, not yet committed. */
async function holdDraft(url: string, value: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  const { rows } = await client.query<{ id: string }>(`INSERT INTO batches (source, status, department_code) VALUES ('online', 'preview', 'town_xihuo') RETURNING id`);
  await loadRecords(client, [{ ...FIGURE, value, position: { file: 'holder', row: 1 } }], { batchId: rows[0]!.id, status: 'draft', departmentCode: 'town_xihuo' });
  return client;
}

async function pending(url: string): Promise<Array<{ status: string; value: string; department_code: string }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT o.status, o.value::text AS value, b.department_code FROM observations o JOIN batches b ON b.id = o.batch_id
        WHERE o.indicator_code = $1 AND o.region_code = $2 AND o.period = $3 AND o.basis = $4 AND o.status IN ('draft','submitted')`,
      [FIGURE.indicator, FIGURE.region, FIGURE.period, FIGURE.basis],
    );
    return rows;
  } finally {
    await client.end();
  }
}

describe('previews of the same figure at once', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.close());

  const entry = (token: string, value: string) =>
    app.request('/api/reporting/entries', { method: 'POST', token, body: { period: FIGURE.period, reason: '更正', rows: [{ ...FIGURE, value }] } });

  it("a preview racing another department's uncommitted draft of the figure answers 409 in Chinese, not 500, and takes nothing", async () => {
    // Only the town reports its coal; an administrator (no department) is the other writer there can be.
    const admin = await app.login('admin');
    const holder = await holdDraft(app.databaseUrl, '88');
    const preview = entry(admin, '89');
    await untilSomeoneWaits(app.databaseUrl);
    await holder.query('COMMIT');
    await holder.end();
    const answer = await preview;
    expect(answer.status, JSON.stringify(answer.body)).toBe(409);
    expect(answer.body.message).toMatch(/^(同一数据刚被其他部门或导入同时填报|其他部门刚刚填报了同一数据).*请/);
    expect(await pending(app.databaseUrl)).toEqual([{ status: 'draft', value: '88', department_code: 'town_xihuo' }]);
  });

  it('parallel previews of one figure by one department take turns: every one answers, the last holds the draft', async () => {
    const xihuo = await app.login('xihuo');
    const discard = await app.request('/api/reporting/submissions?status=preview', { token: xihuo });
    for (const batch of discard.body) await app.request(`/api/reporting/submissions/${batch.id}/discard`, { method: 'POST', token: xihuo });
    const answers = await Promise.all(['90.1', '90.2', '90.3', '90.4', '90.5', '90.6'].map((value) => entry(xihuo, value)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const drafts = await pending(app.databaseUrl);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ status: 'draft', department_code: 'town_xihuo' });
    const batches = await Promise.all(answers.map((a) => app.request(`/api/reporting/submissions/${a.body.id}`, { token: xihuo })));
    const holding = batches.filter((b) => b.body.pendingRows === 1);
    expect(holding).toHaveLength(1);
    expect(holding[0]!.body.report.rows[0].value).toBe(drafts[0]!.value);
  });
});

describe('the same figure put in force twice at once', () => {
  let app: TestApp;
  let dir: string;
  beforeAll(async () => {
    app = await startTestApp();
    dir = mkdtempSync(path.join(tmpdir(), 'planwatch-concurrent-'));
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an ETL load that loses the race loads again against the version now in force', async () => {
    const before = (await versions(app.databaseUrl)).at(-1)!;
    const file = path.join(dir, 'coal.csv');
    writeFileSync(file, `指标编码,地区编码,期间,口径,数值,单位\n${FIGURE.indicator},${XIHUO},${FIGURE.period},当月,91.5,万吨\n`);
    const holder = await holdApprovedVersion(app.databaseUrl, '90.25');
    const runner = new EtlRunner({ connector: urlConnector(app.databaseUrl, 'planwatch-test') });
    const run = runner.run(fileJob(file, { name: 'concurrent' }), { trigger: 'cli' });
    await untilSomeoneWaits(app.databaseUrl);
    await holder.query('COMMIT');
    await holder.end();
    const summary = await run;
    expect(summary).toMatchObject({ status: 'succeeded', rowsLoaded: 1 });
    expect((await versions(app.databaseUrl)).slice(-3)).toEqual([
      { status: 'superseded', value: before.value, revision: before.revision },
      { status: 'superseded', value: '90.25', revision: before.revision + 1 },
      { status: 'approved', value: '91.5', revision: before.revision + 2 },
    ]);
  });

  it("a reviewer's approval that loses the race answers 409 and leaves the submission as it was", async () => {
    const xihuo = await app.login('xihuo');
    const entry = await app.request('/api/reporting/entries', {
      method: 'POST',
      token: xihuo,
      body: { period: FIGURE.period, reason: '按企业核定数更正', rows: [{ ...FIGURE, value: '93' }] },
    });
    expect(entry.status).toBe(201);
    expect((await app.request(`/api/reporting/submissions/${entry.body.id}/submit`, { method: 'POST', token: xihuo, body: { reason: '按企业核定数更正' } })).status).toBe(200);
    // 能源局 is the 审核单位 of the town's coal.
    const reviewer = await app.login('energy_review');
    const inForce = (await versions(app.databaseUrl)).at(-1)!;

    const holder = await holdApprovedVersion(app.databaseUrl, '92.75');
    const approval = app.request(`/api/reporting/submissions/${entry.body.id}/approve`, { method: 'POST', token: reviewer, body: {} });
    await untilSomeoneWaits(app.databaseUrl);
    await holder.query('COMMIT');
    await holder.end();
    const answer = await approval;
    expect(answer.status).toBe(409);
    expect(answer.body.message).toBe('部分数据刚被其他导入或审核更新，请刷新后重试');
    expect((await app.request(`/api/reporting/submissions/${entry.body.id}`, { token: reviewer })).body.status).toBe('submitted');
    expect((await versions(app.databaseUrl)).at(-1)).toEqual({ status: 'approved', value: '92.75', revision: inForce.revision + 1 });
  });
});
