/**
 * The job runner: source → transform → sink, with a run record for every run.
 *
 *   lease a connection ─ recover interrupted runs ─ lock the job ─ lock the run ─ insert etl_runs
 *   └ for each unit of the source:
 *       extract + transform (catalog and stored YTD preloaded) → decide (all_or_nothing | quarantine)
 *       → load the batch in ONE transaction (COPY into staging, merge) → settle (inbox: move + report)
 *   └ finish etl_runs (counts, status, error, report with every rejection and the watermark)
 *
 * The run's session advisory lock lives exactly as long as the process: a run found 'running'
 * whose lock can be taken was interrupted, and is marked failed at the next start.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ClientBase } from 'pg';
import type { Reject, Skipped, SkipRule } from '../model.js';
import type { RetryOptions } from '../sources/retry.js';
import { figureOwner, type FigureCheck } from '@planwatch/shared';
import { ConcurrentFigureChange, ConcurrentPendingFigure, previewRecords } from '../load/observation-store.js';
import type { SeriesWatchLimits } from '../load/staged-file-rules.js';
import type { ObservationRecord } from '../model.js';
import { CatalogIndex } from '../transform/catalog.js';
import type { JobDefinition, JobMode } from './job-definition.js';
import { MAX_REPORTED_REJECTS, type RunReport, type RunSummary, type UnitOutcome } from './outcome.js';
import {
  finishRun,
  insertRun,
  lastWatermark,
  loadBatches,
  loadCatalog,
  loadReportingDirectory,
  loadStreamedBatch,
  lockRun,
  recoverInterruptedRuns,
  tryLockJob,
  unlockJob,
  unlockRun,
  type BatchInput,
  type DbConnector,
  type ReportingDirectory,
  type RunStatus,
  type RunTrigger,
} from './run-store.js';
import { inFileOrder, screenByChecks, screenByDepartment, screenPending, submissionReport } from './review.js';
import { createSource, type ExtractedUnit, type SourceUnit, type TransformInput } from './sources.js';

/** Another process (or request) is running the job right now. */
export class JobBusyError extends Error {
  constructor(readonly job: string) {
    super(`job "${job}" is already running`);
    this.name = 'JobBusyError';
  }
}

export type RunProgress =
  | { type: 'started'; runId: string; job: string }
  | { type: 'unit'; runId: string; label: string; phase: 'extracting' | 'extracted' | 'copying' | 'merging' | 'committed' | 'settled'; rows?: number }
  | { type: 'finished'; runId: string; status: Exclude<RunStatus, 'running'> };

export interface FiguresChanged {
  batchId: string;
  indicatorCodes: string[];
  at: Date;
}

export interface RunnerOptions {
  connector: DbConnector;
  host?: string;
  pid?: number;
  now?: () => Date;
  /** Overrides every HTTP/SQL job's retry settings (tests use tiny delays). */
  retry?: RetryOptions;
  onProgress?: (event: RunProgress) => void;
  /** After a batch changed approved figures (the API publishes `figures_approved`). */
  onFiguresChanged?: (event: FiguresChanged) => void;
  log?: (line: string) => void;
  /** Figures per chunk of a streamed file load (default 20,000; tests use small chunks). */
  streamChunkSize?: number;
  /** What a streamed load's watch for file-wide rules holds (default `SERIES_WATCH_LIMITS`; tests use small ones). */
  seriesWatch?: SeriesWatchLimits;
}

export interface RunRequest {
  trigger: RunTrigger;
  /** The administrator who asked for it (API), recorded on the batch and figures. */
  createdBy?: string | null;
  reason?: string | null;
}

