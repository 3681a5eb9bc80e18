import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  PROJECT_STAGES,
  STALLED_REASON_LABELS,
  projectStatus,
  type DecimalString,
  type Period,
  type ProjectDetailResponse,
  type ProjectsSummary,
  type ProjectStage,
  type ProjectView,
} from '@planwatch/shared';
import { Decimal } from 'decimal.js';
import { ProjectsRepository, type ProjectRow } from './projects.repository.js';

export interface ProjectFilter {
  chain?: string;
  region?: string;
  stage?: ProjectStage;
  stalled?: boolean;
}

@Injectable()
export class ProjectsService {
  constructor(@Inject(ProjectsRepository) private readonly repository: ProjectsRepository) {}

  /** The month project figures are as of: the latest reported progress unless asked otherwise. */
  async defaultPeriod(): Promise<Period | null> {
    return this.repository.latestProgressPeriod();
  }

  async list(filter: ProjectFilter, asOf?: Period): Promise<ProjectView[]> {
    const period = asOf ?? (await this.defaultPeriod());
    if (!period) return [];
    return (await this.repository.findAll(period))
      .map((row) => toView(row, period))
      .filter(
        (p) =>
          (!filter.chain || p.chainCode === filter.chain) &&
          (!filter.region || p.regionCode === filter.region) &&
          (!filter.stage || p.stage === filter.stage) &&
          (filter.stalled === undefined || p.stalled === filter.stalled),
      );
  }

  async detail(code: string, asOf?: Period): Promise<ProjectDetailResponse> {
    const period = asOf ?? (await this.defaultPeriod());
    const row = period ? (await this.repository.findAll(period)).find((p) => p.code === code) : undefined;
    if (!row || !period) throw new NotFoundException(`重点项目"${code}"不存在`);
    return { ...toView(row, period), progress: row.progress };
  }

  async summary(asOf: Period): Promise<ProjectsSummary> {
    const views = (await this.repository.findAll(asOf)).map((row) => toView(row, asOf));
    const byStage = Object.fromEntries(PROJECT_STAGES.map((stage) => [stage, 0])) as Record<ProjectStage, number>;
    for (const view of views) byStage[view.stage] += 1;
    const due = views.filter((v) => v.startedOnTime !== null);
    const onTime = due.filter((v) => v.startedOnTime).length;
    const plan = sum(views.map((v) => v.annualPlanInvestment));
    const done = sum(views.map((v) => v.completedThisYear));
    const latest = views.map((v) => v.lastProgress).filter((p): p is Period => p !== null).sort().at(-1) ?? null;
    return {
      total: views.length,
      byStage,
      due: due.length,
      startedOnTime: onTime,
      startedOnTimePct: due.length ? (onTime / due.length) * 100 : null,
      stalled: views.filter((v) => v.stalled).length,
      annualPlanInvestment: plan.toString(),
      completedInvestment: done.toString(),
      investmentCompletionPct: plan.isZero() ? null : done.div(plan).times(100).toNumber(),
      unit: '万元',
      dataAsOf: latest,
      sample: views.some((v) => v.sample),
    };
  }
}

function sum(values: DecimalString[]): Decimal {
  return values.reduce((total, value) => total.plus(value), new Decimal(0));
}

function toView(row: ProjectRow, asOf: Period): ProjectView {
  const status = projectStatus(row, asOf);
  const { progress: _progress, ...facts } = row;
  return {
    ...facts,
    completedThisYear: status.completedThisYear,
    completedTotal: status.completedTotal,
    investmentCompletionPct: status.investmentCompletionPct,
    startedOnTime: status.startedOnTime,
    stalled: status.stalled,
    stalledReason: status.stalledReason && STALLED_REASON_LABELS[status.stalledReason],
    lastProgress: status.lastProgress,
  };
}
