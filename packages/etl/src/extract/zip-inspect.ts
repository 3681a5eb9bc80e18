/**
 * Everything checked in an XLSX before exceljs reads it, with yauzl reading the zip's central
 * directory (random access, nothing inflated yet):
 *
 * - entry count and declared total uncompressed size against the limits (zip bomb);
 * - every entry listed once (names compared case-insensitively, as OPC part names are), and the
 *   entries tile the file: each local header carries its listed name and nothing sits between
 *   them that the directory does not list — exceljs reads local headers one after another, so
 *   a part hidden from the directory, or listed twice, would otherwise be parsed unmeasured;
 * - a VBA project or a macro-enabled content type (.xlsm / .xltm) is refused;
 * - the zip must be an Excel workbook (xl/workbook.xml), not any other zip;
 * - the worksheets are inflated once, with yauzl checking each inflates to exactly its declared
 *   size, to collect their merged ranges (`<mergeCell>`, written after the cell data, so
 *   invisible to a one-pass row reader).
 *
 * exceljs is then handed only the checked parts it reads, re-laid as a plain stored zip that
 * yauzl inflates as exceljs consumes it: a part inflating past its declared size, or the total
 * past the limit, stops the parse itself.
 */
import path from 'node:path/posix';
import { open as openFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { FileRejectedError } from '../errors.js';
import { columnNumber } from '../text.util.js';
import { formatBytes, type ResolvedReadOptions } from './options.js';
import { checkMergeCount, type MergeRange, type SheetOutline } from './sheet-rows.js';

export interface XlsxSheetInfo extends SheetOutline {
  /** Zip path of the worksheet part, e.g. "xl/worksheets/sheet1.xml". */
  part: string;
}

/** A vetted workbook, still open: its sheets, and the stream of checked parts for the row parser. */
export interface CheckedXlsx {
  sheets: XlsxSheetInfo[];
  entryCount: number;
  /** Declared total of every entry. */
  uncompressedBytes: number;
  /** The parts exceljs reads, in the order it wants them, as a stored zip inflated on demand. Call once. */
  parserStream(): Readable;
  /** Why the parser stream stopped early (a lying part, the limit): to be thrown instead of the parser's own error. */
  failure(): FileRejectedError | undefined;
  /** Rejects with that reason the moment the stream stops early: the parser may otherwise wait for bytes that never come. */
  stopped: Promise<never>;
  close(): void;
}

export type ZipSource = { path: string } | { buffer: Buffer };

const YAUZL_OPTIONS: yauzl.Options = {
  lazyEntries: true,
  autoClose: false,
  validateEntrySizes: true,
  strictFileNames: false,
  decodeStrings: true,
};

function corrupt(fileName: string, cause: unknown): FileRejectedError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new FileRejectedError('corrupt', `文件"${fileName}"不是完整的Excel工作簿（压缩结构损坏），请重新保存后上传`, { cause: detail });
}

function zipBomb(fileName: string, detail: string, details: Record<string, unknown>): FileRejectedError {
  return new FileRejectedError('zip_bomb', `文件"${fileName}"解压后过大（${detail}），疑似压缩炸弹，已拒绝`, details);
}

function unsafeZip(fileName: string, detail: string, details: Record<string, unknown>): FileRejectedError {
  return new FileRejectedError('unsafe_zip', `文件"${fileName}"的压缩结构异常（${detail}），可能被篡改，已拒绝；请在Excel中重新保存后上传`, details);
}

/** yauzl's "inflated to more bytes than declared", as our refusal. */
function sizeLie(fileName: string, entry: yauzl.Entry): FileRejectedError {
  return zipBomb(fileName, `${entry.fileName}实际解压大小超过声明的${formatBytes(entry.uncompressedSize)}`, { entry: entry.fileName });
}

const isSizeLie = (error: unknown) => /too many bytes|too few bytes/i.test(error instanceof Error ? error.message : String(error));

/** The name a part is known by: forward slashes, no leading slash. */
const partName = (entry: yauzl.Entry) => entry.fileName.replace(/\\/g, '/').replace(/^\//, '');

async function openZip(source: ZipSource, fileName: string): Promise<yauzl.ZipFile> {
  try {
    return 'path' in source ? await yauzl.openPromise(source.path, YAUZL_OPTIONS) : await yauzl.fromBufferPromise(source.buffer, YAUZL_OPTIONS);
  } catch (error) {
    throw corrupt(fileName, error);
  }
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function xmlDecode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return XML_ENTITIES[entity] ?? '';
  });
}

function attributes(tagBody: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of tagBody.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attrs.set(m[1] ?? '', xmlDecode(m[2] ?? m[3] ?? ''));
  }
  return attrs;
}

