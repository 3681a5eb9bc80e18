/** Shared fixtures of the alert specs (a .test.ts file: excluded from the build, not itself a suite). */
import type { IndicatorProgress } from '../api/contracts.js';
import { buildAlertCatalog, type AlertCatalog } from './alert-catalog.js';
import type { AlertRule } from './alert.types.js';
import type { OutgoingNotification } from './payloads.js';
import { normalizeAlertRule } from './rule-schema.js';

export const CATALOG: AlertCatalog = buildAlertCatalog({
  regions: [
    { code: '140404', name: '上党区', kind: 'district' },
    { code: '140404103', name: '西火镇', kind: 'town' },
    { code: '140404106', name: '郝家庄镇', kind: 'town' },
  ],
  departments: [
    { code: 'energy', name: '能源局', kind: 'bureau', regionCode: '140404' },
    { code: 'industry', name: '工信局', kind: 'bureau', regionCode: '140404' },
    { code: 'development_reform', name: '发改局', kind: 'bureau', regionCode: '140404' },
    { code: 'town_xihuo', name: '西火镇人民政府', kind: 'town', regionCode: '140404103' },
    { code: 'town_haojiazhuang', name: '郝家庄镇人民政府', kind: 'town', regionCode: '140404106' },
  ],
  chains: [
    { code: 'green_coal', name: '绿色煤炭' },
    { code: 'pv', name: '光伏组件' },
  ],
  indicators: [
    { code: 'coal_output', name: '原煤产量', unit: '万吨', kind: 'flow', frequency: 'monthly', direction: 'higher_is_better', chainCode: 'green_coal', departmentCode: 'energy', nonNegative: true, deadlineDay: 10, janFebCombined: false, regionCodes: ['140404103'] },
    { code: 'intelligent_mines', name: '智能化煤矿', unit: '座', kind: 'stock', frequency: 'quarterly', direction: 'higher_is_better', chainCode: 'green_coal', departmentCode: 'energy', nonNegative: true, deadlineDay: 10, janFebCombined: false, regionCodes: [] },
    { code: 'pv_glass_output', name: '光伏玻璃产量', unit: '万平方米', kind: 'flow', frequency: 'monthly', direction: 'higher_is_better', chainCode: 'pv', departmentCode: 'industry', nonNegative: true, deadlineDay: 10, janFebCombined: false, regionCodes: ['140404106'] },
    { code: 'energy_per_output', name: '单位工业增加值能耗', unit: '吨标准煤/万元', kind: 'ratio', frequency: 'quarterly', direction: 'lower_is_better', chainCode: null, departmentCode: 'development_reform', nonNegative: true, deadlineDay: 15, janFebCombined: false, regionCodes: [] },
  ],
});

export function rule<T extends AlertRule['type']>(type: T, overrides: Record<string, unknown> = {}): Extract<AlertRule, { type: T }> {
  return normalizeAlertRule({ code: `${type}_test`, type, name: `测试${type}`, schedule: '0 8 * * *', ...overrides }) as Extract<AlertRule, { type: T }>;
}

/** The worked example of DOMAIN.md: coal through June, 1,580 of 3,300 万吨. */
export function progress(overrides: Partial<IndicatorProgress> = {}): IndicatorProgress {
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
    completionPct: 47.878787878787875,
    gapPp: -2.121212121212125,
    status: 'yellow',
    score: 95.76,
    projection: { value: '3291.6666666666666667', method: 'seasonal', completionPct: 99.74747474747475, shortfall: true },
    lastYearValue: '1500',
    yoyPct: 5.333,
    flags: { sample: false, illustrativeTarget: false, incomplete: false, provisional: false },
    missingRegions: [],
    sentence: '原煤产量完成年度目标47.9%，落后序时进度2.1个百分点。',
    ...overrides,
  };
}

/** 原煤产量 (上党区) seriously behind in September, as an outgoing message carries the alert. */
export function coalAlert(overrides: Partial<NonNullable<OutgoingNotification['alert']>> = {}): NonNullable<OutgoingNotification['alert']> {
  return {
    id: '7',
    fingerprint: 'gap:indicator:coal_output@140404',
    ruleCode: 'gap',
    type: 'target_gap',
    severity: 'red',
    state: 'firing',
    subject: { kind: 'indicator', indicatorCode: 'coal_output', regionCode: '140404' },
    period: '2026-09',
    departmentCode: 'energy',
    departments: ['energy'],
    firedAt: '2026-11-23T01:00:00.000Z',
    sample: false,
    ...overrides,
  };
}
