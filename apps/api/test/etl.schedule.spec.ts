/**
 * The API side of ETL: the cron tick (two API processes on one database run each due job once),
 * CRON_ENABLED, the start-up recovery of interrupted runs, and who may list and run jobs.
 */
import { SchedulerRegistry } from '@nestjs/schedule';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase } from '../../../scripts/lib/test-postgres.js';
import { EtlService } from '../src/modules/etl/etl.service.js';
import { startTestApp, type TestApp } from './support/app.js';

/** An instant given as Beijing local time. */
const bj = (local: string) => new Date(`${local}+08:00`);

async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

function drop(dir: string, name: string, text: string): void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, text);
  utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
}

describe('scheduled runs with two API processes on one database', () => {
  let url: string;
  let inbox: string;
  let first: TestApp;
  let second: TestApp;
  let interruptedId: string;

  beforeAll(async () => {
    url = await freshDatabase(inject('database'), 'etl_cron');
    // A run left 'running' by a process that died before this start.
    const [dead] = await query<{ id: string }>(url, `INSERT INTO etl_runs (job, trigger, status, host, pid) VALUES ('department-inbox', 'schedule', 'running', 'old-host', 4242) RETURNING id`);
    interruptedId = dead!.id;
    inbox = mkdtempSync(path.join(tmpdir(), 'planwatch-cron-inbox-'));
    first = await startTestApp({ INBOX_DIR: inbox }, { databaseUrl: url });
    second = await startTestApp({ INBOX_DIR: inbox }, { databaseUrl: url });
  });
  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
    rmSync(inbox, { recursive: true, force: true });
  });

  it('at start-up the API marks runs of dead processes failed (interrupted)', async () => {
    const [run] = await query(url, `SELECT status, error, finished_at FROM etl_runs WHERE id = $1`, [interruptedId]);
    expect(run).toMatchObject({ status: 'failed', error: expect.stringMatching(/^interrupted/), finished_at: expect.any(Date) });
  });

  it('a minute that matches no schedule runs nothing', async () => {
    const summaries = await first.app.get(EtlService).runScheduled(bj('2026-11-23T09:03:00'));
    expect(summaries).toEqual([]);
    expect(await query(url, `SELECT job FROM etl_schedule_ticks`)).toEqual([]);
  });

  it('both processes tick at 09:05: the inbox job runs once, the file is loaded once', async () => {
    drop(path.join(inbox, 'town_xichi'), '西池乡.csv', ['指标编码,地区编码,期间,口径,数值,单位', 'coal_output,140404201,2026-10,当月,79.9,万吨'].join('\n'));
    const at = bj('2026-11-23T09:05:00.250');
    const [a, b] = await Promise.all([first.app.get(EtlService).runScheduled(at), second.app.get(EtlService).runScheduled(at)]);
    expect(a.length + b.length).toBe(1);
    const runs = await query(url, `SELECT job, trigger, status, rows_loaded, pid FROM etl_runs WHERE trigger = 'schedule' AND status <> 'failed'`);
    expect(runs).toEqual([{ job: 'department-inbox', trigger: 'schedule', status: 'succeeded', rows_loaded: 1, pid: process.pid }]);
    expect(await query(url, `SELECT job, slot FROM etl_schedule_ticks`)).toEqual([{ job: 'department-inbox', slot: bj('2026-11-23T09:05:00') }]);
    expect(readdirSync(path.join(inbox, 'town_xichi', 'processed'))).toEqual(['西池乡.csv']);
  });

  it('the same minute delivered again (a late tick, another replica) does not run again', async () => {
    const again = await second.app.get(EtlService).runScheduled(bj('2026-11-23T09:05:40'));
    expect(again).toEqual([]);
    expect(await query(url, `SELECT count(*)::int AS n FROM etl_runs WHERE trigger = 'schedule' AND status <> 'failed'`)).toEqual([{ n: 1 }]);
  });

  it('a job still running elsewhere is skipped by the tick and answered 409 on demand', async () => {
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1, hashtext($2))', [0x45544c32, 'department-inbox']);
      expect(await first.app.get(EtlService).runScheduled(bj('2026-11-23T09:10:00'))).toEqual([]);
      const admin = await first.login('admin');
      const response = await first.request('/api/etl/jobs/department-inbox/run', { method: 'POST', token: admin });
      expect(response.status).toBe(409);
      expect(response.body.message).toBe('任务"department-inbox"正在运行，请稍后再试');
    } finally {
      await holder.end();
    }
    expect(await query(url, `SELECT count(*)::int AS n FROM etl_runs WHERE status <> 'failed'`)).toEqual([{ n: 1 }]);
  });
});

