/**
 * The zod schema of `plan/shangdang.plan.yaml` (structure only; cross-references are checked
 * in parse.ts). Objects are strict so a misspelt key is reported instead of ignored.
 */
import { z } from 'zod';
import {
  BASES,
  CHAIN_KINDS,
  DIRECTIONS,
  FREQUENCIES,
  INDICATOR_KINDS,
  PROJECT_STAGES,
  REGION_KINDS,
  SEVERITIES,
  TRAJECTORIES,
} from '../domain/types.js';
import { CHECK_LEVELS } from '../checks/check-rules.js';
import { PLAN_DEPARTMENT_KINDS, PLAN_PROJECT_FACTS, PLAN_REPORTED_BY } from './types.js';

/** YAML writes unquoted 140404 as a number; codes are strings. */
const asString = (value: unknown): unknown => (typeof value === 'number' ? String(value) : value);

const snakeCode = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected an ascii snake_case code');
const regionCode = z.preprocess(
  asString,
  z.string().regex(/^(\d{6}|\d{9}|P\d{6}-\d{2})$/, 'expected a division code (6 or 9 digits) or a park code like "P140404-01"'),
);
const nonEmpty = z.string().trim().min(1, 'must not be empty');
const year = z.number().int('expected a whole year').min(1949).max(2100);
const DECIMAL = /^-?\d+(\.\d+)?$/;
/** An exact decimal; a plain YAML number is accepted and kept as written. */
const decimal = z.preprocess(
  asString,
  z.string().regex(DECIMAL, 'expected a decimal number written like "3300" or "0.95"'),
);
const codeList = <T extends z.ZodType>(item: T) => z.array(item).default([]);
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month written like "2024-09"');

/** A sentence of a source document that backs a value, word for word. */
const sourceRefSchema = z.strictObject({
  id: nonEmpty,
  quote: nonEmpty,
  /** How the quoted words become the value (unit conversion, interpretation, why a year is illustrative). */
  note: z.string().optional(),
});

/**
 * The places an entry names (a chain's towns, an indicator's reporting regions, a park's zone
 * and town) are either named in one of `placeSources` or listed in `illustrativePlaces` (示意).
 */
const placeEvidence = {
  placeSources: codeList(sourceRefSchema),
  illustrativePlaces: codeList(regionCode),
};

export const planMetaSchema = z.strictObject({
  name: nonEmpty,
  region: regionCode,
  baseYear: year,
  nearTermYear: year,
  targetYear: year,
  visionYear: year,
  currentYear: year,
});

export const planSourceSchema = z.strictObject({
  id: snakeCode,
  title: nonEmpty,
  /** Path of the document's text, relative to the plan file's folder. */
  document: nonEmpty,
  /** The year the document speaks of as its present (目前, 全年); absent for the plan itself. */
  year: year.optional(),
});

export const planDepartmentSchema = z.strictObject({
  code: snakeCode,
  name: nonEmpty,
  kind: z.enum(PLAN_DEPARTMENT_KINDS),
  region: regionCode,
});

export const planRegionSchema = z.strictObject({
  code: regionCode,
  name: nonEmpty,
  kind: z.enum(REGION_KINDS),
  parent: regionCode.nullable().default(null),
  /** Parks: the town it sits in, null when the sources do not say. */
  town: regionCode.nullable().default(null),
  aliases: codeList(nonEmpty),
  /** Required for towns and zones (the wall screen's map); parks are not drawn. */
  schematic: z.strictObject({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }).nullable().default(null),
  ...placeEvidence,
});

const graphNodeSchema = z.strictObject({
  name: nonEmpty,
  enterprises: codeList(nonEmpty),
  parks: codeList(regionCode),
  regions: codeList(regionCode),
  ...placeEvidence,
});

export const planChainSchema = z.strictObject({
  code: snakeCode,
  name: nonEmpty,
  kind: z.enum(CHAIN_KINDS),
  order: z.number().int().min(1),
  summary: nonEmpty,
  regions: codeList(regionCode),
  ...placeEvidence,
  graph: z.strictObject({
    upstream: z.array(graphNodeSchema).min(1, 'needs at least one node'),
    midstream: z.array(graphNodeSchema).min(1, 'needs at least one node'),
    downstream: z.array(graphNodeSchema).min(1, 'needs at least one node'),
  }),
});

