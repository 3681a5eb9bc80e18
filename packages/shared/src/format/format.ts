import { Decimal } from 'decimal.js';
import type { DecimalString, Period } from '../domain/types.js';
import { normalizeUnit } from '../units/units.js';
import { toDecimal } from '../units/decimal.js';

/** Shown wherever a number is missing, so an empty cell never reads as zero. */
export const MISSING_TEXT = '—';

/** Inserts thousands separators into the integer part of a plain decimal string. */
function groupThousands(plain: string): string {
  const [integer = '', fraction] = plain.split('.');
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A number rounded half-up (四舍五入) to fixed digits, never showing "-0.0". */
function fixed(value: Decimal.Value, digits: number): string {
  const rounded = new Decimal(value).toDecimalPlaces(digits, Decimal.ROUND_HALF_UP);
  return (rounded.isZero() ? rounded.abs() : rounded).toFixed(digits);
}

/**
 * A quantity as a leader reads it: thousands separators, decimals by magnitude (none from
 * 10,000, one from 100, two from 1, three significant digits below 1), trailing zeros
 * dropped, unit in canonical spelling right after the number (3,291.7万吨, 95%, 1.45亿m²).
 * Display only: stored figures are never rounded. `maxDecimals` overrides the magnitude rule.
 */
export function formatQuantity(value: DecimalString, unit?: string, maxDecimals?: number): string {
  const exact = toDecimal(value);
  const size = exact.abs();
  const decimals = maxDecimals ?? (size.gte(10_000) ? 0 : size.gte(100) ? 1 : size.gte(1) ? 2 : undefined);
  const rounded =
    decimals === undefined
      ? exact.toSignificantDigits(3, Decimal.ROUND_HALF_UP)
      : exact.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  const text = groupThousands((rounded.isZero() ? rounded.abs() : rounded).toFixed());
  return unit === undefined ? text : `${text}${normalizeUnit(unit) ?? unit.trim()}`;
}

/** A percentage (47.878… → "47.9%"), fixed digits so columns align; "—" when missing. */
export function formatPercent(value: number | null, digits = 1): string {
  return value === null || !Number.isFinite(value) ? MISSING_TEXT : `${fixed(value, digits)}%`;
}

/**
 * Percentage points as said in Chinese reports ("+3.0个百分点", "-2.1个百分点"); `signed: false`
 * for a magnitude inside a sentence ("落后序时进度2.1个百分点"). "—" when missing.
 */
export function formatPp(value: number | null, digits = 1, signed = true): string {
  if (value === null || !Number.isFinite(value)) return MISSING_TEXT;
  const text = fixed(signed ? value : Math.abs(value), digits);
  const plus = signed && new Decimal(text).gt(0) ? '+' : '';
  return `${plus}${text}个百分点`;
}

/** A score or other plain number to fixed digits ("96.3"); "—" when missing. */
export function formatNumber(value: number | null, digits = 1): string {
  return value === null || !Number.isFinite(value) ? MISSING_TEXT : fixed(value, digits);
}

/** "2025-06" → "2025年6月"; null → "—". */
export function formatPeriodCn(period: Period | null | undefined): string {
  if (!period) return MISSING_TEXT;
  return `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
}
