/**
 * The domain vocabulary shared by api, etl and web. DOMAIN.md is the specification.
 * Exact quantities travel as decimal strings ("1580.25") so nothing is rounded in transit.
 */

/** An exact decimal number written as a string, e.g. "3300" or "0.125". */
export type DecimalString = string;

/** A calendar month, "YYYY-MM". */
export type Period = `${number}-${number}`;

export const INDICATOR_KINDS = ['flow', 'stock', 'ratio'] as const;
/** flow: summed over time and regions; stock: latest in time, summed over regions; ratio: never summed. */
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export const FREQUENCIES = ['monthly', 'quarterly', 'annual'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** 当月 (the month's own value, possibly spanning missing months) or 累计 (year to date). */
export const BASES = ['month', 'ytd'] as const;
export type Basis = (typeof BASES)[number];
export const BASIS_LABELS: Record<Basis, string> = { month: '当月', ytd: '累计' };

export const OBSERVATION_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];

export const TRAJECTORIES = ['linear', 'geometric'] as const;
export type Trajectory = (typeof TRAJECTORIES)[number];

export const REGION_KINDS = [
  'district',
  'subdistrict',
  'town',
  'township',
  'special_zone',
  'development_zone',
  'park',
] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

export const CHAIN_KINDS = ['chain', 'service', 'agriculture'] as const;
export type ChainKind = (typeof CHAIN_KINDS)[number];

export const PROJECT_STAGES = ['planning', 'signed', 'started', 'completed'] as const;
/** 谋划 → 签约 → 开工 → 投产/竣工 */
export type ProjectStage = (typeof PROJECT_STAGES)[number];
export const PROJECT_STAGE_LABELS: Record<ProjectStage, string> = {
  planning: '谋划',
  signed: '签约',
  started: '开工',
  completed: '投产/竣工',
};

export const ROLES = ['admin', 'reviewer', 'reporter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * green: ahead of time progress; yellow: slightly behind; red: seriously behind; pending: a sum of
 * towns with towns missing and no shares to compare like for like (待补报, not judged);
 * no_data: nothing approved.
 */
export const PROGRESS_STATUSES = ['green', 'yellow', 'red', 'pending', 'no_data'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];
/** The statuses that judge a figure against its target. */
export type JudgedStatus = Exclude<ProgressStatus, 'pending' | 'no_data'>;
export const PROGRESS_STATUS_LABELS: Record<ProgressStatus, string> = {
  green: '超序时',
  yellow: '略滞后',
  red: '严重滞后',
  pending: '待补报',
  no_data: '暂无数据',
};

/**
 * Gap thresholds in percentage points (completion − time progress). A gap ≥ green is green,
 * ≥ yellow is yellow, anything lower red. DOMAIN.md defaults: green 0, yellow −5.
 */
export interface StatusThresholds {
  green: number;
  yellow: number;
}
export const DEFAULT_THRESHOLDS: StatusThresholds = { green: 0, yellow: -5 };

export const ALERT_TYPES = ['target_gap', 'projected_shortfall', 'late_submission', 'anomaly', 'stalled_project'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];
export const ALERT_TYPE_LABELS: Record<AlertType, string> = {
  target_gap: '序时滞后',
  projected_shortfall: '预测不达标',
  late_submission: '逾期未报',
  anomaly: '数据异常',
  stalled_project: '项目停滞',
};
export const SEVERITIES = ['yellow', 'red'] as const;
export type Severity = (typeof SEVERITIES)[number];
