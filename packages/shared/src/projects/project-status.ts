import type { DecimalString, Period, ProjectStage } from '../domain/types.js';
import { addMonths, comparePeriods } from '../periods/periods.js';
import { Exact, divide, toDecimal, toDecimalString } from '../units/decimal.js';

export interface ProjectFacts {
  stage: ProjectStage;
  plannedStart: Period | null;
  actualStart: Period | null;
  annualPlanInvestment: DecimalString;
  /** Monthly completed investment (万元), any order. */
  progress: ReadonlyArray<{ period: Period; investment: DecimalString }>;
}

export interface ProjectStatus {
  /** Planned start reached by `asOf`. */
  due: boolean;
  /** Started no later than planned (null while not due). */
  startedOnTime: boolean | null;
  stalled: boolean;
  stalledReason: 'no_progress' | 'not_started' | null;
  /** Investment completed in asOf's year through asOf. */
  completedThisYear: DecimalString;
  completedTotal: DecimalString;
  /** completedThisYear / annual plan, in percent; null when the plan is 0. */
  investmentCompletionPct: number | null;
  lastProgress: Period | null;
}

/** Months without completed investment after which a started project counts as stalled (DOMAIN.md: two). */
export const STALL_MONTHS = 2;

const startedStages: ReadonlySet<ProjectStage> = new Set(['started', 'completed']);

/**
 * DOMAIN.md "Key projects": a project is stalled when it is under construction and shows no
 * progress for two months, or when its planned start has passed without 开工.
 */
export function projectStatus(project: ProjectFacts, asOf: Period, stallMonths = STALL_MONTHS): ProjectStatus {
  const year = asOf.slice(0, 4);
  const upToAsOf = project.progress.filter((p) => comparePeriods(p.period, asOf) <= 0);
  const sum = (rows: typeof upToAsOf) => rows.reduce((total, p) => total.plus(toDecimal(p.investment)), new Exact(0));
  const completedThisYear = sum(upToAsOf.filter((p) => p.period.startsWith(year)));
  const withInvestment = upToAsOf.filter((p) => toDecimal(p.investment).gt(0)).map((p) => p.period).sort(comparePeriods);
  const lastProgress = withInvestment.at(-1) ?? null;

  const due = project.plannedStart !== null && comparePeriods(project.plannedStart, asOf) <= 0;
  const started = startedStages.has(project.stage) && project.actualStart !== null && comparePeriods(project.actualStart, asOf) <= 0;
  const startedOnTime = !due ? null : started && comparePeriods(project.actualStart!, project.plannedStart!) <= 0;

  let stalledReason: ProjectStatus['stalledReason'] = null;
  if (due && !started) stalledReason = 'not_started';
  else if (project.stage === 'started' && started) {
    // A project that started within the window has not had the chance to stall yet.
    const windowStart = addMonths(asOf, -(stallMonths - 1));
    const startedBeforeWindow = comparePeriods(project.actualStart!, windowStart) < 0;
    const progressInWindow = lastProgress !== null && comparePeriods(lastProgress, windowStart) >= 0;
    if (startedBeforeWindow && !progressInWindow) stalledReason = 'no_progress';
  }

  const plan = toDecimal(project.annualPlanInvestment);
  return {
    due,
    startedOnTime,
    stalled: stalledReason !== null,
    stalledReason,
    completedThisYear: toDecimalString(completedThisYear),
    completedTotal: toDecimalString(sum(upToAsOf)),
    investmentCompletionPct: plan.isZero() ? null : divide(completedThisYear.times(100), plan).toNumber(),
    lastProgress,
  };
}

export const STALLED_REASON_LABELS: Record<NonNullable<ProjectStatus['stalledReason']>, string> = {
  no_progress: `连续${STALL_MONTHS}个月无投资进展`,
  not_started: '计划开工时间已过仍未开工',
};
