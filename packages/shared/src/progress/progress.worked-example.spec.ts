import { describe, expect, it } from 'vitest';
import { projectYearEnd, projectedShortfall } from '../projection/projection.js';
import { evaluateIndicator, timeProgress } from './progress.js';

/**
 * DOMAIN.md "Worked example": coal output, flow, higher is better, annual target 3,300 万吨,
 * YTD through June 1,580 万吨; last year's first half gave 48 % of the year.
 */
describe('DOMAIN.md worked example: coal output through June', () => {
  const evaluation = evaluateIndicator({
    kind: 'flow',
    direction: 'higher_is_better',
    frequency: 'monthly',
    ytd: { period: '2025-06', value: '1580' },
    annualTarget: '3300',
  });

  it('has time progress 6/12 = 50 %', () => {
    expect(timeProgress(6, 'monthly')).toBe(50);
    expect(evaluation.referencePct).toBe(50);
  });

  it('completes 47.88 % of the annual target, 2.12 pp behind time progress: yellow', () => {
    expect(evaluation.completionPct?.toFixed(2)).toBe('47.88');
    expect(evaluation.gapPp?.toFixed(2)).toBe('-2.12');
    expect(evaluation.status).toBe('yellow');
    expect(evaluation).toMatchObject({ actual: '1580', target: '3300', period: '2025-06', missing: null });
  });

  it('projects 3,291.7 万吨 by last year’s seasonal share: 99.75 % of target, a shortfall at floor 100 %', () => {
    const projection = projectYearEnd({ ytd: '1580', month: 6, lastYearYtdAtMonth: '1536', lastYearTotal: '3200' });
    expect(projection.method).toBe('seasonal');
    expect(projection.value).toBe('3291.6666666666666667');
    expect(Number(projection.value).toFixed(1)).toBe('3291.7');

    const warning = projectedShortfall(projection.value, '3300', 100, 'higher_is_better');
    expect(warning.projectedCompletionPct?.toFixed(2)).toBe('99.75');
    expect(warning.shortfall).toBe(true);
    expect(warning.missing).toBe('8.3333333333333333');
  });

  it('raises no warning at a 99 % floor', () => {
    expect(projectedShortfall('3291.6666666666666667', '3300', 99).shortfall).toBe(false);
  });
});
