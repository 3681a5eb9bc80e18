import { describe, expect, it } from 'vitest';
import { projectedShortfall } from './projection.js';

describe('projected shortfall against a floor', () => {
  it('warns below target × floor for higher-is-better flows', () => {
    expect(projectedShortfall('3400', '3300')).toEqual({
      projectedCompletionPct: expect.closeTo(103.0303, 4),
      shortfall: false,
      missing: '0',
    });
    expect(projectedShortfall('3100', '3300', 95)).toMatchObject({ shortfall: true, missing: '35' });
  });

  it('warns above the cap for lower-is-better flows (energy use)', () => {
    expect(projectedShortfall('52', '50', 100, 'lower_is_better')).toMatchObject({ shortfall: true, missing: '2' });
    expect(projectedShortfall('48', '50', 100, 'lower_is_better')).toMatchObject({ shortfall: false, missing: '0' });
  });

  it('has no completion percentage for a zero target but still compares', () => {
    expect(projectedShortfall('3', '0', 100, 'lower_is_better')).toEqual({
      projectedCompletionPct: null,
      shortfall: true,
      missing: '3',
    });
  });
});
