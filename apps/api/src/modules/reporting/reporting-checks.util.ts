/**
 * Pure checks and encodings of the reporting flow: suspicious jumps against last period and
 * last year, spreadsheet cells that cannot be read as formulas (CSV / formula injection), and a
 * preview giving figures up to a later one.
 */
import type { Basis, DecimalString, Frequency, IndicatorKind, JumpWarning, Period, PreviewReport, PreviewRow } from '@planwatch/shared';

/** A change beyond these shares is worth a second look before submitting. */
export const JUMP_THRESHOLDS = { monthOnMonth: 0.5, yearOnYear: 0.8 } as const;

export interface JumpCheck {
  value: DecimalString;
  basis: Basis;
  kind: IndicatorKind;
  frequency: Frequency;
  /** A monthly value spanning several months (1–2月) is not compared with last month. */
  spanStart?: Period | null;
  previous?: { period: Period; value: DecimalString } | undefined;
  lastYear?: { period: Period; value: DecimalString } | undefined;
}

const PREVIOUS_LABEL: Record<Frequency, string> = { monthly: '上月', quarterly: '上季度', annual: '上年' };

function compare(kind: JumpWarning['kind'], label: string, threshold: number, value: string, compared: { period: Period; value: string }): JumpWarning | undefined {
  const now = Number(value);
  const before = Number(compared.value);
  if (!Number.isFinite(now) || !Number.isFinite(before)) return undefined;
  const base = { kind, comparedPeriod: compared.period, comparedValue: compared.value };
  if (before === 0) {
    if (now === 0) return undefined;
    return { ...base, changePct: null, message: `${label}（${compared.period}）为0，本期为${value}，请核实` };
  }
  const change = (now - before) / Math.abs(before);
  if (Math.abs(change) <= threshold) return undefined;
  const pct = Math.round(change * 1000) / 10;
  const direction = change > 0 ? '增长' : '下降';
  return {
    ...base,
    changePct: pct,
    message: `较${label}（${compared.period}：${compared.value}）${direction}${Math.abs(pct)}%，超过${threshold * 100}%的提示阈值，请核实`,
  };
}

/**
 * Month-on-month (last reporting period) and year-on-year jumps beyond the thresholds.
 * A year-to-date flow grows by construction, so it is compared with last year only; an annual
 * figure's previous period is last year, so it gets the one comparison.
 */
export function jumpWarnings(check: JumpCheck, thresholds: { monthOnMonth: number; yearOnYear: number } = JUMP_THRESHOLDS): JumpWarning[] {
  const warnings: JumpWarning[] = [];
  const ytdFlow = check.basis === 'ytd' && check.kind === 'flow';
  if (check.previous && check.frequency !== 'annual' && !ytdFlow && !check.spanStart) {
    const w = compare('month_on_month', PREVIOUS_LABEL[check.frequency], thresholds.monthOnMonth, check.value, check.previous);
    if (w) warnings.push(w);
  }
  if (check.lastYear) {
    const w = compare('year_on_year', '上年同期', thresholds.yearOnYear, check.value, check.lastYear);
    if (w) warnings.push(w);
  }
  return warnings;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A text cell a spreadsheet would read as a formula (= + - @, or a leading tab or carriage
 * return) gets a single quote in front, so it stays text. Plain decimal numbers are left alone.
 */
export function escapeCell(text: string): string {
  if (PLAIN_NUMBER.test(text)) return text;
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV for Excel: UTF-8 with a byte-order mark, CRLF, every cell escaped and quoted as needed. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string>>): Buffer {
  const text = rows.map((row) => row.map((cell) => csvField(escapeCell(cell))).join(',')).join('\r\n');
  return Buffer.from(`\uFEFF${text}\r\n`, 'utf8');
}

/** The figure key of a preview row or warning. */
export const previewFigureKey = (f: { indicatorCode: string; regionCode: string; period: string; basis: string }) =>
  `${f.indicatorCode}|${f.regionCode}|${f.period}|${f.basis}`;

/**
 * A preview after a later one took over some of its figures: those rows and their warnings
 * leave it, its counts and whether it may be submitted follow, and it says where they went.
 */
export function withoutMovedFigures(report: PreviewReport, moved: ReadonlySet<string>, movedTo: string): PreviewReport {
  const rows = report.rows.filter((r) => !moved.has(previewFigureKey(r)));
  const count = (kind: PreviewRow['kind']) => rows.filter((r) => r.kind === kind).length;
  const summary = { ...report.summary, records: report.summary.records - (report.rows.length - rows.length), new: count('new'), changed: count('changed'), unchanged: count('unchanged') };
  const warnings = report.warnings.filter((w) => !moved.has(previewFigureKey(w)));
  return {
    ...report,
    summary: { ...summary, warnings: warnings.length },
    submittable: report.rejects.length === 0 && rows.some((r) => r.kind !== 'unchanged'),
    reasonRequired: summary.changed > 0,
    rows,
    warnings,
    movedTo: [...(report.movedTo ?? []), { batchId: movedTo, figures: report.rows.length - rows.length }],
  };
}
