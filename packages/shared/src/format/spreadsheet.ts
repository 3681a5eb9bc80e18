const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A text cell a spreadsheet would read as a formula (= + - @, or a leading tab or carriage
 * return) gets a single quote in front, so it stays text (CSV/formula injection). Plain decimal
 * numbers ("-2.5") are left as they are. One rule for every export: reports, tables, briefings.
 */
export function escapeSpreadsheetText(text: string): string {
  if (PLAIN_NUMBER.test(text)) return text;
  return FORMULA_START.test(text) ? `'${text}` : text;
}
