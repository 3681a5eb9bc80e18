/**
 * Pure checks and encodings of the reporting flow: suspicious jumps against last period and
 * last year, spreadsheet cells that cannot be read as formulas (CSV / formula injection), and a
 * preview giving figures up to a later one.
 */
import { escapeSpreadsheetText, parsePeriod, periodRange, type Basis, type DecimalString, type Frequency, type IndicatorKind, type JumpWarning, type Period, type PreviewReport, type PreviewRow } from '@planwatch/shared';

/** A change beyond these shares is worth a second look before submitting. */
export const JUMP_THRESHOLDS = { monthOnMonth: 0.5, yearOnYear: 0.8 } as const;

export interface JumpCheck {
  value: DecimalString;
  basis: Basis;
  kind: IndicatorKind;
  frequency: Frequency;
  /** A monthly value spanning several months (1–2月) is not compared with last month. */
  spanStart?: Period | null;
  /**
   * The previous reporting period's figure. A monthly flow's previous figure spanning several
   * months (1–2月 published together) is compared by its monthly average.
   */
  previous?: { period: Period; value: DecimalString; spanStart?: Period | null } | undefined;
  lastYear?: { period: Period; value: DecimalString } | undefined;
}

const PREVIOUS_LABEL: Record<Frequency, string> = { monthly: '上月', quarterly: '上季度', annual: '上年' };

/** What a figure is compared with: its period and value, how the message writes them, the number. */
interface Compared {
  period: Period;
  value: DecimalString;
  /** The compared period as written, e.g. 2026-02 or 2026年1-2月. */
  where: string;
  /** The compared figure as written in the message's brackets. */
  shown: string;
  before: number;
}

/** `label` names what the value is compared with: 上月, 1-2月月均, 上年同期. */
function compare(kind: JumpWarning['kind'], label: string, threshold: number, value: string, compared: Compared): JumpWarning | undefined {
  const now = Number(value);
  const before = compared.before;
  if (!Number.isFinite(now) || !Number.isFinite(before)) return undefined;
  const base = { kind, comparedPeriod: compared.period, comparedValue: compared.value };
  if (before === 0) {
    if (now === 0) return undefined;
    return { ...base, changePct: null, message: `${label}（${compared.where}）为0，本期为${value}，请核实` };
  }
  const change = (now - before) / Math.abs(before);
  if (Math.abs(change) <= threshold) return undefined;
  const pct = Math.round(change * 1000) / 10;
  const direction = change > 0 ? '增长' : '下降';
  return {
    ...base,
    changePct: pct,
    message: `较${label}（${compared.shown}）${direction}${Math.abs(pct)}%，超过${threshold * 100}%的提示阈值，请核实`,
  };
}

/** A figure compared as it is. */
const asIs = ({ period, value }: { period: Period; value: DecimalString }, where: string = period): Compared => ({
  period,
  value,
  where,
  shown: `${where}：${value}`,
  before: Number(value),
});

/** A monthly average written as a decimal with at most four places, e.g. 100 or 33.3333. */
const averageText = (n: number) => String(Math.round(n * 10_000) / 10_000);

/**
 * Last period's figure as the month-on-month comparison sees it. A monthly indicator's previous
 * figure spanning several months (1–2月 published together) is no one month's value: a flow is
 * compared with its monthly average (较1-2月月均), a stock or ratio as it is (较1-2月). The
 * warning's comparedValue is then the figure compared with, i.e. the average.
 */
function previousFigure(check: JumpCheck, previous: NonNullable<JumpCheck['previous']>): { label: string; compared: Compared } {
  const months = previous.spanStart ? periodRange(previous.spanStart, previous.period).length : 1;
  if (check.frequency !== 'monthly' || months <= 1) return { label: PREVIOUS_LABEL[check.frequency], compared: asIs(previous) };
  const start = parsePeriod(previous.spanStart!);
  const end = parsePeriod(previous.period);
  const span = `${start.month}-${end.month}月`;
  const where = `${end.year}年${span}`;
  if (check.kind !== 'flow') return { label: span, compared: asIs(previous, where) };
  const average = Number(previous.value) / months;
  const text = averageText(average);
  return { label: `${span}月均`, compared: { period: previous.period, value: text, where, shown: `${where}合计${previous.value}，月均${text}`, before: average } };
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
    const { label, compared } = previousFigure(check, check.previous);
    const w = compare('month_on_month', label, thresholds.monthOnMonth, check.value, compared);
    if (w) warnings.push(w);
  }
  if (check.lastYear) {
    const w = compare('year_on_year', '上年同期', thresholds.yearOnYear, check.value, asIs(check.lastYear));
    if (w) warnings.push(w);
  }
  return warnings;
}


function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV for Excel: UTF-8 with a byte-order mark, CRLF, every cell escaped and quoted as needed. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string>>): Buffer {
  const text = rows.map((row) => row.map((cell) => csvField(escapeSpreadsheetText(cell))).join(',')).join('\r\n');
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