const checkLevel = z.enum(CHECK_LEVELS);
/** A rule's settings, or false to switch it off. */
const checkRule = <T extends z.ZodRawShape>(shape: T) => z.union([z.literal(false), z.strictObject({ ...shape, level: checkLevel.optional() })]).optional();
/** The checks a report goes through (核实性审核 soft, 强制性审核 hard); what is not given keeps its default. */
const checkRulesSchema = z.strictObject({
  monthOnMonth: checkRule({ pct: z.number().positive().optional() }),
  yearOnYear: checkRule({ pct: z.number().positive().optional() }),
  magnitude: checkRule({ factor: z.number().gt(1, 'a factor above 1').optional() }),
  regionShare: checkRule({ tolerancePp: z.number().min(0).optional() }),
  negativeMonth: checkRule({}),
});

/** One figure's 报送单位 and 审核单位, where they differ from the indicator's rule. */
const figureOwnerSchema = z.strictObject({
  region: regionCode,
  reporter: snakeCode.optional(),
  reviewer: snakeCode.optional(),
});

export const planIndicatorSchema = z.strictObject({
  code: snakeCode,
  name: nonEmpty,
  unit: nonEmpty,
  kind: z.enum(INDICATOR_KINDS),
  frequency: z.enum(FREQUENCIES),
  direction: z.enum(DIRECTIONS),
  department: snakeCode,
  /** Required key: null marks a deliberately cross-chain indicator. */
  chain: snakeCode.nullable(),
  regions: codeList(regionCode),
  ...placeEvidence,
  districtReported: z.boolean().optional(),
  thresholds: z.strictObject({ green: z.number(), yellow: z.number() }).optional(),
  nonNegative: z.boolean().default(true),
  ratio: z.strictObject({ numerator: snakeCode, denominator: snakeCode }).optional(),
  weight: z.number().positive().default(1),
  basis: z.enum(BASES).default('month'),
  janFebCombined: z.boolean().default(false),
  description: z.string().default(''),
  /** Who reports a town's or zone's figure: the region's own department (default) or the indicator's. */
  reportedBy: z.enum(PLAN_REPORTED_BY).default('regions'),
  /** 审核单位 of its figures; default the plan's `reporting.reviewer`, else the indicator's department. */
  reviewedBy: snakeCode.optional(),
  owners: codeList(figureOwnerSchema),
  checks: checkRulesSchema.optional(),
});

export const planAnchorSchema = z.strictObject({
  year,
  value: decimal,
  trajectory: z.enum(TRAJECTORIES).default('linear'),
  baseline: z.boolean().default(false),
  anchor: z.boolean().optional(),
  annual: z.boolean().optional(),
  /** Not literally from the sources (示意). With a `source` too: the value is quoted, its year is not. */
  illustrative: z.boolean().optional(),
  source: sourceRefSchema.optional(),
});

export const planTargetBlockSchema = z.strictObject({
  indicator: snakeCode,
  region: regionCode.optional(),
  /** region code → share of the district value, expanded into illustrative region targets. */
  shares: z.record(z.string(), z.number().gt(0, 'a share must be > 0').max(1, 'a share must be ≤ 1')).optional(),
  anchors: z.array(planAnchorSchema).min(1, 'needs at least one anchor'),
});

/** A figure a source publishes as an actual (已公布): an observation of its own source. */
export const planPublishedSchema = z.strictObject({
  indicator: snakeCode,
  region: regionCode.optional(),
  /** The month the source dates it to ("截至2024年9月" → 2024-09) … */
  period: period.optional(),
  /** … or only the year (目前 in a 2024 article → 2024), stored as that year's December. */
  year: year.optional(),
  /** 当月 or 累计, required for flows. */
  basis: z.enum(BASES).optional(),
  value: decimal,
  source: sourceRefSchema,
});

/** A key project a source names: what the sources say about it, and what is illustrative. */
export const planProjectSchema = z.strictObject({
  code: z.string().regex(/^KP-\d{3}$/, 'expected a project code like "KP-001"'),
  name: nonEmpty,
  chain: snakeCode,
  region: regionCode,
  park: regionCode.nullable().default(null),
  enterprise: nonEmpty.nullable().default(null),
  /** 万元 */
  totalInvestment: decimal.nullable().default(null),
  /** The stage the source reports as of its year; null when it states none. */
  stage: z.enum(PROJECT_STAGES).nullable().default(null),
  milestones: codeList(z.strictObject({ period, label: nonEmpty })),
  sources: z.array(sourceRefSchema.extend({ about: z.array(z.enum(PLAN_PROJECT_FACTS)).min(1, 'name the facts the quote backs') })).min(1),
  illustrative: codeList(z.enum(PLAN_PROJECT_FACTS)),
});

const scopeSchema = z
  .strictObject({
    chains: codeList(snakeCode),
    indicators: codeList(snakeCode),
    regions: codeList(regionCode),
    departments: codeList(snakeCode),
  })
  .default({ chains: [], indicators: [], regions: [], departments: [] });

