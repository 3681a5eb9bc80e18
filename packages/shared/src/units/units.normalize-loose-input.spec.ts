import { describe, expect, it } from 'vitest';
import { normalizeUnit, unitDimension } from './units.js';

describe('a reporter types units loosely', () => {
  it.each([
    ['t', '吨'],
    [' 吨 ', '吨'],
    ['万t', '万吨'],
    ['万 吨', '万吨'],
    ['（万吨）', '万吨'],
    ['(万吨)', '万吨'],
    ['亿吨', '亿吨'],
    ['元', '元'],
    ['万元', '万元'],
    ['亿元', '亿元'],
    ['m²', 'm²'],
    ['m2', 'm²'],
    ['M2', 'm²'],
    ['平方米', 'm²'],
    ['㎡', 'm²'],
    ['万m²', '万m²'],
    ['万平方米', '万m²'],
    ['万m2', '万m²'],
    ['亿平方米', '亿m²'],
    ['个', '个'],
    ['座', '座'],
    ['处', '处'],
    ['辆', '辆'],
    ['万辆', '万辆'],
    ['家', '家'],
    ['人', '人'],
    ['%', '%'],
    ['％', '%'],
    ['百分比', '%'],
    ['吨标准煤/万元', '吨标准煤/万元'],
    ['吨标煤／万元', '吨标准煤/万元'],
    ['亿袋', '亿袋'],
    ['ｔ', '吨'],
    ['万吨/年', '万吨/年'],
    ['亿平方米/年', '亿m²/年'],
    ['万辆／年', '万辆/年'],
  ])('%j is %j', (raw, canonical) => {
    expect(normalizeUnit(raw)).toBe(canonical);
  });

  it.each(['', '吨吨', 'foo', '亩', '%/年', '吨标准煤/万元/年'])('%j is not a unit we know', (raw) => {
    expect(normalizeUnit(raw)).toBeUndefined();
    expect(unitDimension(raw)).toBeUndefined();
  });

  it('gives each unit its dimension, capacities per year apart from amounts', () => {
    expect(unitDimension('万吨')).toBe('mass');
    expect(unitDimension('亿元')).toBe('money');
    expect(unitDimension('㎡')).toBe('area');
    expect(unitDimension('座')).toBe('count');
    expect(unitDimension('万辆')).toBe('vehicle');
    expect(unitDimension('人')).toBe('people');
    expect(unitDimension('％')).toBe('percent');
    expect(unitDimension('吨标准煤/万元')).toBe('energy_intensity');
    expect(unitDimension('亿袋')).toBe('bag');
    expect(unitDimension('万吨/年')).toBe('mass_per_year');
  });
});
