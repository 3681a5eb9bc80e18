import { describe, expect, it } from 'vitest';
import { rollupRegions } from './rollup.js';

describe('a ratio is never summed over regions', () => {
  it('rolls up as Σnumerator/Σdenominator, not as a sum or mean of the ratios', () => {
    const result = rollupRegions({
      kind: 'ratio',
      ratioScale: '100',
      parts: [
        { region: '西池乡', value: '90', numerator: '900', denominator: '1000' },
        { region: '八义镇', value: '100', numerator: '3000', denominator: '3000' },
      ],
    });
    expect(result).toEqual({ value: '97.5', source: 'sum_of_regions', incomplete: false, missingRegions: [] });
  });

  it('cannot combine ratios without their components', () => {
    const result = rollupRegions({
      kind: 'ratio',
      parts: [
        { region: '西池乡', value: '90' },
        { region: '八义镇', value: '100', numerator: '3000', denominator: null },
      ],
    });
    expect(result).toEqual({ value: null, source: 'none', incomplete: true, missingRegions: ['西池乡', '八义镇'] });
  });

  it('still prefers the reported district ratio', () => {
    expect(
      rollupRegions({ kind: 'ratio', districtReported: '95', parts: [{ region: '西池乡', value: '90', numerator: '9', denominator: '10' }] }).value,
    ).toBe('95');
  });
});
