import { describe, expect, it } from 'vitest';
import { evaluateIndicator } from './progress.js';

describe('an indicator without data or without a target', () => {
  it('is no_data when nothing is approved', () => {
    expect(
      evaluateIndicator({ kind: 'flow', direction: 'higher_is_better', frequency: 'monthly', ytd: null, annualTarget: '3300' }),
    ).toEqual({
      kind: 'flow',
      direction: 'higher_is_better',
      status: 'no_data',
      missing: 'observation',
      period: null,
      actual: null,
      target: null,
      completionPct: null,
      referencePct: null,
      gapPp: null,
    });
  });

  it('is no_data with the figure kept when there is no target to compare with', () => {
    const flow = evaluateIndicator({
      kind: 'flow',
      direction: 'higher_is_better',
      frequency: 'monthly',
      ytd: { period: '2025-06', value: '1580.0' },
      annualTarget: null,
    });
    expect(flow).toMatchObject({ status: 'no_data', missing: 'target', actual: '1580', period: '2025-06' });
    const stock = evaluateIndicator({ kind: 'stock', direction: 'higher_is_better', latest: { period: '2025-06', value: '25' }, anchors: null });
    expect(stock).toMatchObject({ status: 'no_data', missing: 'target', actual: '25' });
  });

  it('judges a flow with a zero target by plain comparison', () => {
    const evaluation = evaluateIndicator({
      kind: 'flow',
      direction: 'lower_is_better',
      frequency: 'monthly',
      ytd: { period: '2025-06', value: '1' },
      annualTarget: '0',
    });
    expect(evaluation).toMatchObject({ status: 'red', completionPct: null, gapPp: null, target: '0' });
  });
});
