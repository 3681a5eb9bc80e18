/** Seasonal shapes (January … December) for sample flows; normalised by the generator. */
import type { PlanIndicator } from '../plan/types.js';

const PROFILES = {
  /** Spring Festival dip in January–February, a year-end push. */
  coal: [0.071, 0.066, 0.086, 0.085, 0.087, 0.084, 0.085, 0.086, 0.085, 0.088, 0.087, 0.09],
  /** Slow start, steady, strong December. */
  manufacturing: [0.07, 0.062, 0.082, 0.084, 0.086, 0.089, 0.083, 0.084, 0.088, 0.087, 0.09, 0.105],
  /** Winter construction stop, spring ramp, autumn peak. */
  construction: [0.03, 0.04, 0.08, 0.09, 0.1, 0.11, 0.09, 0.09, 0.1, 0.1, 0.09, 0.08],
  /** Spring Festival, 五一, summer holidays, 国庆. */
  tourism: [0.06, 0.09, 0.05, 0.08, 0.11, 0.07, 0.1, 0.11, 0.07, 0.12, 0.06, 0.05],
  /** Spring Festival shopping, 双十一, year end. */
  retail: [0.095, 0.09, 0.078, 0.077, 0.082, 0.08, 0.076, 0.078, 0.082, 0.088, 0.092, 0.094],
  /** Harvest and processing season in autumn. */
  agriculture: [0.05, 0.05, 0.06, 0.07, 0.08, 0.09, 0.09, 0.1, 0.12, 0.12, 0.09, 0.08],
  /** Open-field vegetables peak in summer. */
  vegetables: [0.04, 0.04, 0.06, 0.08, 0.1, 0.12, 0.13, 0.13, 0.11, 0.08, 0.06, 0.05],
  /** Summer retreats. */
  wellness: [0.05, 0.06, 0.06, 0.08, 0.09, 0.1, 0.12, 0.12, 0.1, 0.09, 0.07, 0.06],
  /** Slaughter peaks before the Spring Festival. */
  meat: [0.1, 0.09, 0.07, 0.07, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.09, 0.1],
  flat: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
} as const satisfies Record<string, readonly number[]>;

export type SeasonalProfile = keyof typeof PROFILES;

const BY_INDICATOR: Record<string, SeasonalProfile> = {
  coal_output: 'coal',
  coal_sales: 'coal',
  coal_rail_shipment: 'coal',
  freight_volume: 'coal',
  key_project_investment: 'construction',
  tourist_visits: 'tourism',
  tourism_revenue: 'tourism',
  retail_sales: 'retail',
  online_retail_sales: 'retail',
  health_products_sales: 'retail',
  vegetable_output: 'vegetables',
  meat_output: 'meat',
  wellness_visitors: 'wellness',
  wellness_revenue: 'wellness',
};

const BY_CHAIN: Record<string, SeasonalProfile> = {
  green_coal: 'coal',
  digital_equipment: 'manufacturing',
  medicine: 'manufacturing',
  nev: 'manufacturing',
  pv: 'manufacturing',
  recycling: 'manufacturing',
  smart_logistics: 'coal',
  culture_tourism: 'tourism',
  health_wellness: 'wellness',
  modern_commerce: 'retail',
  agriculture: 'agriculture',
};

export function seasonalWeights(indicator: Pick<PlanIndicator, 'code' | 'chain'>): readonly number[] {
  const name = BY_INDICATOR[indicator.code] ?? (indicator.chain === null ? undefined : BY_CHAIN[indicator.chain]) ?? 'flat';
  return PROFILES[name];
}

export const CONSTRUCTION_WEIGHTS: readonly number[] = PROFILES.construction;
