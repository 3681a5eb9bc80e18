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
  /** null: every department. */
  departmentCodes: string[] | null;
  period?: Period;
  limit: number;
  offset: number;
}

/** One current version of a figure for the reporting calendar. */
export interface FigureState {
  indicatorCode: string;
  regionCode: string;
  basis: Basis;
  status: 'draft' | 'submitted' | 'approved' | 'returned';
  value: DecimalString;
  batchId: string;
  reviewComment: string | null;
  createdAt: string;
  decidedAt: string | null;
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
