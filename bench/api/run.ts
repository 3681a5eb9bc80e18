/**
 * bench:api — progress endpoints on a large dataset (300 indicators × every reporting region ×
 * 15 years of months ≈ 750,000 observations, 500 projects) in a separate embedded PostgreSQL.
 * autocannon drives the API with 50 connections; two baselines run in the same run: the same
 * overview JSON served from a static file by the same process and HTTP stack (the floor of a warm
 * answer), and the SQL the endpoints depend on, directly through `pg` with 50 connections.
 * A cold overview is timed after each of BENCH_RUNS approvals of one figure.
 */
import autocannon from 'autocannon';
import { approveRows } from '@planwatch/etl';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { createDatabase, freePort, startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres.js';
import { loadLoop, percentile, round } from '../lib/stats.js';

const root = resolve(import.meta.dirname, '../..');
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CONNECTIONS = 50;
const PERIOD = '2026-10';
const log = (line: string) => process.stdout.write(`[bench:api] ${line}\n`);

const server = await startEmbeddedPostgres({ dataDir: join(tmpdir(), `planwatch-bench-api-${process.pid}`), persistent: false, fast: true });
let api: ReturnType<typeof spawn> | undefined;
const staticDir = await mkdtemp(join(tmpdir(), 'planwatch-bench-static-'));
try {
  await createDatabase(server.adminUrl, 'bench');
  const url = server.urlFor('bench');
  const { prepareDatabase } = await import('../../apps/api/dist/cli/setup.js');
  await prepareDatabase(url, { sampleAsOf: null, demoUsers: false, log: () => undefined });

  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const t0 = Date.now();
  await generate(db);
  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM observations`)).rows as [{ n: number }];
  log(`dataset: ${n} observations, ${(await db.query('SELECT count(*) FROM indicators')).rows[0].count} indicators, 500 projects (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  await db.end();

  const port = await freePort();
  // BENCH_API_CPU_PROFILE=<dir>: the API process writes its V8 CPU profile there at exit.
  const profile = process.env.BENCH_API_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_API_CPU_PROFILE)}`] : [];
  api = spawn(process.execPath, [...profile, '--import', 'tsx', join(root, 'bench/api/api-child.ts')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: url,
      API_PORT: String(port),
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00',
      CRON_ENABLED: 'false',
      LOG_LEVEL: 'error',
      BENCH_STATIC_DIR: staticDir,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/health`);
  const overviewPath = `/api/progress/overview?period=${PERIOD}`;
  const indicatorPath = `/api/progress/indicators/coal_output?to=${PERIOD}`;
  // Warm-up: the first request computes, later ones are served until the data changes.
  let t = Date.now();
  await (await fetch(base + overviewPath)).json();
  log(`overview computed cold in ${Date.now() - t} ms`);
  t = Date.now();
  await (await fetch(base + indicatorPath)).json();
  log(`indicator computed cold in ${Date.now() - t} ms`);

  const cold = await coldOverviews(url, base + overviewPath);
  log(`cold overview after approving one figure: ${cold.map((ms) => round(ms, 0)).join(', ')} ms`);

  let overviewJson = '';
  for (let i = 0; i < 3; i += 1) {
    t = Date.now();
    const response = await fetch(base + overviewPath);
    overviewJson = await response.text();
    log(`warm overview ${response.status} in ${Date.now() - t} ms (${overviewJson.length} bytes)`);
  }
  await writeFile(join(staticDir, 'overview.json'), overviewJson);
  const overview = await cannon(base + overviewPath);
  const staticFile = await cannon(`${base}/bench-static/overview.json`);
  const indicator = await cannon(base + indicatorPath);
  log(`API overview   p50=${overview.p50} ms p99=${overview.p99} ms ${overview.rps} req/s`);
  log(`static file    p50=${staticFile.p50} ms p99=${staticFile.p99} ms ${staticFile.rps} req/s (the same JSON, same process and middleware)`);
  log(`API indicator  p50=${indicator.p50} ms p99=${indicator.p99} ms ${indicator.rps} req/s`);

  const sql = await sqlBaseline(url);
  log(`SQL (same queries through pg) p50=${round(sql.p50)} ms p99=${round(sql.p99)} ms ${round(sql.rps, 0)} q/s`);
  const apiP50 = overview.p50;
  process.stdout.write(
    `bench api: overview_p99_ms=${overview.p99} overview_rps=${overview.rps} api_p50_ms=${apiP50} sql_p50_ms=${round(sql.p50)} ratio=${round(apiP50 / sql.p50, 4)}` +
      ` cold_overview_ms=${round(percentile(cold, 50), 0)} ratio_to_static=${round(overview.p50 / staticFile.p50, 2)}\n`,
  );
} finally {
  if (api && api.exitCode === null) {
    const exited = new Promise((resolve) => api!.once('exit', resolve));
    api.kill('SIGTERM');
    await exited;
  }
  await server.stop();
  await rm(staticDir, { recursive: true, force: true });
}

