/**
 * The JSON the API serves and the web app renders. Quantities are exact decimal strings;
 * percentages are numbers in percent (47.88 means 47.88 %). A missing figure is null, never 0.
 */
import type {
  Basis,
  DecimalString,
  Direction,
  Frequency,
  IndicatorKind,
  Period,
  ProgressStatus,
  ProjectStage,
  RegionKind,
  ChainKind,
} from '../domain/types.js';
import type { PlanProjectFact } from '../plan/types.js';

/** Flags every figure carries so the UI can mark it. */
export interface FigureFlags {
  /** Generated sample data (示例数据), not real reports. */
  sample: boolean;
  /** The target is illustrative (示意目标), not from the plan's sources. */
  illustrativeTarget: boolean;
  /** A sum of regions with at least one region missing. */
  incomplete: boolean;
  /** Includes figures not yet approved (the caller's own drafts or submissions). */
  provisional: boolean;
}

export interface ProjectionView {
  value: DecimalString;
  method: 'seasonal' | 'linear';
  completionPct: number;
  shortfall: boolean;
}

/**
 * How a figure is judged (DOMAIN.md): as the whole region; like for like (同口径) when it is a
 * sum of towns with towns missing, on the towns that reported against their share of the
 * target; or not at all (待补报) when no shares exist to make that comparison.
 */
export type Judgement = 'whole' | 'like_for_like' | 'pending';

/** The comparison behind a like-for-like judgement. */
export interface LikeForLikeView {
  /** The towns in the comparison: those that reported the month. */
  regions: string[];
  /** The towns left out because they have not reported it. */
  excludedRegions: string[];
  /** The reporting towns' share of the district's target, from the plan's shares (0–1). */
  share: DecimalString;
  /** Flows: that share of the annual target; stocks: of the plan value due by the data's month. */
  target: DecimalString;
  /** How the comparison is named beside its figures: 同口径（不含西火镇）. */
  label: string;
}

export interface IndicatorProgress {
  code: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  frequency: Frequency;
  direction: Direction;
  chainCode: string | null;
  departmentCode: string;
  departmentName: string;
  regionCode: string;
  /** The period asked for. */
  period: Period;
  /** The latest period with approved data used for this figure (数据截至), null when none. */
  dataAsOf: Period | null;
  /** YTD for flows, latest value for stocks and ratios. */
  value: DecimalString | null;
  annualTarget: DecimalString | null;
  /** Plan value expected by now (stocks and ratios: interpolated within the year). */
  expected: DecimalString | null;
  timeProgressPct: number | null;
  /**
   * `whole`: completion, gap, status, score, projection and year on year compare the whole
   * figure. `like_for_like`: they compare the reporting towns (see `likeForLike`) while `value`
   * stays their real partial sum and `annualTarget` the district's. `pending`: none is given.
   */
  judgement: Judgement;
  likeForLike: LikeForLikeView | null;
  completionPct: number | null;
  gapPp: number | null;
  status: ProgressStatus;
  /** Completion relative to time progress, 100 = exactly on schedule, capped; null without data. */
  score: number | null;
  projection: ProjectionView | null;
  /** Same period last year (like for like: the same towns), for the year-on-year change. */
  lastYearValue: DecimalString | null;
  yoyPct: number | null;
  flags: FigureFlags;
  /** Region codes missing from the sum when `flags.incomplete`; empty otherwise. */
  missingRegions: string[];
  /** One sentence a leader can read aloud. */
  sentence: string;
}

export interface StatusCounts {
  green: number;
  yellow: number;
  red: number;
  pending: number;
  no_data: number;
}

export interface GroupProgress {
  code: string;
  name: string;
  kind: ChainKind | RegionKind;
  statusCounts: StatusCounts;
  /** Capped weighted mean of indicator scores; null when no indicator has data. */
  composite: number | null;
  /** Worst status among indicators with data (no_data when none). */
  status: ProgressStatus;
  sentence: string;
  dataAsOf: Period | null;
  flags: FigureFlags;
}

export interface GroupDetail extends GroupProgress {
  indicators: IndicatorProgress[];
}

export interface ProjectsSummary {
  total: number;
  byStage: Record<ProjectStage, number>;
  /** Projects whose planned start is due by the period. */
  due: number;
  startedOnTime: number;
  startedOnTimePct: number | null;
  stalled: number;
  annualPlanInvestment: DecimalString;
  completedInvestment: DecimalString;
  investmentCompletionPct: number | null;
  unit: '万元';
  dataAsOf: Period | null;
  sample: boolean;
}

export interface FreshnessEntry {
  indicatorCode: string;
  indicatorName: string;
  departmentCode: string;
  latestApproved: Period | null;
  /** The last period the district's figure is complete through (its own report, or every town's). */
  completeThrough: Period | null;
  /**
   * Expected period (by the reporting calendar) is not approved and its deadline has passed. For
   * a district figure summed from towns: neither the district's own figure nor every town's is in.
   */
  late: boolean;
  /** The towns still missing when others have reported (the district sum is incomplete). */
  lateRegions: Array<{
    regionCode: string;
    latestApproved: Period | null;
    /** The first month missing when the town has reported later months (a hole), else null. */
    missingFrom: Period | null;
  }>;
}

export interface LateDepartment {
  code: string;
  name: string;
  /** Indicator codes whose expected period is not approved after the deadline. */
  indicators: string[];
  expectedPeriod: Period;
}

export interface OverviewResponse {
  period: Period;
  generatedAt: string;
  planVersion: string | null;
  sample: boolean;
  headline: IndicatorProgress[];
  chains: GroupProgress[];
  services: GroupProgress[];
  regions: GroupProgress[];
  projects: ProjectsSummary;
  freshness: { indicators: FreshnessEntry[]; lateDepartments: LateDepartment[] };
}

