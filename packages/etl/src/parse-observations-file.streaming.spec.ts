import { statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readSpreadsheet } from './extract/spreadsheet.js';
import { recordsFromRows } from './layout/records.js';
import { tempFolder } from './testing/files.js';

const ROWS = 200_000;
const folder = tempFolder();
afterAll(() => folder.cleanup());

const REGIONS = ['西池乡', '八义镇', '西火镇', '南宋镇', '郝家庄镇', '荫城镇'];

/** 200,000 data rows written with exceljs's streaming writer (never held in memory either). */
async function writeLargeWorkbook(path: string): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
  const sheet = writer.addWorksheet('2025年');
  sheet.addRow(['指标名称', '地区', '期间', '口径', '数值', '单位', '备注']).commit();
  for (let i = 0; i < ROWS; i++) {
    sheet.addRow(['原煤产量', REGIONS[i % REGIONS.length], `2025-${String((i % 12) + 1).padStart(2, '0')}`, '当月', (i % 997) + 0.5, '万吨', `第${i}条`]).commit();
  }
  sheet.commit();
  await writer.commit();
}

describe('large files stream with bounded memory', () => {
  it(`reads a ${ROWS.toLocaleString('en')}-row XLSX row by row`, async () => {
    const path = `${folder.dir}/large.xlsx`;
    await writeLargeWorkbook(path);
    expect(statSync(path).size).toBeGreaterThan(3 * 1024 * 1024);

    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let records = 0;
    let rows = 0;
    const reader = readSpreadsheet({ fileName: 'large.xlsx', path });
    async function* counted() {
      for await (const row of reader) {
        rows++;
        if (rows % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
        yield row;
      }
    }
    for await (const event of recordsFromRows(counted())) {
      if (event.type === 'record') records++;
    }
    expect(rows).toBe(ROWS + 1);
    expect(reader.info.rowsRead).toBe(ROWS + 1);
    expect(records).toBe(ROWS);
    // Loaded whole, exceljs needs several hundred MB for this workbook; streamed, the heap
    // stays within a small bound whatever the number of rows.
    const growthMb = (peak - baseline) / 1024 / 1024;
    expect(growthMb).toBeLessThan(150);
  }, 180_000); // writes and reads 200,000 rows: about 25 s alone, several times that on a busy machine
});
