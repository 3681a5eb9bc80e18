/**
 * bench:etl — our full ETL path (parse, validate, COPY and merge into observations,
 * the file-wide rules, one transaction; streamed in chunks) against the floor the target table
 * itself sets, in one run, on a throw-away embedded PostgreSQL:
 *
 *   1. a 1,000,000-row CSV (long layout, valid codes: every flow indicator × the district and
 *      every town and zone × 当月/累计 × months from 2000 on), loaded by `npm run etl -- load`
 *      (the built CLI, in a child process), with its peak RSS. A figure loads only for a region the plan lists for its
 *      indicator, so the benchmark's plan is the shipped one with every indicator listing every
 *      town and zone (the shipped plan has too few pairs for a million distinct figures);
 *   2. the same file read and validated alone (no database writes): the parse's share;
 *   3. `psql \copy` of the same file into a plain table with the same columns (for scale);
 *   4. the floor: the same rows, already in observations' shape, by `psql \copy` straight into
 *      observations — its checks, foreign keys and indexes, nothing parsed, validated or compared;
 *   5. a 200,000-row XLSX (same layout, into its own database) through our path, with the child's peak RSS.
 *
 * Goals: ours ≥ 0.8 × the floor; peak RSS under 300 MB for the CSV (also at 5,000,000 rows:
 * memory must not grow with the file) and for the XLSX. The last line is
 * `bench etl: csv_rows_per_s=N floor_rows_per_s=N ratio_to_floor=N csv_peak_rss_mb=N xlsx_rows_per_s=N xlsx_peak_rss_mb=N`.
 * Steps 1 and 4 take turns BENCH_ETL_RUNS times (5), each on a fresh database after a checkpoint;
 * the ratio is the median of the pairs'. BENCH_ETL_CSV_ROWS / BENCH_ETL_XLSX_ROWS change the sizes.
 */
import ExcelJS from 'exceljs';
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { parse, stringify } from 'yaml';
import { createDatabase, startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres.js';
import { percentile, round } from '../lib/stats.js';

const root = resolve(import.meta.dirname, '../..');
const CSV_ROWS = Number(process.env.BENCH_ETL_CSV_ROWS ?? 1_000_000);
const XLSX_ROWS = Number(process.env.BENCH_ETL_XLSX_ROWS ?? 200_000);
/** Pairs of (ours, the floor) for the CSV; the ratio is their median. */
const RUNS = Number(process.env.BENCH_ETL_RUNS ?? 5);
const log = (line: string) => process.stdout.write(`[bench:etl] ${line}\n`);

interface ChildResult {
  status: string;
  error: string | null;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  seconds: number;
  phases: { parseAndWrite: number | null; fileRules: number | null; commit: number | null };
  maxRssMb: number;
}

interface ParseResult {
  figures: number;
  rejects: number;
  seconds: number;
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

/**
 * The shipped plan with every indicator reported by every town and zone, written beside the
 * benchmark's files. A file larger than the plan's distinct figures in 2000–2099 (about 1.1
 * million) gets copies of the flow indicators (`coal_output_x1` …), so that every row is still a
 * distinct, valid figure.
 */
async function everyRegionPlan(): Promise<string> {
  type PlanIndicator = { code: string; name: string; kind: string; regions?: string[]; aliases?: string[]; placeSources?: unknown };
  const plan = parse(await readFile(join(root, 'plan/shangdang.plan.yaml'), 'utf8')) as {
    regions: Array<{ code: string; kind: string }>;
    indicators: PlanIndicator[];
    targets: Array<{ indicator: string }>;
  };
  const reporting = plan.regions.filter((r) => r.kind !== 'district' && r.kind !== 'park').map((r) => r.code);
  for (const indicator of plan.indicators) indicator.regions = reporting;
  const flows = plan.indicators.filter((i) => i.kind === 'flow');
  const copies = Math.ceil(CSV_ROWS / (flows.length * (reporting.length + 1) * 2 * 12 * 100)) - 1;
  for (let k = 1; k <= copies; k++) {
    for (const { aliases: _aliases, placeSources: _sources, ...indicator } of flows) plan.indicators.push({ ...indicator, code: `${indicator.code}_x${k}`, name: `${indicator.name}（基准${k}）` });
    for (const target of plan.targets.filter((t) => flows.some((f) => f.code === t.indicator))) plan.targets.push({ ...target, indicator: `${target.indicator}_x${k}` });
  }
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

/** The parse alone (parse-child.ts), for the breakdown. */
function parseInChild(url: string, file: string): Promise<ParseResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/etl/parse-child.ts'), url, file], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) return reject(new Error(`parse child exited ${code}: ${out}`));
      resolvePromise(JSON.parse(line) as ParseResult);
    });
  });
}

/**
 * `npm run etl -- load <file> --json` as a user runs it (the built CLI, node without a loader),
 * timed from its progress lines (from "run … started" to its exit); its peak RSS is the kernel's high-water mark (VmHWM), read
 * from /proc while it runs.
 */
