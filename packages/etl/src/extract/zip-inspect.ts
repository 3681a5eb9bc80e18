/**
 * Everything checked in an XLSX before exceljs inflates it, with yauzl reading the zip's
 * central directory (random access, nothing inflated yet):
 *
 * - entry count and declared total uncompressed size against the limits (zip bomb);
 * - a VBA project or a macro-enabled content type (.xlsm / .xltm) is refused;
 * - the zip must be an Excel workbook (xl/workbook.xml), not any other zip;
 * - then every entry is inflated once, streaming, with yauzl checking that it inflates to exactly
 *   its declared size (a lying header is a zip bomb too) — and while the worksheets stream past,
 *   their merged ranges (`<mergeCell>`, written after the cell data, so invisible to a
 *   one-pass row reader) are collected.
 */
import path from 'node:path/posix';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { FileRejectedError } from '../errors.js';
import { columnNumber } from '../text.util.js';
import { formatBytes, type ResolvedReadOptions } from './options.js';

/** A merged range, 1-based inclusive. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface XlsxSheetInfo {
  name: string;
  /** Zip path of the worksheet part, e.g. "xl/worksheets/sheet1.xml". */
  part: string;
  hidden: boolean;
  merges: MergeRange[];
}

export interface XlsxInspection {
  sheets: XlsxSheetInfo[];
  entryCount: number;
  uncompressedBytes: number;
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
        if (merges.length > options.maxMergedRanges) {
          throw new FileRejectedError(
            'too_many_merges',
            `工作表"${sheetName ?? entry.fileName}"的合并单元格超过${options.maxMergedRanges}处，请取消多余的合并后重新上传`,
            { sheet: sheetName, limit: options.maxMergedRanges },
          );
        }
      }
    }
  } catch (error) {
    if (error instanceof FileRejectedError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/too many bytes/i.test(message)) {
      throw zipBomb(fileName, `${entry.fileName}实际解压大小超过声明的${formatBytes(entry.uncompressedSize)}`, { entry: entry.fileName });
    }
    throw corrupt(fileName, error);
  } finally {
    stream.destroy();
  }
  return bytes;
}

export async function inspectXlsx(source: ZipSource, fileName: string, options: ResolvedReadOptions): Promise<XlsxInspection> {
  const zip = await openZip(source, fileName);
  try {
    if (zip.entryCount > options.maxZipEntries) {
      throw zipBomb(fileName, `包含${zip.entryCount}个压缩条目，上限${options.maxZipEntries}`, {
        entryCount: zip.entryCount,
        limit: options.maxZipEntries,
      });
    }

    // 1. The central directory only: names and declared sizes.
    const entries: yauzl.Entry[] = [];
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
      }
    } catch (error) {
      if (error instanceof FileRejectedError) throw error;
      throw corrupt(fileName, error);
    }

    const byName = new Map(entries.map((e) => [e.fileName.replace(/\\/g, '/').replace(/^\//, ''), e]));
    const names = [...byName.keys()];
    if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) {
      throw new FileRejectedError('macro', `文件"${fileName}"包含宏（VBA），出于安全考虑不予读取，请另存为不含宏的.xlsx后上传`);
    }
    const contentTypesEntry = byName.get('[Content_Types].xml');
    const contentTypes = contentTypesEntry ? await readEntryText(zip, contentTypesEntry, 1024 * 1024, fileName) : '';
    if (/macroEnabled/i.test(contentTypes)) {
      throw new FileRejectedError('macro', `文件"${fileName}"是启用宏的工作簿（.xlsm），出于安全考虑不予读取，请另存为.xlsx后上传`);
    }
    const workbookEntry = byName.get('xl/workbook.xml');
    if (!workbookEntry) {
      const binary = names.includes('xl/workbook.bin');
      throw new FileRejectedError(
        'not_spreadsheet',
        binary
          ? `文件"${fileName}"是二进制工作簿（.xlsb），请另存为.xlsx后上传`
          : `文件"${fileName}"是压缩包但不是Excel工作簿（.xlsx），请上传.xlsx或.csv文件`,
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
    const sheetByPart = new Map(sheets.map((s) => [s.part, s]));

    // 3. Inflate everything once, checking actual sizes; collect merged ranges of worksheets.
    let inflated = 0;
    for (const [name, entry] of byName) {
      if (name.endsWith('/')) continue;
      const sheet = sheetByPart.get(name);
      inflated += await drainEntry(zip, entry, fileName, sheet?.merges, sheet?.name, options);
      if (inflated > options.maxUncompressedBytes) {
        throw zipBomb(fileName, `实际解压总大小超过${formatBytes(options.maxUncompressedBytes)}`, { limit: options.maxUncompressedBytes });
      }
    }
    for (const sheet of sheets) sheet.merges.sort((a, b) => a.top - b.top || a.left - b.left);
    return { sheets, entryCount: entries.length, uncompressedBytes: inflated };
  } finally {
    zip.close();
  }
}
