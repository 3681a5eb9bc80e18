import type { Basis, DecimalString, Direction, Frequency, IndicatorKind, Period, StatusThresholds, Trajectory } from '../domain/types.js';

/** What the assessment needs to know about an indicator (a slice of the plan). */
export interface AssessedIndicator {
  code: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  frequency: Frequency;
  direction: Direction;
  departmentCode: string;
  departmentName: string;
  chainCode: string | null;
  thresholds: StatusThresholds;
  weight: number;
  /** Regions that report it; [] = the district only. */
  regionCodes: string[];
  /**
   * Each region's share of the district's target (the plan's `shares`), for judging a sum with
   * regions missing like for like; null when the plan splits no target of this indicator.
   */
  shares: Readonly<Record<string, DecimalString>> | null;
  numeratorCode: string | null;
  denominatorCode: string | null;
}

/** One figure in force for a month (approved, or the caller's own pending one marked provisional). */
export interface Figure {
  indicatorCode: string;
  regionCode: string;
  period: Period;
  basis: Basis;
  spanStart: Period | null;
  value: DecimalString;
  sample: boolean;
  provisional: boolean;
}

export interface TargetRow {
  indicatorCode: string;
  regionCode: string;
  year: number;
  value: DecimalString;
  trajectory: Trajectory;
  baseline: boolean;
  anchor: boolean;
  annual: boolean;
  illustrative: boolean;
}
