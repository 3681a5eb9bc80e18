/**
 * @planwatch/etl — extract and transform of indicator figures from uploaded spreadsheets.
 *
 *   readSpreadsheet(input)            XLSX / CSV (detected from the bytes) → RawRow stream
 *   recogniseLayout(firstRows)        header → long or wide layout
 *   recordsFromRows(rows)             RawRow stream → layout, RawRecord, Skipped events
 *   transformRows(raw, catalog, ctx)  RawRecord → ObservationRecord | Reject | Skipped
 *   parseObservationsFile(...)        all of the above for one file
 */
export { FileRejectedError, isFileRejectedError, type FileRejectedCode } from './errors.js';
export type {
  CellPosition,
  ObservationRecord,
  RawRecord,
  RawRef,
  RawRow,
  RecordField,
  Reject,
  RowPosition,
  Skipped,
  SkipRule,
} from './model.js';
export {
  DEFAULT_READ_OPTIONS,
  detectFileKind,
  readSpreadsheet,
  SPREADSHEET_CONTENT_TYPES,
  SpreadsheetReader,
  type FileKind,
  type ReadInfo,
  type ReadOptions,
  type SheetReadInfo,
  type SpreadsheetInput,
  type SpreadsheetKind,
  type TextEncoding,
} from './extract/index.js';
export {
  recogniseLayout,
  recordsFromRows,
  rowToRecords,
  type ColumnSpec,
  type LayoutEvent,
  type RecogniseOptions,
  type RecordsOptions,
  type RowOutcome,
  type SheetLayout,
} from './layout/index.js';
export {
  CatalogIndex,
  ObservationTransformer,
  transformRows,
  type AcceptedFigure,
  type Catalog,
  type CatalogIndicator,
  type CatalogRegion,
  type TransformContext,
  type TransformResult,
} from './transform/index.js';
export { parseObservationsFile, streamObservationsFile, type ObservationsFileStream, type ObservationsFileSummary, type ParseOptions, type ParsedObservationsFile } from './parse-observations-file.js';
export * from './load/index.js';
export * from './sources/retry.js';
export * from './sources/structured-record.js';
export * from './sources/http-json.source.js';
export * from './sources/sql-query.source.js';
export * from './jobs/index.js';
