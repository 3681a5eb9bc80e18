/**
 * What the reporting, observation-history, users and departments endpoints answer. These
 * mirror apps/api (reporting.types.ts, observations.service.ts, users.repository.ts,
 * departments.service.ts), which are not in @planwatch/shared's contracts yet; when they move
 * there, import them from the package instead.
 */
import type { Basis, DecimalString, Frequency, Period, Role } from '@planwatch/shared';

export type BatchSource = 'upload' | 'online' | 'etl' | 'sample';
export type BatchStatus = 'preview' | 'submitted' | 'approved' | 'returned' | 'loaded' | 'discarded';
export type RowKind = 'new' | 'changed' | 'unchanged';

export interface RejectView {
  file: string;
  sheet?: string;
  row: number;
  column?: string;
  value: string;
  reason: string;
}

export interface JumpWarning {
  kind: 'month_on_month' | 'year_on_year';
  comparedPeriod: Period;
  comparedValue: DecimalString;
  changePct: number | null;
  message: string;
}

export interface WarningView extends JumpWarning {
  row: number;
  sheet?: string;
  indicatorCode: string;
  regionCode: string;
  period: Period;
  basis: Basis;
  value: DecimalString;
}

export interface PreviewRow {
  row: number;
  sheet?: string;
  column?: string;
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
  kind: RowKind;
  oldValue: DecimalString | null;
  warnings: JumpWarning[];
}

export interface PreviewReport {
  summary: { rowsRead: number; records: number; new: number; changed: number; unchanged: number; rejected: number; skipped: number; warnings: number };
  submittable: boolean;
  reasonRequired: boolean;
  reason: string | null;
  rows: PreviewRow[];
  rejects: RejectView[];
  warnings: WarningView[];
  skipped: Array<{ sheet?: string; row: number; toRow?: number; column?: string; rule: string; reason: string }>;
  replaced?: string[];
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
  dueDate: string;
  status: TaskStatus;
  overdue: boolean;
  approvedValue: DecimalString | null;
  approvedBasis: Basis | null;
  pendingValue: DecimalString | null;
  batchId: string | null;
  reviewComment: string | null;
}

export interface TasksResponse {
  department: { code: string; name: string; kind: string; regionCode: string };
  period: Period;
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
  previousValue: DecimalString | null;
  supersedesId: string | null;
  reason: string | null;
  note: string | null;
  sample: boolean;
  createdBy: { id: string; username: string | null } | null;
  createdAt: string;
  decidedBy: { id: string; username: string | null } | null;
  decidedAt: string | null;
  batch: { id: string; source: string; status: string; departmentCode: string | null; fileName: string | null; fileSha256: string | null; reviewComment: string | null };
}

export interface FigureHistory {
  indicator: { code: string; name: string; unit: string };
  region: { code: string; name: string };
  period: Period;
  basis: Basis | null;
  versions: FigureVersion[];
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentCode: string | null;
  active: boolean;
  failedLogins: number;
  lockedUntil: string | null;
}

export interface DepartmentView {
  code: string;
  name: string;
  kind: 'bureau' | 'town' | 'zone';
  regionCode: string;
  regionName: string;
  regionKind: string;
  users: number;
  indicators: number;
}

/** A batch's preview report, or null for batches without one (sample data, old batches). */
export function previewOf(batch: BatchRecord): PreviewReport | null {
  const report = batch.report;
  return report && 'rows' in report && Array.isArray(report.rows) ? report : null;
}
