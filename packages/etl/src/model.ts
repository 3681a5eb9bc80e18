/**
 * The vocabulary of the ETL pipeline: what each stage hands to the next.
 *
 *   extract   → RawRow        (cells exactly as the file holds them, with their position)
 *   layout    → RawRecord     (one candidate observation, fields still raw text)
 *   transform → ObservationRecord | Reject | Skipped
 */
import type { Basis, DecimalString, Period } from '@planwatch/shared';

/** Where a row sits, as the user sees it in Excel: 1-based row numbers. */
export interface RowPosition {
  file: string;
  /** Worksheet name; absent for CSV. */
  sheet?: string;
  row: number;
}

/** One non-blank row read from a file. `cells[0]` is column A. */
export interface RawRow extends RowPosition {
  /** string | number | boolean | Date | null — formulas already replaced by their cached result. */
  cells: unknown[];
}

/** A cell position: the row plus the column letter (A, B, …, AA). */
export interface CellPosition extends RowPosition {
  column?: string;
}

/** The fields of an observation, used to say which column a reject is about. */
export type RecordField = 'indicator' | 'region' | 'year' | 'period' | 'basis' | 'value' | 'unit' | 'note';

/** An indicator or region as written in the file: by code, by name, or both. */
export interface RawRef {
  code?: string;
  name?: string;
}

/** One candidate observation produced by the layout stage; nothing is interpreted yet. */
export interface RawRecord {
  position: RowPosition;
  /** Column letter of each field that came from a cell. */
  columns: Partial<Record<RecordField, string>>;
  indicatorRef: RawRef;
  regionRef: RawRef;
  /** "2025-06", "6月", "1-2月", a Date, 202506 … */
  periodRaw: unknown;
  /** Cell of a 年份 column, when the sheet has one. */
  yearRaw?: unknown;
  /** Year the layout found in the month header, the sheet name or a title row. */
  yearHint?: number;
  /** Cell of a 口径 column, or the text of a basis-specific header (本月 / 1-6月累计). */
  basisRaw?: unknown;
  valueRaw: unknown;
  /** Cell of a 单位 column. */
  unitRaw?: unknown;
  /** Unit written in a header ("数值（万吨）") or a title row ("单位：万吨"). */
  unitHint?: string;
  note?: string;
}

/** A figure's identity: indicator, region, period and basis (what a pending version or the one in force is unique by). */
export const figureKey = (r: Pick<ObservationRecord, 'indicator' | 'region' | 'period' | 'basis'>): string => `${r.indicator}|${r.region}|${r.period}|${r.basis}`;

/** A clean observation, ready for the loader. */
export interface ObservationRecord {
  /** Indicator code from the catalog. */
  indicator: string;
  /** Region code from the catalog. */
  region: string;
  /** The month the value belongs to (the last month of a span). */
  period: Period;
  basis: Basis;
  /** Exact decimal, converted into the indicator's unit. */
  value: DecimalString;
  /** First month of a monthly value that spans several months ("1-2月" → 2025-01). */
  spanStart?: Period;
  note?: string;
  /** Column letter of the period, when the file has a period column (a period mismatch points there). */
  periodColumn?: string;
  position: CellPosition;
}

/** A row (or cell) that could not be loaded, with the reason in Chinese. */
export interface Reject {
  file: string;
  sheet?: string;
  row: number;
  /** Column letter of the offending cell, when one cell is at fault. */
  column?: string;
  /** Which field was at fault. */
  field?: RecordField;
  /** The offending text as read. */
  value: string;
  reason: string;
}

/** Why something was deliberately not loaded (and is not an error). */
export type SkipRule =
  | 'title_row'
  | 'header_row'
  | 'repeated_header'
  | 'blank_rows'
  | 'note_row'
  | 'subtotal_row'
  | 'no_data_row'
  | 'empty_value'
  | 'hidden_sheet'
  | 'sheet_without_layout'
  | 'blank_run_stop';

/** Something deliberately not loaded, listed so nothing is dropped silently. */
export interface Skipped {
  file: string;
  sheet?: string;
  /** 0 when the whole sheet is meant (hidden sheet). */
  row: number;
  /** Last row of a run (blank rows). */
  toRow?: number;
  column?: string;
  rule: SkipRule;
  /** The text that triggered the rule (e.g. "合计", "注：…"). */
  value?: string;
  reason: string;
}
