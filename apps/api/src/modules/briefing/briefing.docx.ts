import { Injectable } from '@nestjs/common';
import { briefingCellText, columnShares, type BriefingDocument, type BriefingTable } from '@planwatch/shared';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type IRunOptions,
} from 'docx';
import { charsPerLineAt, GB9704 } from './briefing.layout.js';

/** The fonts GB/T 9704-2012 names; Word substitutes where a machine lacks one. */
const FONTS = {
  body: '仿宋_GB2312',
  heading: '黑体',
  title: '方正小标宋简体',
  number: '宋体',
} as const;
const twips = (mm: number) => Math.round((mm / 25.4) * 1440);
const halfPoints = (pt: number) => pt * 2;
const LINE = Math.round(GB9704.linePitchPt * 20);
const BODY_WIDTH = twips(GB9704.bodyWidth);
/** Tables in 小五 (9 pt), so a table of nine columns still fits the 156 mm line. */
const TABLE_PT = 9;
/** One character of the body (3号) in twips, for indents counted in characters. */
const CHAR = GB9704.bodyPt * 20;
const exactLine = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

/**
 * 22 lines of 28 characters without a document grid (which LibreOffice also applies to tables):
 * body paragraphs are set at an exact line pitch of 225 mm / 22, and body text (3号) 0.25 pt
 * tighter than its size, so 28 characters fill the 156 mm line; other sizes keep their width.
 */
const BODY_TRACKING = -5;

function run(text: string, options: { font?: string; pt?: number; bold?: boolean; color?: string } = {}): TextRun {
  const font = options.font ?? FONTS.body;
  const pt = options.pt ?? GB9704.bodyPt;
  const props: IRunOptions = {
    text,
    font: { ascii: font, eastAsia: font, hAnsi: font },
    size: halfPoints(pt),
    bold: options.bold ?? false,
    color: options.color ?? '000000',
    ...(pt === GB9704.bodyPt ? { characterSpacing: BODY_TRACKING } : {}),
  };
  return new TextRun(props);
}

const bodyParagraph = (text: string) => new Paragraph({ children: [run(text)], indent: { firstLine: 2 * CHAR }, spacing: exactLine, alignment: AlignmentType.JUSTIFIED });

function table(block: BriefingTable): Table {
  const widths = columnShares(block, charsPerLineAt(TABLE_PT)).map((share) => Math.round(share * BODY_WIDTH));
  const cell = (text: string, header: boolean, right: boolean, i: number) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      children: [
        new Paragraph({
          children: [run(text, { pt: TABLE_PT, font: header ? FONTS.heading : FONTS.body })],
          alignment: header ? AlignmentType.CENTER : right ? AlignmentType.RIGHT : AlignmentType.LEFT,
          // Exact spacing: table lines keep their own height rather than the body's 22-line grid.
          spacing: { line: Math.round(TABLE_PT * 1.35 * 20), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        }),
      ],
    });
  return new Table({
    width: { size: BODY_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: block.columns.map((c, i) => cell(c.header, true, false, i)) }),
      ...block.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((v, i) => cell(briefingCellText(v, block.columns[i]?.format), false, typeof v === 'number', i)) })),
    ],
  });
}

/** "— 1 —" in 4号 宋体, one character in from the outer edge (right on odd pages, left on even ones). */
function pageNumber(side: 'odd' | 'even'): Footer {
  const font = { ascii: FONTS.number, eastAsia: FONTS.number, hAnsi: FONTS.number };
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: GB9704.smallPt * 20 } : { left: GB9704.smallPt * 20 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font, size: halfPoints(GB9704.smallPt) })],
      }),
    ],
  });
}

/** A rule across the 版心: red under the 版头, black (0.35 or 0.25 mm) around the 版记. */
const rule = (color: string, eighthsOfPoint: number) => ({ style: BorderStyle.SINGLE, size: eighthsOfPoint, color, space: 1 });

