import type { ProjectsSummary, ProjectView } from '../api/contracts.js';
import { PROJECT_STAGES, type ProjectStage } from '../domain/types.js';
import { Exact, divide, toDecimal, toDecimalString } from '../units/decimal.js';

/** The key-project panel: counts by stage, on-time starts among those due, stalls, investment completion. */
export function summarizeProjects(views: readonly ProjectView[]): ProjectsSummary {
  const byStage = Object.fromEntries(PROJECT_STAGES.map((stage) => [stage, 0])) as Record<ProjectStage, number>;
  for (const view of views) byStage[view.stage] += 1;
  const due = views.filter((v) => v.startedOnTime !== null);
  const onTime = due.filter((v) => v.startedOnTime).length;
  const plan = views.reduce((total, v) => total.plus(toDecimal(v.annualPlanInvestment)), new Exact(0));
  const done = views.reduce((total, v) => total.plus(toDecimal(v.completedThisYear)), new Exact(0));
  const latest = views.map((v) => v.lastProgress).filter((p): p is NonNullable<typeof p> => p !== null).sort().at(-1) ?? null;
  return {
    total: views.length,
    byStage,
    due: due.length,
    startedOnTime: onTime,
    startedOnTimePct: due.length ? (onTime / due.length) * 100 : null,
    stalled: views.filter((v) => v.stalled).length,
    annualPlanInvestment: toDecimalString(plan),
    completedInvestment: toDecimalString(done),
    investmentCompletionPct: plan.isZero() ? null : divide(done.times(100), plan).toNumber(),
    unit: '万元',
    dataAsOf: latest,
    sample: views.some((v) => v.sample),
  };
}
