import { describe, expect, it } from 'vitest';
import { projectStatus, type ProjectFacts } from './project-status.js';

const base: ProjectFacts = {
  stage: 'started',
  plannedStart: '2026-03',
  actualStart: '2026-03',
  annualPlanInvestment: '10000',
  progress: [
    { period: '2025-12', investment: '500' },
    { period: '2026-03', investment: '1000' },
    { period: '2026-04', investment: '1500.5' },
    { period: '2026-08', investment: '2000' },
  ],
};

describe('key project status', () => {
  it('sums this year\'s investment exactly and relates it to the annual plan', () => {
    const status = projectStatus(base, '2026-08');
    expect(status.completedThisYear).toBe('4500.5');
    expect(status.completedTotal).toBe('5000.5');
    expect(status.investmentCompletionPct).toBeCloseTo(45.005, 10);
    expect(status.startedOnTime).toBe(true);
    expect(status.stalled).toBe(false);
  });

  it('is stalled after two months without progress', () => {
    expect(projectStatus(base, '2026-09').stalled).toBe(false); // August still counts
    const october = projectStatus(base, '2026-10');
    expect(october).toMatchObject({ stalled: true, stalledReason: 'no_progress', lastProgress: '2026-08' });
  });

  it('is stalled when the planned start has passed without 开工, and not started on time', () => {
    const waiting: ProjectFacts = { ...base, stage: 'signed', actualStart: null, progress: [] };
    expect(projectStatus(waiting, '2026-02')).toMatchObject({ due: false, stalled: false, startedOnTime: null });
    expect(projectStatus(waiting, '2026-03')).toMatchObject({ due: true, stalled: true, stalledReason: 'not_started', startedOnTime: false });
  });

  it('counts a late start as started but not on time, and a completed project never stalls', () => {
    const late = { ...base, actualStart: '2026-05' as const };
    expect(projectStatus(late, '2026-06')).toMatchObject({ startedOnTime: false, stalled: false });
    expect(projectStatus({ ...base, stage: 'completed' }, '2026-12').stalled).toBe(false);
  });

  it('divides by a plan that has no finite decimal quotient (182600 万元) without hanging', () => {
    const status = projectStatus({ ...base, annualPlanInvestment: '182600' }, '2026-08');
    expect(status.investmentCompletionPct).toBeCloseTo((4500.5 / 182600) * 100, 10);
  });

  it('ignores progress after asOf', () => {
    expect(projectStatus(base, '2026-04').completedThisYear).toBe('2500.5');
  });
});
