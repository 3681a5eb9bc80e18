import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { FileRejectedError } from '../errors.js';
import { caught, csvBytes, readAll, tempFolder } from '../testing/files.js';
import { detectTextEncoding, utf8SafeEnd } from './encoding.js';

const LINES = ['指标名称,地区,期间,口径,数值,单位', '原煤产量,西池乡,2025-06,累计,"1,580.5",万吨', '原煤产量,八义镇,2025-06,累计,320,万吨'];
const EXPECTED = [
  ['指标名称', '地区', '期间', '口径', '数值', '单位'],
  ['原煤产量', '西池乡', '2025-06', '累计', '1,580.5', '万吨'],
  ['原煤产量', '八义镇', '2025-06', '累计', '320', '万吨'],
];
const folder = tempFolder();
afterAll(() => folder.cleanup());

/** A stream of tiny chunks: multi-byte characters are split across chunk boundaries. */
function trickle(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

describe('CSV encoding is detected, not chosen', () => {
  it('reads UTF-8 with a BOM (Excel "CSV UTF-8")', async () => {
    const path = folder.file('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvBytes(LINES))]));
    const { rows, info } = await readAll({ fileName: 'bom.csv', path });
    expect(info.encoding).toBe('utf-8-bom');
    expect(rows.map((r) => r.cells)).toEqual(EXPECTED);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(rows[0]?.sheet).toBeUndefined();
  });

  it('reads UTF-8 without a BOM', async () => {
    const path = folder.file('plain.csv', csvBytes(LINES, '\n'));
    const { rows, info } = await readAll({ fileName: 'plain.csv', path });
    expect(info.encoding).toBe('utf-8');
    expect(rows.map((r) => r.cells)).toEqual(EXPECTED);
  });

  it('reads GBK (Excel "CSV" on a Chinese Windows) as GB18030', async () => {
    const path = folder.file('gbk.csv', iconv.encode(csvBytes(LINES), 'gbk'));
    const { rows, info } = await readAll({ fileName: 'gbk.csv', path });
    expect(info.encoding).toBe('gb18030');
    expect(rows.map((r) => r.cells)).toEqual(EXPECTED);
  });

  it('decodes GBK and UTF-8 streamed in odd-sized chunks past the sniffed prefix (characters split across chunks)', async () => {
    const more = Array.from({ length: 4000 }, (_, i) => `原煤产量,郝家庄镇,2025-06,累计,${i},万吨`);
    const text = csvBytes([...LINES, ...more]);
    for (const [bytes, encoding] of [
      [iconv.encode(text, 'gbk'), 'gb18030'],
      [Buffer.from(text), 'utf-8'],
    ] as const) {
      expect(bytes.length).toBeGreaterThan(128 * 1024);
      const { rows, info } = await readAll({ fileName: 'x.csv', stream: trickle(bytes, 257) });
      expect(info.encoding).toBe(encoding);
      expect(rows).toHaveLength(3 + 4000);
      expect(rows.slice(0, 3).map((r) => r.cells)).toEqual(EXPECTED);
      expect(rows.at(-1)?.cells).toEqual(['原煤产量', '郝家庄镇', '2025-06', '累计', '3999', '万吨']);
      expect(rows.every((r) => !r.cells.join('').includes('\ufffd'))).toBe(true);
    }
  });

  it('decides on a boundary-safe prefix: a UTF-8 character cut at the end of the sniffed bytes is not an error', () => {
    const bytes = Buffer.from('指标名称');
    // Cut in the middle of the last character.
    const cut = bytes.subarray(0, bytes.length - 1);
    expect(utf8SafeEnd(cut)).toBe(9);
    expect(detectTextEncoding(cut, false).encoding).toBe('utf-8');
    expect(detectTextEncoding(iconv.encode('指标名称', 'gbk'), true).encoding).toBe('gb18030');
  });

  it('looks past a long ASCII start to find the first Chinese bytes (GBK after 100 KB of ASCII)', async () => {
    const ascii = Array.from({ length: 5000 }, (_, i) => `CODE${i},140404,2025-06,ytd,${i},t`);
    const bytes = iconv.encode(csvBytes(['indicator,region,period,basis,value,unit', ...ascii, '原煤产量,西池乡,2025-06,累计,1,万吨']), 'gbk');
    expect(bytes.length).toBeGreaterThan(100 * 1024);
    const { rows, info } = await readAll({ fileName: 'long.csv', bytes });
    expect(info.encoding).toBe('gb18030');
    expect(rows.at(-1)?.cells[0]).toBe('原煤产量');
  });

  it('reads UTF-16LE with BOM (Excel "Unicode text", tab-delimited)', async () => {
    const text = LINES.map((l) => l.replace('"1,580.5"', '1580.5').split(',').join('\t')).join('\r\n');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const { rows, info } = await readAll({ fileName: 'unicode.txt', bytes });
    expect(info.encoding).toBe('utf-16le');
    expect(info.delimiter).toBe('\t');
    expect(rows[1]?.cells).toEqual(['原煤产量', '西池乡', '2025-06', '累计', '1580.5', '万吨']);
  });

  it('a file that starts as UTF-8 and turns into GBK later is refused, not garbled', async () => {
    const head = Buffer.from(csvBytes(['指标名称,地区,数值', ...Array.from({ length: 4000 }, () => '原煤产量,西池乡,1')]));
    const tail = iconv.encode('原煤产量,八义镇,2\r\n', 'gbk');
    const error = (await caught(readAll({ fileName: 'mixed.csv', bytes: Buffer.concat([head, tail]) }))) as FileRejectedError;
    expect(error).toBeInstanceOf(FileRejectedError);
    expect(error.code).toBe('encoding');
    expect(error.message).toContain('UTF-8');
  });
});

describe('CSV delimiters, blank lines and guards', () => {
  it('accepts tab and semicolon delimiters', async () => {
    for (const [delimiter, name] of [
      ['\t', 'tab'],
      [';', 'semicolon'],
    ] as const) {
      const { rows, info } = await readAll({ fileName: `${name}.csv`, bytes: Buffer.from(`指标名称${delimiter}数值\n原煤产量${delimiter}1,5\n`) });
      expect(info.delimiter).toBe(delimiter);
      expect(rows[1]?.cells).toEqual(['原煤产量', '1,5']);
    }
  });

  it('skips blank lines but keeps Excel row numbers', async () => {
    const { rows } = await readAll({ fileName: 'gaps.csv', bytes: Buffer.from('指标名称,数值\n\n,,\n原煤产量,1\n') });
    expect(rows.map((r) => r.row)).toEqual([1, 4]);
  });

  it('100,000 blank lines stop the reading quickly, and the stop is reported', async () => {
    const bytes = Buffer.from(`指标名称,数值\n原煤产量,1\n${',,,\n'.repeat(100_000)}原煤产量,2\n`);
    const started = Date.now();
    const { rows, info } = await readAll({ fileName: 'padded.csv', bytes });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(rows).toHaveLength(2);
    expect(info.notices).toHaveLength(1);
    expect(info.notices[0]).toMatchObject({ rule: 'blank_run_stop', row: 3 });
    expect(info.notices[0]?.reason).toContain('连续超过1000行空白');
  });

  it('16,384 used columns is refused', async () => {
    const header = Array.from({ length: 16_384 }, (_, i) => `列${i + 1}`).join(',');
    const error = (await caught(readAll({ fileName: 'wide.csv', bytes: Buffer.from(`${header}\n`) }))) as FileRejectedError;
    expect(error.code).toBe('too_many_columns');
    expect(error.message).toContain('16384列（XFD列）');
    expect(error.message).toContain('200列');
  });

  it('trailing empty columns do not count as used', async () => {
    const { rows } = await readAll({ fileName: 'commas.csv', bytes: Buffer.from(`指标名称,数值${','.repeat(500)}\n`) });
    expect(rows[0]?.cells).toEqual(['指标名称', '数值']);
  });
});
