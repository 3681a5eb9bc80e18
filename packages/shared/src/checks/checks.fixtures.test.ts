/** A coal district as the checks see it: four coal towns, monthly figures of 2025 and 2026. */
import type { Period } from '../domain/types.js';
import { addMonths } from '../periods/periods.js';
import { DEFAULT_CHECK_RULES, type CheckRules } from './check-rules.js';
import type { CheckContext, CheckedIndicator, StoredFigure } from './check-figures.js';

export const DISTRICT = '140404';
export const XICHI = '140404201';
export const BAYI = '140404104';
export const XIHUO = '140404103';
export const NANSONG = '140404107';
export const COAL_TOWNS = [XICHI, BAYI, XIHUO, NANSONG] as const;

export const coalOutput = (checks: CheckRules = DEFAULT_CHECK_RULES): CheckedIndicator => ({
  code: 'coal_output',
  unit: '万吨',
  kind: 'flow',
  frequency: 'monthly',
  nonNegative: true,
  janFebCombined: true,
  regionCodes: COAL_TOWNS,
  checks,
});

/** Each town's usual month (万吨): 西火镇 is about a quarter of the district. */
export const USUAL: Record<string, number> = { [XICHI]: 80, [BAYI]: 60, [XIHUO]: 87.41, [NANSONG]: 70 };

/** Approved monthly figures of every coal town, September 2025 to August 2026, each month a little different. */
export function coalHistory(scale = 1, through: Period = '2026-08'): StoredFigure[] {
  const figures: StoredFigure[] = [];
  for (let i = 0; i < 12; i++) {
    const month = addMonths('2025-09', i);
    if (month > through) break;
    for (const town of COAL_TOWNS) {
      const wobble = 1 + ((i % 3) - 1) * 0.02;
      const value = town === XIHUO && month === '2026-08' ? 87.41 : Math.round(USUAL[town]! * wobble * 100) / 100;
      figures.push({ indicator: 'coal_output', region: town, period: month, basis: 'month', value: String(Math.round(value * scale * 100) / 100), spanStart: null, status: 'approved' });
    }
  }
  return figures;
}

export const context = (stored: StoredFigure[], indicator: CheckedIndicator = coalOutput()): CheckContext => ({
  districtCode: DISTRICT,
  indicators: new Map([[indicator.code, indicator]]),
  stored,
});
