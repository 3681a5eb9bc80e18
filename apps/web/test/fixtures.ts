/** Contract-shaped fixtures for unit tests only (never imported by the app). */
import type { GroupProgress, IndicatorDetailResponse, IndicatorProgress, Period, ProjectView } from '@planwatch/shared';

export const flags = { sample: true, illustrativeTarget: false, incomplete: false, provisional: false };

export function coalProgress(overrides: Partial<IndicatorProgress> = {}): IndicatorProgress {
  return {
    code: 'coal_output',
    name: '原煤产量',
    unit: '万吨',
    kind: 'flow',
    frequency: 'monthly',
    direction: 'higher_is_better',
    chainCode: 'green_coal',
    departmentCode: 'energy',
    departmentName: '能源局',
    regionCode: '140404',
    period: '2025-06',
    dataAsOf: '2025-06',
    value: '1580',
    annualTarget: '3300',
    expected: '1650',
    timeProgressPct: 50,
    judgement: 'whole',
    likeForLike: null,
    completionPct: 47.88,
    gapPp: -2.12,
    status: 'yellow',
    score: 95.76,
    projection: { value: '3291.7', method: 'seasonal', completionPct: 99.75, shortfall: true },
    lastYearValue: '1600',
    yoyPct: -1.25,
    flags,
    missingRegions: [],
    sentence: '原煤产量累计1580万吨，完成年度目标47.88%，略滞后于序时进度。',
    ...overrides,
  };
}

const p = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}` as Period;

/** Coal 2024 full year and 2025 through June, Jan–Feb reported together in 2025. */
export function coalDetail(): IndicatorDetailResponse {
  const monthly = [] as IndicatorDetailResponse['monthly'];
  const ytd = [] as IndicatorDetailResponse['ytd'];
  let acc = 0;
  for (let m = 1; m <= 12; m += 1) {
    acc += 275;
    monthly.push({ from: p(2024, m), to: p(2024, m), value: '275', derived: false });
    ytd.push({ period: p(2024, m), value: String(acc), incomplete: false });
  }
  monthly.push({ from: p(2025, 1), to: p(2025, 2), value: '520', derived: false });
  ytd.push({ period: p(2025, 2), value: '520', incomplete: false });
  acc = 520;
  for (let m = 3; m <= 6; m += 1) {
    acc += 265;
    monthly.push({ from: p(2025, m), to: p(2025, m), value: '265', derived: true });
    ytd.push({ period: p(2025, m), value: String(acc), incomplete: false });
  }
  return {
    indicator: coalProgress(),
    from: '2024-01',
    to: '2025-06',
    monthly,
    ytd,
    values: [],
    annualTargets: [
      { year: 2021, value: '3300', illustrative: false, derived: false, baseline: true },
      { year: 2024, value: '3300', illustrative: false, derived: true, baseline: false },
      { year: 2025, value: '3300', illustrative: false, derived: false, baseline: false },
      { year: 2035, value: '3300', illustrative: true, derived: false, baseline: false },
    ],
    trajectory: Array.from({ length: 15 }, (_, i) => ({ year: 2021 + i, expected: '3300' })),
    planProgress: [
      { targetYear: 2025, target: '3300', baseline: '3300', progressPct: null, attainmentPct: 99.7, onTrack: false, requiredGrowthPct: null, illustrative: false },
      { targetYear: 2035, target: '3300', baseline: '3300', progressPct: null, attainmentPct: 99.7, onTrack: false, requiredGrowthPct: null, illustrative: true },
    ],
    regions: [],
  };
}

export function group(code: string, name: string, counts: [number, number, number, number, number?], overrides: Partial<GroupProgress> = {}): GroupProgress {
  return {
    code,
    name,
    kind: 'chain',
    statusCounts: { green: counts[0], yellow: counts[1], red: counts[2], no_data: counts[3], pending: counts[4] ?? 0 },
    composite: 92,
    status: counts[2] > 0 ? 'red' : counts[1] > 0 ? 'yellow' : counts[0] > 0 ? 'green' : 'no_data',
    sentence: `${name}进展`,
    dataAsOf: '2025-06',
    flags,
    ...overrides,
  };
}

/** A started key project with more digits than the page shows (exports must keep them). */
export const project: ProjectView = {
  code: 'KP-001',
  name: '光伏玻璃二期',
  chainCode: 'pv',
  chainName: '光伏组件',
  regionCode: '140404106',
  regionName: '郝家庄镇',
  enterprise: null,
  totalInvestment: '12345.67',
  annualPlanInvestment: '3000.5',
  completedThisYear: '1234.567',
  completedTotal: '5000',
  investmentCompletionPct: 41.15,
  stage: 'started',
  plannedStart: '2025-03',
  actualStart: '2025-04',
  startedOnTime: false,
  stalled: false,
  stalledReason: null,
  lastProgress: '2026-10',
  sample: true,
  provenance: null,
};