function loadThroughCli(url: string, file: string): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(root, 'apps/api/dist/cli/etl.js'), 'load', file, '--json'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let peakKb = 0;
    const marks: Record<string, number> = {};
    const sample = () => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {
        // the process has just ended
      }
    };
    const poll = setInterval(sample, 20);
    child.stdout.on('data', (chunk: Buffer) => {
      sample();
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      for (const [, phase] of chunk.toString().matchAll(/(started|extracting|copying|extracted|merging|committed)\b/g)) marks[phase!] ??= performance.now();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      // From the run's start, as `EtlRunner.run` sees it (node's start-up is not the load).
      const seconds = (performance.now() - (marks.started ?? NaN)) / 1000;
      let summary: { status: string; error: string | null; rowsRead: number; rowsLoaded: number; rowsRejected: number };
      try {
        summary = JSON.parse(out);
      } catch {
        return reject(new Error(`etl load exited ${code}: ${out}${err}`));
      }
      const span = (from: string, to: string) => (marks[from] !== undefined && marks[to] !== undefined ? (marks[to]! - marks[from]!) / 1000 : null);
      resolvePromise({
        status: summary.status,
        error: summary.error,
        rowsRead: summary.rowsRead,
        rowsLoaded: summary.rowsLoaded,
        rowsRejected: summary.rowsRejected,
        seconds,
        // Parsing and writing overlap: chunk n is written while chunk n+1 parses.
        phases: { parseAndWrite: span('extracting', 'extracted'), fileRules: span('extracted', 'merging'), commit: span('merging', 'committed') },
        maxRssMb: peakKb / 1024,
      });
    });
  });
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;

