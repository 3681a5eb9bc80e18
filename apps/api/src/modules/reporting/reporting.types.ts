/** API-side reporting types; the shapes the web app also renders live in @planwatch/shared. */
import type { Basis, BatchStatus, DecimalString, NamedFigure, Period } from '@planwatch/shared';

/** The natural key of a figure. */
export interface FigureKey {
  indicator: string;
  region: string;
  period: string;
  basis: Basis;
}

/** How one record of a preview relates to the figures in force. */
export interface ClassifiedFigure {
  seq: number;
  kind: 'new' | 'changed' | 'unchanged';
  oldValue: DecimalString | null;
  pendingStatus: 'draft' | 'submitted' | null;
  pendingBatch: string | null;
  pendingDepartment: string | null;
}

export interface BatchListFilter {
  status?: BatchStatus;
  /** The departments whose batches are listed; null: every department. */
  departmentCodes: string[] | null;
  /** Also the batches these departments are the 审核单位 of (a reviewer sees what it reviews). */
  reviewedBy: string[];
  /** Only what this department may review: its own 审核单位 batches, and older batches without one by the old rule (`legacyAll`: 统计局, 发改局 any; else its own department's). */
  reviewer?: { departmentCode: string; legacyAll: boolean };
  period?: Period;
  limit: number;
  offset: number;
}

/** One current version of a figure for the reporting calendar. */
export interface FigureState {
  indicatorCode: string;
  regionCode: string;
  period: Period;
  basis: Basis;
  status: 'draft' | 'submitted' | 'approved' | 'returned';
  value: DecimalString;
  note: string | null;
  batchId: string;
  /** The department whose batch holds the version. */
  departmentCode: string | null;
  reviewComment: string | null;
  createdAt: string;
  decidedAt: string | null;
}

/** A figure's latest version, returned by its reviewer: what a resubmission shows it changed from. */
export interface ReturnedVersion {
  batchId: string;
  value: DecimalString;
  comment: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

/** A figure waiting in a preview batch (a draft), with the approved value it would replace. */
export interface PendingFigure extends FigureKey {
  period: Period;
  value: DecimalString;
  spanStart: Period | null;
  note: string | null;
  oldValue: DecimalString | null;
  /** The approved figure exists and this version differs from it: submitting it needs a 修改原因. */
  changed: boolean;
}

export interface StoredFile {
  sha256: string;
  bytes: Buffer;
  contentType: string | null;
  size: number;
}

/** An approved figure for the export: the listed figure and its version. */
export interface ExportFigure extends NamedFigure {
  revision: number;
  decidedAt: Date | null;
}

/** A file for download: the bytes and how to name them. */
export interface DownloadFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}
