/**
 * `npm run etl` (apps/api/src/cli/etl.ts, run here from source) against a real database, and
 * the kill-mid-load test: a CLI process loading a large file is SIGKILLed while its COPY is
 * streaming; nothing of the batch exists afterwards, and the next start marks the run failed.
 */
import { EtlRunner, INTERRUPTED_ERROR, urlConnector } from '@planwatch/etl';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase } from '../../../scripts/lib/test-postgres.js';
import { cli, REPO } from './fixtures/etl-cli.js';

async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

// Each test starts the CLI (tsx) once or twice: slow on a busy 2-core machine.
describe('npm run etl -- load / run / jobs', { timeout: 180_000 }, () => {
  let url: string;
  let dir: string;
  beforeAll(async () => {
    url = await freshDatabase(inject('database'), 'etl_cli');
    dir = mkdtempSync(path.join(tmpdir(), 'planwatch-etl-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('load <file>: a good CSV loads (exit 0); the run is recorded with trigger cli', async () => {
    const file = path.join(dir, 'good.csv');
    writeFileSync(file, ['地区,期间,口径,数值', '西池乡,2026-10,当月,80', '八义镇,2026-10,当月,61'].join('\n'));
    const result = await cli(['load', file, '--region', '140404', '--basis', '当月'], { DATABASE_URL: url });
    // No indicator column: the file is refused as a whole (exit 1) with the Chinese reason.
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('good.csv: failed — 文件"good.csv"中未找到可识别的表头');

    writeFileSync(file, ['指标名称,地区,期间,数值', '原煤产量,西池乡,10月,80', '原煤产量,八义镇,10月,61'].join('\n'));
    const ok = await cli(['load', file, '--basis', '当月', '--year', '2026'], { DATABASE_URL: url });
    expect(ok.stderr).toMatch(/run [0-9a-f-]{36} started: load/);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/job load {2}succeeded\nrows read 3, loaded 2, unchanged 0, rejected 0\n {2}good\.csv: loaded/);
    const [run] = await query(url, `SELECT job, trigger, status, rows_loaded FROM etl_runs ORDER BY started_at DESC LIMIT 1`);
    expect(run).toEqual({ job: 'load', trigger: 'cli', status: 'succeeded', rows_loaded: 2 });
  });

  it('load <file>: rejected rows are listed in Chinese and nothing loads (exit 1); --quarantine loads the rest (exit 3)', async () => {
    const file = path.join(dir, 'mixed.csv');
    writeFileSync(file, ['指标编码,地区,期间,口径,数值,单位', 'coal_output,南宋镇,2026-10,当月,70,万吨', 'coal_output,南宋镇,2026-09,当月,七十,万吨'].join('\n'));
    const strict = await cli(['load', file], { DATABASE_URL: url });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/mixed\.csv 第3行 E列 值"七十"：/);
    expect(await query(url, `SELECT 1 FROM observations WHERE indicator_code = 'coal_output' AND region_code = '140404107' AND period = '2026-10' AND status = 'approved'`)).toEqual([]);

    const lenient = await cli(['load', file, '--quarantine', '--json'], { DATABASE_URL: url });
    expect(lenient.code).toBe(3);
    const summary = JSON.parse(lenient.stdout);
    expect(summary).toMatchObject({ status: 'partial', rowsLoaded: 1, rowsRejected: 1 });
  });

  it('bad options are refused before anything runs (exit 2)', async () => {
    const result = await cli(['load', 'x.csv', '--basis', '半年'], { DATABASE_URL: url });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('defaults.basis: expected 当月, 累计, month or ytd');
    expect((await cli(['frobnicate'], { DATABASE_URL: url })).code).toBe(2);
    expect((await cli(['run', 'department-inbox'], { DATABASE_URL: '' })).stderr).toContain('DATABASE_URL is not set');
  });

  it('run department-inbox picks up INBOX_DIR; jobs lists the declared jobs and the invalid one (exit 1 without COAL_API_URL)', async () => {
    const inbox = path.join(dir, 'inbox');
    const file = path.join(inbox, 'town_xichi', '西池乡.csv');
    await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(file), { recursive: true }));
    writeFileSync(file, ['指标编码,地区编码,期间,口径,数值,单位', 'coal_output,140404201,2026-08,当月,77.7,万吨'].join('\n'));
    utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const run = await cli(['run', 'department-inbox'], { DATABASE_URL: url, INBOX_DIR: inbox });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`西池乡.csv: loaded (submitted for review) → ${path.join(inbox, 'town_xichi', 'processed', '西池乡.csv')}`);

    const jobs = await cli(['jobs'], { DATABASE_URL: url, COAL_API_URL: '' });
    expect(jobs.code).toBe(1);
    expect(jobs.stdout).toContain('department-inbox\t*/5 * * * *\tall_or_nothing\tinbox');
    expect(jobs.stdout).toContain('coal-reporting-system\tINVALID');
    expect(jobs.stdout).toContain('source.url: environment variable COAL_API_URL is not set');
  });
});

