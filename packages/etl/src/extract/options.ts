/** Guards against hostile or broken files. Every limit is configurable per call. */
export interface ReadOptions {
  /** XLSX: most entries the zip's central directory may list. Default 2000. */
  maxZipEntries?: number;
  /** XLSX: most bytes all zip entries may inflate to, as declared and as actually inflated. Default 200 MB. */
  maxUncompressedBytes?: number;
  /** Most used columns a row may have (the column of its last non-empty cell). Default 200. */
  maxColumns?: number;
  /** More consecutive blank rows than this stops reading the sheet (reported). Default 1000. */
  maxConsecutiveBlankRows?: number;
  /** Most non-blank rows per sheet. Default 1,048,576 (Excel's own limit). */
  maxRows?: number;
  /** XLSX: most merged ranges per sheet. Default 100,000. */
  maxMergedRanges?: number;
  /** A file given as a stream is spooled to a temporary file when it is an XLSX: at most this many bytes. Default 200 MB. */
  maxFileBytes?: number;
  /** XLS (Excel 97–2003): the largest file read. The whole workbook is held in memory while it is read. Default 20 MB. */
  maxXlsBytes?: number;
  /** Read hidden and very hidden worksheets too (they are listed as skipped otherwise). Default false. */
  includeHiddenSheets?: boolean;
  /** Where an XLSX stream is spooled. Default `os.tmpdir()`. */
  tempDir?: string;
}

export type ResolvedReadOptions = Required<Omit<ReadOptions, 'tempDir'>> & { tempDir?: string };

export const DEFAULT_READ_OPTIONS: ResolvedReadOptions = {
  maxZipEntries: 2000,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxColumns: 200,
  maxConsecutiveBlankRows: 1000,
  maxRows: 1_048_576,
  maxMergedRanges: 100_000,
  maxFileBytes: 200 * 1024 * 1024,
  maxXlsBytes: 20 * 1024 * 1024,
  includeHiddenSheets: false,
};

export function resolveReadOptions(options: ReadOptions = {}): ResolvedReadOptions {
  const resolved: ResolvedReadOptions = { ...DEFAULT_READ_OPTIONS };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) (resolved as unknown as Record<string, unknown>)[key] = value;
  }
  return resolved;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}
