/**
 * The whole extract + transform path for one file: the API's upload preview reads it at once,
 * the ETL load streams it. Whole-file problems throw `FileRejectedError`; everything else comes
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
import { applyFileRules, ObservationTransformer, type AcceptedFigure, type FileRuleReject, type TransformContext } from './transform/transform-rows.js';

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

/** What a file held besides its figures, known once the stream is read to the end. */
export type ObservationsFileSummary = Omit<ParsedObservationsFile, 'records' | 'rejects'> & {
  /** Rows the row-by-row validation rejected, with their order in the file. */
  rowRejects: FileRuleReject[];
};

/** A file's validated figures in chunks, as it is read (the file-wide rules are the caller's). */
export interface ObservationsFileStream {
  chunks: AsyncIterable<AcceptedFigure[]>;
  /** After `chunks` is exhausted; throws `FileRejectedError` as `parseObservationsFile` does. */
  summary(): ObservationsFileSummary;
}

/**
 * Reads, recognises and validates the file row by row, handing out the accepted figures in
 * chunks of `chunkSize` and keeping none: memory stays bounded whatever the file's length. The
 * file-wide rules need every figure, so they are the caller's (`applyFileRules` over what it
 * kept, or `suspectSeries` and `suspectSeriesRejects` over a streamed load).
 */
export function streamObservationsFile(
  input: SpreadsheetInput,
  catalog: Catalog | CatalogIndex,
  context: TransformContext = {},
  options: ParseOptions & { chunkSize?: number } = {},
): ObservationsFileStream {
  const reader = readSpreadsheet(input, options);
  const transformer = new ObservationTransformer(catalog, context);
  const layout: SheetLayout[] = [];
  const skipped: Skipped[] = [];
  const chunkSize = options.chunkSize ?? 20_000;
  let done = false;
  async function* chunks(): AsyncGenerator<AcceptedFigure[]> {
    let chunk: AcceptedFigure[] = [];
    for await (const event of recordsFromRows(reader, options)) {
      if (event.type === 'record') {
        const figure = transformer.accept(event.record);
        if (!figure) continue;
        chunk.push(figure);
        if (chunk.length >= chunkSize) {
          yield chunk;
          chunk = [];
        }
      } else if (event.type === 'skipped') skipped.push(event.skipped);
      else layout.push(event.layout);
    }
    if (chunk.length > 0) yield chunk;
    done = true;
  }
  return {
    chunks: chunks(),
    summary() {
      if (!done) throw new Error('summary() before the chunks were read');
      const { info } = reader;
      if (layout.length === 0) {
        throw new FileRejectedError(
          'layout_unrecognised',
          `文件"${input.fileName}"中未找到可识别的表头：需要"指标名称"（或"指标编码"）列，以及"数值"列（长表，另含地区、期间、口径）或"1月…12月"月份列（宽表）`,
          { sheets: info.sheets.map((s) => s.name) },
        );
      }
      const sheets = info.sheets.map((s) => (info.kind === 'csv' ? '' : s.name));
      return {
        rowRejects: transformer.rowRejects(),
        skipped: [...skipped, ...info.notices, ...transformer.skippedValues()].sort((a, b) => skippedOrder(a, b, sheets)),
        layout,
        kind: info.kind ?? 'csv',
        ...(info.encoding === undefined ? {} : { encoding: info.encoding }),
        ...(info.delimiter === undefined ? {} : { delimiter: info.delimiter }),
        rowsRead: info.rowsRead,
      };
    },
  };
}

/** The whole file at once, the file-wide rules applied: the upload preview's path. */
export async function parseObservationsFile(
  input: SpreadsheetInput,
  catalog: Catalog | CatalogIndex,
  context: TransformContext = {},
  options: ParseOptions = {},
): Promise<ParsedObservationsFile> {
  const stream = streamObservationsFile(input, catalog, context, options);
  const figures: AcceptedFigure[] = [];
  for await (const chunk of stream.chunks) for (const figure of chunk) figures.push(figure);
  const { rowRejects, ...summary } = stream.summary();
  const ruled = applyFileRules(figures);
  return {
    ...summary,
    records: ruled.kept.map((a) => a.record),
    rejects: [...rowRejects, ...ruled.rejects].sort((a, b) => a.seq - b.seq).map((r) => r.reject),
  };
}
