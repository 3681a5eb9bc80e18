import type { Skipped } from '../model.js';

/** What a file turned out to be, by its bytes. */
export type SpreadsheetKind = 'xlsx' | 'xls' | 'csv';

/** The media type a stored file of each kind is served with. */
export const SPREADSHEET_CONTENT_TYPES: Readonly<Record<SpreadsheetKind, string>> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  csv: 'text/csv',
};

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface SheetReadInfo {
  name: string;
  hidden: boolean;
  /** False for hidden sheets (unless asked for). */
  read: boolean;
  /** Non-blank rows yielded. */
  rows: number;
  /** Set when a run of blank rows stopped the reading: the first row not read. */
  stoppedAtRow?: number;
}

/** What the reader learned while reading; complete once iteration has finished. */
export interface ReadInfo {
  kind?: SpreadsheetKind;
  /** CSV only: the detected encoding. */
  encoding?: TextEncoding;
  /** CSV only: the detected delimiter. */
  delimiter?: ',' | '\t' | ';';
  sheets: SheetReadInfo[];
  /** Non-blank rows yielded, all sheets together. */
  rowsRead: number;
  /** Hidden sheets not read, blank runs that stopped a sheet. */
  notices: Skipped[];
}

export function emptyReadInfo(): ReadInfo {
  return { sheets: [], rowsRead: 0, notices: [] };
}
