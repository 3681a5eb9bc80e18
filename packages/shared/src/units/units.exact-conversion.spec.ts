import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeDecimalString } from './decimal.js';
import { convertUnit, normalizeUnit, unitDimension } from './units.js';

/** Canonical units grouped by dimension, for picking convertible pairs. */
const FAMILIES: readonly (readonly string[])[] = [
  ['千克', '吨', '千吨', '万吨', '亿吨'],
  ['元', '千元', '万元', '亿元'],
  ['m²', '万m²', '公顷', 'km²', '亿m²'],
  ['个', '座', '处', '家', '项'],
  ['辆', '万辆'],
  ['袋', '万袋', '亿袋'],
  ['kW', 'MW', '万千瓦', 'GW'],
];

/** Arbitrary exact decimals, including long ones decimal.js would round at default precision. */
const decimalString = fc
  .tuple(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: 0, max: 30 }))
  .map(([digits, scale]) => {
    const negative = digits < 0n;
    const text = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
    const body = scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
    return `${negative ? '-' : ''}${body}`;
  });

describe('units convert exactly', () => {
  it('scales by powers of ten without losing a digit', () => {
    expect(convertUnit('1580', '万吨', '吨')).toBe('15800000');
    expect(convertUnit('15800000', 't', '万t')).toBe('1580');
    expect(convertUnit('1.45', '亿平方米', '万m²')).toBe('14500');
    expect(convertUnit('4700', '万元', '亿元')).toBe('0.47');
    expect(convertUnit('1.17', '亿元', '元')).toBe('117000000');
    expect(convertUnit('1.5', '万辆', '辆')).toBe('15000');
    expect(convertUnit('10', '亿袋', '万袋')).toBe('100000');
    expect(convertUnit('0.000000000000000000000123456789', '吨', '亿吨')).toBe(
      '0.00000000000000000000000000000123456789',
    );
    expect(convertUnit('12345678901234567890.123456789', '元', '元')).toBe('12345678901234567890.123456789');
    expect(convertUnit('120.50', '万吨/年', '吨/年')).toBe('1205000');
  });

  it('treats classifiers of a count as one dimension with factor 1', () => {
    expect(convertUnit('25', '座', '个')).toBe('25');
    expect(convertUnit('8', '处', '家')).toBe('8');
  });

  it('gives canonical output: no exponent, no trailing zeros, no negative zero', () => {
    expect(convertUnit('1e3', '元', '万元')).toBe('0.1');
    expect(convertUnit('-0.000', '吨', '万吨')).toBe('0');
    expect(convertUnit('3300.00', '万吨', '万吨')).toBe('3300');
  });

  it('round-trips any value through any two units of one dimension', () => {
    const pair = fc
      .constantFrom(...FAMILIES)
      .chain((family) => fc.tuple(fc.constantFrom(...family), fc.constantFrom(...family)));
    fc.assert(
      fc.property(decimalString, pair, (value, [a, b]) => {
        expect(convertUnit(convertUnit(value, a, b), b, a)).toBe(normalizeDecimalString(value));
      }),
    );
  });

  it('knows every unit of every family used above', () => {
    for (const family of FAMILIES) {
      const dimensions = new Set(family.map((unit) => unitDimension(unit)));
      expect(dimensions.size).toBe(1);
      for (const unit of family) expect(normalizeUnit(unit)).toBe(unit);
    }
  });
});
