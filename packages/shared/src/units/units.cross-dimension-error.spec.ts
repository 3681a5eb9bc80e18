import { describe, expect, it } from 'vitest';
import { InvalidDecimalError } from './decimal.js';
import { UnitConversionError, convertUnit } from './units.js';

function conversionError(run: () => unknown): UnitConversionError {
  try {
    run();
  } catch (error) {
    if (error instanceof UnitConversionError) return error;
    throw error;
  }
  throw new Error('expected a UnitConversionError');
}

describe('a conversion that cannot be done says why, in Chinese', () => {
  it('refuses to turn tonnes into money', () => {
    const error = conversionError(() => convertUnit('1', '吨', '万元'));
    expect(error.code).toBe('DIMENSION_MISMATCH');
    expect(error.message).toBe('单位"吨"与"万元"不属于同一量纲，无法换算');
  });

  it('refuses vehicles into counts and annual capacities into amounts', () => {
    expect(conversionError(() => convertUnit('1', '辆', '个')).code).toBe('DIMENSION_MISMATCH');
    expect(conversionError(() => convertUnit('120', '万吨/年', '万吨')).code).toBe('DIMENSION_MISMATCH');
  });

  it('names the unit it does not know', () => {
    const error = conversionError(() => convertUnit('1', '亩', 'm²'));
    expect(error.code).toBe('UNKNOWN_UNIT');
    expect(error.message).toBe('无法识别的单位"亩"');
  });

  it('rejects a value that is not an exact decimal', () => {
    for (const bad of ['', 'abc', '1,580', '0x10', 'NaN', 'Infinity', ' 1']) {
      expect(() => convertUnit(bad, '吨', '万吨')).toThrow(InvalidDecimalError);
    }
  });
});