function elements(xml: string, localName: string): Array<Map<string, string>> {
  const re = new RegExp(`<(?:[\\w.-]+:)?${localName}\\b([^>]*)>`, 'g');
  return [...xml.matchAll(re)].map((m) => attributes(m[1] ?? ''));
}

async function readEntryText(zip: yauzl.ZipFile, entry: yauzl.Entry, limit: number, fileName: string): Promise<string> {
  if (entry.uncompressedSize > limit) {
    throw zipBomb(fileName, `${entry.fileName} ${formatBytes(entry.uncompressedSize)}`, { entry: entry.fileName });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of await openEntry(zip, entry, fileName)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, fileName: string): Promise<Readable> {
  try {
    return await zip.openReadStreamPromise(entry);
  } catch (error) {
    throw corrupt(fileName, error);
  }
}

function parseRef(ref: string): MergeRange | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.toUpperCase());
  if (!m) return undefined;
  const a = { col: columnNumber(m[1] ?? ''), row: Number(m[2]) };
  const b = { col: columnNumber(m[3] ?? ''), row: Number(m[4]) };
  const range = {
    top: Math.min(a.row, b.row),
    bottom: Math.max(a.row, b.row),
    left: Math.min(a.col, b.col),
    right: Math.max(a.col, b.col),
  };
  return range.top === range.bottom && range.left === range.right ? undefined : range;
}

/**
 * Inflate one entry to the end, counting its bytes (yauzl errors out if it inflates to more than
 * its declared size). For worksheets, collect `<mergeCell ref="…">` on the way.
 */
async function drainEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  fileName: string,
  merges: MergeRange[] | undefined,
  sheetName: string | undefined,
  options: ResolvedReadOptions,
): Promise<number> {
  const stream = await openEntry(zip, entry, fileName);
  let bytes = 0;
  let carry = '';
  const mergeRe = /<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref\s*=\s*"([^"]+)"/g;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      bytes += buf.length;
      if (!merges) continue;
      // Worksheet XML: refs are ASCII, so latin1 decoding is enough and never splits a character.
      let text = carry + buf.toString('latin1');
      carry = '';
      const lastLt = text.lastIndexOf('<');
      if (lastLt >= 0 && text.indexOf('>', lastLt) === -1) {
        carry = text.slice(lastLt, lastLt + 65536);
        text = text.slice(0, lastLt);
      }
      if (!text.includes('ergeCell')) continue;
      for (const m of text.matchAll(mergeRe)) {
        const range = parseRef(m[1] ?? '');
        if (!range) continue;
        merges.push(range);
        checkMergeCount(sheetName ?? entry.fileName, merges.length, options);
      }
    }
  } catch (error) {
    if (error instanceof FileRejectedError) throw error;
    if (isSizeLie(error)) throw sizeLie(fileName, entry);
    throw corrupt(fileName, error);
  } finally {
    stream.destroy();
  }
  return bytes;
}

