import { Decimal } from 'decimal.js';
import type { DecimalString } from '../domain/types.js';

/**
 * The two arithmetic contexts of the calculation core.
 *
 * `Exact` is for what must never lose a digit: sums, differences, products and unit scaling
 * of reported figures. Its precision is decimal.js's maximum, so these operations are exact
 * for any real input; it must therefore never divide (a non-terminating quotient would run to
 * a billion digits). Everything that divides or takes powers uses `Derived`.
 *
 * `Derived` is for estimates and ratios (completion, interpolated plan values, projections):
 * 20 significant digits, half-even. Such values are not reported figures, so keeping 20
 * digits loses nothing anyone reported; they are rounded for display only by `format/`.
 */
export const Exact = Decimal.clone({ precision: 1e9, rounding: Decimal.ROUND_HALF_EVEN });
export const Derived = Decimal.clone({ precision: 20, rounding: Decimal.ROUND_HALF_EVEN });

const DECIMAL_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** Thrown when a string meant to hold an exact number does not. */
export class InvalidDecimalError extends Error {
  readonly code = 'INVALID_DECIMAL';
  constructor(readonly input: string) {
    super(`"${input}"不是有效的数值`);
    this.name = 'InvalidDecimalError';
  }
}

/**
 * Parses a DecimalString strictly (plain or exponent notation; no separators, hex or
 * whitespace), so a malformed figure fails loudly instead of becoming NaN.
 */
export function toDecimal(value: DecimalString): Decimal {
  if (!DECIMAL_PATTERN.test(value)) throw new InvalidDecimalError(value);
  return new Exact(value);
}

/** The canonical DecimalString of a value: plain notation, no trailing zeros, no "-0". */
export function toDecimalString(value: Decimal): DecimalString {
  return value.isZero() ? '0' : value.toFixed();
}

/**
 * Canonical form of an exact decimal string ("1580.50" → "1580.5", "1e3" → "1000"), so equal
 * figures compare equal as strings when stored or keyed.
 */
export function normalizeDecimalString(value: DecimalString): DecimalString {
  return toDecimalString(toDecimal(value));
}

/** Quotient a/b in the Derived context; callers guard b ≠ 0. */
export function divide(a: Decimal, b: Decimal.Value): Decimal {
  return new Derived(a).div(b);
}
