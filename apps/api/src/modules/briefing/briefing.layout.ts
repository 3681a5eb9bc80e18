/**
 * GB/T 9704-2012 党政机关公文格式 on A4 (210 × 297 mm): 版心 156 × 225 mm with 天头 (top) 37 mm
 * and 订口 (left) 28 mm, so 26 mm right and 35 mm bottom; 22 lines of 28 characters of 3号
 * (16 pt) 仿宋. Every renderer lays the briefing out from these numbers.
 */
const MM_PER_POINT = 25.4 / 72;

export const GB9704 = {
  pageWidth: 210,
  pageHeight: 297,
  top: 37,
  left: 28,
  right: 210 - 28 - 156,
  bottom: 297 - 37 - 225,
  bodyWidth: 156,
  bodyHeight: 225,
  linesPerPage: 22,
  charsPerLine: 28,
  /** 3号 */
  bodyPt: 16,
  /** 2号 */
  titlePt: 22,
  /** 4号: page numbers and the 版记 */
  smallPt: 14,
  /** The distance between two lines of the body: the 版心's height over 22 lines. */
  linePitchPt: Math.round((225 / MM_PER_POINT / 22) * 100) / 100,
} as const;

export const mmToPt = (mm: number) => mm / MM_PER_POINT;

/** How many characters of `pt` fit across the 版心: the width printed tables are shared out by. */
export const charsPerLineAt = (pt: number) => Math.floor(mmToPt(GB9704.bodyWidth) / pt);
