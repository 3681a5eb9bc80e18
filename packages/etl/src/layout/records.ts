/**
 * Rows → raw records, per the recognised layout, streaming. Every row that is not turned into
 * records is reported as `Skipped` with the rule that skipped it.
 */
import type { RawRecord, RawRow, RecordField, Skipped } from '../model.js';
import { cellText, isBlankCell, noteAsTyped } from '../text.util.js';
import { monthHeaderPeriodText, normaliseHeader } from './headers.js';
import { recogniseLayout, type ColumnSpec, type SheetLayout } from './recognise-layout.js';
import { isNoteText, isSubtotalIndicator, isSubtotalRegion } from './row-rules.js';

export type RowOutcome = { records: RawRecord[] } | { skipped: Skipped };

export type LayoutEvent =
  | { type: 'layout'; layout: SheetLayout }
  | { type: 'record'; record: RawRecord }
  | { type: 'skipped'; skipped: Skipped };

export interface RecordsOptions {
  /** How many non-blank rows at the top of a sheet are searched for the header. Default 30. */
  headerSearchRows?: number;
}

function skip(row: RawRow, rule: Skipped['rule'], reason: string, value?: string, column?: string): { skipped: Skipped } {
  const skipped: Skipped = { file: row.file, row: row.row, rule, reason };
  if (row.sheet !== undefined) skipped.sheet = row.sheet;
  if (column !== undefined) skipped.column = column;
  if (value !== undefined) skipped.value = value;
  return { skipped };
}

function text(row: RawRow, column: ColumnSpec | undefined): string {
  if (!column) return '';
  const cell = row.cells[column.index];
  return typeof cell === 'string' ? cell.trim() : cellText(cell);
}

function present(row: RawRow, column: ColumnSpec | undefined): unknown {
  if (!column) return undefined;
  const cell = row.cells[column.index];
  return isBlankCell(cell) ? undefined : cell;
}

/** What a layout needs per row, worked out once per layout (rows number in the hundreds of thousands). */
interface RowPlan {
  indicatorCode?: ColumnSpec;
  indicatorName?: ColumnSpec;
  regionCode?: ColumnSpec;
  regionName?: ColumnSpec;
  period?: ColumnSpec;
  year?: ColumnSpec;
  basis?: ColumnSpec;
  unit?: ColumnSpec;
  note?: ColumnSpec;
  valueColumns: ColumnSpec[];
  /** Normalised header of each column, to spot a repeated header row. */
  headerKeys: string[];
}

const plans = new WeakMap<SheetLayout, RowPlan>();

function planOf(layout: SheetLayout): RowPlan {
  let plan = plans.get(layout);
  if (plan) return plan;
  const by = (role: ColumnSpec['role']): ColumnSpec | undefined => layout.columns.find((c) => c.role === role);
  plan = {
    valueColumns: layout.columns.filter((c) => c.role === 'value' || c.role === 'basisValue' || c.role === 'month'),
    headerKeys: layout.columns.map((c) => normaliseHeader(c.header.split('/').pop() ?? '').key),
  };
  for (const role of ['indicatorCode', 'indicatorName', 'regionCode', 'regionName', 'period', 'year', 'basis', 'unit', 'note'] as const) {
    const column = by(role);
    if (column) plan[role] = column;
  }
  plans.set(layout, plan);
  return plan;
}

/** The header again (a second table pasted below the first): most recognised columns repeat their header. */
function isRepeatedHeader(layout: SheetLayout, plan: RowPlan, row: RawRow): boolean {
  let repeated = 0;
  for (let i = 0; i < layout.columns.length; i++) {
    const cell = row.cells[layout.columns[i]?.index ?? -1];
    const key = plan.headerKeys[i] ?? '';
    // Cheap pre-check before normalising: the header's first character must occur.
    if (typeof cell === 'string' && key !== '' && cell.includes(key[0] ?? '') && normaliseHeader(cell).key === key) repeated++;
  }
  return repeated >= Math.max(2, Math.ceil(layout.columns.length / 2));
}

