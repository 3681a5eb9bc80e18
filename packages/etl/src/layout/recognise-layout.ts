/**
 * Finding the header of a sheet among its first rows, and what each column means.
 *
 * Long layout: one observation per row (指标, 地区, 期间, 口径, 数值, 单位, 备注), or one per
 * basis-specific value column (指标, 地区, 期间, 本月, 1-6月累计).
 * Wide layout: one row per indicator and region, one column per month (1月 … 12月, 1-2月).
 *
 * The header may span up to three rows (merged "2025年" over the month columns); rows above it
 * are title rows, where a year, a period or "单位：万吨" may be written.
 */
import type { Basis } from '@planwatch/shared';
import type { RawRow } from '../model.js';
import { cellText, columnLetter } from '../text.util.js';
import {
  basisValueHeader,
  fieldRole,
  monthHeader,
  monthHeaderPeriodText,
  normaliseHeader,
  periodIn,
  unitIn,
  yearIn,
  type FieldRole,
  type MonthHeader,
} from './headers.js';

interface ColumnBase {
  /** 0-based index into `RawRow.cells`. */
  index: number;
  /** Column letter. */
  column: string;
  /** The header as written (rows of a multi-row header joined with "/"). */
  header: string;
  /** Unit written in the header bracket. */
  unitHint?: string;
}

export type ColumnSpec =
  | (ColumnBase & { role: Exclude<FieldRole, 'ignore'> })
  | (ColumnBase & { role: 'basisValue'; basis: Basis; /** Period written above it in a multi-row header. */ periodText?: string })
  | (ColumnBase & { role: 'month'; month: MonthHeader });

export interface SheetLayout {
  file: string;
  sheet?: string;
  kind: 'long' | 'wide';
  /** Row numbers of the header (several for a multi-row header). */
  headerRows: number[];
  /** Rows above the header: titles, "单位：万吨", dates. */
  titleRows: number[];
  columns: ColumnSpec[];
  /** Columns with a header that means nothing to the import (序号, 同比, …). */
  ignoredColumns: Array<{ column: string; header: string }>;
  /** Year for periods without one, from the sheet name or else a title row. A 年份 column or a year in the period or month header wins. */
  yearHint?: { year: number; source: 'sheet' | 'title' };
  /** Period for a long sheet without a period column, from a title row or the sheet name ("2025年6月…"). */
  periodHint?: { year: number; startMonth: number; endMonth: number; source: 'sheet' | 'title' };
  /** Unit of every value, from a title row ("单位：万吨"). */
  unitHint?: string;
}

export interface RecogniseOptions {
  file?: string;
  sheet?: string;
}

/** How many rows of a multi-row header are tried. */
const MAX_HEADER_ROWS = 3;

interface Candidate {
  top: number;
  bottom: number;
  columns: ColumnSpec[];
  ignored: Array<{ column: string; header: string }>;
  kind: 'long' | 'wide';
  score: number;
  /** Columns whose meaning drew on the upper header rows (a year above the months). */
  upperInfo: number;
}

function rowTexts(row: RawRow): string[] {
  return row.cells.map((c) => cellText(c));
}

interface ClassifiedColumn {
  role?: FieldRole;
  basis?: Basis;
  month?: MonthHeader;
  unitHint?: string;
  /** Text above the classified part of a multi-row header. */
  upper: string;
  /** The joined text of several header rows was what made sense ("2025年" + "1月"). */
  joined?: boolean;
}

function classifyKey(cell: unknown, text: string): ClassifiedColumn | undefined {
  const { key, unitHint } = normaliseHeader(text);
  if (!key) return undefined;
  const hint = unitHint === undefined ? {} : { unitHint };
  const role = fieldRole(key);
  if (role) return { role, upper: '', ...hint };
  const month = monthHeader(cell, key);
  if (month) return { month, upper: '', ...hint };
  const basis = basisValueHeader(key);
  if (basis) return { basis, upper: '', ...hint };
  return undefined;
}

/**
 * Header of one column over the band rows. A field or basis name in the bottom row wins, with
 * the rows above as context ("2025年6月" over "累计"); otherwise the joined text is tried
 * ("2025年" over "1月" is the month 2025年1月), then the bottom part alone.
 */
