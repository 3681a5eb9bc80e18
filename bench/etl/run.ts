/**
 * bench:etl — our full ETL path (parse, validate, COPY into staging, merge into observations,
 * one transaction) against `psql \copy` of the same rows into a plain table, in one run, on a
 * throw-away embedded PostgreSQL:
 *
 *   1. a 1,000,000-row CSV (long layout, valid codes: every flow indicator × the district and
 *      every town and zone × 当月/累计 × months from 2000 on), loaded by our path in a child
 *      process. A figure loads only for a region the plan lists for its indicator, so the
 *      benchmark's plan is the shipped one with every indicator listing every town and zone
 *      (the shipped plan has too few pairs for a million distinct figures in 1990–2100);
 *   2. `psql \copy` of the same file into a plain table with the same columns;
 *   3. the same rows, already in observations' shape, by `psql \copy` straight into observations:
 *      the floor the target table itself sets (its checks, foreign keys and indexes), reported
 *      beside the goal's ratio so the two can be read together;
 *   4. a 200,000-row XLSX (same layout, into its own database) through our path, with the child's peak RSS.
 *
 * Goals: CSV end to end ≥ 0.3 × psql \copy; XLSX under 500 MB peak RSS. The last line is
 * `bench etl: csv_rows_per_s=N psql_copy_rows_per_s=N ratio=N xlsx_rows_per_s=N xlsx_peak_rss_mb=N`.
 * BENCH_ETL_CSV_ROWS / BENCH_ETL_XLSX_ROWS change the sizes (for a quick try).
 */