/** One row under the header → its raw records, or the rule that skips it. */
export function rowToRecords(layout: SheetLayout, row: RawRow): RowOutcome {
  const plan = planOf(layout);
  const firstCell = row.cells.find((c) => !isBlankCell(c));
  const firstText = typeof firstCell === 'string' ? firstCell.trim() : cellText(firstCell);
  if (typeof firstCell === 'string' && isNoteText(firstText)) return skip(row, 'note_row', '说明/注释行，不是数据', firstText);
  if (isRepeatedHeader(layout, plan, row)) return skip(row, 'repeated_header', '重复的表头行');

  const { indicatorCode, indicatorName, regionCode, regionName, period, year, basis, unit, note, valueColumns } = plan;
  const regionText = text(row, regionName);
  if (regionName && isSubtotalRegion(regionText)) {
    return skip(row, 'subtotal_row', `地区列为"${regionText}"，合计/小计行不导入（由系统按规则汇总）`, regionText, regionName.column);
  }
  const indicatorText = text(row, indicatorName);
  if (indicatorName && isSubtotalIndicator(indicatorText)) {
    return skip(row, 'subtotal_row', `指标列为"${indicatorText}"，合计/小计行不导入（由系统按规则汇总）`, indicatorText, indicatorName.column);
  }
  const indicatorCodeText = text(row, indicatorCode);
  const regionCodeText = text(row, regionCode);
  if (indicatorCodeText === '' && indicatorText === '' && regionCodeText === '' && regionText === '' && valueColumns.every((c) => isBlankCell(row.cells[c.index]))) {
    return skip(row, 'no_data_row', '该行没有指标、地区和数值', firstText || undefined);
  }

  const columns: Partial<Record<RecordField, string>> = {};
  const indicatorColumn = indicatorCode && indicatorCodeText !== '' ? indicatorCode : (indicatorName ?? indicatorCode);
  if (indicatorColumn) columns.indicator = indicatorColumn.column;
  const regionColumn = regionCode && regionCodeText !== '' ? regionCode : (regionName ?? regionCode);
  if (regionColumn) columns.region = regionColumn.column;
  if (year) columns.year = year.column;
  if (basis) columns.basis = basis.column;
  if (unit) columns.unit = unit.column;
  if (note) columns.note = note.column;

  const position: RawRecord['position'] = { file: row.file, row: row.row };
  if (row.sheet !== undefined) position.sheet = row.sheet;
  const indicatorRef: RawRecord['indicatorRef'] = {};
  if (indicatorCodeText !== '') indicatorRef.code = indicatorCodeText;
  if (indicatorText !== '') indicatorRef.name = indicatorText;
  const regionRef: RawRecord['regionRef'] = {};
  if (regionCodeText !== '') regionRef.code = regionCodeText;
  if (regionText !== '') regionRef.name = regionText;
  const yearCell = present(row, year);
  const unitCell = present(row, unit);
  const noteText = note ? noteAsTyped(cellText(row.cells[note.index])) : '';
  const basisCell = present(row, basis);
  const periodCell = present(row, period);
  const hint = layout.periodHint;

  const records: RawRecord[] = [];
  for (const column of valueColumns) {
    let periodRaw: unknown = periodCell;
    let basisRaw: unknown = basisCell;
    let yearHint = layout.yearHint?.year;
    const recordColumns: Partial<Record<RecordField, string>> = { ...columns, value: column.column };
    if (column.role === 'month') {
      periodRaw = monthHeaderPeriodText(column.month);
      if (column.month.year !== undefined) yearHint = column.month.year;
      if (basisRaw === undefined && column.month.ytd) basisRaw = '累计';
    } else {
      if (column.role === 'basisValue') basisRaw = column.header.split('/').pop();
      if (periodRaw === undefined && column.role === 'basisValue' && column.periodText) periodRaw = column.periodText;
      if (periodRaw === undefined && hint) {
        // A title "2025年1-6月…" dates the sheet: 累计 columns run 1-6月, 本月 columns are June
        // alone — except 1-2月, published together, whose monthly value spans both months.
        const span = hint.startMonth === 1 && hint.endMonth === 2;
        periodRaw = `${hint.year}年${span ? '1-' : ''}${hint.endMonth}月`;
      }
      if (period && periodCell !== undefined) recordColumns.period = period.column;
    }
    if (column.role === 'basisValue') recordColumns.basis = column.column;
    const record: RawRecord = { position, columns: recordColumns, indicatorRef, regionRef, periodRaw, valueRaw: row.cells[column.index] ?? null };
    if (yearCell !== undefined) record.yearRaw = yearCell;
    if (yearHint !== undefined) record.yearHint = yearHint;
    if (basisRaw !== undefined) record.basisRaw = basisRaw;
    if (unitCell !== undefined) record.unitRaw = unitCell;
    const unitHint = column.unitHint ?? layout.unitHint;
    if (unitHint !== undefined) record.unitHint = unitHint;
    if (noteText !== '') record.note = noteText;
    records.push(record);
  }
  return { records };
}

