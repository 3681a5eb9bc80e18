/** Small pure helpers that lay contract series out on chart axes (no KPI maths). */
import type { DecimalString, MonthlySegment, Period, SeriesPoint } from '@planwatch/shared';

export const MONTH_LABELS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

export function yearOf(period: Period): number {
  return Number(period.slice(0, 4));
}

export function monthOf(period: Period): number {
  return Number(period.slice(5, 7));
}

/** A decimal string as a number for plotting (the exact value stays in tables and tooltips). */
export function plot(value: DecimalString | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export interface MonthCell {
  value: number | null;
  /** The reported text (exact). */
  exact: DecimalString | null;
  /** "1–2月" when the figure spans several months (reported together, e.g. Jan–Feb). */
  span: string | null;
  derived: boolean;
}

/**
 * Monthly segments of one year on 12 month slots. A segment spanning months sits on its last
 * month and says so; the months it covers stay empty (never invented).
 */
export function monthlyCells(segments: readonly MonthlySegment[], year: number): MonthCell[] {
  const cells: MonthCell[] = Array.from({ length: 12 }, () => ({ value: null, exact: null, span: null, derived: false }));
  for (const s of segments) {
    if (yearOf(s.to) !== year) continue;
    const toMonth = monthOf(s.to);
    const fromMonth = yearOf(s.from) === year ? monthOf(s.from) : 1;
    cells[toMonth - 1] = {
      value: plot(s.value),
      exact: s.value,
      span: fromMonth !== toMonth ? `${fromMonth}–${toMonth}月` : null,
      derived: s.derived,
    };
  }
  return cells;
}

/** Points of one year on 12 month slots (YTD or stock/ratio values). */
export function yearPoints(points: readonly SeriesPoint[], year: number): Array<number | null> {
  const out: Array<number | null> = Array.from({ length: 12 }, () => null);
  for (const p of points) {
    if (yearOf(p.period) === year) out[monthOf(p.period) - 1] = plot(p.value);
  }
  return out;
}

/**
 * A plotted point, or one drawn hollow (a sum of towns with a town missing). The first point of
 * each run of hollow points carries the one label 不完整, to the upper left of the point: clear of
 * a rising line, which comes from the lower left and leaves to the upper right.
 */
export type MarkedPoint =
  | number
  | null
  | {
      value: number | null;
      symbol: 'emptyCircle';
      label: { show: boolean; formatter: string; position: 'top'; align: 'right'; distance: number; color: string; fontSize: number };
    };

/** `plotted` (from yearPoints) with the incomplete points of `points` marked, so a dip is not read as a fall. */
export function markIncomplete(plotted: ReadonlyArray<number | null>, points: readonly SeriesPoint[], year: number, style: { color: string; fontSize: number }): MarkedPoint[] {
  const marked: MarkedPoint[] = [...plotted];
  const incomplete = new Set(points.filter((p) => p.incomplete && yearOf(p.period) === year).map((p) => monthOf(p.period) - 1));
  for (const i of incomplete) {
    // One label per run of incomplete months, not one per point piled on the line.
    const show = !incomplete.has(i - 1);
    marked[i] = { value: plotted[i] ?? null, symbol: 'emptyCircle', label: { show, formatter: '不完整', position: 'top', align: 'right', distance: 10, ...style } };
  }
  return marked;
}

/** The last point with a value in a year, or null. */
export function lastPointOfYear(points: readonly SeriesPoint[], year: number): SeriesPoint | null {
  let best: SeriesPoint | null = null;
  for (const p of points) {
    if (yearOf(p.period) !== year || p.value === null) continue;
    if (!best || p.period > best.period) best = p;
  }
  return best;
}
