import { Decimal } from 'decimal.js';

/** Full-width → half-width (NFKC), then every kind of whitespace removed. */
export function compactText(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u200b\u2060\ufeff]+/g, '');
}

/**
 * A note as the reporter typed it: 更正：keeps its full-width colon and ，its comma (no NFKC);
 * only runs of spaces and invisible characters become one space, and the edges go.
 */
export function noteAsTyped(text: string): string {
  return text.replace(/[\s\u200b\u2060\ufeff]+/g, ' ').trim();
}

/**
 * A number read from a spreadsheet cell, as an exact decimal string. Excel keeps 15 significant
 * digits; the binary noise beyond them (0.30000000000000004) is not something anyone reported.
 */
export function numberToDecimalString(value: number): string {
  return new Decimal(value).toSignificantDigits(15).toFixed();
}

/** The text a cell shows: what reject messages quote and what the layout matches headers against. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? numberToDecimalString(value) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value as string).trim();
}

const BLANK = /^[\s\u200b\u2060\ufeff]*$/;

/** Empty, or only whitespace (full-width spaces included). Cheap: called for every cell read. */
export function isBlankCell(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return BLANK.test(value);
  if (typeof value === 'number' || typeof value === 'boolean') return false;
  if (value instanceof Date) return Number.isNaN(value.getTime());
  return BLANK.test(cellText(value));
}

/** 1 → "A", 27 → "AA". */
export function columnLetter(columnNumber: number): string {
  let n = columnNumber;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "AA" → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** "6" → 6, "六" → 6, "十二" → 12; undefined when not a small number. */
export function smallNumber(text: string): number | undefined {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  if (!/^[一二两三四五六七八九十]{1,3}$/.test(text)) return undefined;
  if (text === '十') return 10;
  if (text.startsWith('十')) {
    const unit = CN_DIGITS[text.slice(1)];
    return text.length === 2 && unit !== undefined && unit < 10 ? 10 + unit : undefined;
  }
  if (text.length === 1) return CN_DIGITS[text];
  return undefined;
}