/** Reads `length` bytes at `position` of the zip (fewer at its end). */
async function readAt(source: ZipSource, position: number, length: number): Promise<Buffer> {
  if ('buffer' in source) return source.buffer.subarray(position, position + length);
  const handle = await openFile(source.path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const DATA_DESCRIPTOR_SIGNATURE = 0x08074b50;

/**
 * Whether the `length` bytes after an entry's data are its data descriptor (general-purpose
 * flag bit 3): an optional signature, then its CRC and sizes, 32-bit (12 or 16 bytes) or
 * 64-bit (20 or 24 bytes), all equal to what the central directory lists.
 */
async function isDataDescriptor(source: ZipSource, entry: yauzl.Entry, at: number, length: number): Promise<boolean> {
  if ((entry.generalPurposeBitFlag & 0x08) === 0 || ![12, 16, 20, 24].includes(length)) return false;
  const bytes = await readAt(source, at, length);
  if (bytes.length !== length) return false;
  const signed = length === 16 || length === 24;
  if (signed && bytes.readUInt32LE(0) !== DATA_DESCRIPTOR_SIGNATURE) return false;
  const fields = bytes.subarray(signed ? 4 : 0);
  const wide = length >= 20;
  const size = (offset: number) => (wide ? Number(fields.readBigUInt64LE(offset)) : fields.readUInt32LE(offset));
  return fields.readUInt32LE(0) === entry.crc32 >>> 0 && size(4) === entry.compressedSize && size(wide ? 12 : 8) === entry.uncompressedSize;
}

/**
 * The listed entries must tile the file from its first byte to the central directory: each
 * local header where the directory says, with the directory's name, its data, its descriptor,
 * and then the next entry. A gap is data no entry lists (a part only a one-pass reader sees);
 * an overlap is two entries sharing bytes.
 */
async function checkLayout(zip: yauzl.ZipFile, source: ZipSource, entries: readonly yauzl.Entry[], directoryOffset: number, fileName: string): Promise<void> {
  const spans: Array<{ entry: yauzl.Entry; start: number; dataEnd: number }> = [];
  for (const entry of entries) {
    let header: yauzl.LocalFileHeader;
    try {
      header = await zip.readLocalFileHeaderPromise(entry);
    } catch (error) {
      throw corrupt(fileName, error);
    }
    if (!header.fileName.equals(entry.fileNameRaw)) {
      throw unsafeZip(fileName, `条目"${partName(entry)}"的本地文件头写的是另一个名字"${header.fileName.toString('utf8')}"`, { entry: entry.fileName });
    }
    spans.push({ entry, start: entry.relativeOffsetOfLocalHeader, dataEnd: header.fileDataStart + entry.compressedSize });
  }
  spans.sort((a, b) => a.start - b.start);
  let cursor = 0;
  let previous: (typeof spans)[number] | undefined;
  for (const span of [...spans, { entry: undefined, start: directoryOffset, dataEnd: directoryOffset }]) {
    const gap = span.start - cursor;
    if (gap < 0) throw unsafeZip(fileName, `条目"${span.entry ? partName(span.entry) : '压缩目录'}"与前一条目重叠`, { at: span.start });
    if (gap > 0 && !(previous && (await isDataDescriptor(source, previous.entry, cursor, gap)))) {
      throw unsafeZip(fileName, `第${cursor}至${span.start}字节含有未列入压缩目录的数据`, { from: cursor, to: span.start });
    }
    cursor = span.dataEnd;
    previous = span.entry ? { ...span, entry: span.entry } : undefined;
  }
}

/** A local header for a stored (uncompressed) entry of known size, as the re-laid parser stream writes it. */
function storedHeader(name: Buffer, crc: number, size: number): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(0x0800, 6); // UTF-8 name, sizes in this header
  header.writeUInt16LE(0, 8); // stored
  header.writeUInt16LE(0x21, 12);
  header.writeUInt32LE(crc >>> 0, 14);
  header.writeUInt32LE(size, 18);
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name]);
}

/** An end-of-central-directory record: where a one-pass reader stops (it needs no directory). */
const END_OF_ARCHIVE = (() => {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(0x06054b50, 0);
  return record;
})();

/**
 * A part no parser reads, after the worksheets. unzipper's Parse (under exceljs) ends its output
 * as soon as its input is consumed, dropping an entry still queued for a consumer busy with the
 * one before — a small last worksheet then vanished at random. These bytes cannot be consumed
 * until exceljs has taken every entry before them (they exceed the streams' buffers), and exceljs
 * drops this one unread.
 */
const TRAILER_SIZE = 1024 * 1024;
const TRAILER = (() => {
  const data = Buffer.alloc(TRAILER_SIZE);
  return Buffer.concat([storedHeader(Buffer.from('planwatch/trailer.bin', 'utf8'), crc32(data), TRAILER_SIZE), data]);
})();

/** The parts exceljs's stream reader parses, in the order that lets it read worksheets without spooling them. */
const PARSER_PARTS = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];

