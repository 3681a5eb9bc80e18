/**
 * `readSpreadsheet`: one entry point for every upload. The kind of file is decided by its first
 * bytes (never by its name), then rows stream out of the XLSX, XLS or CSV reader.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileRejectedError } from '../errors.js';
import type { RawRow } from '../model.js';
import { readCsvRows, peekStream } from './csv.reader.js';
import { detectFileKind, FILE_KIND_SNIFF_BYTES } from './file-kind.js';
import { formatBytes, resolveReadOptions, type ReadOptions, type ResolvedReadOptions } from './options.js';
import { emptyReadInfo, type ReadInfo } from './read-info.js';
import { readXlsRows } from './xls.reader.js';
import { readXlsxRows } from './xlsx.reader.js';

/** A file to read: exactly one of `path`, `bytes` or `stream`, and the name the user gave it (for messages). */
export interface SpreadsheetInput {
  fileName: string;
  path?: string;
  bytes?: Uint8Array;
  /** A Node Readable or any async iterable of byte chunks. An XLSX stream is spooled to a temporary file (the zip directory sits at its end). */
  stream?: AsyncIterable<Uint8Array>;
}

const CHUNK = 64 * 1024;

async function* chunksOf(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
}

async function readHead(filePath: string): Promise<Buffer> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(FILE_KIND_SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function spool(chunks: AsyncIterable<Uint8Array>, fileName: string, options: ResolvedReadOptions): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(path.join(options.tempDir ?? tmpdir(), 'planwatch-etl-'));
  const file = path.join(dir, 'upload.xlsx');
  const out = createWriteStream(file);
  let size = 0;
  try {
    for await (const chunk of chunks) {
      size += chunk.byteLength;
      if (size > options.maxFileBytes) {
        throw new FileRejectedError('too_large', `文件"${fileName}"超过${formatBytes(options.maxFileBytes)}的上限`, { limit: options.maxFileBytes });
      }
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return { dir, file };
  } catch (error) {
    out.destroy();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function refuseKind(kind: ReturnType<typeof detectFileKind>, fileName: string): never {
  if (kind === 'empty') throw new FileRejectedError('empty_file', `文件"${fileName}"是空文件`);
  throw new FileRejectedError('not_spreadsheet', `文件"${fileName}"不是表格文件，请上传.xlsx、.xls或.csv文件`);
}

/** A whole .xls in memory (SheetJS reads it at once), refused past its limit before more is read. */
async function xlsBytes(chunks: AsyncIterable<Uint8Array>, fileName: string, options: ResolvedReadOptions): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > options.maxXlsBytes) {
      throw new FileRejectedError('too_large', `文件"${fileName}"超过${formatBytes(options.maxXlsBytes)}的上限（.xls格式），请另存为.xlsx或拆分后上传`, { limit: options.maxXlsBytes });
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts, size);
}

/**
 * The rows of a spreadsheet, streamed. Iterate once; `info` (encoding, sheets, notices, rows
 * read) is complete when the iteration ends.
 */
export class SpreadsheetReader implements AsyncIterable<RawRow> {
  readonly info: ReadInfo = emptyReadInfo();
  private readonly options: ResolvedReadOptions;
  private started = false;

  constructor(
    private readonly input: SpreadsheetInput,
    options: ReadOptions = {},
  ) {
    this.options = resolveReadOptions(options);
    const given = [input.path, input.bytes, input.stream].filter((x) => x !== undefined).length;
    if (given !== 1) throw new TypeError('readSpreadsheet: give exactly one of path, bytes or stream');
  }

  [Symbol.asyncIterator](): AsyncIterator<RawRow> {
    if (this.started) throw new Error('readSpreadsheet: a reader can be iterated only once');
    this.started = true;
    return this.rows();
  }

  private async *rows(): AsyncGenerator<RawRow> {
    const { input, options, info } = this;
    const fileName = input.fileName;
    if (input.path !== undefined) {
      const kind = detectFileKind(await readHead(input.path));
      if (kind === 'xlsx') return yield* readXlsxRows({ path: input.path }, fileName, options, info);
      if (kind === 'csv') return yield* readCsvRows(createReadStream(input.path), fileName, options, info);
      if (kind === 'xls') return yield* readXlsRows(await xlsBytes(createReadStream(input.path), fileName, options), fileName, options, info);
      refuseKind(kind, fileName);
    }
    if (input.bytes !== undefined) {
      const bytes = input.bytes;
      const kind = detectFileKind(bytes.subarray(0, FILE_KIND_SNIFF_BYTES));
      if (kind === 'xlsx') {
        const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        return yield* readXlsxRows({ buffer }, fileName, options, info);
      }
      if (kind === 'csv') return yield* readCsvRows(chunksOf(bytes), fileName, options, info);
      if (kind === 'xls') return yield* readXlsRows(await xlsBytes(chunksOf(bytes), fileName, options), fileName, options, info);
      refuseKind(kind, fileName);
    }
    if (input.stream !== undefined) {
      const peeked = await peekStream(input.stream, (head) => head.length >= FILE_KIND_SNIFF_BYTES);
      const kind = detectFileKind(peeked.head);
      if (kind === 'csv') return yield* readCsvRows(peeked.chunks, fileName, options, info);
      if (kind === 'xls') return yield* readXlsRows(await xlsBytes(peeked.chunks, fileName, options), fileName, options, info);
      if (kind !== 'xlsx') refuseKind(kind, fileName);
      const spooled = await spool(peeked.chunks, fileName, options);
      try {
        return yield* readXlsxRows({ path: spooled.file }, fileName, options, info);
      } finally {
        await rm(spooled.dir, { recursive: true, force: true });
      }
    }
  }
}

/** Rows of an XLSX, XLS or CSV file (detected from its bytes), streamed with their positions. */
export function readSpreadsheet(input: SpreadsheetInput, options: ReadOptions = {}): SpreadsheetReader {
  return new SpreadsheetReader(input, options);
}
