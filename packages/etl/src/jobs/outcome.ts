/**
 * What a run produced: per unit (a file, an API pass) and for the run as a whole. The run's
 * report (etl_runs.report) is `RunReport`; every rejection is listed with its file, sheet, row,
 * column, value and Chinese reason.
 */
import type { SpreadsheetKind } from '../extract/read-info.js';
import type { Reject, SkipRule } from '../model.js';
import type { RunCounts, RunStatus, RunTrigger } from './run-store.js';

/**
 * loaded: every row valid, the batch is in force (possibly with nothing new);
 * quarantined: the valid rows loaded, the rejected ones kept in the report (quarantine mode);
 * rejected: some row invalid, so nothing of the unit loaded (all_or_nothing);
 * failed: the unit could not be read at all (not a spreadsheet, source unreachable, no data …).
 */
export type UnitStatus = 'loaded' | 'quarantined' | 'rejected' | 'failed';

export interface UnitOutcome {
  label: string;
  fileName: string | null;
  status: UnitStatus;
  /** 'approved': in force at once (a trusted job); 'submitted': waiting in the review queue. */
  loadAs: 'approved' | 'submitted';
  /** The department whose figures these are (an inbox file's folder, or the job's). */
  department?: string;
  /** Why the unit failed or was rejected, in Chinese. */
  error?: string;
  /** FileRejectedError code, 'no_data', 'blank_rows', 'source_error' … */
  errorCode?: string;
  rowsRead: number;
  /** Valid records (loaded or not). */
  records: number;
  inserted: number;
  changed: number;
  unchanged: number;
  rejected: number;
  skipped: number;
  skippedByRule: Partial<Record<SkipRule, number>>;
  batchId: string | null;
  /** A submission for several 审核单位: every batch it became (batchId is the first). */
  batchIds?: string[];
  indicatorCodes: string[];
  rejects: Reject[];
  /** Rejections beyond the report's cap (the inbox report file still lists them all). */
  rejectsOmitted?: number;
  detected?: { kind: SpreadsheetKind; encoding?: string; layouts: string[] };
  movedTo?: string;
  reportFile?: string;
  settleError?: string;
}

export interface RunReport {
  job: string;
  mode: 'all_or_nothing' | 'quarantine';
  /** The job puts figures in force at once (a system feed); otherwise they wait for review. */
  trusted: boolean;
  source: { type: string; target: string };
  /** HTTP/SQL: the watermark the run started from. */
  since?: string | null;
  /** HTTP/SQL: where the next run starts; only on runs that loaded. */
  watermark?: string;
  units: Array<Omit<UnitOutcome, 'rejects'>>;
  /** Every rejection of every unit (capped per unit; see units[].rejected). */
  rejects: Reject[];
  interrupted?: boolean;
}

export interface RunSummary extends RunCounts {
  id: string;
  job: string;
  trigger: RunTrigger;
  status: Exclude<RunStatus, 'running'>;
  startedAt: string;
  finishedAt: string;
  error: string | null;
  report: RunReport;
}

/** How many rejections of one unit are kept in etl_runs.report and batches.report. */
export const MAX_REPORTED_REJECTS = 50_000;