async function cannon(url: string): Promise<{ p50: number; p99: number; rps: number }> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { p50: result.latency.p50, p99: result.latency.p99, rps: round(result.requests.average, 0) };
}

/**
 * Approves a new version of one figure per run, the way a reviewer's approval does (a submitted
 * version put in force by `approveRows`, committed from another connection so the API hears of it
 * by NOTIFY, as from a second process), and times the first overview that answers for it: the
 * polls before it are 304s from the old version.
 */
async function coldOverviews(url: string, overviewUrl: string): Promise<number[]> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const times: number[] = [];
  try {
    let etag = (await fetch(overviewUrl)).headers.get('etag')!;
    for (let run = 0; run < RUNS; run += 1) {
      await db.query('BEGIN');
      const [batch] = (await db.query(`INSERT INTO batches (source, status) VALUES ('online', 'submitted') RETURNING id`)).rows as [{ id: string }];
      await db.query(
        `INSERT INTO observations (indicator_code, region_code, period, basis, value, status, batch_id)
         VALUES ('coal_output', '140404201', $1, 'month', $2, 'submitted', $3)`,
        [PERIOD, String(70 + run), batch.id],
      );
      await approveRows(db, `o.batch_id = $1 AND o.status = 'submitted'`, [batch.id], null);
      await db.query('COMMIT');
      for (;;) {
        const t = performance.now();
        const response = await fetch(overviewUrl, { headers: { 'if-none-match': etag } });
        await response.arrayBuffer();
        if (response.status === 200) {
          times.push(performance.now() - t);
          etag = response.headers.get('etag')!;
          break;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  } finally {
    await db.end();
  }
  return times;
}

/**
 * The queries behind the overview, run for every request as an uncached server would: the
 * data-version probe, the catalogue, the figures of this and last year, the latest approved
 * period per indicator and the key projects with their progress.
 */
async function sqlBaseline(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });
  pool.on('error', () => undefined); // idle clients see the server stop at the end of the run
  const queries = [
    `SELECT data_version_of('in_force') AS "inForce", data_version_of('pending') AS pending`,
    `SELECT code, name, unit, kind, region_codes FROM indicators`,
    `SELECT indicator_code, region_code, year, value::text FROM targets`,
    `SELECT DISTINCT ON (o.indicator_code, o.region_code, o.period, o.basis) o.indicator_code, o.region_code, o.period, o.basis, o.span_start, o.value::text
       FROM observations o WHERE o.period BETWEEN '2025-01' AND '${PERIOD}' AND o.status = 'approved'
      ORDER BY o.indicator_code, o.region_code, o.period, o.basis`,
    `SELECT i.code, (SELECT max(o.period) FROM observations o WHERE o.indicator_code = i.code AND o.status = 'approved') FROM indicators i`,
    `SELECT p.code, (SELECT json_agg(g.investment) FROM project_progress g WHERE g.project_code = p.code AND g.period <= '${PERIOD}') FROM projects p`,
  ];
  await Promise.all(queries.map((q) => pool.query(q)));
  const result = await loadLoop(CONNECTIONS, DURATION_S * 1000, async () => {
    for (const q of queries) await pool.query(q);
  });
  await pool.end();
  return { p50: percentile(result.latencies, 50), p99: percentile(result.latencies, 99), rps: result.rps };
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`API did not start at ${url}`);
}