/** Writes out what the run before left dirty, so that no measurement pays for another's. */
async function checkpoint(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('CHECKPOINT').finally(() => admin.end());
}

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

  // 1. The CSV, and the same rows in observations' shape for the floor (2b).
  const csvFile = join(work, 'observations.csv');
  let t = performance.now();
  await writeCsv(csvFile, rows(catalog, CSV_ROWS, 2000));
  log(`generated ${CSV_ROWS} CSV rows (${2000}–${2000 + csvYears - 1}) in ${seconds(t).toFixed(1)} s`);
  const floorFile = join(work, 'observations-floor.csv');
  // Every database copies the template: the same batch id serves each floor run.
  const tpl = new pg.Client({ connectionString: server.urlFor('bench_tpl') });
  await tpl.connect();
  const batchId = (await tpl.query<{ id: string }>(`INSERT INTO batches (source, status) VALUES ('etl', 'loaded') RETURNING id`)).rows[0]!.id;
  await tpl.end();
  await writeCsv(
    floorFile,
    (function* () {
      for (const [indicator, region, period, basis, value] of rows(catalog, CSV_ROWS, 2000)) {
        yield [indicator, region, period, basis === '当月' ? 'month' : 'ytd', value, 'approved', batchId];
      }
    })(),
    ['indicator_code', 'region_code', 'period', 'basis', 'value', 'status', 'batch_id'],
  );

  // Ours and the floor take turns, each on a fresh copy of the template (the run before's is
  // dropped) after a checkpoint: a machine shared with other work drifts over minutes, and a
  // pair measured back to back drifts least.
  const measureOurs = async () => {
    await createDatabase(server.adminUrl, 'bench_csv_run', 'bench_tpl');
    await checkpoint(server.adminUrl);
    const result = await loadThroughCli(server.urlFor('bench_csv_run'), csvFile);
    if (result.status !== 'succeeded' || result.rowsLoaded !== CSV_ROWS) throw new Error(`CSV load did not load every row: ${JSON.stringify(result)}`);
    return result;
  };
  // 2b. The target table's own floor: the same rows, already in observations' shape (codes,
  // month/ytd, approved, one batch), written by psql \copy straight into observations — its
  // checks, foreign keys and indexes, nothing parsed, validated or compared. No loader can beat it.
  const measureFloor = async () => {
    await createDatabase(server.adminUrl, 'bench_floor_run', 'bench_tpl');
    await checkpoint(server.adminUrl);
    const started = performance.now();
    await promisify(execFile)('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', server.urlFor('bench_floor_run'), '-c', `\\copy observations (indicator_code, region_code, period, basis, value, status, batch_id) FROM '${floorFile}' WITH (FORMAT csv, HEADER true)`]);
    return seconds(started);
  };
  const pairs: Array<{ ours: ChildResult; floorSeconds: number }> = [];
  for (let run = 1; run <= RUNS; run++) {
    // Which goes first alternates, so that neither always follows the other's leftovers.
    const first = run % 2 === 1 ? await measureOurs() : await measureFloor();
    const ours = typeof first === 'number' ? await measureOurs() : first;
    const floorSeconds = typeof first === 'number' ? first : await measureFloor();
    log(
      `run ${run}, ours, CSV: ${ours.seconds.toFixed(1)} s = ${Math.round(CSV_ROWS / ours.seconds)} rows/s ` +
        `(parse, COPY and merge overlapped ${ours.phases.parseAndWrite?.toFixed(1)} s, file-wide rules ${ours.phases.fileRules?.toFixed(1)} s, commit ${ours.phases.commit?.toFixed(1)} s); peak RSS ${Math.round(ours.maxRssMb)} MB`,
    );
    log(`run ${run}, psql \\copy straight into observations (the table's own floor): ${floorSeconds.toFixed(1)} s = ${Math.round(CSV_ROWS / floorSeconds)} rows/s; ours = ${round(floorSeconds / ours.seconds, 3)} × the floor`);
    pairs.push({ ours, floorSeconds });
  }
  const csv = [...pairs].sort((a, b) => a.ours.seconds - b.ours.seconds)[Math.floor(pairs.length / 2)]!.ours;
  const csvRate = CSV_ROWS / csv.seconds;
  const floorSeconds = percentile(pairs.map((p) => p.floorSeconds), 50);
  const floorRate = CSV_ROWS / floorSeconds;
  const ratio = percentile(pairs.map((p) => p.floorSeconds / p.ours.seconds), 50);
  const csvPeakRssMb = Math.max(...pairs.map((p) => p.ours.maxRssMb));

  const parsed = await parseInChild(server.urlFor('bench_tpl'), csvFile);
  if (parsed.figures !== CSV_ROWS) throw new Error(`the parse alone found ${parsed.figures} figures`);
  log(`the same file read and validated alone (no writes, node with tsx): ${parsed.seconds.toFixed(1)} s = ${Math.round(CSV_ROWS / parsed.seconds)} rows/s; peak RSS ${Math.round(parsed.maxRssMb)} MB`);

  // 2. psql \copy of the same rows into a plain table.
  await db.query(`CREATE TABLE plain_copy (indicator_code text, region_code text, period text, basis text, value numeric, unit text)`);
  t = performance.now();
  await promisify(execFile)('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', csvUrl, '-c', `\\copy plain_copy FROM '${csvFile}' WITH (FORMAT csv, HEADER true)`]);
  const psqlSeconds = seconds(t);
  const copied = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM plain_copy`)).rows[0]!.n;
  if (copied !== CSV_ROWS) throw new Error(`psql copied ${copied} rows`);
  const psqlRate = CSV_ROWS / psqlSeconds;
  log(`psql \\copy into a plain table: ${psqlSeconds.toFixed(1)} s = ${Math.round(psqlRate)} rows/s; the floor = ${round(floorRate / psqlRate, 3)} × that`);
  await db.end();
  log(
    `median of ${RUNS} runs: ours = ${round(ratio, 3)} × the floor: ${csv.seconds.toFixed(1)} s against max(parse ${parsed.seconds.toFixed(1)} s, floor ${floorSeconds.toFixed(1)} s) ` +
      `+ file-wide rules ${csv.phases.fileRules?.toFixed(1)} s + commit ${csv.phases.commit?.toFixed(1)} s`,
  );

  // 3. XLSX through our path, peak RSS of the loading process.
  const xlsxFile = join(work, 'observations.xlsx');
  t = performance.now();
  await writeXlsx(xlsxFile, rows(catalog, XLSX_ROWS, 2000));
  log(`generated ${XLSX_ROWS} XLSX rows in ${seconds(t).toFixed(1)} s`);
  const xlsx = await loadThroughCli(xlsxUrl, xlsxFile);
  if (xlsx.status !== 'succeeded' || xlsx.rowsLoaded !== XLSX_ROWS) throw new Error(`XLSX load did not load every row: ${JSON.stringify(xlsx)}`);
  const xlsxRate = XLSX_ROWS / xlsx.seconds;
  log(
    `ours, XLSX: ${xlsx.seconds.toFixed(1)} s = ${Math.round(xlsxRate)} rows/s ` +
      `(parse, COPY and merge overlapped ${xlsx.phases.parseAndWrite?.toFixed(1)} s, file-wide rules ${xlsx.phases.fileRules?.toFixed(1)} s, commit ${xlsx.phases.commit?.toFixed(1)} s); peak RSS ${Math.round(xlsx.maxRssMb)} MB`,
  );

  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  log(
    `goals: ≥ 0.8 × the floor → ${met(ratio >= 0.8)} (${round(ratio, 3)}); CSV (${CSV_ROWS} rows) < 300 MB → ${met(csvPeakRssMb < 300)} (${Math.round(csvPeakRssMb)} MB); ` +
      `XLSX (${XLSX_ROWS} rows) < 300 MB → ${met(xlsx.maxRssMb < 300)} (${Math.round(xlsx.maxRssMb)} MB); load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  );
  process.stdout.write(
    `bench etl: csv_rows_per_s=${Math.round(csvRate)} floor_rows_per_s=${Math.round(floorRate)} ratio_to_floor=${round(ratio, 3)} csv_peak_rss_mb=${Math.round(csvPeakRssMb)} ` +
      `xlsx_rows_per_s=${Math.round(xlsxRate)} xlsx_peak_rss_mb=${Math.round(xlsx.maxRssMb)}\n`,
  );
} finally {
  await server.stop();
  await rm(work, { recursive: true, force: true });
}
