/**
 * XLSX rows as a stream: exceljs's streaming `WorkbookReader` (one row in memory at a time),
 * reading only the parts `openCheckedXlsx` vetted, after it collected the merged ranges.
 */
import ExcelJS from 'exceljs';
import { FileRejectedError } from '../errors.js';
import type { RawRow } from '../model.js';
import { isBlankCell } from '../text.util.js';
import type { ResolvedReadOptions } from './options.js';
import type { ReadInfo } from './read-info.js';
import { numberAsShown, readSheetRows, skipHiddenSheet, type SheetRow } from './sheet-rows.js';
import { openCheckedXlsx, type XlsxSheetInfo, type ZipSource } from './zip-inspect.js';

/** The parts of exceljs's streaming worksheet reader that its typings leave out. */
interface StreamedWorksheet extends AsyncIterable<ExcelJS.Row> {
  name: string;
  id: number | string;
}

/** exceljs's cell as the value the user sees. */
const numberCell = (value: number, cell: ExcelJS.Cell) => numberAsShown(value, cell.numFmt);

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

/** The row's cells, 0-based, blanks left out. */
function rowCells(row: ExcelJS.Row, fileName: string, sheet: string): unknown[] {
  const cells: unknown[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const value = cellValue(cell, fileName, sheet);
    if (!isBlankCell(value)) cells[col - 1] = value;
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

/**
 * `source`, until `stop` rejects: then at once with its reason, even while `source` waits for
 * input that will not come (a parser fed a stream that ended early). One listener on `stop`
 * per call, not one per item. An iterator abandoned that way is not awaited: it may never settle.
 */
async function* until<T>(source: AsyncIterable<T>, stop: Promise<never>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let stoppedWith: { reason: unknown } | undefined;
  let interrupt: ((reason: unknown) => void) | undefined;
  stop.catch((reason: unknown) => {
    stoppedWith = { reason };
    interrupt?.(reason);
  });
  let finished = false;
  try {
    for (;;) {
      if (stoppedWith) throw stoppedWith.reason;
      const next = await new Promise<IteratorResult<T>>((resolve, reject) => {
        interrupt = reject;
        iterator.next().then(resolve, reject);
      });
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    interrupt = undefined;
    // Left early by the reader (a blank run stops a sheet): exceljs skips the rest of the sheet before the next.
    if (!finished && !stoppedWith) await iterator.return?.(undefined);
    else if (!finished) void iterator.return?.(undefined)?.catch(() => undefined);
  }
}

async function* worksheetRows(worksheet: StreamedWorksheet, fileName: string, sheet: string): AsyncGenerator<SheetRow> {
  for await (const row of worksheet) yield { number: row.number, cells: rowCells(row, fileName, sheet) };
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
    for await (const ws of until(reader as AsyncIterable<unknown>, checked.stopped)) {
      const worksheet = ws as StreamedWorksheet;
      const sheet = sheetFor(worksheet, checked.sheets);
      if (sheet.hidden && !options.includeHiddenSheets) {
        skipHiddenSheet(sheet, fileName, info);
        // Start and stop at once: exceljs then skips the rest of this sheet.
        for await (const _ of until(worksheet, checked.stopped)) break;
        continue;
      }
      yield* readSheetRows(until(worksheetRows(worksheet, fileName, sheet.name), checked.stopped), sheet, fileName, options, info);
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