export async function openCheckedXlsx(source: ZipSource, fileName: string, options: ResolvedReadOptions): Promise<CheckedXlsx> {
  const zip = await openZip(source, fileName);
  try {
    if (zip.entryCount > options.maxZipEntries) {
      throw zipBomb(fileName, `包含${zip.entryCount}个压缩条目，上限${options.maxZipEntries}`, {
        entryCount: zip.entryCount,
        limit: options.maxZipEntries,
      });
    }
    // Where the central directory starts: yauzl's cursor before the first entry is read.
    const directoryOffset = Number(zip.readEntryCursor);
    // 1. The central directory only: names and declared sizes.
    const entries: yauzl.Entry[] = [];
    const byName = new Map<string, yauzl.Entry>();
    const seen = new Set<string>();
    let declared = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        entries.push(entry);
        declared += entry.uncompressedSize;
        if (entries.length > options.maxZipEntries) {
          throw zipBomb(fileName, `压缩条目超过${options.maxZipEntries}个`, { limit: options.maxZipEntries });
        }
        if (declared > options.maxUncompressedBytes) {
          throw zipBomb(fileName, `声明的解压总大小超过${formatBytes(options.maxUncompressedBytes)}`, {
            uncompressedBytes: declared,
            limit: options.maxUncompressedBytes,
          });
        }
        if (entry.isEncrypted()) {
          throw new FileRejectedError('corrupt', `文件"${fileName}"已加密，请取消密码保护后重新上传`);
        }
        const name = partName(entry);
        if (seen.has(name.toLowerCase())) throw unsafeZip(fileName, `条目"${name}"出现了两次`, { entry: name });
        seen.add(name.toLowerCase());
        byName.set(name, entry);
      }
    } catch (error) {
      if (error instanceof FileRejectedError) throw error;
      throw corrupt(fileName, error);
    }
    if (!Number.isSafeInteger(directoryOffset)) throw new Error('yauzl did not expose the central directory offset');
    await checkLayout(zip, source, entries, directoryOffset, fileName);

    const names = [...byName.keys()];
    const contentTypesEntry = byName.get('[Content_Types].xml');
    const contentTypes = contentTypesEntry ? await readEntryText(zip, contentTypesEntry, 1024 * 1024, fileName) : '';
    const vba = names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n));
    if (vba || /macroEnabled/i.test(contentTypes)) {
      throw new FileRejectedError(
        'macro',
        `文件"${fileName}"是启用宏的工作簿（.xlsm${vba ? '，包含VBA宏' : ''}），出于安全考虑不予读取，请在Excel中另存为"Excel工作簿(*.xlsx)"后上传`,
      );
    }
    const workbookEntry = byName.get('xl/workbook.xml');
    if (!workbookEntry) {
      const binary = names.includes('xl/workbook.bin');
      throw new FileRejectedError(
        'not_spreadsheet',
        binary
          ? `文件"${fileName}"是二进制工作簿（.xlsb），请另存为.xlsx后上传`
          : `文件"${fileName}"是压缩包但不是Excel工作簿（.xlsx），请上传.xlsx、.xls或.csv文件`,
      );
    }
    // 2. Sheet names, states and parts, as exceljs will resolve them.
    const workbookXml = await readEntryText(zip, workbookEntry, 16 * 1024 * 1024, fileName);
    const relsEntry = byName.get('xl/_rels/workbook.xml.rels');
    const relsXml = relsEntry ? await readEntryText(zip, relsEntry, 16 * 1024 * 1024, fileName) : '';
    const targets = new Map<string, string>();
    for (const rel of elements(relsXml, 'Relationship')) {
      const id = rel.get('Id');
      const target = rel.get('Target');
      if (!id || !target) continue;
      targets.set(id, target.startsWith('/') ? target.slice(1) : path.normalize(path.join('xl', target)));
    }
    const sheets: XlsxSheetInfo[] = [];
    for (const sheet of elements(workbookXml, 'sheet')) {
      let rid: string | undefined;
      for (const [key, value] of sheet) if (key === 'r:id' || key.endsWith(':id')) rid = value;
      const part = rid ? targets.get(rid) : undefined;
      if (!part) continue;
      const state = sheet.get('state');
      sheets.push({ name: sheet.get('name') ?? part, part, hidden: state === 'hidden' || state === 'veryHidden', merges: [] });
    }
    // 3. The worksheets, inflated once to check their sizes and collect merged ranges.
    const parts = [...PARSER_PARTS, ...sheets.map((s) => s.part)].flatMap((name) => {
      const entry = byName.get(name);
      return entry ? [{ name, entry }] : [];
    });
    let inflated = 0;
    const limit = () => zipBomb(fileName, `实际解压总大小超过${formatBytes(options.maxUncompressedBytes)}`, { limit: options.maxUncompressedBytes });
    for (const sheet of sheets) {
      const entry = byName.get(sheet.part);
      if (!entry) continue;
      inflated += await drainEntry(zip, entry, fileName, sheet.merges, sheet.name, options);
      if (inflated > options.maxUncompressedBytes) throw limit();
    }
    for (const sheet of sheets) sheet.merges.sort((a, b) => a.top - b.top || a.left - b.left);

    let failure: FileRejectedError | undefined;
    let stop: (reason: FileRejectedError) => void = () => undefined;
    const stopped = new Promise<never>((_, reject) => (stop = reject));
    stopped.catch(() => undefined);
    /** 4. What exceljs reads: each checked part once, inflated by yauzl while exceljs consumes it, counted. */
    async function* relaid(): AsyncGenerator<Buffer> {
      for (const { name, entry } of parts) {
        yield storedHeader(Buffer.from(name, 'utf8'), entry.crc32, entry.uncompressedSize);
        try {
          for await (const chunk of await zip.openReadStreamPromise(entry)) {
            inflated += (chunk as Buffer).length;
            if (inflated > options.maxUncompressedBytes) throw limit();
            yield chunk as Buffer;
          }
        } catch (error) {
          failure = error instanceof FileRejectedError ? error : isSizeLie(error) ? sizeLie(fileName, entry) : corrupt(fileName, error);
          stop(failure);
          return;
        }
      }
      yield TRAILER;
      yield END_OF_ARCHIVE;
    }
    return {
      sheets,
      entryCount: entries.length,
      uncompressedBytes: declared,
      parserStream: () => Readable.from(relaid(), { objectMode: false }),
      failure: () => failure,
      stopped,
      close: () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}
