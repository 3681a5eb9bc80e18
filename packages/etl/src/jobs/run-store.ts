/**
 * The job runner's database side: run records (etl_runs), the locks that make a run safe to
 * kill, the catalog and stored values the transform needs, and the one transaction that turns
 * a unit's records into a batch of approved figures. Works on any node-postgres client: a
 * pg.Pool (CLI, benchmark) or the API's TypeORM connection pool, through `DbConnector`.
 */
import { DEFAULT_CHECK_RULES, type AccessDepartment, type AccessIndicator, type CheckedIndicator, type CheckRules, type Period } from '@planwatch/shared';
import pg, { type ClientBase } from 'pg';
import { ConcurrentPendingFigure, copyNewApproved, keepUnchangedStaged, lockFigures, mergeStaged, monthKey, monthsInForce, pendingVersions, type MergeResult } from '../load/observation-store.js';
import { SeriesWatch, suspectSeries, suspectSeriesRejects, type SeriesWatchLimits } from '../load/staged-file-rules.js';
import { copyIntoFileRows, createFileRows, stageRecords, stageSequenced } from '../load/staging.js';
import { figureKey, type ObservationRecord, type Reject } from '../model.js';
import type { Catalog, CatalogIndex } from '../transform/catalog.js';
import type { AcceptedFigure, FileRuleReject } from '../transform/transform-rows.js';

/** A connection held for the duration of one run (advisory locks are per session). */
export interface DbLease {
  client: ClientBase;
  release(): void;
}

export interface DbConnector {
  acquire(): Promise<DbLease>;
}

export function poolConnector(pool: pg.Pool): DbConnector {
  return {
    async acquire() {
      const client = await pool.connect();
      return { client, release: () => client.release() };
    },
  };
}

/** A connector that opens a fresh connection per lease (the CLI: one process, a few leases). */
export function urlConnector(connectionString: string, applicationName = 'planwatch-etl'): DbConnector {
  return {
    async acquire() {
      const client = new pg.Client({ connectionString, application_name: applicationName });
      await client.connect();
      return { client, release: () => void client.end().catch(() => undefined) };
    },
  };
}

/** Advisory-lock namespaces (the first key of the two-key form): 'ETL1' … 'ETL3'. */
export const LOCK_NAMESPACE = { run: 0x45544c31, job: 0x45544c32, schedule: 0x45544c33 } as const;

export type RunTrigger = 'cli' | 'schedule' | 'api' | 'inbox' | 'upload' | 'seed';
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'partial';

export interface RunCounts {
  rowsRead: number;
  rowsLoaded: number;
  rowsUnchanged: number;
  rowsRejected: number;
}

export const INTERRUPTED_ERROR = 'interrupted: the process stopped before the run finished; its open load was rolled back';

/** Session lock held by the process running `runId` until it ends (or dies: PostgreSQL then drops it). */
export async function lockRun(client: ClientBase, runId: string): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_NAMESPACE.run, runId]);
}

export async function unlockRun(client: ClientBase, runId: string): Promise<void> {
  await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_NAMESPACE.run, runId]);
}

/** One run of a job at a time, across processes: false when another session runs it. */
export async function tryLockJob(client: ClientBase, job: string): Promise<boolean> {
  const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [LOCK_NAMESPACE.job, job]);
  return rows[0]?.locked === true;
}

export async function unlockJob(client: ClientBase, job: string): Promise<void> {
  await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_NAMESPACE.job, job]);
}

export async function insertRun(client: ClientBase, run: { id: string; job: string; trigger: RunTrigger; host: string; pid: number }): Promise<Date> {
  const { rows } = await client.query<{ started_at: Date }>(
    `INSERT INTO etl_runs (id, job, trigger, status, host, pid) VALUES ($1, $2, $3, 'running', $4, $5) RETURNING started_at`,
    [run.id, run.job, run.trigger, run.host, run.pid],
  );
  return rows[0]!.started_at;
}