function layoutSkips(layout: SheetLayout, rows: readonly RawRow[]): Skipped[] {
  const base = { file: layout.file, ...(layout.sheet === undefined ? {} : { sheet: layout.sheet }) };
  const textOf = (rowNumber: number): string =>
    rows
      .find((r) => r.row === rowNumber)
      ?.cells.map((c) => cellText(c))
      .filter((t, i, all) => t !== '' && all.indexOf(t) === i)
      .join(' ')
      .slice(0, 200) ?? '';
  return [
    ...layout.titleRows.map((row) => ({ ...base, row, rule: 'title_row' as const, value: textOf(row), reason: '表头上方的标题行' })),
    ...layout.headerRows.map((row) => ({ ...base, row, rule: 'header_row' as const, value: textOf(row), reason: '表头行' })),
  ];
}

/**
 * Raw rows of one or more sheets → layout, records and skipped rows, streaming. The first
 * `headerSearchRows` non-blank rows of each sheet are held back to find the header.
 */
export async function* recordsFromRows(rows: AsyncIterable<RawRow>, options: RecordsOptions = {}): AsyncGenerator<LayoutEvent> {
  const window = options.headerSearchRows ?? 30;
  let key: string | undefined;
  let buffer: RawRow[] = [];
  let layout: SheetLayout | undefined;
  let noLayout = false;
  let lastRow = 0;

  function* process(row: RawRow): Generator<LayoutEvent> {
    if (!layout) return;
    if (row.row > lastRow + 1) {
      yield {
        type: 'skipped',
        skipped: {
          file: row.file,
          ...(row.sheet === undefined ? {} : { sheet: row.sheet }),
          row: lastRow + 1,
          toRow: row.row - 1,
          rule: 'blank_rows',
          reason: row.row - 1 === lastRow + 1 ? '空白行' : `空白行（${row.row - 1 - lastRow}行）`,
        },
      };
    }
    lastRow = row.row;
    const outcome = rowToRecords(layout, row);
    if ('skipped' in outcome) yield { type: 'skipped', skipped: outcome.skipped };
    else for (const record of outcome.records) yield { type: 'record', record };
  }

  function* decide(): Generator<LayoutEvent> {
    const first = buffer[0];
    if (!first) return;
    layout = recogniseLayout(buffer, { file: first.file, ...(first.sheet === undefined ? {} : { sheet: first.sheet }) });
    if (!layout) {
      noLayout = true;
      yield {
        type: 'skipped',
        skipped: {
          file: first.file,
          ...(first.sheet === undefined ? {} : { sheet: first.sheet }),
          row: first.row,
          rule: 'sheet_without_layout',
          reason: `${first.sheet === undefined ? '文件' : `工作表"${first.sheet}"`}前${window}行中未找到表头（需要指标名称或指标编码，以及数值列或月份列），未导入`,
        },
      };
      buffer = [];
      return;
    }
    yield { type: 'layout', layout };
    for (const skipped of layoutSkips(layout, buffer)) yield { type: 'skipped', skipped };
    const headerEnd = layout.headerRows[layout.headerRows.length - 1] ?? 0;
    lastRow = headerEnd;
    const rest = buffer.filter((r) => r.row > headerEnd);
    buffer = [];
    for (const row of rest) yield* process(row);
  }

  for await (const row of rows) {
    const rowKey = `${row.file}\u0000${row.sheet ?? ''}`;
    if (rowKey !== key) {
      if (!layout && !noLayout) yield* decide();
      key = rowKey;
      buffer = [];
      layout = undefined;
      noLayout = false;
      lastRow = 0;
    }
    if (noLayout) continue;
    if (layout) {
      yield* process(row);
      continue;
    }
    buffer.push(row);
    if (buffer.length >= window) yield* decide();
  }
  if (!layout && !noLayout) yield* decide();
}
