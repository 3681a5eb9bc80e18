/**
 * Text encoding of a CSV, detected — never chosen by the user:
 * byte-order marks first (UTF-8, UTF-16LE/BE), then "is the prefix valid UTF-8?", else GB18030
 * (a superset of GBK and GB2312, what Excel saves as "CSV" on a Chinese Windows).
 */
import iconv from 'iconv-lite';
import { FileRejectedError } from '../errors.js';
import type { TextEncoding } from './read-info.js';

export interface EncodingDetection {
  encoding: TextEncoding;
  /** Bytes of byte-order mark at the start. */
  bomLength: number;
}

/**
 * Where a UTF-8 prefix can be cut without splitting a character: the start of a trailing,
 * incomplete multi-byte sequence, or the end.
 */
export function utf8SafeEnd(bytes: Uint8Array): number {
  let i = bytes.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && ((bytes[i] ?? 0) & 0xc0) === 0x80) {
    i--;
    continuation++;
  }
  if (i < 0) return bytes.length;
  const lead = bytes[i] ?? 0;
  const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.length - i < needed ? i : bytes.length;
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * @param prefix the first bytes of the file
 * @param complete true when `prefix` is the whole file (nothing to trim at the end)
 */
export function detectTextEncoding(prefix: Uint8Array, complete: boolean): EncodingDetection {
  if (prefix[0] === 0xef && prefix[1] === 0xbb && prefix[2] === 0xbf) return { encoding: 'utf-8-bom', bomLength: 3 };
  if (prefix[0] === 0xff && prefix[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (prefix[0] === 0xfe && prefix[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const end = complete ? prefix.length : utf8SafeEnd(prefix);
  return isValidUtf8(prefix.subarray(0, end)) ? { encoding: 'utf-8', bomLength: 0 } : { encoding: 'gb18030', bomLength: 0 };
}

/** Turns byte chunks into text chunks; a byte sequence invalid in the detected encoding is a whole-file error. */
export async function* decodeText(
  chunks: AsyncIterable<Uint8Array>,
  detection: EncodingDetection,
  fileName: string,
): AsyncGenerator<string> {
  if (detection.encoding === 'gb18030') {
    const decoder = iconv.getDecoder('gb18030');
    for await (const chunk of chunks) {
      const text = decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      if (text.includes('\ufffd')) throw unknownEncoding(fileName);
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
    return;
  }
  const utf8 = detection.encoding === 'utf-8' || detection.encoding === 'utf-8-bom';
  // TextDecoder removes the byte-order mark itself (ignoreBOM: false).
  const decoder = new TextDecoder(utf8 ? 'utf-8' : detection.encoding, { fatal: utf8 });
  let offset = 0;
  try {
    for await (const chunk of chunks) {
      const text = decoder.decode(chunk, { stream: true });
      offset += chunk.byteLength;
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (error) {
    if (error instanceof TypeError) {
      throw new FileRejectedError(
        'encoding',
        `文件"${fileName}"开头是UTF-8编码，但约第${offset}字节之后的内容不是有效的UTF-8（文件混用了多种编码），请统一另存为UTF-8或GBK编码后上传`,
        { offset },
      );
    }
    throw error;
  }
}

function unknownEncoding(fileName: string): FileRejectedError {
  return new FileRejectedError('encoding', `无法识别文件"${fileName}"的文字编码（既不是UTF-8也不是GBK/GB18030），请另存为UTF-8编码的CSV后上传`);
}

/** Decode a small prefix for sniffing (delimiter); never throws. */
export function decodePrefix(prefix: Uint8Array, detection: EncodingDetection): string {
  const body = prefix.subarray(detection.bomLength);
  if (detection.encoding === 'gb18030') return iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'gb18030');
  const label = detection.encoding === 'utf-16le' || detection.encoding === 'utf-16be' ? detection.encoding : 'utf-8';
  return new TextDecoder(label, { ignoreBOM: true }).decode(body);
}
