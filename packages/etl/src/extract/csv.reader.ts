/** CSV rows as a stream: encoding detected from the first bytes, then csv-parse. */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { FileRejectedError } from '../errors.js';
import type { RawRow } from '../model.js';
import { columnLetter, isBlankCell } from '../text.util.js';
import { BlankRunGuard } from './blank-run.js';
import { decodePrefix, decodeText, detectTextEncoding } from './encoding.js';
import type { ResolvedReadOptions } from './options.js';
import type { ReadInfo } from './read-info.js';

/** Bytes read before deciding the encoding: at least this much… */
const SNIFF_MIN_BYTES = 64 * 1024;
/** …or more while everything so far is ASCII (the decisive bytes are the first non-ASCII ones)… */
const SNIFF_MAX_BYTES = 1024 * 1024;

export interface PeekedStream {
  head: Buffer;
  /** True when `head` is the whole stream. */
  complete: boolean;
  /** The whole stream again, `head` first. */
  chunks: AsyncIterable<Uint8Array>;
}

/** Read the first bytes of a stream without losing them. */
export async function peekStream(
  source: AsyncIterable<Uint8Array>,
  enough: (head: Buffer) => boolean,
): Promise<PeekedStream> {
  const iterator = source[Symbol.asyncIterator]();
  const buffered: Buffer[] = [];
  let size = 0;
  let complete = false;
  let head = Buffer.alloc(0);
  for (;;) {
    const next = await iterator.next();
    if (next.done) {
      complete = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    buffered.push(chunk);
    size += chunk.length;
    head = Buffer.concat(buffered, size);
    if (enough(head)) break;
  }
  head = Buffer.concat(buffered, size);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      if (head.length > 0) yield head;
      if (complete) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      if (!complete) await iterator.return?.();
    }
  }
  return { head, complete, chunks: chunks() };
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

/** Comma unless the first line has more tabs or semicolons (outside quotes). */
export function detectDelimiter(text: string): ',' | '\t' | ';' {
  const counts = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === '\t' || ch === ';')) counts[ch]++;
  }
  if (counts['\t'] > counts[','] && counts['\t'] >= counts[';']) return '\t';
  if (counts[';'] > counts[',']) return ';';
  return ',';
}

/** Text is handed to csv-parse in small pieces, so a stop (blank run, error) is prompt. */
const PARSE_PIECE_CHARS = 8 * 1024;

async function* pieces(text: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const chunk of text) {
    for (let i = 0; i < chunk.length; i += PARSE_PIECE_CHARS) yield chunk.slice(i, i + PARSE_PIECE_CHARS);
  }
}

interface CsvParseInternals {
  api?: { __onRecord?: (...args: unknown[]) => unknown; state?: { record?: unknown[]; expectedRecordLength?: number } };
}

/**
 * csv-parse builds a full CsvError (stack trace, JSON copies) for every record whose length
 * differs from the first record's, even with `relax_column_count` — about 80 µs per ragged or
 * blank line, minutes for a hostile file. Rows of any length are normal here (notes, blank
 * lines), so the expected length is set to each record's own length before the check. If a
 * future csv-parse changes these internals, this does nothing and parsing stays correct
 * (relax_column_count), only slower.
 */
function acceptRaggedRows(parser: unknown): void {
  const api = (parser as CsvParseInternals).api;
  const original = api?.__onRecord;
  if (!api || typeof original !== 'function' || !api.state) return;
  api.__onRecord = function (this: NonNullable<CsvParseInternals['api']>, ...args: unknown[]) {
    if (this.state && Array.isArray(this.state.record)) this.state.expectedRecordLength = this.state.record.length;
    return original.apply(this, args);
  };
}

export async function* readCsvRows(
  source: AsyncIterable<Uint8Array>,
  fileName: string,
  options: ResolvedReadOptions,
  info: ReadInfo,
): AsyncGenerator<RawRow> {
  info.kind = 'csv';
  const peeked = await peekStream(
    source,
    (head) => head.length >= SNIFF_MAX_BYTES || (head.length >= SNIFF_MIN_BYTES && hasNonAscii(head)),
  );
  const detection = detectTextEncoding(peeked.head, peeked.complete);
  info.encoding = detection.encoding;
  const delimiter = detectDelimiter(decodePrefix(peeked.head.subarray(0, SNIFF_MIN_BYTES), detection));
  info.delimiter = delimiter;
  const sheetInfo: ReadInfo['sheets'][number] = { name: fileName, hidden: false, read: true, rows: 0 };
  info.sheets.push(sheetInfo);

  const text = Readable.from(pieces(decodeText(peeked.chunks, detection, fileName)));
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: 1_000_000,
    bom: false,
  });
  acceptRaggedRows(parser);
  text.on('error', (error) => parser.destroy(error));
  text.pipe(parser);

  const guard = new BlankRunGuard(options.maxConsecutiveBlankRows, fileName, undefined);
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      let last = -1;
      for (let i = record.length - 1; i >= 0; i--) {
        if (!isBlankCell(record[i])) {
          last = i;
          break;
        }
      }
      if (last + 1 > options.maxColumns) {
        throw new FileRejectedError(
          'too_many_columns',
          `第${row}行第${last + 1}列（${columnLetter(last + 1)}列）仍有内容，超过${options.maxColumns}列的上限，请删除多余的列后上传`,
          { row, column: last + 1, limit: options.maxColumns },
        );
      }
      const blank = last < 0;
      const stop = blank ? guard.blank(row) : guard.content(row);
      if (stop) {
        info.notices.push(stop);
        sheetInfo.stoppedAtRow = (stop.toRow ?? row) + 1;
        break;
      }
      if (blank) continue;
      if (sheetInfo.rows >= options.maxRows) {
        throw new FileRejectedError('too_many_rows', `文件"${fileName}"超过${options.maxRows}行的上限`, { limit: options.maxRows });
      }
      sheetInfo.rows++;
      info.rowsRead++;
      yield { file: fileName, row, cells: record.slice(0, last + 1) };
    }
  } catch (error) {
    if (error instanceof FileRejectedError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new FileRejectedError('corrupt', `CSV文件"${fileName}"约第${row + 1}行格式错误，无法解析`, { cause: message });
  } finally {
    text.destroy();
    parser.destroy();
  }
}
