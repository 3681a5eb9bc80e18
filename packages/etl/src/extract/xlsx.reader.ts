/**
 * XLSX rows as a stream: exceljs's streaming `WorkbookReader` (one row in memory at a time),
 * reading only the parts `openCheckedXlsx` vetted, after it collected the merged ranges.
 */
import { Decimal } from 'decimal.js';
import ExcelJS from 'exceljs';
import { FileRejectedError } from '../errors.js';
import type { RawRow } from '../model.js';
import { columnLetter, isBlankCell } from '../text.util.js';
import { BlankRunGuard } from './blank-run.js';
import type { ResolvedReadOptions } from './options.js';
import type { ReadInfo } from './read-info.js';
import { openCheckedXlsx, type MergeRange, type XlsxSheetInfo, type ZipSource } from './zip-inspect.js';

/** The parts of exceljs's streaming worksheet reader that its typings leave out. */
interface StreamedWorksheet extends AsyncIterable<ExcelJS.Row> {
  name: string;
  id: number | string;
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
function numberCell(value: number, cell: ExcelJS.Cell): unknown {
  if (Number.isNaN(value)) return '#公式错误';
  if (isPercentFormat(cell.numFmt) && Number.isFinite(value)) {
    return `${new Decimal(value).times(100).toSignificantDigits(15).toFixed()}%`;
  }
  return value;
}

function richText(parts: ReadonlyArray<{ text: string }>): string {
  return parts.map((p) => p.text).join('');
}

function cellValue(cell: ExcelJS.Cell, fileName: string, sheet: string): unknown {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return numberCell(v, cell);
  if (typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('formula' in v || 'sharedFormula' in v) {
    const result = v.result;
    if (result === undefined || result === null) {
      const formula = 'formula' in v && v.formula ? `"=${v.formula}"` : '';
      throw new FileRejectedError(
        'formula_without_value',
        `工作表"${sheet}"单元格${cell.address}的公式${formula}没有计算结果（文件未经Excel计算保存），请在Excel中打开、重新计算并保存后上传`,
        { sheet, cell: cell.address, formula: 'formula' in v ? v.formula : undefined },
      );
    }
    if (typeof result === 'number') return numberCell(result, cell);
    if (typeof result === 'string' || typeof result === 'boolean' || result instanceof Date) return result;
    return result.error;
  }
  if ('richText' in v) return richText(v.richText);
  if ('error' in v) return v.error;
  if ('text' in v) {
    const text: unknown = v.text;
    if (typeof text === 'string') return text;
    if (text && typeof text === 'object' && 'richText' in text) return richText((text as ExcelJS.CellRichTextValue).richText);
    return null;
  }
  return null;
}

function tooManyColumns(fileName: string, sheet: string, row: number, column: number, limit: number): FileRejectedError {
  return new FileRejectedError(
    'too_many_columns',
    `工作表"${sheet}"第${row}行第${column}列（${columnLetter(column)}列）仍有内容，超过${limit}列的上限，请删除多余的列后上传`,
    { sheet, row, column, limit },
  );
}

/** The row's cells, 0-based, blanks as null; a used column beyond the limit is an error. */
function rowCells(row: ExcelJS.Row, fileName: string, sheet: string, maxColumns: number): unknown[] {
  const cells: unknown[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const value = cellValue(cell, fileName, sheet);
    if (isBlankCell(value)) return;
    if (col > maxColumns) throw tooManyColumns(fileName, sheet, row.number, col, maxColumns);
    cells[col - 1] = value;
  });
  return cells;
}

function sheetFor(worksheet: StreamedWorksheet, sheets: readonly XlsxSheetInfo[]): XlsxSheetInfo {
  const byName = sheets.find((s) => s.name === worksheet.name);
  if (byName) return byName;
  // exceljs names a sheet it could not resolve "Sheet<part number>".
  const m = /^Sheet(\d+)$/.exec(worksheet.name);
  const byPart = m ? sheets.find((s) => s.part === `xl/worksheets/sheet${m[1]}.xml`) : undefined;
  return byPart ?? { name: worksheet.name, part: '', hidden: false, merges: [] };
}

async function* readWorksheet(
  worksheet: StreamedWorksheet,
  sheet: XlsxSheetInfo,
  fileName: string,
  options: ResolvedReadOptions,
  info: ReadInfo,
): AsyncGenerator<RawRow> {
  const sheetInfo = { name: sheet.name, hidden: sheet.hidden, read: true, rows: 0 } as ReadInfo['sheets'][number];
  info.sheets.push(sheetInfo);
  const guard = new BlankRunGuard(options.maxConsecutiveBlankRows, fileName, sheet.name);
  const filler = new MergeFiller(sheet.merges, options.maxColumns);
  for await (const row of worksheet) {
    const cells = rowCells(row, fileName, sheet.name, options.maxColumns);
    const blank = cells.length === 0;
    const stop = blank ? guard.blank(row.number) : guard.content(row.number);
    if (stop) {
      info.notices.push(stop);
      sheetInfo.stoppedAtRow = (stop.toRow ?? row.number) + 1;
      break;
    }
    if (blank) continue;
    if (sheetInfo.rows >= options.maxRows) {
      throw new FileRejectedError('too_many_rows', `工作表"${sheet.name}"超过${options.maxRows}行的上限`, {
        sheet: sheet.name,
        limit: options.maxRows,
      });
    }
    filler.apply(row.number, cells);
    sheetInfo.rows++;
    info.rowsRead++;
    yield { file: fileName, sheet: sheet.name, row: row.number, cells };
  }
}

export async function* readXlsxRows(
  source: ZipSource,
  fileName: string,
  options: ResolvedReadOptions,
  info: ReadInfo,
): AsyncGenerator<RawRow> {
  info.kind = 'xlsx';
  const checked = await openCheckedXlsx(source, fileName, options);
  const input = checked.parserStream();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles are needed to tell dates and percentages from plain numbers.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const ws of reader as AsyncIterable<unknown>) {
      const worksheet = ws as StreamedWorksheet;
      const sheet = sheetFor(worksheet, checked.sheets);
      if (sheet.hidden && !options.includeHiddenSheets) {
        info.sheets.push({ name: sheet.name, hidden: true, read: false, rows: 0 });
        info.notices.push({ file: fileName, sheet: sheet.name, row: 0, rule: 'hidden_sheet', reason: `工作表"${sheet.name}"为隐藏工作表，未读取` });
        // Start and stop at once: exceljs then skips the rest of this sheet.
        for await (const _ of worksheet) break;
        continue;
      }
      yield* readWorksheet(worksheet, sheet, fileName, options, info);
    }
  } catch (error) {
    // The checked stream stopped (a lying part, the limit): that is why exceljs failed.
    const failure = checked.failure();
    if (failure) throw failure;
    if (error instanceof FileRejectedError) throw error;
    throw new FileRejectedError('corrupt', `文件"${fileName}"无法作为Excel工作簿读取，请重新保存为.xlsx后上传`, {
      cause: error instanceof Error ? error.message : String(error),
    });
  } finally {
    input.destroy();
    checked.close();
  }
  const failure = checked.failure();
  if (failure) throw failure;
}
