/**
 * Cells of an exported table (pure; used by ui/export). Figures stay numbers; every text cell a
 * spreadsheet could read as a formula — starting with = + - @, a tab or a carriage return —
 * gets a leading single quote, the same rule as the API's exports (reporting-checks.util.ts).
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const GROUPED_NUMBER = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** Text safe from formula injection. Plain decimal numbers ("-2.5") are left as they are. */
export function escapeFormula(text: string): string {
  if (PLAIN_NUMBER.test(text)) return text;
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A numeric column's cell as a number when it is one ("1,890.53" → 1890.53), else escaped text. */
export function cellValue(text: string, numeric: boolean): string | number {
  const t = text.trim();
  if (numeric && (PLAIN_NUMBER.test(t) || GROUPED_NUMBER.test(t))) {
    const n = Number(t.replaceAll(',', ''));
    if (Number.isFinite(n)) return n;
  }
  return escapeFormula(t);
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