export async function finishRun(
  client: ClientBase,
  runId: string,
  outcome: RunCounts & { status: Exclude<RunStatus, 'running'>; error: string | null; report: unknown },
): Promise<Date> {
  const { rows } = await client.query<{ finished_at: Date }>(
    `UPDATE etl_runs SET status = $2, finished_at = clock_timestamp(), rows_read = $3, rows_loaded = $4, rows_unchanged = $5,
            rows_rejected = $6, error = $7, report = $8
      WHERE id = $1 RETURNING finished_at`,
    [runId, outcome.status, outcome.rowsRead, outcome.rowsLoaded, outcome.rowsUnchanged, outcome.rowsRejected, outcome.error, JSON.stringify(outcome.report)],
  );
  return rows[0]!.finished_at;
}

/**
 * "The next start": a run still marked running whose lock can be taken has no live process
 * behind it (PostgreSQL released the lock when its session died), so it is marked failed.
 * Returns the ids marked.
 */
export async function recoverInterruptedRuns(client: ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(`SELECT id FROM etl_runs WHERE status = 'running' ORDER BY started_at`);
  const recovered: string[] = [];
  for (const { id } of rows) {
    const { rows: locked } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [LOCK_NAMESPACE.run, id]);
    if (!locked[0]?.ok) continue;
    try {
      const result = await client.query(
        `UPDATE etl_runs SET status = 'failed', finished_at = clock_timestamp(), error = $2,
                report = coalesce(report, '{}'::jsonb) || jsonb_build_object('interrupted', true)
          WHERE id = $1 AND status = 'running'`,
        [id, INTERRUPTED_ERROR],
      );
      if (result.rowCount) recovered.push(id);
    } finally {
      await unlockRun(client, id);
    }
  }
  return recovered;
}

/** The watermark of the job's last run that loaded (succeeded or partial), for HTTP and SQL sources. */
export async function lastWatermark(client: ClientBase, job: string): Promise<string | null> {
  const { rows } = await client.query<{ watermark: string }>(
    `SELECT report->>'watermark' AS watermark FROM etl_runs
      WHERE job = $1 AND status IN ('succeeded','partial') AND report->>'watermark' IS NOT NULL
      ORDER BY started_at DESC LIMIT 1`,
    [job],
  );
  return rows[0]?.watermark ?? null;
}

/** Indicators (code, name, unit, kind, non-negative, the regions the plan lists) and regions with their aliases. */
export async function loadCatalog(client: ClientBase): Promise<Catalog> {
  // One client runs one query at a time: sequential, not Promise.all.
  const indicators = await client.query<{ code: string; name: string; unit: string; kind: 'flow' | 'stock' | 'ratio'; nonNegative: boolean; regionCodes: string[] }>(
    `SELECT code, name, unit, kind, non_negative AS "nonNegative", region_codes AS "regionCodes" FROM indicators ORDER BY sort_order, code`,
  );
  const regions = await client.query<{ code: string; name: string; kind: string; aliases: string[] }>(`SELECT code, name, kind, aliases FROM regions ORDER BY sort_order, code`);
  return { indicators: indicators.rows, regions: regions.rows };
}

export type DirectoryIndicator = AccessIndicator & CheckedIndicator & { name: string; departmentName: string };

/** Who reports and reviews what, and what each indicator's figures are checked against. */
export interface ReportingDirectory {
  districtCode: string;
  departments: Map<string, AccessDepartment & { name: string }>;
  indicators: Map<string, DirectoryIndicator>;
  regionNames: Map<string, string>;
}