/**
 * The briefing as a Word document laid out per GB/T 9704-2012 (the office edits it before
 * sending): A4, 版心 156 × 225 mm, a document grid of 22 lines × 28 characters, 版头 in red,
 * the title in 2号小标宋, the body in 3号仿宋 with 黑体 headings, 署名 and 成文日期 on the right,
 * the 版记 with 抄送 and 印发, page numbers "— 1 —".
 */
@Injectable()
export class BriefingDocxWriter {
  async write(d: BriefingDocument): Promise<Buffer> {
    const children: Array<Paragraph | Table> = [
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 720, lineRule: LineRuleType.EXACT }, children: [run(d.letterhead.issuer, { font: FONTS.title, pt: 24, color: 'C00000' })] }),
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { ...exactLine, before: 2 * LINE }, children: [run(d.letterhead.documentNumber)] }),
      new Paragraph({ border: { bottom: rule('C00000', 8) }, spacing: { ...exactLine, after: 2 * LINE }, children: [] }),
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT, after: LINE }, children: [run(d.title, { font: FONTS.title, pt: GB9704.titlePt })] }),
      new Paragraph({ spacing: exactLine, children: [run(`${d.letterhead.recipients}：`)] }),
      ...d.notices.map((n) => new Paragraph({ spacing: exactLine, children: [run(`【${n}】`, { pt: 12 })] })),
    ];
    for (const section of d.sections) {
      children.push(new Paragraph({ spacing: exactLine, indent: { firstLine: 2 * CHAR }, children: [run(section.heading, { font: FONTS.heading })] }));
      for (const b of section.blocks) children.push(b.kind === 'paragraph' ? bodyParagraph(b.text) : table(b.table));
    }
    children.push(
      new Paragraph({ spacing: { ...exactLine, before: 2 * LINE }, alignment: AlignmentType.RIGHT, indent: { right: 4 * CHAR }, children: [run(d.letterhead.signature)] }),
      new Paragraph({ spacing: exactLine, alignment: AlignmentType.RIGHT, indent: { right: 4 * CHAR }, children: [run(d.date)] }),
    );
    const small = { pt: GB9704.smallPt };
    const recordIndent = { left: GB9704.smallPt * 20, right: GB9704.smallPt * 20 };
    if (d.letterhead.copyTo) {
      children.push(
        new Paragraph({ spacing: { ...exactLine, before: 2 * LINE }, indent: recordIndent, border: { top: rule('000000', 8), bottom: rule('000000', 6) }, children: [run(`抄送：${d.letterhead.copyTo}。`, small)] }),
      );
    }
    children.push(
      new Paragraph({
        spacing: exactLine,
        indent: recordIndent,
        border: { bottom: rule('000000', 8), ...(d.letterhead.copyTo ? {} : { top: rule('000000', 8) }) },
        tabStops: [{ type: TabStopType.RIGHT, position: BODY_WIDTH - 2 * GB9704.smallPt * 20 }],
        children: [run(`${d.letterhead.printedBy}\t${d.date}印发`, small)],
      }),
    );
    const document = new Document({
      creator: 'PlanWatch',
      title: d.title,
      evenAndOddHeaderAndFooters: true,
      styles: { default: { document: { run: { font: { ascii: FONTS.body, eastAsia: FONTS.body, hAnsi: FONTS.body }, size: halfPoints(GB9704.bodyPt) } } } },
      sections: [
        {
          properties: {
            page: {
              size: { width: twips(GB9704.pageWidth), height: twips(GB9704.pageHeight) },
              // The footer's distance from the page edge puts the number 7 mm under the 版心.
              margin: { top: twips(GB9704.top), bottom: twips(GB9704.bottom), left: twips(GB9704.left), right: twips(GB9704.right), header: twips(15), footer: twips(GB9704.bottom - 7 - 5) },
            },
          },
          footers: { default: pageNumber('odd'), even: pageNumber('even') },
          children,
        },
      ],
    });
    return Packer.toBuffer(document);
  }
}
