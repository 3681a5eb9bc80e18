import { describe, expect, it } from 'vitest';
import { FileRejectedError } from '../errors.js';
import { caught, readAll, xlsxBytes } from '../testing/files.js';
import { buildZip, cellXml, minimalXlsx, rezip, worksheetXml } from '../testing/zip.js';

const SHEET = worksheetXml(`<row r="1">${cellXml('A1', '指标名称')}${cellXml('B1', '数值')}</row><row r="2">${cellXml('A2', '原煤产量')}${cellXml('B2', 1)}</row>`);

async function refusal(bytes: Buffer, options = {}): Promise<FileRejectedError> {
  const error = await caught(readAll({ fileName: 'x.xlsx', bytes }, options));
  expect(error).toBeInstanceOf(FileRejectedError);
  return error as FileRejectedError;
}

/** 5 MB of shared strings that deflate to a few KB, declared in the headers as 200 bytes. */
const SHARED_STRINGS_BOMB = {
  name: 'xl/sharedStrings.xml',
  data: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>炸弹</t></si>'.repeat(250_000)}</sst>`,
  declaredSize: 200,
};
const SMALL_SHARED_STRINGS = { name: 'xl/sharedStrings.xml', data: '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>x</t></si></sst>' };

describe('the parser reads only what the central directory lists, once each', () => {
  it('refuses duplicate entry names (the second copy of a part would never be measured)', async () => {
    const bytes = minimalXlsx([{ name: 'S', xml: SHEET }], [SMALL_SHARED_STRINGS], undefined, [SHARED_STRINGS_BOMB]);
    const error = await refusal(bytes);
    expect(error.code).toBe('unsafe_zip');
    expect(error.message).toBe('文件"x.xlsx"的压缩结构异常（条目"xl/sharedStrings.xml"出现了两次），可能被篡改，已拒绝；请在Excel中重新保存后上传');
  });

  it('refuses names that differ only in case (OPC part names are case-insensitive)', async () => {
    const bytes = minimalXlsx([{ name: 'S', xml: SHEET }], [SMALL_SHARED_STRINGS, { ...SMALL_SHARED_STRINGS, name: 'xl/SharedStrings.xml' }]);
    expect((await refusal(bytes)).code).toBe('unsafe_zip');
  });

  it('refuses an entry that is in the file but not in the central directory', async () => {
    const bytes = minimalXlsx([{ name: 'S', xml: SHEET }], [], undefined, [{ ...SHARED_STRINGS_BOMB, unlisted: true }]);
    const error = await refusal(bytes);
    expect(error.code).toBe('unsafe_zip');
    expect(error.message).toContain('含有未列入压缩目录的数据');
  });

  it('refuses a local header whose name differs from the central directory’s', async () => {
    const bytes = minimalXlsx([{ name: 'S', xml: SHEET }], [{ name: 'xl/media/image1.png', data: 'png', localName: 'xl/sharedStrings.xml' }]);
    const error = await refusal(bytes);
    expect(error.code).toBe('unsafe_zip');
    expect(error.message).toContain('"xl/media/image1.png"');
  });

  it('counts what the parser inflates: shared strings larger than declared are refused during the parse', async () => {
    const bytes = minimalXlsx([{ name: 'S', xml: SHEET }], [SHARED_STRINGS_BOMB]);
    const error = await refusal(bytes);
    expect(error.code).toBe('zip_bomb');
    expect(error.message).toContain('xl/sharedStrings.xml实际解压大小超过声明的200 B');
  });

  it('reads entries ending in data descriptors of every form (signed or not, 32- or 64-bit sizes), and refuses a gap that is none', async () => {
    for (const descriptor of [12, 16, 20, 24] as const) {
      const withDescriptors = await rezip(minimalXlsx([{ name: 'S', xml: SHEET }]), (entries) => entries.map((e) => ({ ...e, descriptor })));
      const { rows } = await readAll({ fileName: 'd.xlsx', bytes: withDescriptors });
      expect(rows, `descriptor of ${descriptor} bytes`).toHaveLength(2);
    }
    // The first entry says it has a descriptor, but what follows its data is 16 other bytes.
    const good = minimalXlsx([{ name: 'S', xml: SHEET }], [], undefined, [{ name: 'docProps/app.xml', data: '<Properties/>', descriptor: 16 }]);
    const forged = Buffer.from(good);
    const signature = forged.indexOf(Buffer.from([0x50, 0x4b, 0x07, 0x08]));
    forged.writeUInt32LE(0xdeadbeef, signature + 4);
    expect((await refusal(forged)).code).toBe('unsafe_zip');
  });

  it('an entry the parser never reads is never inflated: an unread lying part is harmless and the file reads', async () => {
    const bytes = minimalXlsx([{ name: 'S', xml: SHEET }], [{ name: 'xl/media/liar.bin', data: Buffer.alloc(5 * 1024 * 1024), declaredSize: 1000 }]);
    const { rows } = await readAll({ fileName: 'x.xlsx', bytes });
    expect(rows).toHaveLength(2);
  });
});

