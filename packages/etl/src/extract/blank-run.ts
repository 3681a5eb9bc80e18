import type { Skipped } from '../model.js';

/**
 * Counts consecutive blank rows (rows that are present but empty, and rows a sheet skips
 * altogether). More than `limit` in a row stops the sheet: a file padded with 100,000 empty
 * rows is read in the time it takes to skip them, and the stop is reported, not silent.
 */
export class BlankRunGuard {
  private lastRow = 0;
  private run = 0;

  constructor(
    private readonly limit: number,
    private readonly file: string,
    private readonly sheet: string | undefined,
  ) {}

  /** A blank row. Returns the notice when the limit is exceeded (stop reading). */
  blank(row: number): Skipped | undefined {
    this.run += Math.max(0, row - this.lastRow - 1) + 1;
    this.lastRow = row;
    if (this.run > this.limit) return this.notice(row - this.run + 1, row, false);
    return undefined;
  }

  /** A non-blank row. Returns the notice when the gap before it exceeds the limit (stop reading). */
  content(row: number): Skipped | undefined {
    this.run += Math.max(0, row - this.lastRow - 1);
    this.lastRow = row;
    if (this.run > this.limit) return this.notice(row - this.run, row - 1, true);
    this.run = 0;
    return undefined;
  }

  private notice(from: number, to: number, contentFollows: boolean): Skipped {
    const where = this.sheet === undefined ? '' : `工作表"${this.sheet}"`;
    return {
      file: this.file,
      ...(this.sheet === undefined ? {} : { sheet: this.sheet }),
      row: from,
      toRow: to,
      rule: 'blank_run_stop',
      reason: contentFollows
        ? `${where}第${from}行至第${to}行连续${to - from + 1}行空白，超过${this.limit}行的上限，第${to + 1}行及以后的内容未读取`
        : `${where}自第${from}行起连续超过${this.limit}行空白，已停止读取其后的内容`,
    };
  }
}
