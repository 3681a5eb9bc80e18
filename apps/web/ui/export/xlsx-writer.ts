/**
 * Builds an XLSX workbook in the browser. Loaded only by dynamic import when someone clicks
 * 导出XLSX, so exceljs never enters a page's initial JavaScript (and never the wall screen's).
 */
import ExcelJS from 'exceljs';
import type { SheetData } from '@/lib/xlsx-cells';

export async function workbookBlob(sheets: readonly SheetData[], title: string): Promise<Blob> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'PlanWatch';
  workbook.title = title;
  workbook.created = new Date();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(sheet.header).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(row);
    ws.columns.forEach((column, i) => {
      const widths = [sheet.header[i] ?? '', ...sheet.rows.map((r) => String(r[i] ?? ''))].map((t) => [...t].reduce((w, ch) => w + (ch.charCodeAt(0) > 255 ? 2 : 1), 0));
      column.width = Math.min(60, Math.max(8, ...widths) + 2);
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}
