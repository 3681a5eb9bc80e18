/**
 * The plan as the rest of the system sees it: `parsePlan` turns `plan/shangdang.plan.yaml`
 * into this shape, with every default filled in and every region share expanded into explicit
 * rows, so the database loader and the calculations never re-interpret the YAML.
 */
import type { RankingConfig } from '../ranking/ranking.js';
import type { NotificationGrouping } from '../alerts/digest.js';
import type {
  AlertType,
  Basis,
  ChainKind,
  DecimalString,
  Direction,
  Frequency,
  IndicatorKind,
  Period,
  ProjectStage,
  RegionKind,
  Severity,
  StatusThresholds,
  Trajectory,
} from '../domain/types.js';
import type { CheckRules } from '../checks/check-rules.js';

/** The plan's horizon and the district it covers. */
export interface PlanMeta {
  name: string;
  /** Division code of the district, "140404". */
  region: string;
  baseYear: number;
  nearTermYear: number;
  targetYear: number;
  visionYear: number;
  /** The year whose annual targets the monitoring runs against. */
  currentYear: number;
}

/** A document the plan file quotes, shipped beside it in `plan/sources/`. */
export interface PlanSource {
  id: string;
  title: string;
  /** Path of the document's text, relative to the plan file's folder. */
  document: string;
  /** The year the document speaks of as its present (目前, 全年); null for the plan itself. */
  year: number | null;
}

/** Words of a source document that back a value or a place, verbatim. */
export interface PlanCitation {
  id: string;
  quote: string;
  /** How the words become the value (unit conversion, interpretation, why the year is illustrative). */
  note: string | null;
}

/**
 * Why an entry lists the places it lists: sentences that name them, and the places no source
 * names (shown as 示意).
 */
export interface PlanPlaceEvidence {
  placeSources: PlanCitation[];
  illustrativePlaces: string[];
}

export const PLAN_DEPARTMENT_KINDS = ['bureau', 'town', 'zone'] as const;
export type PlanDepartmentKind = (typeof PLAN_DEPARTMENT_KINDS)[number];

export interface PlanDepartment {
  /** Stable ascii snake code, e.g. "energy", "town_sudian", "zone_shangdang_edz". */
  code: string;
  name: string;
  kind: PlanDepartmentKind;
  /** The region it answers for: the district for bureaus, its own town/zone otherwise. */
  region: string;
}

/** Who reports a town's or zone's figure: the region's own department, or the indicator's. */
export const PLAN_REPORTED_BY = ['regions', 'department'] as const;

/** The one 报送单位 and one 审核单位 of a figure (indicator × region). */
export interface PlanFigureOwner {
  region: string;
  /** Department code of the 报送单位. */
  reporter: string;
  /** Department code of the 审核单位. */
  reviewer: string;
}

export interface PlanSchematicPoint {
  /** 0 = west, 1 = east. */
  x: number;
  /** 0 = north, 1 = south. */
  y: number;
}

export interface PlanRegion extends PlanPlaceEvidence {
  code: string;
  name: string;
  kind: RegionKind;
  /** null only for the district; a park's zone (the district when no source names one). */
  parent: string | null;
  /** For parks: the town the park sits in (null when the sources do not say); null for every other kind. */
  town: string | null;
  /** Official historical and common names (长治县, 长治县郝家庄镇, 郝家庄 …). */
  aliases: string[];
  /** Position on the wall screen's schematic map; null for parks, which it does not draw. */
  schematic: PlanSchematicPoint | null;
}

export interface PlanChainGraphNode extends PlanPlaceEvidence {
  name: string;
  enterprises: string[];
  /** Park codes (kind park). */
  parks: string[];
  /** Town / zone codes. */
  regions: string[];
}

/** 产业链图谱: upstream → midstream → downstream. */
export interface PlanChainGraph {
  upstream: PlanChainGraphNode[];
  midstream: PlanChainGraphNode[];
  downstream: PlanChainGraphNode[];
}

export interface PlanChain extends PlanPlaceEvidence {
  code: string;
  name: string;
  kind: ChainKind;
  /** Display order; the six chains are 1..6. */
  order: number;
  summary: string;
  /** Towns / zones named for it in the plan. */
  regions: string[];
  graph: PlanChainGraph;
}

export interface PlanIndicator extends PlanPlaceEvidence {
  code: string;
  name: string;
  /** As written in the plan file (a spelling `unitDimension` knows, e.g. 万吨, 万平方米, %). */
  unit: string;
  /** `unitDimension(unit)` from ../units. */
  dimension: string;
  kind: IndicatorKind;
  frequency: Frequency;
  direction: Direction;
  /** Owner department code. */
  department: string;
  /** Chain / service / agriculture code; null for cross-chain indicators (重点项目投资, 能耗, 工业增速). */
  chain: string | null;
  /** Regions that report it; [] = reported for the district only. */
  regions: string[];
  /**
   * true: the district total is reported directly (and wins over the sum of the regions);
   * false: the district figure is the sum of the regions (Σnum/Σden for ratios).
   */
  districtReported: boolean;
  thresholds: StatusThresholds;
  nonNegative: boolean;
  /** For ratios rolled up as Σnumerator/Σdenominator: indicator codes; null otherwise. */
  ratio: { numerator: string; denominator: string } | null;
  /** Weight in chain / town composite scores. */
  weight: number;
  /**
   * How reporters usually state the figure: 当月 (month) or 累计 (ytd). A convention for
   * templates and sample data; the observation's own basis is what counts.
   */
  basis: Basis;
  /** Monthly indicators whose January and February are published together (1–2月). */
  janFebCombined: boolean;
  description: string;
  /** Every figure it is reported for (the district when reported directly, each listed region), with its 报送单位 and 审核单位. */
  owners: PlanFigureOwner[];
  /** The checks a report of it goes through: the plan's defaults with the indicator's own. */
  checks: CheckRules;
}

