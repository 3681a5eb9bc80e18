/**
 * What a file is, judged by its first bytes only — never by its name. An upload called
 * "data.xlsx" that is really a CSV is read as a CSV, and "data.csv" holding a zip is an XLSX.
 */
export type FileKind =
  /** A zip container: candidate XLSX, confirmed by its content later. */
  | 'xlsx'
  /** An OLE2 compound file: Excel 97–2003 (.xls), or an encrypted (password-protected) workbook. */
  | 'xls'
  /** Text: CSV / TSV in UTF-8, UTF-16 or GB18030. */
  | 'csv'
  | 'empty'
  | 'unknown';

/** How many leading bytes `detectFileKind` needs to decide. */
export const FILE_KIND_SNIFF_BYTES = 8192;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

export function detectFileKind(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return 'empty';
  // Local file header, empty archive, spanned archive.
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]) || startsWith(bytes, [0x50, 0x4b, 0x07, 0x08])) {
    return 'xlsx';
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xls';
  // UTF-16 text has NUL bytes, so recognise its byte-order marks before the NUL test.
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return 'csv';
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return 'csv';
  const sample = bytes.subarray(0, FILE_KIND_SNIFF_BYTES);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return 'unknown';
    // Control characters other than tab, LF, CR, FF and ESC are rare in text.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control > sample.length / 100 ? 'unknown' : 'csv';
}
