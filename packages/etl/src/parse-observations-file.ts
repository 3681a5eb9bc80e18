/**
 * The whole extract + transform path for one uploaded file: what the API's upload preview and
 * the ETL load both call. Whole-file problems throw `FileRejectedError`; everything else comes
 * back as records, rejects and skipped rows.
 */
import { FileRejectedError } from './errors.js';
import type { ReadOptions } from './extract/options.js';
import type { SpreadsheetKind, TextEncoding } from './extract/read-info.js';
import { readSpreadsheet, type SpreadsheetInput } from './extract/spreadsheet.js';
import type { SheetLayout } from './layout/recognise-layout.js';
import { recordsFromRows, type RecordsOptions } from './layout/records.js';
import type { ObservationRecord, Reject, Skipped } from './model.js';
import { CatalogIndex, type Catalog } from './transform/catalog.js';
import { ObservationTransformer, type TransformContext } from './transform/transform-rows.js';

export type ParseOptions = ReadOptions & RecordsOptions;

export interface ParsedObservationsFile {
  records: ObservationRecord[];
  rejects: Reject[];
  /** Everything deliberately not loaded: title/header rows, blank runs, notes, subtotals, empty values, hidden sheets. */
  skipped: Skipped[];
  /** One entry per sheet whose header was recognised, in file order. */
  layout: SheetLayout[];
  kind: SpreadsheetKind;
  /** CSV only: the detected encoding. */
  encoding?: TextEncoding;
  /** CSV only: the detected delimiter. */
  delimiter?: ',' | '\t' | ';';
  /** Non-blank rows read, all sheets together (header and title rows included). */
  rowsRead: number;
}

function skippedOrder(a: Skipped, b: Skipped, sheets: readonly string[]): number {
  const sa = sheets.indexOf(a.sheet ?? '');
  const sb = sheets.indexOf(b.sheet ?? '');
  return sa - sb || a.row - b.row || (a.column ?? '').length - (b.column ?? '').length || (a.column ?? '').localeCompare(b.column ?? '');
}

export async function parseObservationsFile(
  input: SpreadsheetInput,
  catalog: Catalog | CatalogIndex,
  context: TransformContext = {},
  options: ParseOptions = {},
): Promise<ParsedObservationsFile> {
  const reader = readSpreadsheet(input, options);
  const transformer = new ObservationTransformer(catalog, context);
  const layout: SheetLayout[] = [];
  const skipped: Skipped[] = [];
  for await (const event of recordsFromRows(reader, options)) {
    if (event.type === 'record') transformer.push(event.record);
    else if (event.type === 'skipped') skipped.push(event.skipped);
    else layout.push(event.layout);
  }
  const { info } = reader;
  if (layout.length === 0) {
    throw new FileRejectedError(
      'layout_unrecognised',
      `文件"${input.fileName}"中未找到可识别的表头：需要"指标名称"（或"指标编码"）列，以及"数值"列（长表，另含地区、期间、口径）或"1月…12月"月份列（宽表）`,
      { sheets: info.sheets.map((s) => s.name) },
    );
  }
  const result = transformer.finish();
  const sheets = info.sheets.map((s) => (info.kind === 'csv' ? '' : s.name));
  const allSkipped = [...skipped, ...info.notices, ...result.skipped].sort((a, b) => skippedOrder(a, b, sheets));
  return {
    records: result.records,
    rejects: result.rejects,
    skipped: allSkipped,
    layout,
    kind: info.kind ?? 'csv',
    ...(info.encoding === undefined ? {} : { encoding: info.encoding }),
    ...(info.delimiter === undefined ? {} : { delimiter: info.delimiter }),
    rowsRead: info.rowsRead,
  };
}
