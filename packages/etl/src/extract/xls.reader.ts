/**
 * Excel 97–2003 workbooks (.xls, BIFF8 in an OLE2 compound file) through SheetJS, into the same
 * rows as an XLSX: merged ranges filled, numbers as shown, dates as dates, hidden sheets
 * skipped, and the same column, row, blank-run and merge limits. A BIFF file is not compressed
 * (no zip bomb), but SheetJS holds the whole workbook in memory, so its size has its own limit.
 * VBA macros and password protection are refused.
 */
import * as XLSX from '@e965/xlsx';
import { FileRejectedError } from '../errors.js';
import type { RawRow } from '../model.js';
import { isBlankCell } from '../text.util.js';
import { formatBytes, type ResolvedReadOptions } from './options.js';
import type { ReadInfo } from './read-info.js';
import { checkMergeCount, numberAsShown, readSheetRows, skipHiddenSheet, type MergeRange, type SheetOutline, type SheetRow } from './sheet-rows.js';

/** BIFF error codes as Excel shows them. */
const ERRORS: Readonly<Record<number, string>> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A' };

/** Days from Excel's day 0 to 1970-01-01, in the 1900 and 1904 date systems. */
const EPOCH_OFFSET = { 1900: 25569, 1904: 24107 } as const;

/** A date-formatted serial as a UTC date, the way exceljs gives XLSX dates (never the machine's time zone). */
function serialDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - EPOCH_OFFSET[date1904 ? 1904 : 1900]) * 86_400_000));
}

function cellValue(cell: XLSX.CellObject | undefined, date1904: boolean): unknown {
  if (!cell || cell.v === undefined || cell.v === null) return null;
  switch (cell.t) {
    case 'n': {
      const value = cell.v as number;
      return typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z) ? serialDate(value, date1904) : numberAsShown(value, typeof cell.z === 'string' ? cell.z : undefined);
    }
    case 'e':
      return ERRORS[cell.v as number] ?? '#错误';
    case 'b':
    case 's':
      return cell.v;
    default:
      return null;
  }
}

function refused(fileName: string, error: unknown): FileRejectedError {
  const message = error instanceof Error ? error.message : String(error);
  if (/password|encrypt/i.test(message)) {
    return new FileRejectedError('corrupt', `文件"${fileName}"设置了打开密码，请取消密码保护后重新上传`, { cause: message });
  }
  return new FileRejectedError('corrupt', `文件"${fileName}"无法作为Excel 97-2003工作簿（.xls）读取，请在Excel中重新保存后上传`, { cause: message });
}

/** Rows of a dense SheetJS worksheet, numbered as in Excel, blanks left out. */
function* sheetRows(sheet: XLSX.WorkSheet, date1904: boolean): Generator<SheetRow> {
  const data = (sheet['!data'] ?? []) as Array<Array<XLSX.CellObject | undefined> | undefined>;
  for (let r = 0; r < data.length; r++) {
    const cells: unknown[] = [];
    const row = data[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const value = cellValue(row[c], date1904);
      if (!isBlankCell(value)) cells[c] = value;
    }
    yield { number: r + 1, cells };
  }
}

function mergesOf(sheet: XLSX.WorkSheet): MergeRange[] {
  return (sheet['!merges'] ?? [])
    .map((m) => ({ top: m.s.r + 1, left: m.s.c + 1, bottom: m.e.r + 1, right: m.e.c + 1 }))
    .filter((m) => m.top !== m.bottom || m.left !== m.right)
    .sort((a, b) => a.top - b.top || a.left - b.left);
}

export async function* readXlsRows(bytes: Buffer, fileName: string, options: ResolvedReadOptions, info: ReadInfo): AsyncGenerator<RawRow> {
  info.kind = 'xls';
  if (bytes.length > options.maxXlsBytes) {
    throw new FileRejectedError('too_large', `文件"${fileName}"超过${formatBytes(options.maxXlsBytes)}的上限（.xls格式），请另存为.xlsx或拆分后上传`, { limit: options.maxXlsBytes });
  }
  let container: ReturnType<typeof XLSX.CFB.read>;
  try {
    container = XLSX.CFB.read(bytes, { type: 'buffer' });
  } catch (error) {
    throw refused(fileName, error);
  }
  if (XLSX.CFB.find(container, '_VBA_PROJECT_CUR')) {
    throw new FileRejectedError('macro', `文件"${fileName}"是启用宏的工作簿（.xls，包含VBA宏），出于安全考虑不予读取，请另存为不含宏的.xlsx或.xls后上传`);
  }
  if (!XLSX.CFB.find(container, 'Workbook') && !XLSX.CFB.find(container, 'Book')) {
    const encrypted = XLSX.CFB.find(container, 'EncryptedPackage');
    throw encrypted ? refused(fileName, new Error('encrypted')) : new FileRejectedError('not_spreadsheet', `文件"${fileName}"不是Excel工作簿，请上传.xlsx、.xls或.csv文件`);
  }
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(bytes, { type: 'buffer', dense: true, cellNF: true, cellDates: false, cellFormula: false, cellHTML: false, cellText: false, cellStyles: false });
  } catch (error) {
    throw refused(fileName, error);
  }
  const date1904 = workbook.Workbook?.WBProps?.date1904 === true;
  for (const [index, name] of workbook.SheetNames.entries()) {
    const sheet = workbook.Sheets[name];
    if (!sheet) continue;
    const outline: SheetOutline = { name, hidden: (workbook.Workbook?.Sheets?.[index]?.Hidden ?? 0) !== 0, merges: mergesOf(sheet) };
    if (outline.hidden && !options.includeHiddenSheets) {
      skipHiddenSheet(outline, fileName, info);
      continue;
    }
    checkMergeCount(name, outline.merges.length, options);
    yield* readSheetRows(sheetRows(sheet, date1904), outline, fileName, options, info);
  }
}