export async function loadReportingDirectory(client: ClientBase): Promise<ReportingDirectory> {
  const departments = await client.query<AccessDepartment & { name: string }>(`SELECT code, name, kind, region_code AS "regionCode" FROM departments ORDER BY code`);
  const indicators = await client.query<Omit<DirectoryIndicator, 'checks'> & { checks: CheckRules | null }>(
    `SELECT i.code, i.name, i.unit, i.kind, i.frequency, i.non_negative AS "nonNegative", i.jan_feb_combined AS "janFebCombined",
            i.department_code AS "departmentCode", d.name AS "departmentName", i.region_codes AS "regionCodes", i.owners, i.check_rules AS checks
       FROM indicators i JOIN departments d ON d.code = i.department_code`,
  );
  const regions = await client.query<{ code: string; name: string; kind: string }>(`SELECT code, name, kind FROM regions`);
  return {
    districtCode: regions.rows.find((r) => r.kind === 'district')?.code ?? '',
    departments: new Map(departments.rows.map((d) => [d.code, d])),
    indicators: new Map(indicators.rows.map((i) => [i.code, { ...i, checks: i.checks ?? DEFAULT_CHECK_RULES }])),
    regionNames: new Map(regions.rows.map((r) => [r.code, r.name])),
  };
}

export interface BatchInput {
  runId: string;
  job: string;
  /** 'approved': in force at once (a trusted job); 'submitted': into the review queue. */
  status: 'approved' | 'submitted';
  /** The department the figures belong to (the batch's, for review and scope). */
  departmentCode: string | null;
  /** The one period the records share, if they do (as a department's batch records it). */
  period: Period | null;
  fileName: string | null;
  /** The original file, kept in stored_files when given. */
  file: { sha256: string; bytes: Buffer; contentType: string } | null;
  records: ObservationRecord[];
  rowsTotal: number;
  rowsRejected: number;
  report: unknown;
  createdBy: string | null;
  reason: string | null;
  /** The 审核单位 of every figure of a submitted batch. */
  reviewerDepartmentCode?: string | null;
  /** Called as records stream into COPY (every 10,000 and once at the start). */
  onCopyProgress?: (rows: number) => void;
  /** Called after COPY, before the merge. */
  onMerge?: () => void;
}

export interface BatchResult {
  /** null when nothing changed: the batch row is not kept. */
  batchId: string | null;
  inserted: number;
  changed: number;
  unchanged: number;
  /** Indicators with a figure written (approved, or submitted for review). */
  indicatorCodes: string[];
}

/**
 * One unit's records → figures in ONE transaction: the batch row, COPY into staging, the merge.
 * A process killed anywhere in here leaves nothing behind (the transaction never commits).
 * Loading the same content again writes nothing. Approved (a trusted job): a changed value
 * becomes a new revision tied to this batch. Submitted: the new and changed figures wait in
 * the review queue; a figure that meanwhile got a pending version elsewhere is
 * `ConcurrentPendingFigure` (checked under the figure locks previews take too).
 */
export async function loadBatch(client: ClientBase, input: BatchInput): Promise<BatchResult> {
  return (await loadBatches(client, [input]))[0]!;
}