/** The words a target's value comes from (an illustrative target may quote a value whose year is not given). */
export type PlanTargetSource = PlanCitation;

export interface PlanTarget {
  indicator: string;
  region: string;
  year: number;
  value: DecimalString;
  /** Shape of the trajectory segment that ends at this row (meaningful when `anchor`). */
  trajectory: Trajectory;
  /** The base-year actual (2021). */
  baseline: boolean;
  /** A point of the plan trajectory (baseline, near-term and target year by default). */
  anchor: boolean;
  /** The target for that calendar year (annual total for flows, year-end level otherwise). */
  annual: boolean;
  /** Not literally from the sources (value or year): shown as 示意目标. */
  illustrative: boolean;
  source: PlanTargetSource | null;
  /** Set when the row was expanded from a region share of the district row. */
  share: number | null;
}

/** A figure a source publishes as an actual (已公布), loaded as an observation of that source. */
export interface PlanPublishedFigure {
  indicator: string;
  region: string;
  /** The observation's period: the month the source dates it to, or December of the year it gives. */
  period: Period;
  /** Whether the source gives the month ('month') or only the year ('year', e.g. 目前 in a 2024 article). */
  dated: 'month' | 'year';
  basis: Basis;
  value: DecimalString;
  source: PlanCitation;
}

/** Facts about a key project a source may back. */
export const PLAN_PROJECT_FACTS = ['name', 'chain', 'region', 'park', 'enterprise', 'totalInvestment', 'stage', 'milestones'] as const;
export type PlanProjectFact = (typeof PLAN_PROJECT_FACTS)[number];

export interface PlanProjectMilestone {
  period: Period;
  label: string;
}

/**
 * A key project a source names. Each fact is either backed by a quote (`sources[].about`) or
 * listed in `illustrative`; dates other than the milestones and amounts not given are left to
 * the sample data, which marks them 示意.
 */
export interface PlanProject {
  code: string;
  name: string;
  chain: string;
  region: string;
  park: string | null;
  enterprise: string | null;
  /** 万元, when a source states it. */
  totalInvestment: DecimalString | null;
  /** The stage the source reports as of its year (see PlanSource.year); null when it states none. */
  stage: ProjectStage | null;
  milestones: PlanProjectMilestone[];
  sources: Array<PlanCitation & { about: PlanProjectFact[] }>;
  illustrative: PlanProjectFact[];
}

export const PLAN_ALERT_SEVERITY_KEYS = {
  target_gap: ['yellow', 'red'],
  projected_shortfall: ['belowFloor', 'belowRed'],
  late_submission: ['overdue', 'overdueLong'],
  anomaly: ['jump', 'impossible'],
  stalled_project: ['noProgress', 'notStarted'],
} as const satisfies Record<AlertType, readonly string[]>;

export interface PlanAlertRuleScope {
  /** Empty = all. */
  chains: string[];
  indicators: string[];
  regions: string[];
  departments: string[];
}

export type PlanAlertRuleParams = Record<string, number | boolean | string>;

export interface PlanAlertRule {
  code: string;
  type: AlertType;
  name: string;
  /** Type-specific; see the schema (e.g. anomaly: momPct, yoyPct, negative). */
  params: PlanAlertRuleParams;
  /** Five-field cron, evaluated in `timezone`. */
  schedule: string;
  timezone: string;
  /** Condition key (per type, see PLAN_ALERT_SEVERITY_KEYS) → severity. */
  severity: Record<string, Severity>;
  scope: PlanAlertRuleScope;
  enabled: boolean;
}

export interface NormalizedPlan {
  version: string;
  plan: PlanMeta;
  sources: PlanSource[];
  departments: PlanDepartment[];
  regions: PlanRegion[];
  chains: PlanChain[];
  indicators: PlanIndicator[];
  /** Sorted by indicator (file order), region (file order), year. */
  targets: PlanTarget[];
  /** In file order. */
  published: PlanPublishedFigure[];
  projects: PlanProject[];
  alertRules: PlanAlertRule[];
  reporting: PlanReporting;
  /** 红黑榜 weighting: the file's `ranking:` section, or the defaults. */
  ranking: RankingConfig;
  /** How alert notifications are grouped into digests: the file's `notifications:` section, or the defaults. */
  notifications: NotificationGrouping;
}

export interface PlanReporting {
  /** 催报 N working days before the deadline (Monday to Friday), or none. */
  reminder: { workingDaysBefore: number } | null;
}

/** One problem found in a plan file; `path` like `indicators[3].unit`. */
export interface PlanIssue {
  path: string;
  message: string;
  /** 1-based line in the YAML text when it could be located. */
  line?: number;
}
