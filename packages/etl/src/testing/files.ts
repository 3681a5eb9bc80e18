/** Real files for the specs: workbooks written by exceljs, CSV bytes, in a temporary folder. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readSpreadsheet, type SpreadsheetInput } from '../extract/spreadsheet.js';
import type { ReadOptions } from '../extract/options.js';
import type { RawRow } from '../model.js';

export type Cell = ExcelJS.CellValue;

export interface SheetSpec {
  name: string;
  rows: Cell[][];
  /** Ranges such as "C1:N1". */
  merges?: string[];
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** Cell address → number format ("E4" → "0%"). */
  numFmts?: Record<string, string>;
}

export function workbookOf(sheets: readonly SheetSpec[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name, spec.state ? { state: spec.state } : {});
    spec.rows.forEach((row, i) => {
      if (row.length > 0) ws.getRow(i + 1).values = row;
    });
    for (const range of spec.merges ?? []) ws.mergeCells(range);
    for (const [address, fmt] of Object.entries(spec.numFmts ?? {})) ws.getCell(address).numFmt = fmt;
  }
  return wb;
}

export async function xlsxBytes(sheets: readonly SheetSpec[]): Promise<Buffer> {
  return Buffer.from(await workbookOf(sheets).xlsx.writeBuffer());
}

/** A temporary folder removed by `cleanup()`. */
export function tempFolder(): { dir: string; file: (name: string, bytes: Buffer | string) => string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'planwatch-etl-spec-'));
  return {
    dir,
    file(name, bytes) {
      const p = path.join(dir, name);
      writeFileSync(p, bytes);
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function readAll(input: SpreadsheetInput, options: ReadOptions = {}): Promise<{ rows: RawRow[]; info: ReturnType<typeof readSpreadsheet>['info'] }> {
  const reader = readSpreadsheet(input, options);
  const rows: RawRow[] = [];
  for await (const row of reader) rows.push(row);
  return { rows, info: reader.info };
}

/** Rejects a promise must produce, with the error for assertions. */
export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

export function csvBytes(lines: readonly string[], eol = '\r\n'): string {
  return lines.join(eol) + eol;
}
