/**
 * What the reporting (填报) and figure-history endpoints answer: tasks, batches with their
 * preview, and each figure's versions. The API produces these, the web app renders them.
 */
import type { CheckHit, FigureComparisons } from '../checks/check-figures.js';
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
  /**
   * What the row is about where its position means nothing to the clerk (online entry: "原煤产量/西火镇");
   * the page shows it instead of the row and column.
   */
  subject?: string;
}

/** A 核实性审核 hit on one row of a preview, with where the row is: it needs a 说明. */
export interface WarningView extends CheckHit {
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
  /** 上月, 上年同期, 环比, 同比, 占全区比重: what the reviewer compares the figure with. */
  comparisons: FigureComparisons;
  /** 核实性审核 hits (a hard hit refuses the row: it is a reject, not a row). */
  checks: CheckHit[];
  /** A hit and no 说明 (the note) yet: the batch cannot be submitted until it has one. */
  needsExplanation: boolean;
  /** Why the approved figure changes (修改原因), for a changed row. */
  reason: string | null;
  /** The figure's last version was returned: its value and the reviewer's comment, to show what changed. */
  returned: { batchId: string; value: DecimalString; comment: string | null } | null;
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
    /** 核实性审核 hits. */
    warnings: number;
    /** Rows whose hits still need a 说明. */
    needExplanation: number;
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
  /** Submissions that were returned and this one reports again: the reviewer's comment, and the rows say what changed. */
  resubmits?: Array<{ batchId: string; reviewComment: string | null; reviewedBy: string | null; reviewedAt: string | null }>;
  /** A batch submitted with figures for several 审核单位 is split: the batches holding the others. */
  splitInto?: Array<{ batchId: string; reviewerDepartmentCode: string; figures: number }>;
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
  /** The 审核单位 of its figures once submitted (null before, and for batches older than that rule). */
  reviewerDepartmentCode: string | null;
  reviewerDepartmentName: string | null;
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
  /** The figure's period (the task's month). */
  period: Period;
  /** Days until the due date (0 on the day, negative once overdue), China time. */
  daysLeft: number;
  /** The note of the pending draft, for the online form to show again. */
  pendingNote: string | null;
  /** 审核单位, by name. */
  reviewerName: string;
}

/** A figure another department reports that this one watches (its indicator, or it reviews it): where it stands, read-only. */
export interface WatchedFigure {
  indicatorCode: string;
  indicatorName: string;
  unit: string;
  regionCode: string;
  regionName: string;
  period: Period;
  status: TaskStatus;
  reporterName: string;
  reviewerName: string;
  /** "西火镇已报，待能源局审核". */
  statusText: string;
  approvedValue: DecimalString | null;
}

export interface TasksResponse {
  department: { code: string; name: string; kind: string; regionCode: string };
  period: Period;
  /** Today in China, YYYY-MM-DD. */
  today: string;
  summary: Record<TaskStatus, number>;
  tasks: ReportingTask[];
  /** Earlier months' figures still overdue or returned (oldest first): they come before this month's. */
  earlier: ReportingTask[];
  /** Figures others report that the department answers for as indicator owner or 审核单位. */
  watched: WatchedFigure[];
}

/** One cell of 报送进度: a department's figures of one indicator for the month. */
export type ProgressCellStatus = 'missing' | 'submitted' | 'returned' | 'approved' | 'late';

export interface ReportingProgressCell {
  indicatorCode: string;
  status: ProgressCellStatus;
  /** Figures due, and how many are in each state. */
  figures: number;
  counts: Record<TaskStatus, number>;
}

export interface ReportingProgressRow {
  departmentCode: string;
  departmentName: string;
  cells: ReportingProgressCell[];
  /** Figures due that are neither submitted nor approved. */
  outstanding: number;
  /** The last 催报 sent to it for this month (China time), if any. */
  remindedAt: string | null;
}

/** 报送进度: departments × indicators for one month, for the statistics bureau. */
export interface ReportingProgress {
  period: Period;
  today: string;
  dueDate: string;
  indicators: Array<{ code: string; name: string; unit: string }>;
  rows: ReportingProgressRow[];
  totals: Record<ProgressCellStatus, number>;
}

export interface ReminderResult {
  departmentCode: string;
  period: Period;
  /** false: one was already sent to the department today (once per department per day). */
  sent: boolean;
  outstanding: number;
  notificationId: string | null;
}

export interface FigureVersion {
  id: string;
  /** The approved revision this version is or would become (returned versions keep the number they would have had). */
  revision: number;
  /** 1, 2, 3 …: this version's place among every version of the figure (indicator, region, period). */
  version: number;
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
    /** Its 审核单位, once submitted: whose reviewers may see a pending version. */
    reviewerDepartmentCode: string | null;
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
  /**
   * A district figure that is the sum of its regions (nothing reported for the district itself):
   * the regions' versions behind the sum, each region's oldest first.
   */
  components?: Array<{ region: { code: string; name: string }; versions: FigureVersion[] }>;
}
