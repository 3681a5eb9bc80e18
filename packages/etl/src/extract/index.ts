export { detectFileKind, FILE_KIND_SNIFF_BYTES, type FileKind } from './file-kind.js';
export { DEFAULT_READ_OPTIONS, type ReadOptions } from './options.js';
export { SPREADSHEET_CONTENT_TYPES, type ReadInfo, type SheetReadInfo, type SpreadsheetKind, type TextEncoding } from './read-info.js';
export { detectTextEncoding, type EncodingDetection } from './encoding.js';
export { detectDelimiter } from './csv.reader.js';
export { readSpreadsheet, SpreadsheetReader, type SpreadsheetInput } from './spreadsheet.js';