export interface SeriesPoint {
  period: Period;
  value: DecimalString | null;
  /** A sum of towns with a town missing: less than the district's whole figure. */
  incomplete: boolean;
}

export interface MonthlySegment {
  from: Period;
  to: Period;
  value: DecimalString;
  /** Derived from YTD differences rather than reported as the month's own value. */
  derived: boolean;
}

export interface AnnualTargetView {
  year: number;
  value: DecimalString;
  illustrative: boolean;
  /** Not in the plan file: read off the plan trajectory. */
  derived: boolean;
  baseline: boolean;
}

export interface IndicatorDetailResponse {
  indicator: IndicatorProgress;
  from: Period;
  to: Period;
  /** Flows: monthly segments and YTD points per year; stocks and ratios: the values themselves. */
  monthly: MonthlySegment[];
  ytd: SeriesPoint[];
  values: SeriesPoint[];
  annualTargets: AnnualTargetView[];
  trajectory: Array<{ year: number; expected: DecimalString }>;
  /** Plan progress toward 2025 and 2035. */
  planProgress: Array<{
    targetYear: number;
    target: DecimalString;
    baseline: DecimalString | null;
    progressPct: number | null;
    attainmentPct: number | null;
    onTrack: boolean | null;
    requiredGrowthPct: number | null;
    illustrative: boolean;
  }>;
  regions: Array<{ code: string; name: string; value: DecimalString | null; dataAsOf: Period | null }>;
}

/** A figure a source publishes as an actual (已公布): an observation of its own source, not sample data. */
export interface PublishedFigureView {
  indicatorCode: string;
  regionCode: string;
  period: Period;
  /** 'month': the source dates it to the month (截至2024年9月); 'year': only the year (目前), shown as the year. */
  dated: 'month' | 'year';
  basis: Basis;
  value: DecimalString;
  source: CitationView;
}

/** A quote from a source document, with the document's title. */
export interface CitationView {
  sourceId: string;
  sourceTitle: string;
  quote: string;
  /** How the words become the value (unit conversion, interpretation, what is illustrative). */
  note: string | null;
}

/**
 * What the sources say about a key project they name. Every fact no citation backs (dates but
 * the milestones, amounts not stated, invented places) is illustrative (示意).
 */
export interface ProjectProvenance {
  citations: Array<CitationView & { facts: PlanProjectFact[] }>;
  /** The stage the sources report, as of `stageYear` (the source's year); null when none is stated. */
  stage: ProjectStage | null;
  stageYear: number | null;
  milestones: Array<{ period: Period; label: string }>;
}

export interface ProjectView {
  code: string;
  name: string;
  chainCode: string | null;
  chainName: string | null;
  regionCode: string;
  regionName: string;
  enterprise: string | null;
  totalInvestment: DecimalString;
  annualPlanInvestment: DecimalString;
  completedThisYear: DecimalString;
  completedTotal: DecimalString;
  investmentCompletionPct: number | null;
  stage: ProjectStage;
  plannedStart: Period | null;
  actualStart: Period | null;
  startedOnTime: boolean | null;
  stalled: boolean;
  stalledReason: string | null;
  lastProgress: Period | null;
  sample: boolean;
  /** What the sources say about it; null for an invented sample project (示意 throughout). */
  provenance: ProjectProvenance | null;
}

export interface ProjectDetailResponse extends ProjectView {
  progress: Array<{ period: Period; investment: DecimalString; stage: ProjectStage }>;
}

/** A quote of the plan file: the source id, the words, how they become the value. */
export interface PlanQuoteView {
  id: string;
  quote: string;
  note: string | null;
}

/** Why an entry lists its places: quotes that name them, and the places no source names (示意). */
export interface PlaceEvidenceView {
  placeSources: PlanQuoteView[];
  illustrativePlaces: string[];
}

export interface PlanResponse {
  version: string;
  plan: { name: string; region: string; baseYear: number; nearTermYear: number; targetYear: number; visionYear: number };
  /** The documents the plan quotes; `year` is the one a source speaks of as its present. */
  sources: Array<{ id: string; title: string; year: number | null }>;
  regions: Array<
    {
      code: string;
      name: string;
      kind: RegionKind;
      parentCode: string | null;
      /** Parks: the town a source puts it in, null when none does. */
      townCode: string | null;
      aliases: string[];
      schematic: { x: number; y: number } | null;
    } & PlaceEvidenceView
  >;
  /** `graph` nodes carry their own place evidence (placeSources, illustrativePlaces). */
  chains: Array<{ code: string; name: string; kind: ChainKind; summary: string | null; regionCodes: string[]; graph: unknown } & PlaceEvidenceView>;
  departments: Array<{ code: string; name: string; kind: 'bureau' | 'town' | 'zone'; regionCode: string }>;
  indicators: Array<{
    code: string;
    name: string;
    unit: string;
    kind: IndicatorKind;
    frequency: Frequency;
    direction: Direction;
    departmentCode: string;
    chainCode: string | null;
    regionCodes: string[];
    illustrative: boolean;
  } & PlaceEvidenceView>;
  /** An illustrative target may quote the value it takes from a source that gives no year. */
  targets: Array<{ indicatorCode: string; regionCode: string; year: number; value: DecimalString; trajectory: 'linear' | 'geometric'; baseline: boolean; illustrative: boolean; source: PlanQuoteView | null }>;
  /** Figures the sources publish as actuals (已公布), by indicator (plan order), region and period. */
  published: PublishedFigureView[];
}
