import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { briefingCellText, columnShares, type BriefingDocument, type BriefingTable } from '@planwatch/shared';
import PDFDocument from 'pdfkit';
import { charsPerLineAt, GB9704, mmToPt } from './briefing.layout.js';

/**
 * Noto Sans Hans (SIL Open Font License), a GB2312 subset shipped with @embedpdf/fonts-sc: the
 * open CJK font every PDF embeds, so it reads the same on any machine; the 公文 fonts (仿宋,
 * 小标宋) are not free to ship and belong in the .docx the office edits.
 */
const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '../fonts');
const REGULAR = join(FONT_DIR, 'NotoSansHans-Regular.otf');
const BOLD = join(FONT_DIR, 'NotoSansHans-Bold.otf');

const PAGE = { width: mmToPt(GB9704.pageWidth), height: mmToPt(GB9704.pageHeight) };
const MARGINS = { top: mmToPt(GB9704.top), bottom: mmToPt(GB9704.bottom), left: mmToPt(GB9704.left), right: mmToPt(GB9704.right) };
const BODY_WIDTH = mmToPt(GB9704.bodyWidth);
const BODY_BOTTOM = PAGE.height - MARGINS.bottom;
/** 小五, as in the .docx. */
const TABLE_PT = 9;
const CELL_PAD = 3;

type Pdf = PDFKit.PDFDocument;

/** Text at the body's line pitch (22 lines to the 版心), whatever the font's own line height. */
function write(doc: Pdf, text: string, options: { pt?: number; font?: 'regular' | 'bold'; align?: 'left' | 'center' | 'right' | 'justify'; indentChars?: number; color?: string; rightIndentChars?: number } = {}) {
  const pt = options.pt ?? GB9704.bodyPt;
  doc.font(options.font ?? 'regular').fontSize(pt).fillColor(options.color ?? '#000000');
  const lineGap = Math.max(0, GB9704.linePitchPt - doc.currentLineHeight());
  const right = (options.rightIndentChars ?? 0) * pt;
  doc.text(text, MARGINS.left, doc.y, {
    width: BODY_WIDTH - right,
    align: options.align ?? 'justify',
    indent: (options.indentChars ?? 0) * pt,
    lineGap,
  });
}

function rule(doc: Pdf, y: number, color: string, widthMm: number) {
  doc.save().lineWidth(mmToPt(widthMm)).strokeColor(color).moveTo(MARGINS.left, y).lineTo(MARGINS.left + BODY_WIDTH, y).stroke().restore();
}

function drawTable(doc: Pdf, t: BriefingTable) {
  const widths = columnShares(t, charsPerLineAt(TABLE_PT)).map((share) => share * BODY_WIDTH);
  const texts = (row: readonly (string | number | null)[]) => row.map((v, i) => briefingCellText(v, t.columns[i]?.format));
  const heightOf = (cells: string[], font: 'regular' | 'bold') =>
    Math.max(...cells.map((text, i) => doc.font(font).fontSize(TABLE_PT).heightOfString(text, { width: widths[i]! - 2 * CELL_PAD }))) + 2 * CELL_PAD;
  const drawRow = (cells: string[], font: 'regular' | 'bold', numeric: boolean[]) => {
    const height = heightOf(cells, font);
    let x = MARGINS.left;
    const y = doc.y;
    cells.forEach((text, i) => {
      doc.save().lineWidth(0.5).strokeColor('#000000').rect(x, y, widths[i]!, height).stroke().restore();
      doc
        .font(font)
        .fontSize(TABLE_PT)
        .fillColor('#000000')
        .text(text, x + CELL_PAD, y + CELL_PAD, { width: widths[i]! - 2 * CELL_PAD, align: numeric[i] ? 'right' : font === 'bold' ? 'center' : 'left' });
      x += widths[i]!;
    });
    doc.x = MARGINS.left;
    doc.y = y + height;
  };
  const header = t.columns.map((c) => c.header);
  const noNumbers = header.map(() => false);
  if (doc.y + heightOf(header, 'bold') * 2 > BODY_BOTTOM) doc.addPage();
  drawRow(header, 'bold', noNumbers);
  for (const row of t.rows) {
    const cells = texts(row);
    // A row never splits; the header row repeats on the next page.
    if (doc.y + heightOf(cells, 'regular') > BODY_BOTTOM) {
      doc.addPage();
      drawRow(header, 'bold', noNumbers);
    }
    drawRow(cells, 'regular', row.map((v) => typeof v === 'number'));
  }
  doc.moveDown(0.5);
}

/**
 * The briefing as a PDF from the same content as the .docx: A4, the GB/T 9704 版心 and line
 * pitch, red 版头, the 版记, page numbers "— 1 —" outside (right on odd pages, left on even).
 */
@Injectable()
export class BriefingPdfWriter {
  write(d: BriefingDocument): Promise<Buffer> {
    const doc = new PDFDocument({ size: [PAGE.width, PAGE.height], margins: MARGINS, bufferPages: true, info: { Title: d.title, Creator: 'PlanWatch' } });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    doc.registerFont('regular', REGULAR);
    doc.registerFont('bold', BOLD);

    write(doc, d.letterhead.issuer, { pt: 24, font: 'bold', align: 'center', color: '#cc0000' });
    doc.moveDown(1);
    write(doc, d.letterhead.documentNumber, { align: 'center' });
    rule(doc, doc.y + mmToPt(4), '#cc0000', 0.5);
    doc.y += mmToPt(4) + GB9704.linePitchPt;
    write(doc, d.title, { pt: GB9704.titlePt, font: 'bold', align: 'center' });
    doc.moveDown(0.5);
    write(doc, `${d.letterhead.recipients}：`, { align: 'left' });
    for (const notice of d.notices) write(doc, `【${notice}】`, { pt: 12, align: 'left' });
    for (const section of d.sections) {
      write(doc, section.heading, { font: 'bold', indentChars: 2, align: 'left' });
      for (const b of section.blocks) {
        if (b.kind === 'paragraph') write(doc, b.text, { indentChars: 2 });
        else drawTable(doc, b.table);
      }
    }
    doc.moveDown(1);
    write(doc, d.letterhead.signature, { align: 'right', rightIndentChars: 4 });
    write(doc, d.date, { align: 'right', rightIndentChars: 4 });
    doc.moveDown(1);
    const small = { pt: GB9704.smallPt, align: 'left' as const };
    rule(doc, doc.y, '#000000', 0.35);
    doc.y += 4;
    if (d.letterhead.copyTo) {
      write(doc, `抄送：${d.letterhead.copyTo}。`, small);
      rule(doc, doc.y, '#000000', 0.25);
      doc.y += 4;
    }
    const y = doc.y;
    write(doc, d.letterhead.printedBy, small);
    doc.y = y;
    write(doc, `${d.date}印发`, { ...small, align: 'right' });
    rule(doc, doc.y, '#000000', 0.35);

    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const odd = (i - range.start) % 2 === 0;
      doc.font('regular').fontSize(GB9704.smallPt).fillColor('#000000');
      // 7 mm under the 版心, one character in from the outer edge; outside the margin, so no new page.
      const text = `— ${i - range.start + 1} —`;
      const y = BODY_BOTTOM + mmToPt(7);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.text(text, MARGINS.left + (odd ? 0 : GB9704.smallPt), y, { width: BODY_WIDTH - GB9704.smallPt, align: odd ? 'right' : 'left', lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
    return done;
  }
}