describe('zip checks before anything is inflated', () => {
  it('a hand-built minimal workbook reads (the control for the cases below)', async () => {
    const { rows } = await readAll({ fileName: 'ok.xlsx', bytes: minimalXlsx([{ name: 'S', xml: SHEET }]) });
    expect(rows.map((r) => r.cells)).toEqual([
      ['指标名称', '数值'],
      ['原煤产量', 1],
    ]);
  });

  it('refuses a workbook containing vbaProject.bin (.xlsm saved as .xlsx)', async () => {
    const bytes = await rezip(await xlsxBytes([{ name: 'S', rows: [['a']] }]), (entries) => [...entries, { name: 'xl/vbaProject.bin', data: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) }]);
    const error = await refusal(bytes);
    expect(error.code).toBe('macro');
    expect(error.message).toContain('是启用宏的工作簿（.xlsm，包含VBA宏）');
  });

  it('refuses a macro-enabled content type (.xlsm) even without a VBA part', async () => {
    const bytes = minimalXlsx([{ name: 'S', xml: SHEET }], [], 'application/vnd.ms-excel.sheet.macroEnabled.main+xml');
    const error = await refusal(bytes);
    expect(error.code).toBe('macro');
    expect(error.message).toContain('.xlsm');
  });

  it('refuses a zip whose declared uncompressed size exceeds the limit, before inflating', async () => {
    // 300 MB declared for a few bytes of data: nothing is inflated to find out.
    const bytes = minimalXlsx([{ name: 'S', xml: SHEET }], [{ name: 'xl/media/image1.png', data: 'tiny', declaredSize: 300 * 1024 * 1024 }]);
    const error = await refusal(bytes);
    expect(error.code).toBe('zip_bomb');
    expect(error.message).toContain('声明的解压总大小超过200.0 MB');
  });

  it('refuses a real bomb over a configured limit (5 MB of zeros, 5 KB compressed)', async () => {
    const zeros = Buffer.alloc(5 * 1024 * 1024);
    const bytes = minimalXlsx([{ name: 'S', xml: SHEET }], [{ name: 'xl/media/zeros.bin', data: zeros }]);
    expect(bytes.length).toBeLessThan(20 * 1024);
    const error = await refusal(bytes, { maxUncompressedBytes: 1024 * 1024 });
    expect(error.code).toBe('zip_bomb');
  });

  it('refuses a worksheet that inflates to more than its header declares (a lying archive)', async () => {
    const bytes = minimalXlsx([{ name: 'S', xml: worksheetXml(`<row r="1">${cellXml('A1', 'x'.repeat(5 * 1024 * 1024))}</row>`) }]);
    const lying = await rezip(bytes, (entries) => entries.map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, declaredSize: 1000 } : e)));
    const error = await refusal(lying);
    expect(error.code).toBe('zip_bomb');
    expect(error.message).toContain('实际解压大小超过声明的');
  });

  it('refuses more entries than the limit', async () => {
    const extra = Array.from({ length: 2001 }, (_, i) => ({ name: `xl/media/p${i}.bin`, data: 'x', method: 'store' as const }));
    const error = await refusal(minimalXlsx([{ name: 'S', xml: SHEET }], extra));
    expect(error.code).toBe('zip_bomb');
    expect(error.message).toContain('上限2000');
  });

  it('refuses a zip that is not a workbook, and a broken zip', async () => {
    const notWorkbook = await refusal(buildZip([{ name: 'readme.txt', data: 'hello' }]));
    expect(notWorkbook.code).toBe('not_spreadsheet');
    const good = minimalXlsx([{ name: 'S', xml: SHEET }]);
    const broken = await refusal(good.subarray(0, good.length - 30));
    expect(broken.code).toBe('corrupt');
  });

  it('collects merged ranges from the end of the sheet XML', async () => {
    const xml = worksheetXml(
      `<row r="1">${cellXml('A1', '标题')}</row><row r="2">${cellXml('A2', '指标名称')}${cellXml('B2', '数值')}</row>`,
      '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>',
    );
    const { rows } = await readAll({ fileName: 'm.xlsx', bytes: minimalXlsx([{ name: 'S', xml }]) });
    expect(rows[0]?.cells).toEqual(['标题', '标题']);
  });
});
