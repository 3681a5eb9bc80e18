import { describe, expect, it } from 'vitest';
import type { ProjectView } from '../api/contracts.js';
import { summarizeProjects } from './projects-summary.js';

const view = (overrides: Partial<ProjectView>): ProjectView => ({
  code: 'KP',
  name: '项目',
  chainCode: 'pv',
  chainName: '光伏组件',
  regionCode: '140404102',
  regionName: '荫城镇',
  enterprise: null,
  totalInvestment: '100000',
  annualPlanInvestment: '30000',
  completedThisYear: '10000',
  completedTotal: '40000',
  investmentCompletionPct: 33.3,
  stage: 'started',
  plannedStart: '2026-03',
  actualStart: '2026-03',
  startedOnTime: true,
  stalled: false,
  stalledReason: null,
  lastProgress: '2026-09',
  sample: true,
  provenance: null,
  ...overrides,
});

describe('key-project panel', () => {
  it('relates completed to planned investment exactly and counts on-time starts among due projects', () => {
    const summary = summarizeProjects([
      view({}),
      view({ annualPlanInvestment: '0.1', completedThisYear: '0.2', startedOnTime: false, stalled: true, lastProgress: '2026-10' }),
      view({ stage: 'planning', startedOnTime: null, annualPlanInvestment: '12600', completedThisYear: '0', lastProgress: null }),
    ]);
    expect(summary).toMatchObject({
      total: 3,
      byStage: { planning: 1, signed: 0, started: 2, completed: 0 },
      due: 2,
      startedOnTime: 1,
      startedOnTimePct: 50,
      stalled: 1,
      annualPlanInvestment: '42600.1',
      completedInvestment: '10000.2',
      dataAsOf: '2026-10',
      sample: true,
      unit: '万元',
    });
    expect(summary.investmentCompletionPct).toBeCloseTo((10000.2 / 42600.1) * 100, 10);
  });

  it('has no completion percentage without planned investment', () => {
    expect(summarizeProjects([]).investmentCompletionPct).toBeNull();
  });
});