describe('a process killed mid-load', () => {
  let url: string;
  let dir: string;
  beforeAll(async () => {
    url = await freshDatabase(inject('database'), 'etl_kill');
    dir = mkdtempSync(path.join(tmpdir(), 'planwatch-etl-kill-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves nothing half-written, and the next start marks the run failed (interrupted)', { timeout: 300_000 }, async () => {
    // About 150,000 valid rows: every flow indicator × the district and the regions the plan lists for it × 当月/累计
    // × every month of the years a period may have, outside the sample's (2021–2026).
    const indicators = await query<{ code: string; unit: string; region_codes: string[] }>(url, `SELECT code, unit, region_codes FROM indicators WHERE kind = 'flow' ORDER BY code`);
    const lines = ['指标编码,地区编码,期间,口径,数值,单位'];
    for (let year = 1990; year <= 2100; year++) {
      if (year >= 2021 && year <= 2026) continue;
      for (let month = 1; month <= 12; month++) {
        for (const i of indicators) {
          for (const region of ['140404', ...i.region_codes]) {
            const period = `${year}-${String(month).padStart(2, '0')}`;
            lines.push(`${i.code},${region},${period},当月,${(lines.length % 97) + 0.5},${i.unit}`, `${i.code},${region},${period},累计,${month * 1000 + (lines.length % 97)},${i.unit}`);
          }
        }
      }
    }
    expect(lines.length).toBeGreaterThan(100_000);
    const file = path.join(dir, 'big.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const before = await query<{ observations: number; batches: number }>(url, `SELECT (SELECT count(*)::int FROM observations) AS observations, (SELECT count(*)::int FROM batches) AS batches`);

    let killedAt: string | undefined;
    const result = await cli(['load', file], { DATABASE_URL: url }, (stderr, child) => {
      // The load is streaming: the first chunk is merged into observations (in the open
      // transaction) while the next one parses. Kill the process right there.
      if (!killedAt && /big\.csv: copying \(\d+ rows\)/.test(stderr)) {
        killedAt = stderr;
        child.kill('SIGKILL');
      }
    });
    expect(killedAt, result.stderr).toBeDefined();
    expect(result.code).toBeNull();

    const [run] = await query<{ id: string; status: string; finished_at: Date | null }>(url, `SELECT id, status, finished_at FROM etl_runs WHERE job = 'load'`);
    expect(run).toMatchObject({ status: 'running', finished_at: null });
    // The batch row, the stored file and the staged figures were all in the one open transaction.
    expect(await query(url, `SELECT id FROM batches WHERE etl_run_id = $1`, [run!.id])).toEqual([]);
    expect(await query(url, `SELECT (SELECT count(*)::int FROM observations) AS observations, (SELECT count(*)::int FROM batches) AS batches`)).toEqual(before);
    expect(await query(url, `SELECT 1 FROM observations WHERE period < '2020-01' LIMIT 1`)).toEqual([]);

    // "The next start": once PostgreSQL has ended the dead session, its lock can be taken.
    const runner = new EtlRunner({ connector: urlConnector(url) });
    let recovered: string[] = [];
    for (let attempt = 0; attempt < 120 && !recovered.includes(run!.id); attempt++) {
      recovered = await runner.recoverInterrupted();
      if (!recovered.includes(run!.id)) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(recovered).toEqual([run!.id]);
    const [after] = await query(url, `SELECT status, error, finished_at, report FROM etl_runs WHERE id = $1`, [run!.id]);
    expect(after).toMatchObject({ status: 'failed', error: INTERRUPTED_ERROR, finished_at: expect.any(Date), report: { interrupted: true } });
    expect(INTERRUPTED_ERROR).toMatch(/^interrupted/);
    // A second recovery finds nothing; a live run is never touched (its lock is held).
    expect(await runner.recoverInterrupted()).toEqual([]);
  });

  it('a live run is not marked interrupted while its process holds the lock', async () => {
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      const [{ id }] = (await holder.query(`INSERT INTO etl_runs (job, trigger, status) VALUES ('live', 'cli', 'running') RETURNING id`)).rows;
      await holder.query('SELECT pg_advisory_lock($1, hashtext($2))', [0x45544c31, id]);
      const runner = new EtlRunner({ connector: urlConnector(url) });
      expect(await runner.recoverInterrupted()).toEqual([]);
      expect((await query(url, `SELECT status FROM etl_runs WHERE id = $1`, [id]))[0]).toEqual({ status: 'running' });
      await holder.end();
      let recovered: string[] = [];
      for (let attempt = 0; attempt < 40 && !recovered.includes(id); attempt++) {
        recovered = await runner.recoverInterrupted();
        if (!recovered.includes(id)) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(recovered).toEqual([id]);
    } finally {
      await holder.end().catch(() => undefined);
    }
  });
});

describe('npm run etl -- plan validate', { timeout: 120_000 }, () => {
  const noDatabase = { DATABASE_URL: '', PLAN_FILE: '' };

  it('passes the shipped plan without a database (exit 0)', async () => {
    const result = await cli(['plan', 'validate'], noDatabase);
    expect(result.stdout).toContain('plan/shangdang.plan.yaml: says what its sources say');
    expect(result.code).toBe(0);
  });

  it('fails the plan as it was before the source lint, naming file, line and why (exit 1)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'planwatch-plan-'));
    try {
      // The old file named its documents seeds/…; the same texts ship in plan/sources.
      mkdirSync(path.join(dir, 'seeds'));
      for (const name of ['000_0cfb41c377cc1c96.txt', '001_158e94da8f1c6994.txt']) copyFileSync(path.join(REPO, 'plan/sources', name), path.join(dir, 'seeds', name));
      const file = path.join(dir, 'plan.yaml');
      copyFileSync(path.join(REPO, 'packages/shared/src/plan/fixtures/plan-2026.11.1-before-source-lint.yaml'), file);
      const result = await cli(['plan', 'validate', file], noDatabase);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`${file}:1044: targets[6].anchors[1].source: 「智能化采掘工作面25处」 states what already is (目前、已、截至…)`);
      expect(result.stdout).toMatch(/: \d+ problems\n$/);
      const json = await cli(['plan', 'validate', file, '--json'], noDatabase);
      const { issues } = JSON.parse(json.stdout) as { issues: Array<{ path: string; line: number }> };
      expect(issues.find((i) => i.path === 'targets[6].anchors[1].source')?.line).toBe(1044);
      expect(json.code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
