/**
 * What every workbook reader shares once it has a sheet's cells: merged ranges filled from
 * their top-left cell, numbers read as shown, the column, row and blank-run limits, and the
 * `RawRow`s with their positions. The XLSX (exceljs) and XLS (SheetJS) readers only turn their
 * library's cells into plain values.
 */
import { Decimal } from 'decimal.js';
import { FileRejectedError } from '../errors.js';
import type { RawRow } from '../model.js';
import { columnLetter, isBlankCell } from '../text.util.js';
import { BlankRunGuard } from './blank-run.js';
import type { ResolvedReadOptions } from './options.js';
import type { ReadInfo } from './read-info.js';

/** A merged range, 1-based inclusive. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A worksheet as the row loop needs it. */
export interface SheetOutline {
  name: string;
  hidden: boolean;
  /** Sorted by top, then left. */
  merges: MergeRange[];
}

/** One row of a sheet: its number as the user sees it, its cells 0-based (blanks left out). */
export interface SheetRow {
  number: number;
  cells: unknown[];
}

/**
 * Merged ranges applied while rows stream past: every cell of a merged range reads as its
 * top-left cell ("2025年" merged over the month columns; a region merged down several rows).
 */
export class MergeFiller {
  private next = 0;
  private active: Array<MergeRange & { value: unknown }> = [];

  constructor(
    private readonly merges: readonly MergeRange[],
    private readonly maxColumns: number,
  ) {}

  apply(row: number, cells: unknown[]): void {
    this.active = this.active.filter((m) => m.bottom >= row);
    for (let m = this.merges[this.next]; m !== undefined && m.top <= row; m = this.merges[++this.next]) {
      if (m.bottom < row) continue;
      const value = m.top === row ? cells[m.left - 1] : undefined;
      if (value !== undefined && !isBlankCell(value)) this.active.push({ ...m, value });
    }
    for (const m of this.active) {
      const right = Math.min(m.right, this.maxColumns);
      for (let c = m.left; c <= right; c++) {
        if (isBlankCell(cells[c - 1])) cells[c - 1] = m.value;
      }
    }
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
  }
}

function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return numFmt.replace(/"[^"]*"/g, '').replace(/\\./g, '').includes('%');
}

/** A number shown with a percent format (0.95 shown as 95%) is read as the text the user sees: "95%". */
export function numberAsShown(value: number, numFmt: string | undefined): unknown {
  if (Number.isNaN(value)) return '#公式错误';
  if (isPercentFormat(numFmt) && Number.isFinite(value)) {
    return `${new Decimal(value).times(100).toSignificantDigits(15).toFixed()}%`;
  }
  return value;
}

export function tooManyColumns(sheet: string, row: number, column: number, limit: number): FileRejectedError {
  return new FileRejectedError(
    'too_many_columns',
    `工作表"${sheet}"第${row}行第${column}列（${columnLetter(column)}列）仍有内容，超过${limit}列的上限，请删除多余的列后上传`,
    { sheet, row, column, limit },
  );
}

/** Merged ranges beyond the limit are refused before any row is read. */
export function checkMergeCount(sheet: string, count: number, options: ResolvedReadOptions): void {
  if (count > options.maxMergedRanges) {
    throw new FileRejectedError('too_many_merges', `工作表"${sheet}"的合并单元格超过${options.maxMergedRanges}处，请取消多余的合并后重新上传`, {
      sheet,
      limit: options.maxMergedRanges,
    });
  }
}

/** A hidden sheet not read, listed as such. */
export function skipHiddenSheet(sheet: SheetOutline, fileName: string, info: ReadInfo): void {
  info.sheets.push({ name: sheet.name, hidden: true, read: false, rows: 0 });
  info.notices.push({ file: fileName, sheet: sheet.name, row: 0, rule: 'hidden_sheet', reason: `工作表"${sheet.name}"为隐藏工作表，未读取` });
}

/** The sheet's rows as `RawRow`s: blank runs stop it (reported), too many columns or rows refuse the file. */
export async function* readSheetRows(
  rows: AsyncIterable<SheetRow> | Iterable<SheetRow>,
  sheet: SheetOutline,
  fileName: string,
  options: ResolvedReadOptions,
  info: ReadInfo,
): AsyncGenerator<RawRow> {
  const sheetInfo = { name: sheet.name, hidden: sheet.hidden, read: true, rows: 0 } as ReadInfo['sheets'][number];
  info.sheets.push(sheetInfo);
  const guard = new BlankRunGuard(options.maxConsecutiveBlankRows, fileName, sheet.name);
  const filler = new MergeFiller(sheet.merges, options.maxColumns);
  for await (const { number, cells } of rows) {
    if (cells.length > options.maxColumns) {
      // Name the first used column past the limit (the row's last one is used, so there is one).
      let index = options.maxColumns;
      while (isBlankCell(cells[index])) index++;
      throw tooManyColumns(sheet.name, number, index + 1, options.maxColumns);
    }
    const blank = cells.length === 0;
    const stop = blank ? guard.blank(number) : guard.content(number);
    if (stop) {
      info.notices.push(stop);
      sheetInfo.stoppedAtRow = (stop.toRow ?? number) + 1;
      break;
    }
    if (blank) continue;
    if (sheetInfo.rows >= options.maxRows) {
      throw new FileRejectedError('too_many_rows', `工作表"${sheet.name}"超过${options.maxRows}行的上限`, {
        sheet: sheet.name,
        limit: options.maxRows,
      });
    }
    filler.apply(number, cells);
    sheetInfo.rows++;
    info.rowsRead++;
    yield { file: fileName, sheet: sheet.name, row: number, cells };
  }
}