import ExcelJS from 'exceljs';
import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { parse, stringify } from 'yaml';
import { createDatabase, startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres.js';
import { round } from '../lib/stats.js';

const root = resolve(import.meta.dirname, '../..');
const CSV_ROWS = Number(process.env.BENCH_ETL_CSV_ROWS ?? 1_000_000);
const XLSX_ROWS = Number(process.env.BENCH_ETL_XLSX_ROWS ?? 200_000);
const log = (line: string) => process.stdout.write(`[bench:etl] ${line}\n`);

interface ChildResult {
  status: string;
  error: string | null;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  seconds: number;
  phases: { parseValidate: number | null; copy: number | null; mergeCommit: number | null };
  maxRssMb: number;
}

type Row = [indicator: string, region: string, period: string, basis: '当月' | '累计', value: number, unit: string];

/** Valid rows in natural-key order: every flow indicator × region × basis, month after month from `fromYear`. */
function* rows(catalog: { indicators: Array<{ code: string; unit: string }>; regions: string[] }, count: number, fromYear: number): Generator<Row> {
  let n = 0;
  for (let year = fromYear; ; year++) {
    for (let month = 1; month <= 12; month++) {
      const period = `${year}-${String(month).padStart(2, '0')}`;
      for (const indicator of catalog.indicators) {
        for (const region of catalog.regions) {
          if (n >= count) return;
          yield [indicator.code, region, period, '当月', (n % 997) + 0.25, indicator.unit];
          n += 1;
          if (n >= count) return;
          // 累计 grows month after month within the year (the YTD order check passes).
          yield [indicator.code, region, period, '累计', month * 1000 + (n % 997), indicator.unit];
          n += 1;
        }
      }
    }
  }
}

/** The shipped plan with every indicator reported by every town and zone, written beside the benchmark's files. */
async function everyRegionPlan(): Promise<string> {
  const plan = parse(await readFile(join(root, 'plan/shangdang.plan.yaml'), 'utf8')) as { regions: Array<{ code: string; kind: string }>; indicators: Array<{ regions?: string[] }> };
  const reporting = plan.regions.filter((r) => r.kind !== 'district' && r.kind !== 'park').map((r) => r.code);
  for (const indicator of plan.indicators) indicator.regions = reporting;
  const file = join(work, 'every-region.plan.yaml');
  await writeFile(file, stringify(plan));
  return file;
}

const HEADER = ['指标编码', '地区编码', '期间', '口径', '数值', '单位'];

async function writeCsv(file: string, source: Iterable<readonly unknown[]>, header: readonly string[] = HEADER): Promise<void> {
  const out = createWriteStream(file);
  let chunk = `${header.join(',')}\n`;
  for (const row of source) {
    chunk += `${row.join(',')}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((r, j) => out.on('finish', () => r()).on('error', j));
}

async function writeXlsx(file: string, source: Iterable<Row>): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const sheet = workbook.addWorksheet('月报');
  sheet.addRow(HEADER).commit();
  for (const row of source) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}

function loadInChild(url: string, file: string): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/etl/load-child.ts'), url, file], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) return reject(new Error(`load child exited ${code}: ${out}`));
      resolvePromise(JSON.parse(line) as ChildResult);
    });
  });
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;

const work = await mkdtemp(join(tmpdir(), 'planwatch-bench-etl-'));
const server = await startEmbeddedPostgres({ dataDir: join(tmpdir(), `planwatch-bench-etl-pg-${process.pid}`), persistent: false, fast: true });
try {
  // One migrated, plan-loaded template; a copy of it per measurement, so each load starts equal.
  await createDatabase(server.adminUrl, 'bench_tpl');
  const { prepareDatabase } = await import('../../apps/api/dist/cli/setup.js');
  await prepareDatabase(server.urlFor('bench_tpl'), { planFile: await everyRegionPlan(), sampleAsOf: null, demoUsers: false, log: () => undefined });
  await createDatabase(server.adminUrl, 'bench_csv', 'bench_tpl');
  await createDatabase(server.adminUrl, 'bench_xlsx', 'bench_tpl');
  const csvUrl = server.urlFor('bench_csv');
  const xlsxUrl = server.urlFor('bench_xlsx');

  const db = new pg.Client({ connectionString: csvUrl });
  await db.connect();
  const indicators = (await db.query<{ code: string; unit: string }>(`SELECT code, unit FROM indicators WHERE kind = 'flow' ORDER BY code`)).rows;
  const regions = (await db.query<{ code: string }>(`SELECT code FROM regions WHERE kind <> 'park' ORDER BY code`)).rows.map((r) => r.code);
  const catalog = { indicators, regions };
  const perMonth = indicators.length * regions.length * 2;
  const csvYears = Math.ceil(CSV_ROWS / perMonth / 12);
  log(`catalog: ${indicators.length} flow indicators × ${regions.length} regions × 2 bases = ${perMonth} rows a month`);

  // 1. CSV through our path.
  const csvFile = join(work, 'observations-1m.csv');
  let t = performance.now();
  await writeCsv(csvFile, rows(catalog, CSV_ROWS, 2000));
  log(`generated ${CSV_ROWS} CSV rows (${2000}–${2000 + csvYears - 1}) in ${seconds(t).toFixed(1)} s`);
  const csv = await loadInChild(csvUrl, csvFile);
  if (csv.status !== 'succeeded' || csv.rowsLoaded !== CSV_ROWS) throw new Error(`CSV load did not load every row: ${JSON.stringify(csv)}`);
  const csvRate = CSV_ROWS / csv.seconds;
  log(
    `ours, CSV: ${csv.seconds.toFixed(1)} s = ${Math.round(csvRate)} rows/s ` +
      `(parse+validate ${csv.phases.parseValidate?.toFixed(1)} s, COPY to staging ${csv.phases.copy?.toFixed(1)} s, merge+commit ${csv.phases.mergeCommit?.toFixed(1)} s; peak RSS ${Math.round(csv.maxRssMb)} MB)`,
  );

  // 2. psql \copy of the same rows into a plain table.
  await db.query(`CREATE TABLE plain_copy (indicator_code text, region_code text, period text, basis text, value numeric, unit text)`);
  t = performance.now();
  await promisify(execFile)('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', csvUrl, '-c', `\\copy plain_copy FROM '${csvFile}' WITH (FORMAT csv, HEADER true)`]);
  const psqlSeconds = seconds(t);
  const copied = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM plain_copy`)).rows[0]!.n;
  if (copied !== CSV_ROWS) throw new Error(`psql copied ${copied} rows`);
  const psqlRate = CSV_ROWS / psqlSeconds;
  log(`psql \\copy: ${psqlSeconds.toFixed(1)} s = ${Math.round(psqlRate)} rows/s`);
  await db.end();

  // 2b. The target table's own floor: the same rows, already in observations' shape (codes,
  // month/ytd, approved, one batch), written by psql \copy straight into observations — its
  // checks, foreign keys and indexes, nothing parsed, validated or compared. No loader can beat it.
  await createDatabase(server.adminUrl, 'bench_floor', 'bench_tpl');
  const floorUrl = server.urlFor('bench_floor');
  const floorFile = join(work, 'observations-floor.csv');
  const floorDb = new pg.Client({ connectionString: floorUrl });
  await floorDb.connect();
  const batchId = (await floorDb.query<{ id: string }>(`INSERT INTO batches (source, status) VALUES ('etl', 'loaded') RETURNING id`)).rows[0]!.id;
  await floorDb.end();
  await writeCsv(
    floorFile,
    (function* () {
      for (const [indicator, region, period, basis, value] of rows(catalog, CSV_ROWS, 2000)) {
        yield [indicator, region, period, basis === '当月' ? 'month' : 'ytd', value, 'approved', batchId];
      }
    })(),
    ['indicator_code', 'region_code', 'period', 'basis', 'value', 'status', 'batch_id'],
  );
  t = performance.now();
  await promisify(execFile)('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', floorUrl, '-c', `\\copy observations (indicator_code, region_code, period, basis, value, status, batch_id) FROM '${floorFile}' WITH (FORMAT csv, HEADER true)`]);
  const floorRate = CSV_ROWS / seconds(t);
  log(
    `psql \\copy straight into observations (the table's own floor): ${seconds(t).toFixed(1)} s = ${Math.round(floorRate)} rows/s = ` +
      `${round(floorRate / psqlRate, 3)} × the plain copy; ours = ${round(csvRate / floorRate, 3)} × this floor`,
  );

  // 3. XLSX through our path, peak RSS of the loading process.
  const xlsxFile = join(work, 'observations-200k.xlsx');
  t = performance.now();
  await writeXlsx(xlsxFile, rows(catalog, XLSX_ROWS, 2000));
  log(`generated ${XLSX_ROWS} XLSX rows in ${seconds(t).toFixed(1)} s`);
  const xlsx = await loadInChild(xlsxUrl, xlsxFile);
  if (xlsx.status !== 'succeeded' || xlsx.rowsLoaded !== XLSX_ROWS) throw new Error(`XLSX load did not load every row: ${JSON.stringify(xlsx)}`);
  const xlsxRate = XLSX_ROWS / xlsx.seconds;
  log(
    `ours, XLSX: ${xlsx.seconds.toFixed(1)} s = ${Math.round(xlsxRate)} rows/s ` +
      `(parse+validate ${xlsx.phases.parseValidate?.toFixed(1)} s, COPY ${xlsx.phases.copy?.toFixed(1)} s, merge+commit ${xlsx.phases.mergeCommit?.toFixed(1)} s); peak RSS ${Math.round(xlsx.maxRssMb)} MB`,
  );

  const ratio = csvRate / psqlRate;
  log(`goals: CSV ≥ 0.3 × psql \\copy → ${ratio >= 0.3 ? 'met' : 'NOT met'} (${round(ratio, 3)}); XLSX < 500 MB → ${xlsx.maxRssMb < 500 ? 'met' : 'NOT met'} (${Math.round(xlsx.maxRssMb)} MB)`);
  process.stdout.write(
    `bench etl: csv_rows_per_s=${Math.round(csvRate)} psql_copy_rows_per_s=${Math.round(psqlRate)} ratio=${round(ratio, 3)} xlsx_rows_per_s=${Math.round(xlsxRate)} xlsx_peak_rss_mb=${Math.round(xlsx.maxRssMb)}\n`,
  );
} finally {
  await server.stop();
  await rm(work, { recursive: true, force: true });
}
