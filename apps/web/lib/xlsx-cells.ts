/**
 * Cells of an exported table (pure; used by ui/export). Figures stay numbers; every text cell a
 * spreadsheet could read as a formula gets a leading single quote, by the rule every export
 * shares (escapeSpreadsheetText in @planwatch/shared).
 */
import { escapeSpreadsheetText } from '@planwatch/shared';

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const GROUPED_NUMBER = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** A numeric column's cell as a number when it is one ("1,890.53" → 1890.53), else escaped text. */
export function cellValue(text: string, numeric: boolean): string | number {
  const t = text.trim();
  if (numeric && (PLAIN_NUMBER.test(t) || GROUPED_NUMBER.test(t))) {
    const n = Number(t.replaceAll(',', ''));
    if (Number.isFinite(n)) return n;
  }
  return escapeSpreadsheetText(t);
}

export interface SheetData {
  name: string;
  header: string[];
  rows: Array<Array<string | number>>;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique within the workbook. */
export function sheetNames(wanted: readonly string[]): string[] {
  const used = new Set<string>();
  return wanted.map((name, i) => {
    const base = (name.replace(/[:\\/?*[\]]/g, ' ').trim() || `表${i + 1}`).slice(0, 28);
    let candidate = base;
    for (let n = 2; used.has(candidate); n += 1) candidate = `${base}(${n})`;
    used.add(candidate);
    return candidate;
  });
}

/** A file name without characters file systems refuse. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\r\n\t]+/g, '_').trim() || '导出';
}