/** Several batches of one unit in ONE transaction: a submission for several 审核单位, one batch each. */
export async function loadBatches(client: ClientBase, inputs: readonly BatchInput[]): Promise<BatchResult[]> {
  await client.query('BEGIN');
  try {
    const results: BatchResult[] = [];
    for (const input of inputs) results.push(await writeBatch(client, input));
    await client.query('COMMIT');
    return results;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function writeBatch(client: ClientBase, input: BatchInput): Promise<BatchResult> {
  if (input.status === 'submitted') {
    await lockFigures(client, input.records);
    if ((await pendingVersions(client, input.records)).size > 0) throw new ConcurrentPendingFigure();
  }
  const batchId = await insertBatch(client, input);
  const progress = input.onCopyProgress;
  async function* counted(records: ObservationRecord[]): AsyncGenerator<ObservationRecord> {
    progress?.(0);
    let n = 0;
    for (const record of records) {
      yield record;
      n += 1;
      if (n % 10_000 === 0) progress?.(n);
    }
  }
  // loadRecords, in its two steps, so the merge can be reported.
  await stageRecords(client, progress ? counted(input.records) : input.records);
  input.onMerge?.();
  return settleBatch(client, input, batchId, await mergeStaged(client, { batchId, status: input.status, createdBy: input.createdBy, reason: input.reason }));
}

/** The batch row (and its file): first, since the figures reference it. */
async function insertBatch(client: ClientBase, input: Omit<BatchInput, 'records'>): Promise<string> {
  if (input.file) {
    await client.query(
      `INSERT INTO stored_files (sha256, size, content_type, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING`,
      [input.file.sha256, input.file.bytes.length, input.file.contentType, input.file.bytes],
    );
  }
  const submitted = input.status === 'submitted';
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO batches (source, status, department_code, period, file_name, file_sha256, rows_total, rows_rejected, report, etl_run_id, created_by, submitted_at, reviewer_department_code)
     VALUES ('etl', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $11 THEN now() END, $12) RETURNING id`,
    [
      submitted ? 'submitted' : 'loaded',
      input.departmentCode,
      input.period,
      input.fileName,
      input.file?.sha256 ?? null,
      input.rowsTotal,
      input.rowsRejected,
      JSON.stringify(input.report),
      input.runId,
      input.createdBy,
      submitted,
      submitted ? (input.reviewerDepartmentCode ?? null) : null,
    ],
  );
  return rows[0]!.id;
}

/** After the merge: the audit entry, or, when nothing changed, no batch (and no file kept for it). */
async function settleBatch(client: ClientBase, input: Omit<BatchInput, 'records'>, batchId: string, merged: Omit<MergeResult, 'read'>): Promise<BatchResult> {
  let indicatorCodes: string[] = [];
  if (merged.inserted + merged.changed === 0) {
    await client.query('DELETE FROM batches WHERE id = $1', [batchId]);
    if (input.file) {
      await client.query(`DELETE FROM stored_files f WHERE f.sha256 = $1 AND NOT EXISTS (SELECT 1 FROM batches b WHERE b.file_sha256 = f.sha256)`, [input.file.sha256]);
    }
  } else {
    indicatorCodes = merged.indicatorCodes;
    await client.query(
      `INSERT INTO audit_log (user_id, action, entity, entity_id, after) VALUES ($1, $2, 'batch', $3, $4)`,
      [
        input.createdBy,
        input.status === 'submitted' ? 'etl_batch_submitted' : 'etl_batch_loaded',
        batchId,
        JSON.stringify({ job: input.job, runId: input.runId, fileName: input.fileName, department: input.departmentCode, inserted: merged.inserted, changed: merged.changed, unchanged: merged.unchanged }),
      ],
    );
  }
  return { batchId: indicatorCodes.length > 0 ? batchId : null, inserted: merged.inserted, changed: merged.changed, unchanged: merged.unchanged, indicatorCodes };
}

/** What a streamed file turned out to hold, and the batch's row when it is to be kept. */
export interface StreamedFile {
  /** Figures that passed the row-by-row validation (and the screen). */
  figures: number;
  /** Rows the file-wide rules refused. */
  ruleRejects: FileRuleReject[];
  /** Rows the screen refused. */
  screenRejects: Reject[];
}

export interface StreamedBatchInput extends Omit<BatchInput, 'records' | 'period' | 'rowsTotal' | 'rowsRejected' | 'report' | 'status' | 'reviewerDepartmentCode' | 'onCopyProgress' | 'onMerge'> {
  /** The validated figures, in chunks as the file is read. */
  chunks: AsyncIterable<AcceptedFigure[]>;
  /** The same figures from a second read of the file (only when a file-wide rule may be broken). */
  readAgain: () => AsyncIterable<AcceptedFigure[]>;
  /** What the watch for series that may break a file-wide rule holds (tests make it small). */
  seriesWatch?: SeriesWatchLimits;
  catalog: CatalogIndex;
  /** Row by row (the department's rule): the figures allowed, a reject for each other one. */
  screen?: (records: ObservationRecord[]) => { allowed: ObservationRecord[]; rejects: Reject[] };
  /**
   * Once every chunk is in and the file-wide rules ran: the batch row's report and counts to
   * commit, or null to roll everything back (a reject anywhere, nothing to load).
   */
  decide(file: StreamedFile): Promise<{ rowsTotal: number; rowsRejected: number; report: unknown } | null>;
  /** After each chunk is written, with the figures so far. */
  onChunk?: (figures: number) => void;
  /** After the last chunk, before the file-wide rules. */
  onRead?: () => void;
}

/** A chunk of a streamed file as its writing needs it. */
interface PreparedChunk {
  /** The figures the screen allowed, */
  figures: AcceptedFigure[];
  /** and a reject for each other one. */
  rejects: Reject[];
  /** Each figure's `monthKey`. */
  months: string[];
  /** No figure twice within the chunk. */
  unique: boolean;
}

/**
 * A file's approved figures loaded as it is parsed, in ONE transaction: each chunk is written
 * while the next chunk parses (node parses while PostgreSQL writes) — figures of months with
 * nothing in force COPYed straight into observations, the others staged and merged. A
 * `SeriesWatch` notes, as the file is read, the series that may break a file-wide rule (where it
 * gives up, `suspectSeries` asks the database once the file is read, over the batch's figures and
 * `file_rows`, what it did not write); only then is the file read again, for those series' rows.
 * Memory holds two chunks and the watch, whatever the file's length. A reject anywhere — row by
 * row, by the screen or by a file-wide rule — rolls the whole transaction back (all or nothing):
 * the rest of the file is still read (into `file_rows`, not merged) so that every rejection is
 * reported. Returns null when rolled back.
 */
export async function loadStreamedBatch(client: ClientBase, input: StreamedBatchInput): Promise<{ file: StreamedFile; result: BatchResult | null }> {
  const screened = (chunk: AcceptedFigure[]): { figures: AcceptedFigure[]; rejects: Reject[] } => {
    if (!input.screen) return { figures: chunk, rejects: [] };
    const { allowed, rejects } = input.screen(chunk.map((f) => f.record));
    const kept = new Set(allowed);
    return { figures: chunk.filter((f) => kept.has(f.record)), rejects };
  };
  // What the writing of a chunk needs from node, worked out as soon as the chunk is parsed, so
  // while the chunk before it is written.
  const watch = new SeriesWatch(input.seriesWatch);
  const prepared = (chunk: AcceptedFigure[]): PreparedChunk => {
    const { figures, rejects } = screened(chunk);
    for (const f of figures) watch.add(f);
    const months = figures.map((f) => monthKey(f.record));
    const unique = new Set(figures.map((f) => figureKey(f.record))).size === figures.length;
    return { figures, rejects, months, unique };
  };
  // What is being written when something fails: the ROLLBACK waits for it, so that none of its
  // statements runs after the transaction (or in the next one on this connection).
  let writing: Promise<unknown> = Promise.resolve();
  await client.query('BEGIN');
  try {
    const batch = { ...input, status: 'approved' as const, period: null, rowsTotal: 0, rowsRejected: 0, report: {} };
    const periods = new Set<string>();
    const batchId = await insertBatch(client, batch);
    await createFileRows(client);
    const file: StreamedFile = { figures: 0, ruleRejects: [], screenRejects: [] };
    const merged = { inserted: 0, changed: 0, unchanged: 0, indicatorCodes: new Set<string>() };
    // Merging stops at the first problem: what is merged then is rolled back anyway, and a
    // figure twice in one chunk would trip the one-approved-version index mid-statement.
    let merging = true;
    const merges = (chunk: PreparedChunk) => merging && file.screenRejects.length === 0 && chunk.rejects.length === 0 && chunk.unique;
    let analyzed = false;
    let kept = 0;
    const { rows: [started] } = await client.query<{ now: string }>(`SELECT now()::text AS now`);
    const copyOptions = { batchId, createdBy: input.createdBy, reason: input.reason, decidedAt: started!.now };

    /** Writes a chunk that merges: its new months straight in, the others compared and revised. */
    const write = async ({ figures, months }: PreparedChunk, inForce: Set<string>) => {
      const fresh: ObservationRecord[] = [];
      const compared: AcceptedFigure[] = [];
      figures.forEach((f, i) => (inForce.has(months[i]!) ? compared.push(f) : fresh.push(f.record)));
      if (fresh.length > 0) {
        merged.inserted += await copyNewApproved(client, fresh, copyOptions);
        for (const r of fresh) merged.indicatorCodes.add(r.indicator);
      }
      if (compared.length > 0) {
        revising = revise(compared);
        await revising.finally(() => (revising = null));
      }
    };
    const revise = async (compared: AcceptedFigure[]) => {
      await stageSequenced(client, compared, { analyze: !analyzed });
      analyzed = true;
      const result = await mergeStaged(client, { batchId, status: 'approved', createdBy: input.createdBy, reason: input.reason });
      if (result.unchanged > 0) await keepUnchangedStaged(client);
      kept += result.unchanged;
      merged.inserted += result.inserted;
      merged.changed += result.changed;
      merged.unchanged += result.unchanged;
      for (const code of result.indicatorCodes) merged.indicatorCodes.add(code);
    };
    // A revision supersedes the version in force, then inserts the next: between the two, its
    // month has nothing in force, and a probe must not be answered then.
    let revising: Promise<void> | null = null;
    /**
     * Which of a chunk's months are in force, asked as soon as the chunk is parsed (and no
     * revision is under way): the query waits on the connection behind the chunk before it, so
     * PostgreSQL answers the moment that one is written, and sees its months. Merging never writes
     * a month not in force but by COPY.
     */
    const probe = (chunk: PreparedChunk | null) => {
      if (!chunk || !merges(chunk)) return null;
      const found = monthsInForce(client, new Set(chunk.months));
      found.catch(() => undefined);
      return found;
    };

    const chunks = input.chunks[Symbol.asyncIterator]();
    const nextChunk = () => {
      const next = chunks.next().then((result) => (result.done ? null : prepared(result.value)));
      next.catch(() => undefined);
      return next;
    };
    let chunk = await nextChunk();
    let inForce = probe(chunk);
    while (chunk) {
      // Parse the next chunk while this one is written.
      const next = nextChunk();
      merging = merges(chunk);
      file.screenRejects.push(...chunk.rejects);
      const { figures } = chunk;
      file.figures += figures.length;
      for (const f of figures) periods.add(f.record.period);
      const written = merging ? write(chunk, await inForce!) : copyIntoFileRows(client, figures.map((f) => f.record)).then(() => void (kept += figures.length));
      writing = written.catch(() => undefined);
      chunk = await next;
      if (revising) await (revising as Promise<void>).catch(() => undefined);
      inForce = probe(chunk);
      await written;
      input.onChunk?.(file.figures);
    }
    input.onRead?.();
    const suspects = watch.gaveUp ? await suspectSeries(client, batchId, input.catalog, { replaced: merged.changed > 0, kept: kept > 0 }) : watch.suspects;
    file.ruleRejects = await suspectSeriesRejects(suspects, async function* () {
      for await (const chunk of input.readAgain()) yield screened(chunk).figures;
    });
    const decided = await input.decide(file);
    if (!decided) {
      await client.query('ROLLBACK');
      return { file, result: null };
    }
    // Every figure was merged: a file-wide rule or the screen would have refused the file otherwise.
    if (!merging) throw new Error('a streamed file was accepted after its merge stopped');
    await client.query(`UPDATE batches SET rows_total = $2, rows_rejected = $3, report = $4, period = $5 WHERE id = $1`, [
      batchId,
      decided.rowsTotal,
      decided.rowsRejected,
      JSON.stringify(decided.report),
      periods.size === 1 ? [...periods][0] : null,
    ]);
    const result = await settleBatch(client, batch, batchId, { ...merged, indicatorCodes: [...merged.indicatorCodes].sort() });
    await client.query('COMMIT');
    return { file, result };
  } catch (error) {
    await writing;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
