import { describe, expect, it } from 'vitest';
import { escapeSpreadsheetText } from './spreadsheet.js';

describe('escapeSpreadsheetText', () => {
  it('keeps a cell that would start a formula as text', () => {
    for (const text of ['=1+2', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '=HYPERLINK("http://evil","x")']) expect(escapeSpreadsheetText(text)).toBe(`'${text}`);
  });

  it('leaves plain text and plain numbers alone', () => {
    for (const text of ['原煤产量', '-2.5', '-12.5', '12', '1.5%', '']) expect(escapeSpreadsheetText(text)).toBe(text);
  });
});
