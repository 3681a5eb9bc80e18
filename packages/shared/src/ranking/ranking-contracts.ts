/** The JSON the 红黑榜 endpoints serve. */
import type { Period } from '../domain/types.js';
import type { RankingConfig, RankingParts, UnitMonthFacts } from './ranking.js';

/** Towns and zones are ranked among themselves, bureaus among themselves. */
export const RANKING_GROUPS = ['towns', 'departments'] as const;
export type RankingGroup = (typeof RANKING_GROUPS)[number];
export const RANKING_GROUP_LABELS: Record<RankingGroup, string> = { towns: '乡镇（街道）和园区', departments: '区直部门' };

export interface RankingUnitView {
  code: string;
  name: string;
  score: number | null;
  rank: number | null;
  parts: RankingParts;
  facts: UnitMonthFacts;
}

export interface RankingListEntry {
  code: string;
  name: string;
  score: number;
}

export interface RankingGroupView {
  units: RankingUnitView[];
  red: RankingListEntry[];
  black: RankingListEntry[];
}

export interface RankingMonthView {
  month: Period;
  groups: Record<RankingGroup, RankingGroupView>;
}

export interface RankingResponse {
  year: number;
  config: RankingConfig;
  /** January to the last complete month of the year, oldest first. */
  months: RankingMonthView[];
}

/** The latest month's 红榜 and 黑榜, for the wall screen and the briefing. */
export interface RankingSummary {
  month: Period | null;
  groups: Record<RankingGroup, { red: RankingListEntry[]; black: RankingListEntry[] }>;
}
