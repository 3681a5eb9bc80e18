/**
 * What the reporting (填报) and figure-history endpoints answer: tasks, batches with their
 * preview, and each figure's versions. The API produces these, the web app renders them.
 */
import type { Basis, DecimalString, Frequency, Period } from '../domain/types.js';

export type BatchSource = 'upload' | 'online' | 'etl' | 'sample' | 'published';

/** 'new': no approved figure yet; 'changed': differs from the approved one (old → new); 'unchanged': the same. */
export type RowKind = 'new' | 'changed' | 'unchanged';

export type BatchStatus = 'preview' | 'submitted' | 'approved' | 'returned' | 'loaded' | 'discarded';

/** A row the preview refuses, and why (Chinese, for the reporter). */
export interface RejectView {
  file: string;
  sheet?: string;
  row: number;
  column?: string;
  value: string;
  reason: string;
}

export type JumpKind = 'month_on_month' | 'year_on_year';

export interface JumpWarning {
  kind: JumpKind;
  comparedPeriod: Period;
  comparedValue: DecimalString;
  /** Relative change in percent, rounded to one decimal; null when the compared value is zero. */
  changePct: number | null;
  message: string;
}

/** A warning about one row of a preview: worth a second look, not an error. */
export interface WarningView extends JumpWarning {
  row: number;
  sheet?: string;
  indicatorCode: string;
  regionCode: string;
  period: Period;
  basis: Basis;
  value: DecimalString;
}

/** A figure as a department sees it listed: its key with names, its value in its unit. */
export interface NamedFigure {
  indicatorCode: string;
  indicatorName: string;
  regionCode: string;
  regionName: string;
  period: Period;
  basis: Basis;
  spanStart: Period | null;
  unit: string;
  value: DecimalString;
  note: string | null;
}

export interface PreviewRow extends NamedFigure {
  row: number;
  sheet?: string;
  column?: string;
  kind: RowKind;
  /** The approved value in force, for a changed (or unchanged) figure. */
  oldValue: DecimalString | null;
  warnings: JumpWarning[];
}

/** What a preview found; kept in batches.report and returned by every submission endpoint. */
export interface PreviewReport {
  summary: {
    rowsRead: number;
    records: number;
    new: number;
    changed: number;
    unchanged: number;
    rejected: number;
    skipped: number;
    warnings: number;
  };
  /** No rejected row and something new or changed: the preview may be submitted. */
  submittable: boolean;
  /** Some row changes an approved figure: a reason is required to submit. */
  reasonRequired: boolean;
  reason: string | null;
  rows: PreviewRow[];
  rejects: RejectView[];
  warnings: WarningView[];
  /** Rows deliberately not read (titles, headers, blank values), first 200. */
  skipped: Array<{ sheet?: string; row: number; toRow?: number; column?: string; rule: string; reason: string }>;
  /** Earlier previews whose figures this one took over (all of them: that preview was discarded). */
  replaced?: string[];
  /** Figures of this preview a later preview took over; they are no longer part of this one. */
  movedTo?: Array<{ batchId: string; figures: number }>;
}

export interface BatchRecord {
  id: string;
  source: BatchSource;
  status: BatchStatus;
  departmentCode: string | null;
  departmentName: string | null;
  period: Period | null;
  fileName: string | null;
  fileSha256: string | null;
  rowsTotal: number;
  rowsRejected: number;
  /** Draft or submitted figure versions the batch still holds. */
  pendingRows: number;
  createdBy: { id: string; username: string | null } | null;
  createdAt: string;
  submittedAt: string | null;
  reviewedBy: { id: string; username: string | null } | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  /** Sample batches carry `{ sample: true }` instead of a preview. */
  report?: PreviewReport | { sample: true } | null;
}

export type TaskStatus = 'due' | 'draft' | 'submitted' | 'returned' | 'approved' | 'late';

export interface ReportingTask {
  indicatorCode: string;
  indicatorName: string;
  unit: string;
  frequency: Frequency;
  usualBasis: Basis;
  regionCode: string;
  regionName: string;
  /** The period as the department writes it: "2026年1-2月" for a February published with January. */
  periodText: string;
  /** Last day to report, YYYY-MM-DD (China time): day `deadline_day` of the following month. */
  dueDate: string;
  status: TaskStatus;
  /** The due date has passed and nothing is approved. */
  overdue: boolean;
  approvedValue: DecimalString | null;
  approvedBasis: Basis | null;
  pendingValue: DecimalString | null;
  /** The batch of the latest draft, submission or return. */
  batchId: string | null;
  reviewComment: string | null;
}

export interface TasksResponse {
  department: { code: string; name: string; kind: string; regionCode: string };
  period: Period;
  /** Today in China, YYYY-MM-DD. */
  today: string;
  summary: Record<TaskStatus, number>;
  tasks: ReportingTask[];
}

export interface FigureVersion {
  id: string;
  revision: number;
  status: 'draft' | 'submitted' | 'approved' | 'returned' | 'superseded';
  basis: Basis;
  spanStart: Period | null;
  value: DecimalString;
  /** The approved value this version replaces (or would replace): old → new. */
  previousValue: DecimalString | null;
  supersedesId: string | null;
  reason: string | null;
  note: string | null;
  sample: boolean;
  createdBy: { id: string; username: string | null } | null;
  createdAt: string;
  decidedBy: { id: string; username: string | null } | null;
  decidedAt: string | null;
  batch: {
    id: string;
    source: string;
    status: string;
    departmentCode: string | null;
    fileName: string | null;
    fileSha256: string | null;
    reviewComment: string | null;
  };
}

export interface FigureHistory {
  indicator: { code: string; name: string; unit: string };
  region: { code: string; name: string };
  period: Period;
  basis: Basis | null;
  /** Oldest first: who, when, old → new, status, batch and file, reason. */
  versions: FigureVersion[];
}