function classifyColumn(parts: Array<{ cell: unknown; text: string }>): ClassifiedColumn | undefined {
  const nonEmpty = parts.filter((p) => p.text !== '');
  const last = nonEmpty[nonEmpty.length - 1];
  if (!last) return undefined;
  const bottom = classifyKey(last.cell, last.text);
  if (nonEmpty.length === 1) return bottom;
  const upper = nonEmpty.slice(0, -1).map((p) => p.text).join('');
  if (bottom && !bottom.month) return { ...bottom, upper };
  const joined = classifyKey(undefined, nonEmpty.map((p) => p.text).join(''));
  if (joined) return { ...joined, joined: true };
  return bottom ? { ...bottom, upper } : undefined;
}

function buildCandidate(rows: readonly RawRow[], top: number, bottom: number): Candidate | undefined {
  const band = rows.slice(top, bottom + 1);
  const width = Math.max(...band.map((r) => r.cells.length));
  const texts = band.map(rowTexts);
  const bottomTexts = texts[texts.length - 1] ?? [];
  // Upper header rows written without merging ("2025年" only above the first month column):
  // carry text rightwards over columns whose bottom header is a month.
  for (let b = 0; b < texts.length - 1; b++) {
    const upper = texts[b] ?? [];
    for (let c = 1; c < width; c++) {
      if ((upper[c] ?? '') === '' && (upper[c - 1] ?? '') !== '') {
        const below = bottomTexts[c] ?? '';
        const leftBelow = bottomTexts[c - 1] ?? '';
        if (monthHeader(undefined, normaliseHeader(below).key) && monthHeader(undefined, normaliseHeader(leftBelow).key)) {
          upper[c] = upper[c - 1] ?? '';
        }
      }
    }
  }
  const classified: Array<{ index: number; header: string; result: ClassifiedColumn }> = [];
  const ignored: Array<{ column: string; header: string }> = [];
  for (let c = 0; c < width; c++) {
    const parts: Array<{ cell: unknown; text: string }> = [];
    for (let b = 0; b < band.length; b++) {
      const text = texts[b]?.[c] ?? '';
      // A cell merged down the header rows reads the same in each: keep it once.
      if (text !== '' && parts[parts.length - 1]?.text === text) continue;
      parts.push({ cell: band[b]?.cells[c], text });
    }
    const header = parts.map((p) => p.text).filter((t) => t !== '').join('/');
    if (header === '') continue;
    const result = classifyColumn(parts);
    if (result && result.role !== 'ignore') classified.push({ index: c, header, result });
    else ignored.push({ column: columnLetter(c + 1), header });
  }

  const hasPeriod = classified.some((c) => c.result.role === 'period');
  const kind: 'long' | 'wide' = !hasPeriod && classified.some((c) => c.result.month) ? 'wide' : 'long';
  const columns: ColumnSpec[] = [];
  const seen = new Set<string>();
  let upperInfo = 0;
  for (const { index, header, result } of classified) {
    const base: ColumnBase = { index, column: columnLetter(index + 1), header, ...(result.unitHint ? { unitHint: result.unitHint } : {}) };
    if (result.joined) upperInfo++;
    if (result.role) {
      const role = result.role as Exclude<FieldRole, 'ignore'>;
      // The first column of a role wins; a second 地区 column is listed as ignored.
      if (seen.has(role)) {
        ignored.push({ column: base.column, header });
        continue;
      }
      seen.add(role);
      columns.push({ ...base, role });
    } else if (result.month && kind === 'wide') {
      const upperYear = result.upper ? yearIn(result.upper, false) : undefined;
      if (result.month.year === undefined && upperYear !== undefined) upperInfo++;
      const year = result.month.year ?? upperYear;
      columns.push({ ...base, role: 'month', month: year === undefined ? result.month : { ...result.month, year } });
    } else if ((result.basis || result.month) && kind === 'long') {
      // In a long sheet "1-6月" is a year-to-date value column; "3月" alone means nothing.
      const basis = result.basis ?? (result.month && result.month.startMonth === 1 && result.month.endMonth > 1 ? 'ytd' : result.month?.ytd ? 'ytd' : undefined);
      if (!basis) {
        ignored.push({ column: base.column, header });
        continue;
      }
      const period = result.upper ? periodIn(result.upper) : undefined;
      if (period) upperInfo++;
      const periodText = period
        ? `${period.year}年${period.startMonth === period.endMonth ? '' : `${period.startMonth}-`}${period.endMonth}月`
        : result.month?.year !== undefined
          ? monthHeaderPeriodText(result.month)
          : undefined;
      columns.push({ ...base, role: 'basisValue', basis, ...(periodText ? { periodText } : {}) });
    } else {
      ignored.push({ column: base.column, header });
    }
  }

  const roles = new Set(columns.map((c) => c.role));
  const hasIndicator = roles.has('indicatorCode') || roles.has('indicatorName');
  const hasValue = kind === 'wide' ? roles.has('month') : roles.has('value') || roles.has('basisValue');
  if (!hasIndicator || !hasValue) return undefined;
  return { top, bottom, columns, ignored, kind, score: columns.length, upperInfo };
}