/** An ad-hoc job loading one file (`etl load <file>`). */
export function fileJob(filePath: string, options: { name?: string; mode?: JobMode; defaults?: JobDefinition['defaults']; storeFilesUpToBytes?: number } = {}): JobDefinition {
  return {
    name: options.name ?? 'load',
    description: `load ${filePath}`,
    schedule: null,
    timezone: 'Asia/Shanghai',
    enabled: true,
    mode: options.mode ?? 'all_or_nothing',
    source: { type: 'file', path: filePath },
    defaults: options.defaults ?? {},
    layout: {},
    storeFilesUpToBytes: options.storeFilesUpToBytes ?? 20 * 1024 * 1024,
    // Whoever runs `etl load` holds the database's credentials: the figures are in force at once,
    // and a bulk load of history is not checked figure by figure against itself.
    trusted: true,
    checks: false,
  };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class EtlRunner {
  private readonly host: string;
  private readonly pid: number;
  private readonly now: () => Date;

  constructor(private readonly options: RunnerOptions) {
    this.host = options.host ?? hostname();
    this.pid = options.pid ?? process.pid;
    this.now = options.now ?? (() => new Date());
  }

  /** Marks runs left 'running' by a dead process as failed ("interrupted"). Returns their ids. */
  async recoverInterrupted(): Promise<string[]> {
    const lease = await this.options.connector.acquire();
    try {
      const ids = await recoverInterruptedRuns(lease.client);
      for (const id of ids) this.options.log?.(`etl run ${id} was interrupted; marked failed`);
      return ids;
    } finally {
      lease.release();
    }
  }

  /** Runs the job once. Throws JobBusyError when it is already running; any other failure is recorded in the run. */
  async run(job: JobDefinition, request: RunRequest): Promise<RunSummary> {
    const lease = await this.options.connector.acquire();
    const { client } = lease;
    const runId = randomUUID();
    let jobLocked = false;
    let runLocked = false;
    try {
      const recovered = await recoverInterruptedRuns(client);
      for (const id of recovered) this.options.log?.(`etl run ${id} was interrupted; marked failed`);
      jobLocked = await tryLockJob(client, job.name);
      if (!jobLocked) throw new JobBusyError(job.name);
      await lockRun(client, runId);
      runLocked = true;
      const startedAt = await insertRun(client, { id: runId, job: job.name, trigger: request.trigger, host: this.host, pid: this.pid });
      this.options.onProgress?.({ type: 'started', runId, job: job.name });

      const source = createSource(job);
      const structured = source.type === 'http' || source.type === 'sql';
      const report: RunReport = { job: job.name, mode: job.mode, trusted: job.trusted, source: { type: source.type, target: source.target }, units: [], rejects: [] };
      const units: UnitOutcome[] = [];
      let fatal: string | null = null;
      try {
        const catalog = new CatalogIndex(await loadCatalog(client));
        const directory = await loadReportingDirectory(client);
        if (job.department && !directory.departments.has(job.department)) throw new Error(`部门"${job.department}"不存在（任务文件的 department）`);
        const since = structured ? await lastWatermark(client, job.name) : null;
        if (structured) report.since = since;
        const context = { runId, now: this.now(), since, departmentCodes: [...directory.departments.keys()], ...(this.options.retry ? { retry: this.options.retry } : {}) };
        for await (const unit of source.units(context)) {
          const { outcome, watermark, fatal: unitFatal } = await this.runUnit(client, job, unit, { catalog, directory }, runId, request);
          units.push(outcome);
          if (structured && (outcome.status === 'loaded' || outcome.status === 'quarantined') && watermark) report.watermark = watermark;
          if (unitFatal) {
            fatal = unitFatal;
            break;
          }
        }
      } catch (error) {
        fatal = message(error);
      }

      for (const unit of units) {
        const { rejects, ...rest } = unit;
        const kept = rejects.slice(0, MAX_REPORTED_REJECTS);
        if (rejects.length > kept.length) rest.rejectsOmitted = rejects.length - kept.length;
        report.units.push(rest);
        for (const reject of kept) report.rejects.push(reject);
      }
      const counts = {
        rowsRead: units.reduce((n, u) => n + u.rowsRead, 0),
        rowsLoaded: units.reduce((n, u) => n + u.inserted + u.changed, 0),
        rowsUnchanged: units.reduce((n, u) => n + u.unchanged, 0),
        rowsRejected: units.reduce((n, u) => n + u.rejected, 0),
      };
      const { status, error } = runStatus(units, fatal);
      const finishedAt = await finishRun(client, runId, { ...counts, status, error, report });
      this.options.onProgress?.({ type: 'finished', runId, status });
      this.options.log?.(`etl ${job.name} ${runId}: ${status} read=${counts.rowsRead} loaded=${counts.rowsLoaded} unchanged=${counts.rowsUnchanged} rejected=${counts.rowsRejected}${error ? ` — ${error}` : ''}`);
      return { id: runId, job: job.name, trigger: request.trigger, status, startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(), error, report, ...counts };
    } finally {
      if (runLocked) await unlockRun(client, runId).catch(() => undefined);
      if (jobLocked) await unlockJob(client, job.name).catch(() => undefined);
      lease.release();
    }
  }

  private async runUnit(
    client: ClientBase,
    job: JobDefinition,
    unit: SourceUnit,
    { catalog, directory }: { catalog: CatalogIndex; directory: ReportingDirectory },
    runId: string,
    request: RunRequest,
  ): Promise<{ outcome: UnitOutcome; watermark?: string | null; fatal?: string }> {
    const progress = (phase: Extract<RunProgress, { type: 'unit' }>['phase'], rows?: number) =>
      this.options.onProgress?.({ type: 'unit', runId, label: unit.label, phase, ...(rows === undefined ? {} : { rows }) });
    const input: TransformInput = {
      catalog,
      context: {
        ...(job.defaults.year === undefined ? {} : { defaultYear: job.defaults.year }),
        ...(job.defaults.basis === undefined ? {} : { defaultBasis: job.defaults.basis }),
        ...(job.defaults.region === undefined ? {} : { defaultRegion: job.defaults.region }),
      },
      parseOptions: {
        ...(job.layout.headerSearchRows === undefined ? {} : { headerSearchRows: job.layout.headerSearchRows }),
        ...(job.layout.includeHiddenSheets === undefined ? {} : { includeHiddenSheets: job.layout.includeHiddenSheets }),
      },
    };
    // Figures in force at once, all or nothing, no checks against what is stored: the file
    // streams into the load. Otherwise (a review, checks, quarantine) the screens need it whole.
    if (unit.stream && job.trusted && !job.checks && job.mode === 'all_or_nothing') return this.streamUnit(client, job, unit, { catalog, directory }, input, runId, request);
    progress('extracting');
    let extracted: ExtractedUnit;
    try {
      extracted = await unit.extract(input);
    } catch (error) {
      // The source itself failed (unreachable after retries, bad answer, SQL error): nothing loads.
      extracted = { records: [], rejects: [], skipped: [], rowsRead: 0, refused: { code: 'source_error', message: `读取数据源失败：${message(error)}` } };
    }
    progress('extracted', extracted.records.length);

    // Whose figures these are, and whether they go in force or wait for a reviewer.
    const departmentCode = unit.departmentCode ?? job.department ?? null;
    const loadAs = job.trusted ? 'approved' : 'submitted';
    const screen = async () => {
      let records = extracted.records;
      const rejects = [...extracted.rejects];
      let checks = new Map<ObservationRecord, FigureCheck>();
      if (departmentCode) {
        const byDepartment = screenByDepartment(records, departmentCode, directory, catalog, { asReviewer: job.trusted });
        records = byDepartment.allowed;
        rejects.push(...byDepartment.rejects);
      }
      if (loadAs === 'submitted') {
        const byPending = await screenPending(client, records, directory);
        records = byPending.allowed;
        rejects.push(...byPending.rejects);
      }
      if (job.checks) {
        const byChecks = await screenByChecks(client, records, directory);
        records = byChecks.allowed;
        rejects.push(...byChecks.rejects);
        checks = byChecks.checks;
      }
      return { records, rejects: inFileOrder(rejects), checks };
    };
    let screened = extracted.refused ? { records: [], rejects: [], checks: new Map<ObservationRecord, FigureCheck>() } : await screen();

    const outcome = unitOutcome(unit, loadAs, departmentCode, {
      rowsRead: extracted.rowsRead,
      records: screened.records.length,
      rejects: screened.rejects,
      skipped: extracted.skipped,
      ...(extracted.detected ? { detected: extracted.detected } : {}),
    });
    if (refuseUnit(outcome, unit, job.mode, { refused: extracted.refused, skipped: extracted.skipped })) {
      // Refused as a whole, or rejects in an all-or-nothing job: nothing loads.
    } else if (screened.records.length === 0) {
      // An API pass with nothing new: nothing to write.
      outcome.status = 'loaded';
    } else {
      try {
        const file = (await unit.storedFile?.()) ?? null;
        const load = async () => {
          const { rejects, checks } = screened;
          // A submission waits for one 审核单位: figures for several become one batch each, in one transaction.
          const groups = loadAs === 'submitted' ? byReviewer(screened.records, directory) : [{ reviewer: null, records: screened.records }];
          // One group after another: classifying stages rows in a transaction of its own on this one
          // connection, so two at once would read each other's rows.
          const batches: BatchInput[] = [];
          for (const { reviewer, records } of groups) {
            const periods = [...new Set(records.map((r) => r.period))];
            batches.push({
              runId,
              job: job.name,
              status: loadAs,
              departmentCode,
              reviewerDepartmentCode: reviewer,
              period: periods.length === 1 ? periods[0]! : null,
              fileName: unit.fileName,
              file,
              records,
              rowsTotal: records.length + rejects.length,
              rowsRejected: rejects.length,
              report:
                loadAs === 'submitted'
                  ? { ...submissionReport(records, await previewRecords(client, records), { rowsRead: extracted.rowsRead, rejects, skipped: extracted.skipped, directory, catalog, checks }), job: job.name, runId }
                  : batchReport(job, runId, outcome, rejects, checks),
              createdBy: request.createdBy ?? null,
              reason: request.reason ?? null,
              onCopyProgress: (rows: number) => progress('copying', rows),
              onMerge: () => progress('merging'),
            });
          }
          const results = await loadBatches(client, batches);
          const written = results.filter((r) => r.batchId !== null);
          return {
            batchId: written[0]?.batchId ?? null,
            batchIds: written.map((r) => r.batchId!),
            inserted: results.reduce((n, r) => n + r.inserted, 0),
            changed: results.reduce((n, r) => n + r.changed, 0),
            unchanged: results.reduce((n, r) => n + r.unchanged, 0),
            indicatorCodes: [...new Set(results.flatMap((r) => r.indicatorCodes))].sort(),
          };
        };
        // Another writer of the same figures in the same instant (an approval, a department's
        // preview): once more, against what is now in force or pending.
        const result = await load().catch(async (error: unknown) => {
          if (error instanceof ConcurrentPendingFigure) screened = await screen();
          else if (!(error instanceof ConcurrentFigureChange)) throw error;
          return load();
        });
        const rejected = screened.rejects.length;
        Object.assign(outcome, {
          status: rejected > 0 ? 'quarantined' : 'loaded',
          records: screened.records.length,
          rejected,
          rejects: screened.rejects,
          inserted: result.inserted,
          changed: result.changed,
          unchanged: result.unchanged,
          batchId: result.batchId,
          ...(result.batchIds.length > 1 ? { batchIds: result.batchIds } : {}),
          indicatorCodes: result.indicatorCodes,
        });
        if (rejected > 0) outcome.error = `${rejected}行数据有误，已隔离，其余已${loadAs === 'submitted' ? '提交审核' : '导入'}`;
        progress('committed', result.inserted + result.changed);
        if (result.batchId && loadAs === 'approved') this.options.onFiguresChanged?.({ batchId: result.batchId, indicatorCodes: result.indicatorCodes, at: this.now() });
      } catch (error) {
        return loadFailed(outcome, error);
      }
    }
    await settleUnit(unit, outcome, progress);
    return { outcome, ...(extracted.watermark === undefined ? {} : { watermark: extracted.watermark }) };
  }

  /**
   * A file unit streamed into one all-or-nothing load (`loadStreamedBatch`): parsed, checked and
   * merged chunk by chunk, the file-wide rules run over the staged file, and committed only when
   * nothing at all was rejected.
   */
  private async streamUnit(
    client: ClientBase,
    job: JobDefinition,
    unit: SourceUnit,
    { catalog, directory }: { catalog: CatalogIndex; directory: ReportingDirectory },
    input: TransformInput,
    runId: string,
    request: RunRequest,
  ): Promise<{ outcome: UnitOutcome; fatal?: string }> {
    const progress = (phase: Extract<RunProgress, { type: 'unit' }>['phase'], rows?: number) =>
      this.options.onProgress?.({ type: 'unit', runId, label: unit.label, phase, ...(rows === undefined ? {} : { rows }) });
    progress('extracting');
    const departmentCode = unit.departmentCode ?? job.department ?? null;
    // No row limit: it guards the memory of a load that holds the file, and this one holds two chunks.
    const streamed = { ...input, parseOptions: { ...input.parseOptions, maxRows: Number.POSITIVE_INFINITY } };
    let outcome = unitOutcome(unit, 'approved', departmentCode, { rowsRead: 0, records: 0, rejects: [], skipped: [] });
    // One pass over the file, in one transaction; a second pass reads the file again.
    const streamOptions = { ...streamed, ...(this.options.streamChunkSize ? { chunkSize: this.options.streamChunkSize } : {}) };
    const load = async () => {
      const stream = unit.stream!(streamOptions);
      return await loadStreamedBatch(client, {
        runId,
        job: job.name,
        departmentCode,
        fileName: unit.fileName,
        file: (await unit.storedFile?.()) ?? null,
        createdBy: request.createdBy ?? null,
        reason: request.reason ?? null,
        chunks: stream.chunks,
        readAgain: () => unit.stream!(streamOptions).chunks,
        ...(this.options.seriesWatch ? { seriesWatch: this.options.seriesWatch } : {}),
        catalog,
        ...(departmentCode ? { screen: (records: ObservationRecord[]) => screenByDepartment(records, departmentCode, directory, catalog, { asReviewer: true }) } : {}),
        onChunk: (figures) => progress('copying', figures),
        onRead: () => progress('extracted'),
        decide: async (file) => {
          const { rowRejects, ...summary } = stream.summary();
          const rejects = inFileOrder([...rowRejects, ...file.ruleRejects].map((r) => r.reject).concat(file.screenRejects));
          outcome = unitOutcome(unit, 'approved', departmentCode, {
            rowsRead: summary.rowsRead,
            records: file.figures - file.ruleRejects.length,
            rejects,
            skipped: summary.skipped,
            detected: { kind: summary.kind, ...(summary.encoding === undefined ? {} : { encoding: summary.encoding }), layouts: summary.layout.map((l) => `${l.sheet ?? ''}${l.sheet ? ':' : ''}${l.kind}`) },
          });
          if (refuseUnit(outcome, unit, job.mode, { skipped: summary.skipped })) return null;
          progress('merging');
          return { rowsTotal: outcome.records, rowsRejected: 0, report: batchReport(job, runId, outcome, [], new Map()) };
        },
      });
    };
    try {
      // Another writer put one of the same figures in force in the same instant (an approval,
      // another load): once more, against the version now in force.
      const { result } = await load().catch((error: unknown) => {
        if (!(error instanceof ConcurrentFigureChange)) throw error;
        return load();
      });
      if (result) {
        Object.assign(outcome, { status: 'loaded', inserted: result.inserted, changed: result.changed, unchanged: result.unchanged, batchId: result.batchId, indicatorCodes: result.indicatorCodes });
        progress('committed', result.inserted + result.changed);
        if (result.batchId) this.options.onFiguresChanged?.({ batchId: result.batchId, indicatorCodes: result.indicatorCodes, at: this.now() });
      }
    } catch (error) {
      const refused = unit.refusal?.(error);
      if (refused) {
        refuseUnit(outcome, unit, job.mode, { refused, skipped: [] });
      } else {
        return loadFailed(outcome, error);
      }
    }
    await settleUnit(unit, outcome, progress);
    return { outcome };
  }
}

/** Records grouped by the 审核单位 of their figure (the indicator's department where the plan names none), in first-seen order. */
function byReviewer(records: readonly ObservationRecord[], directory: ReportingDirectory): Array<{ reviewer: string | null; records: ObservationRecord[] }> {
  const groups = new Map<string | null, ObservationRecord[]>();
  for (const record of records) {
    const indicator = directory.indicators.get(record.indicator);
    const reviewer = (indicator && figureOwner(indicator, record.region)?.reviewer) ?? indicator?.departmentCode ?? null;
    groups.set(reviewer, [...(groups.get(reviewer) ?? []), record]);
  }
  return [...groups].map(([reviewer, list]) => ({ reviewer, records: list }));
}

/**
 * The database refused the load: nothing of it committed. The file stays where it is (it may be
 * fine), and the run stops: later units would most likely fail the same way.
 */
function loadFailed(outcome: UnitOutcome, error: unknown): { outcome: UnitOutcome; fatal: string } {
  outcome.error = `写入数据库失败：${message(error)}`;
  outcome.errorCode = 'load_error';
  return { outcome, fatal: outcome.error };
}

/** After the outcome is known: the unit's own settling (inbox: move the file, write its report). */
async function settleUnit(unit: SourceUnit, outcome: UnitOutcome, progress: (phase: 'settled') => void): Promise<void> {
  if (!unit.settle) return;
  try {
    Object.assign(outcome, await unit.settle(outcome));
  } catch (error) {
    outcome.settleError = message(error);
  }
  progress('settled');
}

/** A unit's outcome before it loads: 'failed' until decided. */
function unitOutcome(
  unit: SourceUnit,
  loadAs: UnitOutcome['loadAs'],
  departmentCode: string | null,
  found: { rowsRead: number; records: number; rejects: Reject[]; skipped: readonly Skipped[]; detected?: UnitOutcome['detected'] },
): UnitOutcome {
  const skippedByRule: Partial<Record<SkipRule, number>> = {};
  for (const s of found.skipped) skippedByRule[s.rule] = (skippedByRule[s.rule] ?? 0) + 1;
  return {
    label: unit.label,
    fileName: unit.fileName,
    status: 'failed',
    loadAs,
    ...(departmentCode ? { department: departmentCode } : {}),
    rowsRead: found.rowsRead,
    records: found.records,
    inserted: 0,
    changed: 0,
    unchanged: 0,
    rejected: found.rejects.length,
    skipped: found.skipped.length,
    skippedByRule,
    batchId: null,
    indicatorCodes: [],
    rejects: found.rejects,
    ...(found.detected ? { detected: found.detected } : {}),
  };
}

/**
 * Whether the unit loads nothing: refused as a whole, stopped by a flood of blank rows, without
 * data, or with rejects in an all-or-nothing job (or nothing else). Says why in the outcome.
 */
function refuseUnit(outcome: UnitOutcome, unit: SourceUnit, mode: JobMode, found: { refused?: { code: string; message: string } | undefined; skipped: readonly Skipped[] }): boolean {
  const flood = found.skipped.find((s) => s.rule === 'blank_run_stop');
  if (found.refused) {
    outcome.error = found.refused.message;
    outcome.errorCode = found.refused.code;
  } else if (flood) {
    outcome.error = `文件含有大量连续空行（${flood.reason}），其后的内容未读取；请删除空行后重新放入`;
    outcome.errorCode = 'blank_rows';
  } else if (unit.requiresData && outcome.records === 0 && outcome.rejected === 0) {
    outcome.error = '文件中没有可导入的数据（数值列均为空）';
    outcome.errorCode = 'no_data';
  } else if (outcome.rejected > 0 && (mode === 'all_or_nothing' || outcome.records === 0)) {
    outcome.status = 'rejected';
    outcome.error = `${outcome.rejected}行数据有误，整批未导入`;
  } else {
    return false;
  }
  return true;
}

function batchReport(job: JobDefinition, runId: string, outcome: UnitOutcome, rejects: readonly Reject[], checks: ReadonlyMap<ObservationRecord, FigureCheck>) {
  return {
    job: job.name,
    runId,
    mode: job.mode,
    label: outcome.label,
    rowsRead: outcome.rowsRead,
    records: outcome.records,
    rejected: outcome.rejected,
    skippedByRule: outcome.skippedByRule,
    ...(outcome.detected ? { detected: outcome.detected } : {}),
    rejects: rejects.slice(0, MAX_REPORTED_REJECTS),
    /** The figures a check hit, each with its 说明 (the note): the load's check report. */
    checks: [...checks].filter(([, check]) => check.hits.length > 0).map(([record, check]) => ({ indicator: record.indicator, region: record.region, period: record.period, basis: record.basis, value: record.value, note: record.note ?? null, hits: check.hits })),
  };
}

/** succeeded: every unit loaded; failed: nothing loaded (or the run broke); partial: in between. */
function runStatus(units: readonly UnitOutcome[], fatal: string | null): { status: Exclude<RunStatus, 'running'>; error: string | null } {
  const problems = units.filter((u) => u.status !== 'loaded').map((u) => `${u.label}（${u.error ?? u.status}）`);
  const detail = problems.length > 0 ? `${units.length}个中${problems.length}个未完整导入：${problems.join('；')}` : null;
  if (fatal) return { status: 'failed', error: [fatal, detail].filter(Boolean).join('；') };
  if (problems.length === 0) return { status: 'succeeded', error: null };
  const anyLoaded = units.some((u) => u.status === 'loaded' || u.status === 'quarantined');
  return { status: anyLoaded ? 'partial' : 'failed', error: detail };
}
