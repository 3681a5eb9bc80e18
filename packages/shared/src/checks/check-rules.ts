/**
 * The rules a reported figure is checked against before it may be submitted, as 联网直报 has
 * them: 强制性审核 (hard: the row is refused) and 核实性审核 (soft: the row goes through only
 * with a 说明 the reviewer reads). The plan file sets the defaults and any indicator's own.
 */

export const CHECK_LEVELS = ['hard', 'soft'] as const;
/** hard: 强制性审核, refuses the row; soft: 核实性审核, needs a 说明. */
export type CheckLevel = (typeof CHECK_LEVELS)[number];
export const CHECK_LEVEL_LABELS: Record<CheckLevel, string> = { hard: '强制性审核', soft: '核实性审核' };

/** In the order a row lists its hits. */
export const CHECK_RULES = ['negative_month', 'magnitude', 'month_on_month', 'year_on_year', 'region_share'] as const;
export type CheckRule = (typeof CHECK_RULES)[number];
export const CHECK_RULE_LABELS: Record<CheckRule, string> = {
  month_on_month: '环比波动',
  year_on_year: '同比波动',
  magnitude: '数量级',
  region_share: '占全区比重',
  negative_month: '累计倒挤负值',
};

/** Each rule's setting; null switches the rule off for the indicator. */
export interface CheckRules {
  /** |change against the previous reporting period| above pct percent. */
  monthOnMonth: { pct: number; level: CheckLevel } | null;
  /** |change against the same period last year| above pct percent. */
  yearOnYear: { pct: number; level: CheckLevel } | null;
  /** The value is `factor` times (or 1/factor of) the usual value or more: a unit slip, most likely. */
  magnitude: { factor: number; level: CheckLevel } | null;
  /** A region's share of the district outside its usual range (last 12 periods) widened by tolerancePp points. */
  regionShare: { tolerancePp: number; level: CheckLevel } | null;
  /** A year-to-date flow below the stored figure of the month before: the month itself would be negative. */
  negativeMonth: { level: CheckLevel } | null;
}

/** The shipped defaults, when the plan file names none. */
export const DEFAULT_CHECK_RULES: CheckRules = {
  monthOnMonth: { pct: 50, level: 'soft' },
  yearOnYear: { pct: 80, level: 'soft' },
  magnitude: { factor: 1000, level: 'soft' },
  regionShare: { tolerancePp: 10, level: 'soft' },
  negativeMonth: { level: 'hard' },
};

/** A rule as a plan file writes it: some fields, or false to switch it off. */
export type CheckRulesOverride = { [K in keyof CheckRules]?: Partial<NonNullable<CheckRules[K]>> | false };

/** Defaults, then each override in turn (the plan's defaults, then the indicator's own). */
export function resolveCheckRules(base: CheckRules, ...overrides: ReadonlyArray<CheckRulesOverride | undefined>): CheckRules {
  const rules = { ...base } as Record<keyof CheckRules, unknown>;
  for (const override of overrides) {
    for (const [key, value] of Object.entries(override ?? {}) as Array<[keyof CheckRules, Record<string, unknown> | false | undefined]>) {
      if (value === undefined) continue;
      const fallback = (rules[key] ?? DEFAULT_CHECK_RULES[key]) as Record<string, unknown>;
      rules[key] = value === false ? null : { ...fallback, ...value };
    }
  }
  return rules as unknown as CheckRules;
}
