import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase } from '../../../scripts/lib/test-postgres.js';
import { startApiProcess, type ApiProcess } from './support/api-process.js';
import { sql } from './support/db.js';
import { until } from './support/wait.js';

/**
 * Two API processes on one database, each with its scheduler on (as two machines behind a load
 * balancer run), on the real clock: a rule and an ETL job due every minute run once per minute
 * between them, and when one process goes away the other carries on.
 */
describe('cron in two API processes', () => {
  let databaseUrl: string;
  let jobsDir: string;
  let processes: ApiProcess[] = [];
  /** The system the ETL job reads: counts the requests, answers nothing new. */
  const source = { requests: 0, server: createServer() };

  beforeAll(async () => {
    databaseUrl = await freshDatabase(inject('database'));
    source.server.on('request', (_request, response) => {
      source.requests += 1;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ items: [], nextPage: null }));
    });
    await new Promise<void>((resolve) => source.server.listen(0, '127.0.0.1', resolve));
    jobsDir = mkdtempSync(path.join(tmpdir(), 'planwatch-cron-jobs-'));
    writeFileSync(
      path.join(jobsDir, 'minutely-feed.job.yaml'),
      [
        'name: minutely-feed',
        'description: 每分钟拉取一次的测试数据源',
        'schedule: "* * * * *"',
        'timezone: Asia/Shanghai',
        'mode: all_or_nothing',
        'source:',
        '  type: http',
        `  url: http://127.0.0.1:${(source.server.address() as AddressInfo).port}/feed`,
        '  response:',
        '    items: items',
        '    nextPage: nextPage',
        '  mapping:',
        '    indicator: indicator',
        '    region: region',
        '    period: period',
        '    basis: basis',
        '    value: value',
        '',
      ].join('\n'),
    );
    const env = { DATABASE_URL: databaseUrl, CRON_ENABLED: 'true', ETL_JOBS_DIR: jobsDir };
    processes = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    const [a] = processes;
    const admin = await a!.login('admin');
    const rule = { code: 'minutely_gap', type: 'target_gap', name: '每分钟评估', schedule: '* * * * *', scope: { indicators: ['coal_advanced_capacity'], regions: ['140404'] } };
    expect((await a!.request('/api/alerts/rules', { method: 'POST', token: admin, body: rule })).status).toBe(201);
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    source.server.closeAllConnections();
    await new Promise<void>((resolve) => source.server.close(() => resolve()));
    rmSync(jobsDir, { recursive: true, force: true });
  });

  it('runs each minute’s rule evaluation and ETL job once, and on in the process that is left', async () => {
    const evaluations = (tick: Date) =>
      sql<{ status: string; pid: number }>(databaseUrl, `SELECT status, pid FROM job_runs WHERE job = 'alerts.evaluate:minutely_gap' AND tick_key = $1`, [tick.toISOString()]);
    const loads = (tick: Date) => sql<{ pid: number }>(databaseUrl, `SELECT pid FROM etl_schedule_ticks WHERE job = 'minutely-feed' AND slot = $1`, [tick]);
    /** The runs of the next whole minute, once the processes have had time to try. */
    const nextTick = async () => {
      const tick = new Date(Math.ceil((Date.now() + 1_000) / 60_000) * 60_000);
      await until(`the runs of ${tick.toISOString()}`, async () => (await evaluations(tick)).length > 0 && (await loads(tick)).length > 0, tick.getTime() - Date.now() + 45_000);
      await new Promise((r) => setTimeout(r, 5_000));
      return { evaluations: await evaluations(tick), loads: await loads(tick) };
    };
    const [a, b] = processes as [ApiProcess, ApiProcess];
    const pids = [a.child.pid, b.child.pid];

    // Both processes fire the tick: one of them runs each.
    const both = await nextTick();
    expect(both.evaluations).toEqual([{ status: 'succeeded', pid: expect.toBeOneOf(pids) }]);
    expect(both.loads).toEqual([{ pid: expect.toBeOneOf(pids) }]);
    expect(source.requests).toBe(1);

    // One goes away; the other's scheduler runs the next tick alone.
    await a.stop();
    const alone = await nextTick();
    expect(alone.evaluations).toEqual([{ status: 'succeeded', pid: b.child.pid }]);
    expect(alone.loads).toEqual([{ pid: b.child.pid }]);
    expect(source.requests).toBe(2);
    const runs = await sql<{ n: number }>(databaseUrl, `SELECT count(*)::int AS n FROM etl_runs WHERE job = 'minutely-feed' AND trigger = 'schedule' AND status = 'succeeded'`);
    expect(runs[0]!.n).toBe(2);
  }, 240_000);
});
