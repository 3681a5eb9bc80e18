import type { ProjectProvenance } from '../api/contracts.js';
import type { Basis, DecimalString, Period, ProjectStage } from '../domain/types.js';

export interface SampleOptions {
  /** The last complete month; nothing after it is generated. */
  asOf: Period;
  /** PRNG seed (default 20210101). */
  seed?: number;
}

export type SampleObservationStatus = 'approved' | 'submitted' | 'draft';

/**
 * One reported figure. Flows: `basis: 'month'` is the value of `spanStart`..`period`
 * (spanStart omitted = the month itself; a quarterly 当季 figure spans its quarter);
 * `basis: 'ytd'` is January..period (1–2月 arrives as a February 'ytd' with no January).
 * Stocks and ratios: the level at `period`, basis as the indicator's convention.
 */
export interface SampleObservation {
  indicator: string;
  region: string;
  period: Period;
  basis: Basis;
  value: DecimalString;
  spanStart?: Period;
  status: SampleObservationStatus;
}

export interface SampleProjectProgress {
  period: Period;
  /** Investment completed in that month, 万元 (only months with progress are listed). */
  investment: DecimalString;
  stage: ProjectStage;
}

/** What the generator meant a project to show. */
export type SampleProjectScenario =
  | 'on_time'
  | 'late_start'
  | 'stalled_no_progress'
  | 'not_started_overdue'
  | 'completed'
  | 'planned';

export interface SampleProject {
  code: string;
  name: string;
  /** Chain / service / agriculture code (null if the plan lacks it). */
  chain: string | null;
  /** Town / zone code. */
  region: string;
  /** Park code when the project sits in a park. */
  park: string | null;
  /** null when no enterprise is named (招商引进中). */
  enterprise: string | null;
  /** 万元 */
  totalInvestment: DecimalString;
  /** 万元, the plan for asOf's year. */
  annualPlanInvestment: DecimalString;
  stage: ProjectStage;
  plannedStart: Period;
  actualStart?: Period;
  completedAt?: Period;
  progress: SampleProjectProgress[];
  /**
   * What the sources say about a project they name (quoted facts, the stage as of the source's
   * year, dated milestones); null for an invented project. Every fact not quoted is 示意.
   */
  provenance: ProjectProvenance | null;
  scenario: SampleProjectScenario;
}

export type SampleIntent = 'ahead' | 'slightly_behind' | 'seriously_behind';

export interface SampleData {
  /** Everything here is generated (示例数据). */
  sample: true;
  seed: number;
  asOf: Period;
  planVersion: string;
  /** Sorted by indicator (plan order), region (district first, then plan order), period. */
  observations: SampleObservation[];
  projects: SampleProject[];
  /** What the generator aimed for, for demos and tests. */
  intended: {
    /** Per indicator: where asOf's year was steered relative to the plan. */
    indicators: Record<string, SampleIntent>;
    /** Figures deliberately left out. */
    missing: Array<{ indicator: string; region: string; period: Period; reason: 'town_missed_month' | 'not_reported_yet' }>;
    /** 当月 figures deliberately covering two months (the earlier one not reported on its own). */
    spans: Array<{ indicator: string; region: string; spanStart: Period; period: Period }>;
    /** Status of the latest month's figures by reporting department. */
    latestByDepartment: Record<string, SampleObservationStatus | 'missing'>;
    /**
     * The plan's published figures, each beside the sample's own figure at its period (null:
     * none), which the sample leaves out so the published observation stands there.
     */
    published: Array<{ indicator: string; region: string; period: Period; published: DecimalString; sample: DecimalString | null }>;
  };
}
