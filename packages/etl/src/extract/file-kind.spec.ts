import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { FileRejectedError } from '../errors.js';
import { caught, readAll, xlsxBytes } from '../testing/files.js';
import { detectFileKind } from './file-kind.js';

describe('detectFileKind: by magic bytes, never by extension', () => {
  it('recognises zip (XLSX), OLE2 (XLS), text and binary', async () => {
    expect(detectFileKind(await xlsxBytes([{ name: 'S', rows: [['a']] }]))).toBe('xlsx');
    expect(detectFileKind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe('xls');
    expect(detectFileKind(Buffer.from('指标,地区\n原煤产量,西池乡\n'))).toBe('csv');
    expect(detectFileKind(Buffer.from('\ufeff指标\n'))).toBe('csv');
    expect(detectFileKind(iconv.encode('指标,地区\n', 'gb18030'))).toBe('csv');
    expect(detectFileKind(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('指标', 'utf16le')]))).toBe('csv');
    expect(detectFileKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBe('unknown');
    expect(detectFileKind(new Uint8Array(0))).toBe('empty');
  });

  it('reads an XLSX named .csv as a workbook and a CSV named .xlsx as text', async () => {
    const xlsx = await xlsxBytes([{ name: 'Sheet1', rows: [['指标名称', '数值'], ['原煤产量', 12]] }]);
    const a = await readAll({ fileName: '报表.csv', bytes: xlsx });
    expect(a.info.kind).toBe('xlsx');
    expect(a.rows.map((r) => r.cells)).toEqual([['指标名称', '数值'], ['原煤产量', 12]]);
    const b = await readAll({ fileName: '报表.xlsx', bytes: Buffer.from('指标名称,数值\n原煤产量,12\n') });
    expect(b.info.kind).toBe('csv');
    expect(b.rows[1]?.cells).toEqual(['原煤产量', '12']);
  });

  it('refuses a broken OLE2 file, binaries and empty files with a Chinese message', async () => {
    const xls = (await caught(readAll({ fileName: '旧表.xls', bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]) }))) as FileRejectedError;
    expect(xls).toBeInstanceOf(FileRejectedError);
    expect(xls.code).toBe('corrupt');
    expect(xls.message).toBe('文件"旧表.xls"无法作为Excel 97-2003工作簿（.xls）读取，请在Excel中重新保存后上传');
    const png = (await caught(readAll({ fileName: 'a.csv', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) }))) as FileRejectedError;
    expect(png.code).toBe('not_spreadsheet');
    const empty = (await caught(readAll({ fileName: 'a.csv', bytes: Buffer.alloc(0) }))) as FileRejectedError;
    expect(empty.code).toBe('empty_file');
  });
});
