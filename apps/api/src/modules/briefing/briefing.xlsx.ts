import { Injectable } from '@nestjs/common';
import { columnShares, escapeSpreadsheetText, textWidth, type BriefingColumnFormat, type BriefingDocument, type BriefingTable } from '@planwatch/shared';
import ExcelJS from 'exceljs';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** Number formats that print a column's numbers as the other formats show them. */
const NUMBER_FORMATS: Partial<Record<BriefingColumnFormat, string>> = { percent: '0.0"%"', pp: '+0.0;-0.0;0.0', score: '0.0', count: '0' };
/** A4 portrait, one page wide, "— 1 —" at the foot, the header row repeated on every printed page. */
const PAGE_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'portrait',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  margins: { left: 0.7, right: 0.6, top: 0.8, bottom: 0.8, header: 0.3, footer: 0.4 },
};

/** What fits across A4 portrait between these margins at 100 %, in Excel's width units (Latin characters of the default font). */
const PAGE_WIDTH = 70;
/** Width units a CJK character takes (measured from LibreOffice's printout: about 1.7). */
const CJK_UNITS = 1.7;
/** A printed line, in points per point of font size. */
const LINE_HEIGHT = 1.3;

function addTable(ws: ExcelJS.Worksheet, t: BriefingTable): void {
  const header = ws.addRow(t.columns.map((c) => c.header));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
  // Printed pages repeat the first table's header row.
  if (!ws.pageSetup.printTitlesRow) ws.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
  for (const values of t.rows) {
    const row = ws.addRow(values.map((v) => (typeof v === 'string' ? escapeSpreadsheetText(v) : v)));
    row.eachCell({ includeEmpty: true }, (cell, n) => {
      const format = t.columns[n - 1]?.format;
      cell.border = BORDER;
      cell.alignment = { wrapText: true, vertical: 'top', horizontal: typeof cell.value === 'number' ? 'right' : 'left' };
      const numFmt = format && NUMBER_FORMATS[format];
      if (numFmt && typeof cell.value === 'number') cell.numFmt = numFmt;
    });
  }
  // The page's width shared as the printed formats share it.
  columnShares(t, PAGE_WIDTH / CJK_UNITS).forEach((share, i) => {
    const column = ws.getColumn(i + 1);
    column.width = Math.max(column.width ?? 0, Math.max(4, Math.floor(share * PAGE_WIDTH)));
  });
}

/**
 * Row heights for the wrapped text: neither Excel nor LibreOffice fits a row to its text when
 * opening a file, so a row left at the default height prints its first line only.
 */
function fitRowHeights(ws: ExcelJS.Worksheet): void {
  ws.eachRow((row) => {
    let height = 0;
    row.eachCell((cell, n) => {
      const size = cell.font?.size ?? 11;
      const capacity = Math.max(1, ((ws.getColumn(n).width ?? 8.43) - 1) * (11 / size));
      const text = typeof cell.value === 'string' ? cell.value : String(cell.value ?? '');
      const lines = Math.max(1, Math.ceil((textWidth(text) * CJK_UNITS) / capacity));
      height = Math.max(height, lines * size * LINE_HEIGHT + 3);
    });
    row.height = Math.ceil(height);
  });
}

/**
 * The briefing as a workbook: the 正文 on the first sheet, each table on the sheet of its
 * section, numbers kept as numbers (percentages in percent units); every sheet prints on A4
 * with wrapped text, borders, the header row repeated and page numbers.
 */
@Injectable()
export class BriefingWorkbookWriter {
  async write(d: BriefingDocument): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    book.creator = 'PlanWatch';
    book.created = new Date(d.generatedAt);
    const footer = { oddFooter: '&C— &P —', evenFooter: '&C— &P —' };
    const text = book.addWorksheet('通报正文', { pageSetup: { ...PAGE_SETUP }, headerFooter: footer });
    text.getColumn(1).width = PAGE_WIDTH;
    const line = (value: string, font?: Partial<ExcelJS.Font>) => {
      const row = text.addRow([escapeSpreadsheetText(value)]);
      row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
      if (font) row.getCell(1).font = font;
    };
    line(d.letterhead.issuer, { bold: true, size: 16, color: { argb: 'FFCC0000' } });
    line(d.letterhead.documentNumber);
    line(d.title, { bold: true, size: 14 });
    line(`${d.letterhead.recipients}：`);
    for (const notice of d.notices) line(notice, { italic: true });
    for (const section of d.sections) {
      line(section.heading, { bold: true });
      for (const b of section.blocks) line(b.kind === 'paragraph' ? b.text : `（见工作表“${sheetName(section.heading)}”）`);
    }
    line(d.letterhead.signature);
    line(d.date);
    fitRowHeights(text);
    for (const section of d.sections) {
      const tables = section.blocks.filter((b) => b.kind === 'table');
      if (tables.length === 0) continue;
      const ws = book.addWorksheet(sheetName(section.heading), { pageSetup: { ...PAGE_SETUP }, headerFooter: footer });
      const title = ws.addRow([`${section.heading}（${d.periodLabel}）${d.sample ? '【示例数据】' : ''}`]);
      title.getCell(1).font = { bold: true, size: 13 };
      for (const t of tables) addTable(ws, t.table);
      fitRowHeights(ws);
    }
    return Buffer.from(await book.xlsx.writeBuffer());
  }
}

/** 五、存在问题 → 存在问题 (sheet names allow 31 characters and no punctuation of Excel's). */
function sheetName(heading: string): string {
  return heading.replace(/^[一二三四五六七八九十]+、/, '').replace(/[\\/?*[\]:]/g, '').slice(0, 31);
}