/** 244 synthetic indicators beside the plan's 56, targets, 15 years of monthly figures, 500 projects. */
async function generate(db: pg.Client): Promise<void> {
  await db.query(`
    INSERT INTO indicators (code, name, unit, kind, frequency, direction, department_code, chain_code, region_codes, district_reported, sort_order)
    SELECT 'bench_' || g, '基准指标' || g, '万元', 'flow', 'monthly', 'higher_is_better',
           (SELECT code FROM departments WHERE kind = 'bureau' ORDER BY code OFFSET g % 8 LIMIT 1),
           (SELECT code FROM chains ORDER BY sort_order OFFSET g % 11 LIMIT 1),
           ARRAY(SELECT code FROM regions WHERE kind NOT IN ('district', 'park') ORDER BY code), true, 1000 + g
      FROM generate_series(1, 300 - (SELECT count(*) FROM indicators)) g;
    -- Every indicator reported by every town and zone and by the district: 300 × 14 series.
    UPDATE indicators SET region_codes = ARRAY(SELECT code FROM regions WHERE kind NOT IN ('district', 'park') ORDER BY code), district_reported = true;
    INSERT INTO targets (indicator_code, region_code, year, value, trajectory, is_baseline, is_anchor, is_annual, illustrative, plan_version)
    SELECT i.code, r.code, y.year, 1000 + (y.year - 2021) * 50, 'linear', y.year = 2021, y.year IN (2021, 2025, 2035), y.year <> 2021, true,
           (SELECT version FROM plan_versions LIMIT 1)
      FROM indicators i CROSS JOIN regions r CROSS JOIN (VALUES (2021), (2025), (2026), (2035)) y(year)
     WHERE i.code LIKE 'bench_%' AND r.kind <> 'park'
    ON CONFLICT DO NOTHING;
    INSERT INTO batches (id, source, status) VALUES ('00000000-0000-0000-0000-00000000b001', 'etl', 'loaded');
  `);
  // Every indicator × reporting region (district included) × month from 2012-01 to the period.
  await db.query(`
    INSERT INTO observations (indicator_code, region_code, period, basis, value, status, batch_id, decided_at)
    SELECT i.code, r.code, to_char(m, 'YYYY-MM'), 'month', round((50 + 40 * random())::numeric, 2), 'approved',
           '00000000-0000-0000-0000-00000000b001', now()
      FROM indicators i
      CROSS JOIN LATERAL (SELECT unnest(ARRAY['140404'] || i.region_codes) AS code) r
      CROSS JOIN generate_series('2012-01-01'::date, '${PERIOD}-01'::date, interval '1 month') m
    -- The plan's published figures (已公布) are already in force for their months.
    ON CONFLICT (indicator_code, region_code, period, basis) WHERE status = 'approved' DO NOTHING
`);
  await db.query(`
    INSERT INTO projects (code, name, chain_code, region_code, total_investment, annual_plan_investment, plan_year, stage, planned_start, actual_start)
    SELECT 'BP-' || g, '基准项目' || g, (SELECT code FROM chains ORDER BY sort_order OFFSET g % 6 LIMIT 1),
           (SELECT code FROM regions WHERE kind = 'town' ORDER BY code OFFSET g % 6 LIMIT 1), 100000, 20000, 2026, 'started', '2025-03', '2025-03'
      FROM generate_series(1, 500) g;
    INSERT INTO project_progress (project_code, period, investment, stage)
    SELECT p.code, to_char(m, 'YYYY-MM'), 1500, 'started' FROM projects p
     CROSS JOIN generate_series('2025-03-01'::date, '${PERIOD}-01'::date, interval '1 month') m;
    ANALYZE;`);
}