function better(a: Candidate, b: Candidate | undefined): boolean {
  if (!b) return true;
  if (a.score !== b.score) return a.score > b.score;
  // Same columns recognised: a taller header only when its upper rows add meaning (the year
  // above the months); otherwise the row above is a title.
  if (a.upperInfo !== b.upperInfo) return a.upperInfo > b.upperInfo;
  return a.bottom - a.top < b.bottom - b.top;
}

/**
 * The layout of a sheet from its first non-blank rows, or undefined when no row reads as a
 * header (an instructions sheet, a chart sheet's data).
 */
export function recogniseLayout(rows: readonly RawRow[], options: RecogniseOptions = {}): SheetLayout | undefined {
  let best: Candidate | undefined;
  for (let bottom = 0; bottom < rows.length; bottom++) {
    for (let height = 1; height <= MAX_HEADER_ROWS && bottom - height + 1 >= 0; height++) {
      const top = bottom - height + 1;
      // A multi-row header is contiguous, and its upper rows hold several headers (a title,
      // merged across the table, reads as one text repeated).
      if (height > 1 && (rows[top + 1]?.row ?? 0) - (rows[top]?.row ?? 0) !== 1) break;
      if (height > 1 && new Set(rowTexts(rows[top] as RawRow).filter((t) => t !== '')).size < 2) break;
      const candidate = buildCandidate(rows, top, bottom);
      if (candidate && better(candidate, best)) best = candidate;
    }
  }
  if (!best) return undefined;

  const first = rows[0];
  const file = options.file ?? first?.file ?? '';
  const sheet = options.sheet ?? first?.sheet;
  const titleRows = rows.slice(0, best.top);
  const titleTexts = titleRows.map((r) => rowTexts(r).filter((t) => t !== ''));
  const layout: SheetLayout = {
    file,
    ...(sheet === undefined ? {} : { sheet }),
    kind: best.kind,
    headerRows: rows.slice(best.top, best.bottom + 1).map((r) => r.row),
    titleRows: titleRows.map((r) => r.row),
    columns: best.columns,
    ignoredColumns: best.ignored.sort((a, b) => a.column.length - b.column.length || a.column.localeCompare(b.column)),
  };

  const sheetYear = sheet === undefined ? undefined : yearIn(sheet, false);
  const titleYear = titleTexts.flat().map((t) => yearIn(t, true)).find((y) => y !== undefined);
  if (sheetYear !== undefined) layout.yearHint = { year: sheetYear, source: 'sheet' };
  else if (titleYear !== undefined) layout.yearHint = { year: titleYear, source: 'title' };

  const titlePeriod = titleTexts.flat().map((t) => periodIn(t)).find((p) => p !== undefined);
  const sheetPeriod = sheet === undefined ? undefined : periodIn(sheet);
  if (titlePeriod) layout.periodHint = { ...titlePeriod, source: 'title' };
  else if (sheetPeriod) layout.periodHint = { ...sheetPeriod, source: 'sheet' };

  const unit = titleTexts.flat().map((t) => unitIn(t)).find((u) => u !== undefined);
  if (unit !== undefined) layout.unitHint = unit;
  return layout;
}
