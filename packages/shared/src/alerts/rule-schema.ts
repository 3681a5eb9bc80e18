/**
 * What an alert rule may say, validated once for the API and for rows read back from the
 * database. The plan file's schema (plan/schema.ts) is the subset rules ship with; here every
 * type also takes `remindEveryHours` (0 = never remind), and target_gap `flowsOnly`.
 */
import { z } from 'zod';
import { ALERT_TYPES, SEVERITIES, type AlertType } from '../domain/types.js';
import type { AlertRule, AlertRuleScope } from './alert.types.js';
import { CronError, describeCronProblemInChinese, isTimeZone, parseCron } from '../cron/cron.js';

const severity = z.enum(SEVERITIES);
const pct = z.number().positive().max(10_000);
const month = z.number().int().min(1).max(12);
/** At most once a month; 0 = no reminders. */
const remind = z.number().min(0).max(24 * 31).default(0);
const code = z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'expected a lower-case code like "target_gap_coal" (a–z, 0–9, _)');
const codes = z.array(z.string().min(1).max(64)).max(500).default([]);

export const alertScopeSchema = z
  .strictObject({ chains: codes, indicators: codes, regions: codes, departments: codes })
  .default({ chains: [], indicators: [], regions: [], departments: [] });

/**
 * Optional on every type (absent: off): a red alert left unacknowledged this many working days
 * opens a 督办 by itself; and the working days a 督办 opened from this rule's alerts allows.
 */
const everyType = {
  superviseRedAfterDays: z.number().int().min(1).max(60).optional(),
  superviseWorkingDays: z.number().int().min(1).max(60).optional(),
  /** Red alerts go out singly, at once, instead of in the channel's next digest. */
  notifyRedSingly: z.boolean().optional(),
};

export const ALERT_PARAM_SCHEMAS = {
  target_gap: z.strictObject({ minMonth: month.default(1), flowsOnly: z.boolean().default(false), remindEveryHours: remind, ...everyType }),
  projected_shortfall: z
    .strictObject({ floorPct: pct.default(100), redBelowPct: pct.default(90), minMonth: month.default(3), remindEveryHours: remind, ...everyType })
    .refine((p) => p.redBelowPct <= p.floorPct, { message: 'redBelowPct must not exceed floorPct', path: ['redBelowPct'] }),
  late_submission: z.strictObject({
    dueDay: z.number().int().min(1).max(28).default(10),
    redAfterDays: z.number().int().min(0).max(366).default(10),
    remindEveryHours: remind,
    ...everyType,
  }),
  anomaly: z
    .strictObject({ momPct: z.number().min(0).max(100_000).default(50), yoyPct: z.number().min(0).max(100_000).default(80), negative: z.boolean().default(true), remindEveryHours: remind, ...everyType })
    .refine((p) => p.momPct > 0 || p.yoyPct > 0 || p.negative, { message: 'an anomaly rule must check something: momPct, yoyPct or negative' }),
  stalled_project: z.strictObject({
    months: z.number().int().min(1).max(24).default(2),
    notStartedGraceMonths: z.number().int().min(0).max(24).default(0),
    remindEveryHours: remind,
    ...everyType,
  }),
} as const;

/** Condition keys per type, and the severity each gets unless the rule says otherwise. */
export const ALERT_SEVERITY_DEFAULTS = {
  target_gap: { yellow: 'yellow', red: 'red' },
  projected_shortfall: { belowFloor: 'yellow', belowRed: 'red' },
  late_submission: { overdue: 'yellow', overdueLong: 'red' },
  anomaly: { jump: 'yellow', impossible: 'red' },
  stalled_project: { noProgress: 'yellow', notStarted: 'red' },
} as const;

const SEVERITY_SCHEMAS = {
  target_gap: z.strictObject({ yellow: severity.default('yellow'), red: severity.default('red') }),
  projected_shortfall: z.strictObject({ belowFloor: severity.default('yellow'), belowRed: severity.default('red') }),
  late_submission: z.strictObject({ overdue: severity.default('yellow'), overdueLong: severity.default('red') }),
  anomaly: z.strictObject({ jump: severity.default('yellow'), impossible: severity.default('red') }),
  stalled_project: z.strictObject({ noProgress: severity.default('yellow'), notStarted: severity.default('red') }),
} as const;