describe('who may list and run jobs', () => {
  let app: TestApp;
  let tokens: Record<'admin' | 'stats' | 'energy' | 'leader', string>;
  let jobsDir: string;

  beforeAll(async () => {
    jobsDir = mkdtempSync(path.join(tmpdir(), 'planwatch-jobs-'));
    mkdirSync(path.join(jobsDir, 'inbox'));
    writeFileSync(path.join(jobsDir, 'quiet.job.yaml'), `name: quiet\ndescription: 空收件箱\nschedule: "0 6 * * *"\nsource: { type: inbox, dir: ${path.join(jobsDir, 'inbox')} }\n`);
    writeFileSync(path.join(jobsDir, 'broken.job.yaml'), 'name: broken\ndescription: x\nschedule: every day\nsource: { type: ftp }\n');
    app = await startTestApp({ ETL_JOBS_DIR: jobsDir });
    const [admin, stats, energy, leader] = await Promise.all(['admin', 'stats', 'energy', 'leader'].map((u) => app.login(u)));
    tokens = { admin: admin!, stats: stats!, energy: energy!, leader: leader! };
  });
  afterAll(async () => {
    await app.close();
    rmSync(jobsDir, { recursive: true, force: true });
  });

  it('GET /api/etl/jobs: admins and reviewers; an invalid job file is listed with every problem and its line', async () => {
    const listed = await app.request('/api/etl/jobs', { token: tokens.stats });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      {
        name: 'broken',
        file: path.join(jobsDir, 'broken.job.yaml'),
        valid: false,
        description: null,
        schedule: null,
        timezone: null,
        enabled: false,
        mode: null,
        source: null,
        nextRunAt: null,
        lastRun: null,
        problems: [
          { path: 'schedule', message: 'cron "every day": expected 5 fields (minute hour day-of-month month day-of-week), got 2', line: 3 },
          { path: 'source.type', message: 'source.type must be one of inbox, file, http, sql', line: 4 },
        ],
      },
      expect.objectContaining({ name: 'quiet', valid: true, schedule: '0 6 * * *', timezone: 'Asia/Shanghai', mode: 'all_or_nothing', source: { type: 'inbox', target: path.join(jobsDir, 'inbox') }, nextRunAt: null, problems: [] }),
    ]);
    expect((await app.request('/api/etl/jobs', { token: tokens.energy })).status).toBe(403);
    expect((await app.request('/api/etl/jobs', { token: tokens.leader })).status).toBe(403);
    expect((await app.request('/api/etl/jobs')).status).toBe(401);
  });

  it('POST /api/etl/jobs/:name/run: admins only; 404 for an unknown job, 422 for an invalid one', async () => {
    expect((await app.request('/api/etl/jobs/quiet/run', { method: 'POST', token: tokens.stats })).status).toBe(403);
    expect((await app.request('/api/etl/jobs/quiet/run', { method: 'POST', token: tokens.energy })).status).toBe(403);
    const missing = await app.request('/api/etl/jobs/nope/run', { method: 'POST', token: tokens.admin });
    expect(missing.status).toBe(404);
    const broken = await app.request('/api/etl/jobs/broken/run', { method: 'POST', token: tokens.admin });
    expect(broken.status).toBe(422);
    expect(broken.body.problems).toHaveLength(2);
    const ok = await app.request('/api/etl/jobs/quiet/run', { method: 'POST', token: tokens.admin });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ job: 'quiet', trigger: 'api', status: 'succeeded' });
    const audit = await app.request('/api/audit?entity=etl_job&entityId=quiet', { token: tokens.admin });
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).toContain('etl_run_requested');
  });
});

describe('CRON_ENABLED', () => {
  it('true: the ETL tick is registered with the scheduler (every minute); false: no scheduler at all', async () => {
    const url = await freshDatabase(inject('database'), 'etl_cron_flag');
    const on = await startTestApp({ CRON_ENABLED: 'true' }, { databaseUrl: url });
    try {
      const job = on.app.get(SchedulerRegistry).getCronJob('etl-jobs');
      expect(job).toBeDefined();
    } finally {
      await on.close();
    }
    const off = await startTestApp({ CRON_ENABLED: 'false' }, { databaseUrl: url });
    try {
      expect(() => off.app.get(SchedulerRegistry)).toThrow();
      // The jobs are still listed; without a scheduler in this process there is no next run.
      const admin = await off.login('admin');
      const jobs = await off.request('/api/etl/jobs', { token: admin });
      expect(jobs.body.find((j: { name: string }) => j.name === 'department-inbox').nextRunAt).toBeNull();
    } finally {
      await off.close();
    }
  });
});
