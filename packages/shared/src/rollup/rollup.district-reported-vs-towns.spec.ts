import { describe, expect, it } from 'vitest';
import { rollupRegions } from './rollup.js';

const towns = [
  { region: '西池乡', value: '1200' },
  { region: '八义镇', value: '900.5' },
  { region: '西火镇', value: null },
  { region: '南宋镇', value: '800' },
];

describe('a district figure from its towns', () => {
  it('takes the reported district figure over the sum of towns', () => {
    expect(rollupRegions({ kind: 'flow', districtReported: '3300.0', parts: towns })).toEqual({
      value: '3300',
      source: 'reported',
      incomplete: false,
      missingRegions: ['西火镇'],
    });
  });

  it('sums the towns when the district did not report, flagged incomplete when one is missing', () => {
    expect(rollupRegions({ kind: 'flow', districtReported: null, parts: towns })).toEqual({
      value: '2900.5',
      source: 'sum_of_regions',
      incomplete: true,
      missingRegions: ['西火镇'],
    });
  });

  it('sums the towns’ latest values for a stock, complete when all are there', () => {
    expect(
      rollupRegions({
        kind: 'stock',
        parts: [
          { region: '西池乡', value: '3' },
          { region: '八义镇', value: '2' },
        ],
      }),
    ).toEqual({ value: '5', source: 'sum_of_regions', incomplete: false, missingRegions: [] });
  });

  it('has no value when nobody reported', () => {
    expect(rollupRegions({ kind: 'flow', parts: [{ region: '西池乡', value: null }] })).toEqual({
      value: null,
      source: 'none',
      incomplete: true,
      missingRegions: ['西池乡'],
    });
  });
});