/** Scope dimensions that mean nothing for a type (a project has no indicator; lateness is per bureau, not per town). */
export const SCOPE_NOT_APPLICABLE: Record<AlertType, Array<keyof AlertRuleScope>> = {
  target_gap: [],
  projected_shortfall: [],
  late_submission: ['regions'],
  anomaly: [],
  stalled_project: ['indicators'],
};

const common = z.strictObject({
  code,
  type: z.enum(ALERT_TYPES),
  name: z.string().trim().min(1).max(200),
  params: z.record(z.string(), z.unknown()).default({}),
  severity: z.record(z.string(), z.unknown()).default({}),
  scope: alertScopeSchema,
  schedule: z.string().trim().min(1).max(100),
  timezone: z.string().default('Asia/Shanghai'),
  enabled: z.boolean().default(true),
});

export interface RuleIssue {
  path: string;
  message: string;
}

export type RuleValidation = { ok: true; rule: AlertRule } | { ok: false; issues: RuleIssue[] };

function issuesOf(error: z.ZodError, prefix: string[] = []): RuleIssue[] {
  return error.issues.map((issue) => ({ path: [...prefix, ...issue.path.map(String)].join('.') || '(rule)', message: issue.message }));
}

/**
 * Validates a whole rule (POST, or PATCH merged onto the stored rule) and fills every default.
 * Codes inside the scope are checked against the catalogue by the caller.
 */
export function validateAlertRule(input: unknown): RuleValidation {
  const base = common.safeParse(input);
  if (!base.success) return { ok: false, issues: issuesOf(base.error) };
  const rule = base.data;
  const issues: RuleIssue[] = [];
  const params = ALERT_PARAM_SCHEMAS[rule.type].safeParse(rule.params);
  if (!params.success) issues.push(...issuesOf(params.error, ['params']));
  const severities = SEVERITY_SCHEMAS[rule.type].safeParse(rule.severity);
  if (!severities.success) issues.push(...issuesOf(severities.error, ['severity']));
  try {
    parseCron(rule.schedule);
  } catch (error) {
    issues.push({ path: 'schedule', message: error instanceof CronError ? describeCronProblemInChinese(error.expression, error.problem) : String(error) });
  }
  if (!isTimeZone(rule.timezone)) issues.push({ path: 'timezone', message: `unknown time zone "${rule.timezone}" (e.g. Asia/Shanghai)` });
  for (const field of SCOPE_NOT_APPLICABLE[rule.type]) {
    if (rule.scope[field].length > 0) issues.push({ path: `scope.${field}`, message: `a ${rule.type} rule cannot be scoped by ${field}` });
  }
  if (issues.length > 0 || !params.success || !severities.success) return { ok: false, issues };
  return {
    ok: true,
    rule: { ...rule, schedule: rule.schedule.trim(), params: params.data, severity: severities.data } as AlertRule,
  };
}

/** A rule as stored (plan defaults may lack newer parameters), with every default filled; throws when invalid. */
export function normalizeAlertRule(stored: unknown): AlertRule {
  const row = (stored ?? {}) as Record<string, unknown>;
  const fields = ['code', 'type', 'name', 'params', 'severity', 'scope', 'schedule', 'timezone', 'enabled'] as const;
  const result = validateAlertRule(Object.fromEntries(fields.filter((f) => row[f] !== undefined && row[f] !== null).map((f) => [f, row[f]])));
  if (!result.ok) throw new Error(`invalid alert rule: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return result.rule;
}

/** The fields PATCH may change; type and code are the rule's identity. */
export const ALERT_RULE_MUTABLE_FIELDS = ['name', 'params', 'severity', 'scope', 'schedule', 'timezone', 'enabled'] as const;

/** PATCH semantics: given fields replace the stored ones (params and severity merge key by key). */
export function mergeAlertRule(stored: AlertRule, patch: Partial<Pick<AlertRule, (typeof ALERT_RULE_MUTABLE_FIELDS)[number]>>): unknown {
  return {
    ...stored,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    params: { ...stored.params, ...(patch.params ?? {}) },
    severity: { ...stored.severity, ...(patch.severity ?? {}) },
    scope: { ...stored.scope, ...(patch.scope ?? {}) },
  };
}