const severity = z.enum(SEVERITIES);
const CRON = /^\s*(\S+\s+){4}\S+\s*$/;
const ruleCommon = {
  code: snakeCode,
  name: nonEmpty,
  schedule: z.string().regex(CRON, 'expected a five-field cron expression like "0 8 * * *"'),
  timezone: z.string().default('Asia/Shanghai'),
  scope: scopeSchema,
  enabled: z.boolean().default(true),
};
const pct = z.number().positive();
const month = z.number().int().min(1).max(12);

export const planAlertRuleSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...ruleCommon,
    type: z.literal('target_gap'),
    /** Uses each indicator's thresholds; evaluated from `minMonth` on. */
    params: z.strictObject({ minMonth: month.default(1) }).default({ minMonth: 1 }),
    severity: z.strictObject({ yellow: severity, red: severity }),
  }),
  z.strictObject({
    ...ruleCommon,
    type: z.literal('projected_shortfall'),
    params: z
      .strictObject({ floorPct: pct.default(100), redBelowPct: pct.default(90), minMonth: month.default(3) })
      .default({ floorPct: 100, redBelowPct: 90, minMonth: 3 }),
    severity: z.strictObject({ belowFloor: severity, belowRed: severity }),
  }),
  z.strictObject({
    ...ruleCommon,
    type: z.literal('late_submission'),
    params: z
      .strictObject({ dueDay: z.number().int().min(1).max(28).default(10), redAfterDays: z.number().int().min(0).default(10) })
      .default({ dueDay: 10, redAfterDays: 10 }),
    severity: z.strictObject({ overdue: severity, overdueLong: severity }),
  }),
  z.strictObject({
    ...ruleCommon,
    type: z.literal('anomaly'),
    params: z
      .strictObject({ momPct: pct.default(50), yoyPct: pct.default(80), negative: z.boolean().default(true) })
      .default({ momPct: 50, yoyPct: 80, negative: true }),
    severity: z.strictObject({ jump: severity, impossible: severity }),
  }),
  z.strictObject({
    ...ruleCommon,
    type: z.literal('stalled_project'),
    params: z
      .strictObject({ months: z.number().int().min(1).default(2), notStartedGraceMonths: z.number().int().min(0).default(0) })
      .default({ months: 2, notStartedGraceMonths: 0 }),
    severity: z.strictObject({ noProgress: severity, notStarted: severity }),
  }),
]);

/** How reporting runs: default reviewer, the checks' defaults, the automatic reminder before a deadline. */
export const planReportingSchema = z
  .strictObject({
    reviewer: snakeCode.optional(),
    checks: checkRulesSchema.optional(),
    /** 催报 sent to every department with figures still missing this many working days before the deadline. */
    reminder: z.strictObject({ workingDaysBefore: z.number().int().min(1).max(15) }).nullable().default(null),
  })
  .default({ reminder: null });

const rankingWeight = z.number().min(0, 'a weight is 0 or more').max(1000);
/** 红黑榜 weighting (optional: packages/shared/src/ranking has the defaults). */
export const planRankingSchema = z.strictObject({
  weights: z
    .strictObject({ timeliness: rankingWeight, firstTimeRight: rankingWeight, supervision: rankingWeight, progress: rankingWeight })
    .refine((w) => Object.values(w).some((v) => v > 0), 'at least one weight must be more than 0'),
  listSize: z.number().int().min(1).max(10).optional(),
});

/** Alert digests (Alertmanager's group_wait and group_interval); each channel may override them. */
export const planNotificationsSchema = z.strictObject({
  groupWaitSeconds: z.number().int().min(0).max(3600).optional(),
  groupIntervalSeconds: z.number().int().min(0).max(86_400).optional(),
});

export const planFileSchema = z.strictObject({
  version: z.preprocess(asString, z.string().regex(/^\d{4}\.\d{1,2}\.\d+$/, 'expected a version like "2026.11.1"')),
  plan: planMetaSchema,
  sources: z.array(planSourceSchema).min(1),
  departments: z.array(planDepartmentSchema).min(1),
  regions: z.array(planRegionSchema).min(1),
  chains: z.array(planChainSchema).min(1),
  indicators: z.array(planIndicatorSchema).min(1),
  targets: z.array(planTargetBlockSchema).min(1),
  published: codeList(planPublishedSchema),
  projects: codeList(planProjectSchema),
  alertRules: z.array(planAlertRuleSchema).default([]),
  reporting: planReportingSchema,
  ranking: planRankingSchema.optional(),
  notifications: planNotificationsSchema.optional(),
});

/** The plan file after structural validation, before cross-references and defaults. */
export type PlanFile = z.output<typeof planFileSchema>;
export type PlanFileInput = z.input<typeof planFileSchema>;
