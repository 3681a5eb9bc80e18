/**
 * Display formatting for figures the API computed. Numbers go through the shared helpers
 * (`formatQuantity`, `formatPercent`, `formatPp` in @planwatch/shared) so the web app writes
 * them exactly as briefings and exports do; this module only adds what the UI needs around
 * them: missing values, periods, year-on-year signs (how old refreshed figures are: lib/staleness.ts).
 * No KPI maths here.
 */
import {
  MISSING_TEXT,
  formatPeriodCn,
  formatPercent as sharedPercent,
  formatPp as sharedPp,
  formatQuantity as sharedQuantity,
  type DecimalString,
  type Period,
} from '@planwatch/shared';

export { MISSING_TEXT, formatPeriodCn };

/** When a published figure holds: "2024年9月", or "2024年" when the source gives only the year (目前). */
export function publishedPeriodText(figure: { period: Period; dated: 'month' | 'year' }): string {
  return figure.dated === 'month' ? formatPeriodCn(figure.period) : `${figure.period.slice(0, 4)}年`;
}

/** "数据截至 2025年6月" (or says nothing is approved yet). */
export function dataAsOfText(period: Period | null | undefined): string {
  return period ? `数据截至 ${formatPeriodCn(period)}` : '数据截至 —（暂无已审核数据）';
}

/**
 * A decimal string for display: thousands grouped, decimals by magnitude (shared rule) or at
 * most `maxDecimals`. Missing → "—"; a malformed value is shown as sent rather than hidden.
 */
export function formatDecimal(value: DecimalString | null | undefined, maxDecimals?: number): string {
  if (value === null || value === undefined || value === '') return MISSING_TEXT;
  try {
    return sharedQuantity(value, undefined, maxDecimals);
  } catch {
    return value;
  }
}

/** Every reported digit kept, grouped: for data tables (never round away what was reported). */
export function formatExact(value: DecimalString | null | undefined): string {
  return formatDecimal(value, 20);
}

/** "1,580万吨" (shared spelling of the unit); missing → "—". */
export function formatQuantity(value: DecimalString | null | undefined, unit: string, maxDecimals?: number): string {
  if (value === null || value === undefined || value === '') return MISSING_TEXT;
  try {
    return sharedQuantity(value, unit, maxDecimals);
  } catch {
    return `${value}${unit}`;
  }
}

/**
 * Digits enough (up to 3) that a value which is not exactly a boundary does not print as one:
 * beside a 略滞后 badge, a gap of −0.04 pp must not read "0.0", nor a completion of 99.96 % "100.0%".
 */
function telling(value: number | null | undefined, digits: number, boundaries: readonly number[]): number {
  let shown = digits;
  while (value != null && shown < 3 && boundaries.some((b) => value !== b && Number(value.toFixed(shown)) === b)) shown += 1;
  return shown;
}

/** 47.876 → "47.9%", 99.96 → "99.96%"; missing → "—". */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  return sharedPercent(value ?? null, telling(value, digits, [0, 100]));
}

/** −2.12 → "-2.1个百分点", 3 → "+3.0个百分点", −0.04 → "-0.04个百分点"; missing → "—". */
export function formatPp(value: number | null | undefined, digits = 1): string {
  return sharedPp(value ?? null, telling(value, digits, [0]));
}

/** A signed percentage for year-on-year: "+3.2%" / "-1.5%"; missing → "—". */
export function formatSignedPercent(value: number | null | undefined, digits = 1): string {
  const text = sharedPercent(value ?? null, digits);
  return text !== MISSING_TEXT && !text.startsWith('-') && Number.parseFloat(text) > 0 ? `+${text}` : text;
}

const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An ISO instant as China time, "2026-11-23 09:23"; missing → "—". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return MISSING_TEXT;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(DATE_TIME.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour === '24' ? '00' : parts.hour}:${parts.minute}`;
}
